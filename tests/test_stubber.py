"""ContractStubber: botocore's Stubber, held to the documented contract."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.stub import ANY

from pytest_pinpoint.stubber import ContractStubber

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
REQUEST = {
    "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
    "Users": {"testuser": {}},
}


def response(status: str = "SUCCESSFUL") -> dict[str, Any]:
    return {
        "SendUsersMessageResponse": {
            "ApplicationId": APP_ID,
            "RequestId": "e0b12cf5-2359-11e9-bb0b-d5fb91876b25",
            "Result": {
                "testuser": {
                    "testuserendpoint": {
                        "DeliveryStatus": status,
                        "MessageId": "7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",
                        "StatusCode": 200,
                        "StatusMessage": "MessageId: 7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",
                        "Address": "+12345678900",
                    }
                }
            },
        }
    }


@pytest.fixture
def client() -> Any:
    return boto3.client("pinpoint", region_name="us-east-1")


def test_valid_stub_round_trips(client: Any) -> None:
    params = {"ApplicationId": APP_ID, "SendUsersMessageRequest": REQUEST}
    with ContractStubber(client) as stubber:
        stubber.add_response("send_users_messages", response(), params)
        out = client.send_users_messages(**params)
        stubber.assert_no_pending_responses()
    assert out["SendUsersMessageResponse"]["Result"]["testuser"]["testuserendpoint"][
        "DeliveryStatus"
    ] == ("SUCCESSFUL")


@pytest.mark.parametrize(
    ("status", "rule"),
    [("SUCCESS", "delivery-status-legacy"), ("BOGUS", "delivery-status-enum")],
)
def test_bad_status_is_rejected_at_add_response(client: Any, status: str, rule: str) -> None:
    stubber = ContractStubber(client)
    with pytest.raises(AssertionError) as info:
        stubber.add_response("send_users_messages", response(status))
    text = str(info.value)
    assert 'Result["testuser"]["testuserendpoint"].DeliveryStatus' in text
    assert f"[{rule}]" in text


def test_expected_params_are_validated_and_any_is_skipped(client: Any) -> None:
    stubber = ContractStubber(client)
    bad = {
        "MessageConfiguration": {"SMSMessage": {"Body": "x", "MessageType": "URGENT"}},
        "Users": {"u": {}},
    }
    with pytest.raises(AssertionError, match=r"\[sms-message-type-enum\]"):
        stubber.add_response(
            "send_users_messages",
            response(),
            {"ApplicationId": APP_ID, "SendUsersMessageRequest": bad},
        )
    stubber.add_response(
        "send_users_messages",
        response(),
        {"ApplicationId": ANY, "SendUsersMessageRequest": REQUEST},
    )


def test_other_operations_are_plain_stubber(client: Any) -> None:
    stubber = ContractStubber(client)
    stubber.add_response("get_apps", {"ApplicationsResponse": {"Item": []}})
    with stubber:
        assert client.get_apps()["ApplicationsResponse"] == {"Item": []}
