"""The end-of-support lens end to end (issue 30 item 3): the report lists each call past end of
support (terminal, JSON, xdist), ``--pinpoint-eos`` / ``pinpoint_eos`` / the marker's ``eos``
choose warn, error or off, and error mode fails exactly the tests that still make one."""

from __future__ import annotations

import json
from pathlib import Path

# Imported once here so the in-process inner sessions reuse them instead of re-importing.
import boto3  # noqa: F401
import pytest

from pytest_pinpoint import PinpointStub

# The outer test must not arm the live-send guard around the inner sessions it runs.
pytestmark = pytest.mark.pinpoint_live

# Two tests still on endpoints and users, one migrated to send_messages by address, one that
# sends to endpoint IDs (SendMessages continues, but not to endpoints), one without the stub.
SUITE = """
import boto3
import pytest

APP = "611e3e3cdd47474c9c1399a505665b91"
SMS = {"SMSMessage": {"Body": "hi"}}


def client():
    return boto3.client("pinpoint", region_name="us-east-1")


def register(endpoint_id, phone):
    request = {"ChannelType": "SMS", "Address": phone, "User": {"UserId": "u1"}}
    client().update_endpoint(ApplicationId=APP, EndpointId=endpoint_id, EndpointRequest=request)


def send_to_user():
    request = {"MessageConfiguration": SMS, "Users": {"u1": {}}}
    client().send_users_messages(ApplicationId=APP, SendUsersMessageRequest=request)


def test_legacy_register_and_send(pinpoint_stub):
    register("e1", "+12065550100")
    send_to_user()
    pinpoint_stub.assert_sent(user="u1", body="hi")


def test_legacy_send_retried(pinpoint_stub):
    pinpoint_stub.fail("TooManyRequestsException", times=1)  # botocore retries: one app call
    send_to_user()


def test_migrated(pinpoint_stub):
    request = {"Addresses": {"+12065550100": {"ChannelType": "SMS"}}, "MessageConfiguration": SMS}
    client().send_messages(ApplicationId=APP, MessageRequest=request)
    pinpoint_stub.assert_sent(address="+12065550100", body="hi")


def test_to_endpoint_ids(pinpoint_stub):
    request = {"Endpoints": {"e9": {}}, "MessageConfiguration": SMS}
    client().send_messages(ApplicationId=APP, MessageRequest=request)


def test_without_the_stub():
    assert True
"""

LEGACY = ["test_legacy_register_and_send", "test_legacy_send_retried", "test_to_endpoint_ids"]


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(test_suite=SUITE)
    return pytester


def _rows(path: Path) -> dict[str, dict[str, object]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {row["operation"]: row for row in data["end_of_support"]}


def test_warn_lists_each_call_with_count_tests_and_replacement(suite: pytest.Pytester) -> None:
    result = suite.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=5)
    result.stdout.fnmatch_lines(
        [
            "pinpoint: contract=strict seed=0 eos=warn",
            "*pinpoint summary*",
            "end of support (2026-10-30; eos=warn): 4 calls to 3 feature(s) AWS no longer supports",
            "  SendMessages (Endpoints) 1x (test_suite.py::test_to_endpoint_ids)",
            "    -> send_messages to Addresses*",
            "  SendUsersMessages 2x (test_suite.py::test_legacy_register_and_send, "
            "test_suite.py::test_legacy_send_retried)",
            "    -> pinpoint send_messages to Addresses (push); pinpoint-sms-voice-v2 "
            "send_text_message / send_voice_message (SMS, voice); sesv2 send_email (email)",
            "  UpdateEndpoint 1x (test_suite.py::test_legacy_register_and_send)",
            "    -> keep device tokens and addresses in the app*",
        ]
    )
    assert "test_migrated" not in result.stdout.str().split("end of support")[1]


def test_quiet_gives_one_line(suite: pytest.Pytester) -> None:
    result = suite.runpytest("-p", "no:cacheprovider", "-q")
    result.stdout.fnmatch_lines(
        [
            "end of support (2026-10-30; eos=warn): SendMessages (Endpoints) 1, "
            "SendUsersMessages 2, UpdateEndpoint 1"
        ]
    )


def test_json_report_carries_the_same_list(suite: pytest.Pytester) -> None:
    suite.runpytest("-p", "no:cacheprovider", "--pinpoint-report=eos.json").assert_outcomes(
        passed=5
    )
    rows = _rows(suite.path / "eos.json")
    assert sorted(rows) == ["SendMessages (Endpoints)", "SendUsersMessages", "UpdateEndpoint"]
    assert rows["SendUsersMessages"] == {
        "operation": "SendUsersMessages",
        "count": 2,
        "tests": ["test_suite.py::test_legacy_register_and_send",
                  "test_suite.py::test_legacy_send_retried"],
        "replacement": "pinpoint send_messages to Addresses (push); pinpoint-sms-voice-v2 "
        "send_text_message / send_voice_message (SMS, voice); sesv2 send_email (email)",
        "source": "https://docs.amplify.aws/android/sdk/push-notifications/messaging-campaign/",
        "inferred": True,
        "family": "send to users",
    }  # fmt: skip
    assert rows["UpdateEndpoint"]["inferred"] is False
    assert rows["UpdateEndpoint"]["source"] == (
        "https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html"
    )


def test_error_fails_exactly_the_tests_that_still_call_one(suite: pytest.Pytester) -> None:
    result = suite.runpytest("-p", "no:cacheprovider", "--pinpoint-eos=error", "-rE")
    result.assert_outcomes(passed=5, errors=3)  # the bodies pass; their teardowns fail
    out = result.stdout.str()
    for name in LEGACY:
        assert f"ERROR at teardown of {name}" in out
    for name in ("test_migrated", "test_without_the_stub"):
        assert f"of {name}" not in out
    result.stdout.fnmatch_lines(
        [
            "pinpoint: contract=strict seed=0 eos=error",
            "*the app called Amazon Pinpoint features past end of support (2026-10-30; eos=error):",
            "  UpdateEndpoint (update_endpoint, 1x); instead: keep device tokens*",
            "  SendUsersMessages (send_users_messages, 1x); instead: pinpoint send_messages to "
            "Addresses (push)*",
            "*allow them while migrating with @pytest.mark.pinpoint(eos='warn'))",
            "end of support (2026-10-30; eos=error): 4 calls*",
        ]
    )


def test_module_marker_turns_error_on_for_one_module(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_migrating="import pytest\npytestmark = pytest.mark.pinpoint(eos='error')\n" + SUITE,
        test_not_yet=SUITE,
    )
    pytester.makeini("[pytest]\npinpoint_eos = warn\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "-rE")
    result.assert_outcomes(passed=10, errors=3)
    out = result.stdout.str()
    assert all(f"ERROR test_migrating.py::{name}" in out for name in LEGACY)
    assert "ERROR test_not_yet.py" not in out


def test_a_closer_marker_wins_over_the_command_line(pytester: pytest.Pytester) -> None:
    retried = "def test_legacy_send_retried"
    opted_out = f"@pytest.mark.pinpoint(eos='warn')\n{retried}"
    pytester.makepyfile(test_opt_out=SUITE.replace(retried, opted_out))
    result = pytester.runpytest("-p", "no:cacheprovider", "--pinpoint-eos=error", "-rE")
    result.assert_outcomes(passed=5, errors=2)
    assert "ERROR test_opt_out.py::test_legacy_send_retried" not in result.stdout.str()


def test_off_lists_nothing(suite: pytest.Pytester) -> None:
    result = suite.runpytest(
        "-p", "no:cacheprovider", "--pinpoint-eos=off", "--pinpoint-report=off.json"
    )
    result.assert_outcomes(passed=5)
    result.stdout.fnmatch_lines(
        ["pinpoint: contract=strict seed=0 eos=off", "end of support (2026-10-30; eos=off): -"]
    )
    assert "SendUsersMessages 2x" not in result.stdout.str()
    assert _rows(suite.path / "off.json") == {}


def test_bad_modes_name_the_choices(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_bad="""
        import pytest

        @pytest.mark.pinpoint(eos="loud")
        def test_marker(pinpoint_stub):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*eos='loud': must be one of off, warn, error*"])
    pytester.makeini("[pytest]\npinpoint_eos = loud\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.stderr.fnmatch_lines(["*pinpoint_eos = 'loud': must be one of off, warn, error*"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_the_stub_outside_pytest_fails_its_exit_check_in_error_mode() -> None:
    request = {"ChannelType": "SMS", "Address": "+12065550100"}
    with pytest.raises(AssertionError) as failed, PinpointStub(eos="error") as stub:
        stub.client().update_endpoint(ApplicationId="a", EndpointId="e1", EndpointRequest=request)
    assert str(failed.value) == (
        "the app called Amazon Pinpoint features past end of support (2026-10-30; eos=error):\n"
        "  UpdateEndpoint (update_endpoint, 1x); instead: keep device tokens and addresses in "
        "the app and send by address (pinpoint send_messages to Addresses (push); "
        "pinpoint-sms-voice-v2 send_text_message / send_voice_message (SMS, voice); sesv2 "
        "send_email (email)); customer profiles: Amazon Connect Customer Profiles\n"
        "  (docs/migration.md has the table; allow them while migrating with "
        "@pytest.mark.pinpoint(eos='warn'))"
    )
    with PinpointStub(eos="warn") as stub:  # warn: the report lists it; nothing fails
        stub.client().update_endpoint(ApplicationId="a", EndpointId="e1", EndpointRequest=request)
    assert stub.problems() == []


def test_every_way_in_is_listed(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_ways="""
        import boto3

        BODY = {"MessageConfiguration": {"SMSMessage": {"Body": "x"}}, "Users": {"u": {}}}

        def _send(url=None):
            client = boto3.client("pinpoint", region_name="us-east-1", endpoint_url=url,
                                  aws_access_key_id="a", aws_secret_access_key="b")
            client.send_users_messages(ApplicationId="app", SendUsersMessageRequest=BODY)

        def test_server(pinpoint_server):
            _send(pinpoint_server.url)

        def test_session_server(pinpoint_server_session):
            _send(pinpoint_server_session.url)

        def test_factory(pinpoint_stub_factory):
            for _ in range(2):
                with pinpoint_stub_factory():
                    _send()
        """
    )
    pytester.runpytest("--pinpoint-report=out.json").assert_outcomes(passed=3)
    assert _rows(pytester.path / "out.json")["SendUsersMessages"]["tests"] == [
        "(session-scoped stub)",
        "test_ways.py::test_factory",
        "test_ways.py::test_server",
    ]
    assert _rows(pytester.path / "out.json")["SendUsersMessages"]["count"] == 4


@pytest.mark.slow  # subprocesses under xdist: CI runs it (make test with CI=true)
def test_xdist_merges_the_list_as_a_serial_run_has_it(suite: pytest.Pytester) -> None:
    serial = suite.runpytest_subprocess("-p", "no:cacheprovider", "--pinpoint-report=serial.json")
    serial.assert_outcomes(passed=5)
    distributed = suite.runpytest_subprocess(
        "-p", "no:cacheprovider", "-n", "2", "--pinpoint-report=xdist.json"
    )
    distributed.assert_outcomes(passed=5)
    assert _rows(suite.path / "xdist.json") == _rows(suite.path / "serial.json")
    assert len(_rows(suite.path / "xdist.json")) == 3
    lines = [line for line in distributed.outlines if "end of support" in line or "->" in line]
    assert lines == [line for line in serial.outlines if "end of support" in line or "->" in line]
