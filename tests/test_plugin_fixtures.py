"""The plugin's other fixtures, end to end with pytester: pinpoint_server (boto3 in-process and
urllib against the loopback URL), pinpoint_server_session, pinpoint_responses."""

from __future__ import annotations

import pytest

SUITE = """
import json
import urllib.request

import boto3
import pytest
import requests

BODY = {"MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
        "Users": {"testuser": {}}}


def test_server_with_boto3_endpoint_url(pinpoint_server):
    # no pinpoint_stub here: the live-send guard lets a loopback endpoint through
    client = boto3.client("pinpoint", region_name="us-west-2", endpoint_url=pinpoint_server.url,
                          aws_access_key_id="a", aws_secret_access_key="b")
    r = client.send_users_messages(ApplicationId="app", SendUsersMessageRequest=BODY)
    result = r["SendUsersMessageResponse"]["Result"]["testuser"]["testuserendpoint"]
    assert result["DeliveryStatus"] == "SUCCESSFUL"
    assert result["Address"] == "+12345678900"
    assert len(pinpoint_server.stub.calls) == 1


@pytest.mark.pinpoint(seed=9)
def test_server_takes_marker_options_and_scripts(pinpoint_server):
    pinpoint_server.stub.outcome("OPT_OUT", user="testuser")
    req = urllib.request.Request(pinpoint_server.url + "/v1/apps/app/users-messages",
                                 data=json.dumps(BODY).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as resp:
        data = json.load(resp)
    assert data["Result"]["testuser"]["testuserendpoint"]["DeliveryStatus"] == "OPT_OUT"


def test_session_server_is_shared_a(pinpoint_server_session):
    pytest.shared_url = pinpoint_server_session.url


def test_session_server_is_shared_b(pinpoint_server_session):
    assert pinpoint_server_session.url == pytest.shared_url


def test_requests_app(pinpoint_responses, pinpoint_stub):
    pinpoint_stub.outcome("THROTTLED", user="testuser", times=1)
    url = "https://pinpoint.eu-west-1.amazonaws.com/v1/apps/app/users-messages"
    first = requests.post(url, json=BODY).json()
    second = requests.post(url, json=BODY).json()
    assert first["Result"]["testuser"]["testuserendpoint"]["DeliveryStatus"] == "THROTTLED"
    assert second["Result"]["testuser"]["testuserendpoint"]["DeliveryStatus"] == "SUCCESSFUL"
    assert len(pinpoint_stub.calls) == 2


def test_unused_server_outcome_fails_at_teardown(pinpoint_server):
    pinpoint_server.stub.outcome("THROTTLED", user="testuser", times=1)
"""


def test_server_and_responses_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_fixtures=SUITE)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=6, errors=1)  # the last one passes, then errors
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_unused_server_outcome_fails_at_teardown*",
            "*pinpoint_server:*",
        ]
    )


def test_fixture_supplies_dummy_credentials_when_none_are_set(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_creds="""
        import boto3

        def test_send(pinpoint_stub):
            client = boto3.client("pinpoint", region_name="us-west-2")
            client.send_users_messages(ApplicationId="a", SendUsersMessageRequest={
                "MessageConfiguration": {"SMSMessage": {"Body": "hi"}}, "Users": {"u": {}}})
            pinpoint_stub.assert_sent(user="u", body="hi")
        """
    )
    env = {k: "" for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE")}
    env.update(AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent")
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value) if value else mp.delenv(key, raising=False)
        result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
