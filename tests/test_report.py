"""The session report (issue 16), end to end with pytester: terminal summary, JSON, xdist,
JUnit properties, the "never simulated" gate, and every way in."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from types import SimpleNamespace

# Imported once here so the in-process inner sessions reuse them instead of re-importing.
import boto3  # noqa: F401
import pytest

from pytest_pinpoint import report

# The outer test must not arm the live-send guard around the inner sessions it runs.
pytestmark = pytest.mark.pinpoint_live

# The done-when suite: a plain send, a THROTTLED outcome, two scripted 429s answered by
# botocore's real retries, a warn-mode test breaking email-headers-max, a test without the stub.
SCENARIO = """
import boto3
import pytest

APP = "611e3e3cdd47474c9c1399a505665b91"
SMS = {"MessageConfiguration": {"SMSMessage": {"Body": "hi"}}, "Users": {"u1": {}}}


def send(request=SMS):
    client = boto3.client("pinpoint", region_name="us-east-1")
    return client.send_users_messages(ApplicationId=APP, SendUsersMessageRequest=request)


def test_plain_send(pinpoint_stub):
    send()


def test_throttled(pinpoint_stub):
    pinpoint_stub.outcome("THROTTLED", user="u1")
    send()


def test_two_throttling_errors_then_success(pinpoint_stub):
    pinpoint_stub.fail("TooManyRequestsException", times=2)
    send()
    errors = [c.error for c in pinpoint_stub.calls]
    assert errors == ["TooManyRequestsException", "TooManyRequestsException", None]


@pytest.mark.pinpoint(contract="warn")
def test_sixteen_email_headers(pinpoint_stub):
    headers = [{"Name": f"X-H{i}", "Value": "v"} for i in range(16)]
    simple = {"Subject": {"Data": "s"}, "TextPart": {"Data": "t"}, "Headers": headers}
    email = {"FromAddress": "a@example.com", "SimpleEmail": simple}
    send({"MessageConfiguration": {"EmailMessage": email}, "Users": {"u1": {}}})


def test_without_the_stub():
    assert True
"""

SMALL = """
import boto3

def test_throttled(pinpoint_stub):
    pinpoint_stub.outcome("THROTTLED", user="u1")
    boto3.client("pinpoint", region_name="us-east-1").send_users_messages(
        ApplicationId="app",
        SendUsersMessageRequest={"MessageConfiguration": {"SMSMessage": {"Body": "x"}},
                                 "Users": {"u1": {}}},
    )
"""


def _check_scenario(data: dict[str, object]) -> None:
    assert data["tests"] == 4
    assert data["calls"] == 6  # 1 + 1 + 3 attempts + 1
    statuses = data["statuses"]
    assert isinstance(statuses, dict)
    assert statuses["THROTTLED"] == 1
    assert statuses["SUCCESSFUL"] >= 3
    assert data["errors"] == {"TooManyRequestsException": 2}
    assert data["violations"] == {"email-headers-max": 1}
    missing = data["not_simulated"]
    assert isinstance(missing, dict)
    assert "OPT_OUT" in missing["statuses"]
    assert "InternalServerErrorException" in missing["errors"]
    assert "THROTTLED" not in missing["statuses"]
    assert "TooManyRequestsException" not in missing["errors"]


@pytest.mark.slow  # subprocesses under xdist: CI runs it (make test with CI=true)
def test_done_when_scenario_terminal_json_junit_and_xdist(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_scenario=SCENARIO)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "--pinpoint-report=serial.json", "--junitxml=junit.xml"
    )
    result.assert_outcomes(passed=5)
    result.stdout.fnmatch_lines(
        [
            "*= pinpoint summary =*",
            "4 tests used the stub: 6 calls, 4 messages",
            "operations: SendUsersMessages 6",
            "channels:   EMAIL 1, SMS 3",
            "statuses:   SUCCESSFUL 3, THROTTLED 1",
            "errors:     TooManyRequestsException 2",
            "violations: email-headers-max 1 (error; contract=warn)",
            "never simulated, DeliveryStatus: *OPT_OUT*",
            "never simulated, call errors: *InternalServerErrorException (500)*",
            "*= 5 passed in *",
        ]
    )
    serial = json.loads((pytester.path / "serial.json").read_text())
    _check_scenario(serial)

    # each test's counts are JUnit XML properties
    cases = {c.get("name"): c for c in ET.parse(pytester.path / "junit.xml").iter("testcase")}
    props = {
        name: {p.get("name"): p.get("value") for p in case.iter("property")}
        for name, case in cases.items()
    }
    assert props["test_two_throttling_errors_then_success"] == {
        "pinpoint_calls": "3",
        "pinpoint_messages": "1",
        "pinpoint_statuses": "SUCCESSFUL=1",
        "pinpoint_errors": "TooManyRequestsException=2",
    }
    assert props["test_sixteen_email_headers"]["pinpoint_violations"] == "email-headers-max=1"
    assert props["test_without_the_stub"] == {}

    distributed = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-n", "2", "--pinpoint-report=xdist.json"
    )
    distributed.assert_outcomes(passed=5)
    distributed.stdout.fnmatch_lines(["4 tests used the stub: 6 calls, 4 messages"])
    assert json.loads((pytester.path / "xdist.json").read_text()) == serial


@pytest.fixture
def small(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(test_small=SMALL)
    return pytester


def test_quiet_shortens_and_none_hides(small: pytest.Pytester) -> None:
    quiet = small.runpytest("-q")
    quiet.assert_outcomes(passed=1)
    quiet.stdout.fnmatch_lines(
        [
            "*= pinpoint summary =*",
            "1 test, 1 calls, 1 messages; THROTTLED 1",
            "never simulated: SUCCESSFUL, *, OPT_OUT, *, InternalServerErrorException, *",
        ]
    )
    assert not any(line.startswith("operations:") for line in quiet.outlines)
    hidden = small.runpytest("--pinpoint-report=none")
    hidden.assert_outcomes(passed=1)
    assert "pinpoint summary" not in hidden.stdout.str()


def test_ini_key_writes_the_json(small: pytest.Pytester) -> None:
    small.makeini("[pytest]\npinpoint_report = reports/pinpoint.json\n")
    small.runpytest().assert_outcomes(passed=1)
    data = json.loads((small.path / "reports" / "pinpoint.json").read_text())
    assert data["statuses"] == {"THROTTLED": 1}
    assert set(data) == {
        "tests",
        "contract_stubber_tests",
        "calls",
        "messages",
        "operations",
        "channels",
        "statuses",
        "errors",
        "violations",
        "severities",
        "not_simulated",
        "end_of_support",
    }


def test_require_simulated_fails_the_session(small: pytest.Pytester) -> None:
    result = small.runpytest("--pinpoint-require-simulated=OPT_OUT, THROTTLED,BadRequestException")
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        ["pinpoint: FAIL required to be simulated but never were: OPT_OUT, BadRequestException *"]
    )
    small.makeini("[pytest]\npinpoint_require_simulated = THROTTLED\n")
    ok = small.runpytest("--pinpoint-report=none")
    assert ok.ret == pytest.ExitCode.OK
    assert "pinpoint summary" not in ok.stdout.str()
    assert "FAIL required" not in ok.stdout.str()


def test_require_simulated_refuses_unknown_names(small: pytest.Pytester) -> None:
    result = small.runpytest("--pinpoint-require-simulated=OPT_OUT,TooManyRequests")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*TooManyRequests is neither a DeliveryStatus*"])


def test_no_summary_when_no_test_used_the_plugin(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain="def test_one():\n    assert True\n")
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    assert "pinpoint summary" not in result.stdout.str()
    pytester.runpytest("--pinpoint-report=out.json").assert_outcomes(passed=1)
    data = json.loads((pytester.path / "out.json").read_text())
    assert (data["tests"], data["calls"], data["not_simulated"]["errors"]) == (0, 0, [])
    assert "OPT_OUT" in data["not_simulated"]["statuses"]


def test_loopback_server_fixtures_are_counted(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_servers="""
        import boto3

        BODY = {"MessageConfiguration": {"SMSMessage": {"Body": "x"}}, "Users": {"u": {}}}

        def _send(url):
            client = boto3.client("pinpoint", region_name="us-east-1", endpoint_url=url,
                                  aws_access_key_id="a", aws_secret_access_key="b")
            client.send_users_messages(ApplicationId="app", SendUsersMessageRequest=BODY)

        def test_server(pinpoint_server):
            pinpoint_server.stub.outcome("OPT_OUT", user="u")
            _send(pinpoint_server.url)

        def test_session_server(pinpoint_server_session):
            _send(pinpoint_server_session.url)

        def test_session_server_again(pinpoint_server_session):
            _send(pinpoint_server_session.url)
        """
    )
    result = pytester.runpytest("--pinpoint-report=out.json")
    result.assert_outcomes(passed=3)
    data = json.loads((pytester.path / "out.json").read_text())
    assert (data["tests"], data["calls"]) == (3, 3)
    assert data["statuses"] == {"OPT_OUT": 1, "SUCCESSFUL": 2}


# --- the counting and formatting, without a pytest run -------------------------------------------


def _stub(contract: str = "strict", **record: object) -> SimpleNamespace:
    options = SimpleNamespace(contract=contract)
    return SimpleNamespace(
        **{"calls": [], "sent": [], "violations": [], "options": options, **record}
    )


def _call(error: str | None = None, **extra: object) -> SimpleNamespace:
    fields = {"method": "POST", "url": "https://x/v1/apps/a/messages", **extra}
    return SimpleNamespace(error=error, **fields)


def test_counts_read_the_public_record_and_merge_like_a_serial_run() -> None:
    one = report.Counts(tests=1)
    one.add_stub(
        _stub(
            calls=[_call("TooManyRequestsException"), _call(operation="SendUsersMessages")],
            sent=[SimpleNamespace(channel="SMS", status="OPT_OUT")],
            violations=[SimpleNamespace(rule="sms-body", severity="warning")],
        )
    )
    # without .operation the model's routing table names it
    assert one.operations == {"SendMessages": 1, "SendUsersMessages": 1}
    two = report.Counts(tests=1)
    error = SimpleNamespace(rule="sms-body", severity="error")
    two.add_stub(_stub(calls=[_call(url="https://x/nowhere")], violations=[error], contract="warn"))
    two.add_stub(_stub(violations=[error]))
    total = report.Counts.from_wire(one.to_wire())
    total.merge(report.Counts.from_wire(two.to_wire()))
    assert total.tests == 2
    assert total.operations[report.UNROUTED] == 1
    assert total.violations == {"sms-body": 3}
    # an error a warn-mode stub only recorded is told apart from an enforced one
    assert total.severities == {"sms-body": {"warning", "error", "error; contract=warn"}}
    missing = report.not_simulated(total)
    assert "OPT_OUT" not in missing.statuses
    assert "TooManyRequestsException" not in missing.errors
    assert missing.errors["InternalServerErrorException"] == 500


def test_summary_lines_without_any_call() -> None:
    counts = report.Counts(tests=1)
    lines = report.summary_lines(counts, report.not_simulated(counts), verbosity=0)
    assert lines[0] == "1 test used the stub: 0 calls, 0 messages"
    assert lines[1:6] == [
        "operations: -",
        "channels:   -",
        "statuses:   -",
        "errors:     -",
        "violations: -",
    ]
    assert lines[-1].startswith("never simulated, DeliveryStatus: SUCCESSFUL")


STUBBER_TESTS = """
import boto3
from pytest_pinpoint import ContractStubber

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
REQUEST = {
    "ApplicationId": APP_ID,
    "SendUsersMessageRequest": {
        "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
        "Users": {"u1": {}},
    },
}
RESPONSE = {"SendUsersMessageResponse": {"ApplicationId": APP_ID, "Result": {}}}


def test_with_a_contract_stubber():
    client = boto3.client("pinpoint", region_name="us-east-1",
                          aws_access_key_id="a", aws_secret_access_key="b")
    with ContractStubber(client) as stubber:
        stubber.add_response("send_users_messages", RESPONSE, REQUEST)
        client.send_users_messages(**REQUEST)


def test_with_the_fixture_and_a_contract_stubber(pinpoint_stub):
    client = boto3.client("pinpoint", region_name="us-east-1",
                          aws_access_key_id="a", aws_secret_access_key="b")
    with ContractStubber(client) as stubber:
        stubber.add_response("send_users_messages", RESPONSE, REQUEST)
        client.send_users_messages(**REQUEST)


def test_with_neither():
    pass
"""


@pytest.mark.parametrize(
    "workers",
    [[], pytest.param(["-n", "2", "-p", "xdist"], marks=pytest.mark.slow)],  # workers: seconds
    ids=["serial", "xdist"],
)
def test_tests_using_contract_stubber_are_counted(
    pytester: pytest.Pytester, workers: list[str]
) -> None:
    """Issue 29: a suite on ContractStubber alone read as '0 tests used the stub'."""
    pytester.makepyfile(test_stubbed=STUBBER_TESTS)
    result = pytester.runpytest_subprocess("--pinpoint-report=r.json", *workers)
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*2 tests (2 with ContractStubber) used the stub*"])
    data = json.loads((pytester.path / "r.json").read_text())
    assert (data["tests"], data["contract_stubber_tests"]) == (2, 2)
