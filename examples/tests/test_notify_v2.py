"""The migrated app's suite: the v1 suite's assertions, with nothing past end of support."""

from __future__ import annotations

import pytest
from notify_v2 import app
from notify_v2.app import Contact, Order

pytestmark = pytest.mark.pinpoint(eos="error")

LAMP = Order("A-1001", "Desk lamp", "$25.00", "Ada", tags=["gift"])
ADA = Contact(phone="+12065550142")
BOB = Contact(email="bob@example.com")
CY = Contact(devices={"iphone": ("APNS", "a" * 64), "pixel": ("GCM", "fcm-token-1")})


def test_one_time_code_goes_to_the_phone(pinpoint_stub):
    assert app.send_otp(ADA, "482913") == "SUCCESSFUL"
    pinpoint_stub.assert_delivered(
        channel="SMS",
        address="+12065550142",
        origination=app.ORIGINATION,
        body="Your code is 482913. It expires in 10 minutes.",
        message_type="TRANSACTIONAL",
    )


def test_throttled_code_is_retried_by_botocore(pinpoint_stub):
    pinpoint_stub.outcome("THROTTLED", address="+12065550142", times=1)
    assert app.send_otp(ADA, "482913") == "SUCCESSFUL"
    assert [c.error for c in pinpoint_stub.calls] == ["ThrottlingException", None]


def test_opted_out_number_is_reported(pinpoint_stub):
    pinpoint_stub.outcome("OPT_OUT", address="+12065550142")
    assert app.send_otp(ADA, "482913") == "OPT_OUT"
    pinpoint_stub.assert_sent(channel="SMS", status="OPT_OUT")


def test_receipt_goes_by_ses(pinpoint_stub):
    assert app.send_receipt(BOB, LAMP)
    sent = pinpoint_stub.assert_delivered(
        channel="EMAIL", address="bob@example.com", title="Your receipt for Desk lamp"
    )
    assert (sent.service, sent.body) == ("sesv2", "Total: $25.00")
    assert sent.headers == {"X-Order-Id": "A-1001", "X-Tag-0": "gift"}


def test_push_goes_to_every_device_by_address(pinpoint_stub):
    assert set(app.send_shipping_push(CY, LAMP).values()) == {"SUCCESSFUL"}
    pinpoint_stub.assert_delivered(channel="APNS", body="Desk lamp has shipped")
    pinpoint_stub.assert_delivered(channel="GCM", address="fcm-token-1", title="Order update")


def test_collapse_id_fits_in_64_bytes(pinpoint_stub):
    emoji = Order("A-1002", "🎁" * 40, "$5.00", "Cy")
    app.send_shipping_push(CY, emoji, urgent=True)
    assert len(app.collapse_id(emoji).encode()) <= 64
    assert pinpoint_stub.violations == []
