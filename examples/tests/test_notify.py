"""The demo app's own suite: what a team writes once it has the ``pinpoint_stub`` fixture."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from notify import app
from notify.app import Order

LAMP = Order("A-1001", "Desk lamp", "$25.00", "Ada", tags=["gift"])


@pytest.fixture
def users(pinpoint_stub):
    pinpoint_stub.add_user(
        "ada", endpoints={"phone": {"ChannelType": "SMS", "Address": "+12065550142"}}
    )
    pinpoint_stub.add_user(
        "bob", endpoints={"mail": {"ChannelType": "EMAIL", "Address": "bob@example.com"}}
    )
    pinpoint_stub.add_user(
        "cy",
        endpoints={
            "iphone": {"ChannelType": "APNS", "Address": "a" * 64},
            "pixel": {"ChannelType": "GCM", "Address": "fcm-token-1"},
        },
    )
    return pinpoint_stub


def test_one_time_code_is_rendered_per_user(users):
    assert app.send_otp("ada", "482913") == {"ada": {"phone": "SUCCESSFUL"}}
    users.assert_sent(
        user="ada", channel="SMS", body="Your code is 482913. It expires in 10 minutes."
    )


def test_throttled_endpoint_is_sent_again(users):
    users.outcome("THROTTLED", user="ada", endpoint="phone", times=1)
    assert app.send_otp("ada", "482913") == {"ada": {"phone": "SUCCESSFUL"}}
    assert [s.status for s in users.sent] == ["THROTTLED", "SUCCESSFUL"]


def test_permanent_failure_is_reported_not_retried(users):
    users.outcome("PERMANENT_FAILURE", user="ada", endpoint="phone")
    assert app.send_otp("ada", "482913") == {"ada": {"phone": "PERMANENT_FAILURE"}}
    assert len(users.calls) == 1


def test_botocore_retries_429_for_us(users):
    users.fail("TooManyRequestsException", times=2)
    app.send_otp("ada", "482913")
    assert [c.attempt for c in users.calls] == [1, 2, 3]


def test_receipt_subject_renders_substitutions(users):
    app.send_receipt("bob", LAMP)
    users.assert_sent(user="bob", channel="EMAIL", title="Your receipt for Desk lamp")


def test_push_priority_in_each_channels_vocabulary(users):
    app.send_shipping_push("cy", LAMP, urgent=True)
    users.assert_sent(user="cy", channel="APNS", priority="10")
    users.assert_sent(user="cy", channel="GCM", priority="high")


def test_too_many_tags_break_the_header_limit(users):
    many = Order("A-1002", "Lamp", "$1", "Bob", tags=[f"t{i}" for i in range(13)])  # 3 + 13 = 16
    users.expect_violation("email-headers-max")
    with pytest.raises(ClientError, match="email-headers-max"):
        app.send_receipt("bob", many)


def test_collapse_id_of_a_multibyte_product_is_rejected(users):
    """Known bug the plugin caught: collapse_id() cuts 64 *characters*; APNs allows 64 *bytes*.
    The real service answers 400, and so does the stub: this pins the behaviour until the fix."""
    cafe = Order("A-1003", "Café crème édition spéciale — tasse en porcelaine émaillée", "$9", "Cy")
    users.expect_violation("apns-collapse-id-bytes")
    with pytest.raises(ClientError, match="apns-collapse-id-bytes"):
        app.send_shipping_push("cy", cafe)
