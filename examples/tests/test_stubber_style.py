"""A test written for ``botocore.stub.Stubber``, kept in that style with one import changed.

``ContractStubber`` checks the request the app really sends (the test only wrote ``ANY``), the
stubbed response and stubbed errors against the documented contract. Suites that need retries,
per-endpoint outcomes or other clients move to the ``pinpoint_stub`` fixture instead.
"""

from __future__ import annotations

import pytest
from botocore.stub import ANY
from notify import app
from notify.app import Order

from pytest_pinpoint import ContractStubber  # was: from botocore.stub import Stubber

LAMP = Order("A-1001", "Desk lamp", "$25.00", "Ada", tags=["gift"])
DELIVERED = {
    "SendUsersMessageResponse": {
        "ApplicationId": app.APP_ID,
        "RequestId": "e0b12cf5-2359-11e9-bb0b-d5fb91876b25",
        "Result": {
            "bob": {
                "mail": {
                    "DeliveryStatus": "SUCCESSFUL",
                    "MessageId": "7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",
                    "StatusCode": 200,
                    "StatusMessage": "MessageId: 7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",
                    "Address": "bob@example.com",
                }
            }
        },
    }
}


@pytest.fixture
def stubber():
    with ContractStubber(app.CLIENT) as stubber:
        yield stubber
    stubber.verify()  # a violation the app swallowed, or a stub never used, fails the test


def test_receipt_is_sent_once(stubber):
    stubber.add_response(
        "send_users_messages",
        DELIVERED,
        {"ApplicationId": app.APP_ID, "SendUsersMessageRequest": ANY},
    )
    assert app.send_receipt("bob", LAMP) == {"bob": {"mail": "SUCCESSFUL"}}


def test_too_many_tags_are_caught_although_the_test_wrote_any(stubber):
    many = Order("A-1002", "Lamp", "$1", "Bob", tags=[f"t{i}" for i in range(13)])  # 3 + 13 = 16
    stubber.expect_violation("email-headers-max")
    stubber.add_response(
        "send_users_messages",
        DELIVERED,
        {"ApplicationId": app.APP_ID, "SendUsersMessageRequest": ANY},
    )
    with pytest.raises(AssertionError, match="email-headers-max"):
        app.send_receipt("bob", many)
