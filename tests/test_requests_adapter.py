"""Apps that call the Pinpoint REST API with ``requests``, answered through ``responses``."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
import responses
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from seed_example import assert_documented_result

from pytest_pinpoint.interception.responses import register, url_pattern
from pytest_pinpoint.service.stub import PinpointStub

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
# The worked example of 000_55cfda106dd42147.txt (myfile.json).
SEED_BODY = {
    "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
    "Users": {"testuser": {}},
}
CREDENTIALS = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")


def send_users_messages(
    app_id: str, request: dict[str, Any], region: str = "us-west-2", method: str = "POST"
) -> requests.Response:
    """What such an app does: sign with SigV4 itself, then POST with requests."""
    url = f"https://pinpoint.{region}.amazonaws.com/v1/apps/{app_id}/users-messages"
    body = json.dumps(request)
    aws_request = AWSRequest(method, url, data=body, headers={"Content-Type": "application/json"})
    SigV4Auth(CREDENTIALS, "mobiletargeting", region).add_auth(aws_request)
    return requests.request(
        method, url, data=body, headers=dict(aws_request.headers.items()), timeout=5
    )


def test_seed_example_gets_the_documented_response() -> None:
    stub = PinpointStub()
    with responses.RequestsMock() as rsps:
        assert register(stub, rsps) is rsps
        reply = send_users_messages(APP_ID, SEED_BODY)
        assert len(rsps.calls) == 1  # responses resets its call list on exit
        assert "Authorization" in rsps.calls[0].request.headers
    assert reply.status_code == 200
    assert reply.headers["Content-Type"].startswith("application/json")
    data = reply.json()
    assert data["ApplicationId"] == APP_ID
    assert data["RequestId"] == stub.calls[0].request_id
    result = data["Result"]["testuser"]["testuserendpoint"]
    assert_documented_result(result)
    [call] = stub.calls
    assert call.params == {"ApplicationId": APP_ID, "SendUsersMessageRequest": SEED_BODY}


@responses.activate
def test_default_mock_under_responses_activate() -> None:
    stub = PinpointStub()
    assert register(stub) is responses.mock
    assert send_users_messages(APP_ID, SEED_BODY, region="eu-central-1").status_code == 200
    assert stub.calls[0].url.startswith("https://pinpoint.eu-central-1.amazonaws.com/")


def test_scripted_error_maps_through() -> None:
    stub = PinpointStub()
    stub.fail("TooManyRequestsException", message="slow down")
    with responses.RequestsMock() as rsps:
        register(stub, rsps)
        first = send_users_messages(APP_ID, SEED_BODY)
        second = send_users_messages(APP_ID, SEED_BODY)
    assert first.status_code == 429
    assert first.headers["x-amzn-ErrorType"].startswith("TooManyRequestsException")
    assert first.json()["Message"] == "slow down"
    assert second.status_code == 200


def test_scripted_outcome_maps_through() -> None:
    stub = PinpointStub()
    stub.outcome("OPT_OUT", user="testuser")
    with responses.RequestsMock() as rsps:
        register(stub, rsps)
        data = send_users_messages(APP_ID, SEED_BODY).json()
    assert data["Result"]["testuser"]["testuserendpoint"]["DeliveryStatus"] == "OPT_OUT"


def test_contract_violation_is_a_400() -> None:
    stub = PinpointStub()
    bad = {"MessageConfiguration": {"SMSMessage": {"MessageType": "URGENT"}}, "Users": {"u": {}}}
    with responses.RequestsMock() as rsps:
        register(stub, rsps)
        reply = send_users_messages(APP_ID, bad)
    assert reply.status_code == 400
    assert reply.headers["x-amzn-ErrorType"].startswith("BadRequestException")
    assert "sms-message-type-enum" in reply.json()["Message"]


def test_other_methods_are_answered_by_the_stub() -> None:
    stub = PinpointStub()
    with responses.RequestsMock() as rsps:
        register(stub, rsps)
        reply = send_users_messages(APP_ID, SEED_BODY, method="GET")
    assert reply.status_code == 405
    assert reply.headers["x-amzn-ErrorType"].startswith("MethodNotAllowedException")
    assert [c.error for c in stub.calls] == ["MethodNotAllowedException"]


def test_unregistered_urls_are_left_to_responses() -> None:
    stub = PinpointStub()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        register(stub, rsps)
        with pytest.raises(requests.ConnectionError, match="Connection refused by Responses"):
            requests.get("https://pinpoint.us-west-2.amazonaws.com/v1/no-such-route", timeout=5)
    assert stub.calls == []


@pytest.mark.parametrize(
    ("url", "matches"),
    [
        (f"https://pinpoint.us-west-2.amazonaws.com/v1/apps/{APP_ID}/users-messages", True),
        (f"https://pinpoint-fips.us-east-1.amazonaws.com/v1/apps/{APP_ID}/users-messages", True),
        (f"https://pinpoint.cn-north-1.amazonaws.com.cn/v1/apps/{APP_ID}/users-messages", True),
        (f"https://pinpoint.us-west-2.amazonaws.com/v1/apps/{APP_ID}/users-messages?x=1", True),
        (f"https://pinpoint.us-west-2.amazonaws.com/v1/apps/{APP_ID}/messages", False),
        (
            f"https://evil.example/pinpoint.us-west-2.amazonaws.com/v1/apps/{APP_ID}/users-messages",
            False,
        ),
        (f"http://pinpoint.us-west-2.amazonaws.com/v1/apps/{APP_ID}/users-messages", False),
        ("https://pinpoint.us-west-2.amazonaws.com/v1/apps//users-messages", False),
    ],
)
def test_url_pattern(url: str, matches: bool) -> None:
    assert bool(url_pattern(["SendUsersMessages"]).match(url)) is matches
