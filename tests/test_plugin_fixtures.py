"""The plugin's other fixtures, end to end with pytester: pinpoint_server (boto3 in-process and
urllib against the loopback URL), pinpoint_server_session, pinpoint_responses."""

from __future__ import annotations

import re
from collections import Counter

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


METHODS_SUITE = """
import datetime as dt

import pytest

SMS = {"MessageConfiguration": {"SMSMessage": {"Body": "hi"}}, "Users": {"u": {}}}
SILENT = {
    "MessageConfiguration": {"APNSMessage": {"SilentPush": True,
        "RawContent": '{"aps": {"content-available": 1}}'}},
    "Users": {"ios": {}},
}


def send(stub, app="app", body=SMS):
    return stub.client().send_users_messages(ApplicationId=app, SendUsersMessageRequest=body)


def test_templates_must_exist_once_registered(pinpoint_stub):
    pinpoint_stub.add_template("welcome", kind="SMSTemplate", version="2")
    body = {**SMS, "TemplateConfiguration": {"SMSTemplate": {"Name": "welcome", "Version": "2"}}}
    send(pinpoint_stub, body=body)
    pinpoint_stub.expect_violation("template-exists")
    missing = {**SMS, "TemplateConfiguration": {"SMSTemplate": {"Name": "welcom"}}}
    with pytest.raises(Exception, match="template-exists"):
        send(pinpoint_stub, body=missing)


def test_assert_not_sent_shows_what_was_sent(pinpoint_stub):
    send(pinpoint_stub)
    pinpoint_stub.assert_not_sent(user="someone-else")
    with pytest.raises(AssertionError, match="body='hi'"):
        pinpoint_stub.assert_not_sent(user="u")


def test_clock_drives_creation_date_and_the_silent_push_rate(pinpoint_stub):
    pinpoint_stub.add_user("ios", endpoints={"phone": {"ChannelType": "APNS", "Address": "t" * 64}})
    start = pinpoint_stub.clock
    for _ in range(3):
        send(pinpoint_stub, body=SILENT)
    assert [v.rule for v in pinpoint_stub.violations] == []
    send(pinpoint_stub, body=SILENT)  # the 4th within the hour
    assert [v.rule for v in pinpoint_stub.violations] == ["apns-silent-rate"]
    pinpoint_stub.advance(3601)
    send(pinpoint_stub, body=SILENT)
    assert [v.rule for v in pinpoint_stub.violations] == ["apns-silent-rate"]
    assert pinpoint_stub.sent[-1].sent_at - start == dt.timedelta(seconds=3601)


@pytest.mark.pinpoint(strict_users=True)
def test_strict_users_gives_no_endpoints_to_unknown_users(pinpoint_stub):
    result = send(pinpoint_stub)["SendUsersMessageResponse"]["Result"]
    assert result == {"u": {}}


@pytest.mark.pinpoint(known_apps=["app-1"])
def test_known_apps_answers_not_found_for_others(pinpoint_stub):
    send(pinpoint_stub, app="app-1")
    client = pinpoint_stub.client()
    with pytest.raises(client.exceptions.NotFoundException, match="app-2"):
        client.send_users_messages(ApplicationId="app-2", SendUsersMessageRequest=SMS)
"""


CREDS_SUITE = """
import boto3

def test_send(pinpoint_stub):
    client = boto3.client("pinpoint", region_name="us-west-2")
    client.send_users_messages(ApplicationId="a", SendUsersMessageRequest={
        "MessageConfiguration": {"SMSMessage": {"Body": "hi"}}, "Users": {"u": {}}})
    pinpoint_stub.assert_sent(user="u", body="hi")
"""

NO_CREDENTIALS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE")
RUN = pytest.StashKey[pytest.RunResult]()
SUMMARY = re.compile(r"(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) (\w+)\.py::")


@pytest.fixture
def suites(request: pytest.FixtureRequest) -> pytest.RunResult:
    """SUITE, CREDS_SUITE and METHODS_SUITE in one pytest subprocess, once per session (its
    start-up is most of their cost), with no AWS credentials anywhere: the plugin must supply
    dummy ones (CREDS_SUITE); the other two pass with or without them."""
    result = request.config.stash.get(RUN, None)
    if result is None:
        pytester: pytest.Pytester = request.getfixturevalue("pytester")
        pytester.makepyfile(test_fixtures=SUITE, test_creds=CREDS_SUITE, test_methods=METHODS_SUITE)
        with pytest.MonkeyPatch.context() as mp:
            for key in NO_CREDENTIALS:
                mp.delenv(key, raising=False)
            mp.setenv("AWS_CONFIG_FILE", "/nonexistent")
            mp.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
            result = pytester.runpytest_subprocess("-q", "-rA", "-p", "no:cacheprovider")
        request.config.stash[RUN] = result
    return result


def outcomes(result: pytest.RunResult, module: str) -> dict[str, int]:
    """``{"passed": 6, "error": 1}``: one module's outcomes, from the ``-rA`` summary."""
    found = Counter(
        m[1].lower() for m in map(SUMMARY.match, result.outlines) if m and m[2] == module
    )
    return dict(found)


def test_server_and_responses_fixtures(suites: pytest.RunResult) -> None:
    # the last one passes, then errors
    assert outcomes(suites, "test_fixtures") == {"passed": 6, "error": 1}, suites.stdout.str()
    suites.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_unused_server_outcome_fails_at_teardown*",
            "*pinpoint_server:*",
        ]
    )


def test_fixture_supplies_dummy_credentials_when_none_are_set(suites: pytest.RunResult) -> None:
    assert outcomes(suites, "test_creds") == {"passed": 1}, suites.stdout.str()


def test_public_methods_and_marker_options(suites: pytest.RunResult) -> None:
    assert outcomes(suites, "test_methods") == {"passed": 5}, suites.stdout.str()


SWALLOWED_500 = """
import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError


@pytest.mark.pinpoint(fail_on_unused=False)
def test_app_swallows_the_500(pinpoint_server):
    def broken(message):
        raise ZeroDivisionError("rule bug")

    pinpoint_server.stub.outcome(broken)
    client = boto3.client(
        "pinpoint", region_name="us-east-1", endpoint_url=pinpoint_server.url,
        aws_access_key_id="a", aws_secret_access_key="b",
        config=Config(retries={"total_max_attempts": 1}),
    )
    body = {"MessageConfiguration": {"SMSMessage": {"Body": "hi"}}, "Users": {"u": {}}}
    try:
        client.send_users_messages(ApplicationId="app", SendUsersMessageRequest=body)
    except ClientError:
        pass  # the app logs and carries on: the 500 must not hide the stub's exception
"""


def test_server_fixture_fails_the_test_naming_an_exception_in_the_stub(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_swallowed=SWALLOWED_500)
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*pinpoint_server: the stub raised ZeroDivisionError: rule bug*"])
