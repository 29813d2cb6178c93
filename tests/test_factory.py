"""``pinpoint_stub_factory`` (issue 14) end to end: a fresh stub per Hypothesis example, no
health check to suppress, teardown checks per example, counts in the session report."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

# Imported once here so the in-process inner sessions reuse them instead of re-importing.
import boto3  # noqa: F401
import hypothesis  # noqa: F401
import pytest

from pytest_pinpoint import PinpointStubFactory

# The outer test must not arm the live-send guard around the inner sessions it runs.
pytestmark = pytest.mark.pinpoint_live

COMMON = """
import boto3
from hypothesis import given, settings, strategies as st

APP = "611e3e3cdd47474c9c1399a505665b91"
# created once, at import: as apps do (a client per example would spend Hypothesis' deadline)
client = boto3.client("pinpoint", region_name="us-east-1")


def send_sms(users=("u1",)):
    request = {"MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
               "Users": {u: {} for u in users}}
    return client.send_users_messages(ApplicationId=APP, SendUsersMessageRequest=request)
"""

FRESH = (
    COMMON
    + """

@settings(max_examples=25, database=None)
@given(sends=st.integers(0, 3))
def test_every_example_gets_an_empty_stub(pinpoint_stub_factory, sends):
    with pinpoint_stub_factory() as stub:
        assert stub.active
        assert (stub.calls, stub.sent, stub.violations) == ([], [], [])
        for _ in range(sends):
            send_sms()
        assert len(stub.calls) == sends
    assert not stub.active


def test_options_default_to_the_command_line_and_kwargs_win(pinpoint_stub_factory):
    assert pinpoint_stub_factory.defaults == {"contract": "warn", "seed": 7, "eos": "warn"}
    with pinpoint_stub_factory() as stub:
        assert (stub.options.contract, stub.options.seed) == ("warn", 7)
    with pinpoint_stub_factory(contract="strict", fail_on_unused=False) as stub:
        options = stub.options
        assert (options.contract, options.seed, options.fail_on_unused) == ("strict", 7, False)
"""
)

SWALLOWED = (
    COMMON
    + """

def build_email(header_count):
    headers = [{"Name": f"X-H{i}", "Value": "v"} for i in range(header_count)]
    simple = {"Subject": {"Data": "s"}, "TextPart": {"Data": "t"}, "Headers": headers}
    return {"MessageConfiguration": {"EmailMessage": {"FromAddress": "a@example.com",
                                                      "SimpleEmail": simple}},
            "Users": {"u1": {}}}


@settings(max_examples=60, database=None)
@given(header_count=st.integers(0, 40))
def test_app_swallows_the_400(pinpoint_stub_factory, header_count):
    with pinpoint_stub_factory() as stub:
        try:
            client.send_users_messages(ApplicationId=APP,
                                       SendUsersMessageRequest=build_email(header_count))
        except client.exceptions.BadRequestException:
            pass  # swallowed, as careless apps do


@settings(max_examples=10, database=None)
@given(users=st.lists(st.sampled_from(["u1", "u2"]), max_size=2))
def test_unused_script_fails_the_example(pinpoint_stub_factory, users):
    with pinpoint_stub_factory() as stub:
        stub.outcome("OPT_OUT", user="u2")
        if users:
            send_sms(users)
"""
)


def test_fresh_stub_per_example_without_health_check_suppression(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_fresh=FRESH)
    result = pytester.runpytest(
        "-W",
        "error",
        "--pinpoint-contract=warn",
        "--pinpoint-seed=7",
        "--pinpoint-report=r.json",
        "--junitxml=j.xml",
    )
    result.assert_outcomes(passed=2)
    data = json.loads((pytester.path / "r.json").read_text())
    assert data["tests"] == 2  # a @given test counts once, however many examples it ran
    assert data["calls"] == data["statuses"]["SUCCESSFUL"] > 0
    # every example's calls are the test's own JUnit properties
    props = {
        case.get("name"): {p.get("name"): p.get("value") for p in case.iter("property")}
        for case in ET.parse(pytester.path / "j.xml").iter("testcase")
    }
    assert props["test_every_example_gets_an_empty_stub"]["pinpoint_calls"] == str(data["calls"])
    assert props["test_options_default_to_the_command_line_and_kwargs_win"]["pinpoint_calls"] == "0"


def test_swallowed_violation_and_unused_script_fail_the_shrunk_example(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_swallowed=SWALLOWED)
    result = pytester.runpytest("-p", "no:randomly", "--junitxml=j.xml")
    result.assert_outcomes(failed=2)
    out = result.stdout.str()
    # Hypothesis shrank to the boundary: 16 headers, the first count past the documented 15
    result.stdout.fnmatch_lines(
        [
            "*1 contract violation(s)*",
            "*SimpleEmail.Headers: has 16 headers; at most 15 *[[]email-headers-max[]]",
        ]
    )
    result.stdout.fnmatch_lines(["*header_count=16,*"])
    assert "users=[]" in out or "users=['u1']" in out
    result.stdout.fnmatch_lines(["*scripted pinpoint_stub behaviour was not used up*"])
    result.stdout.fnmatch_lines(["*= pinpoint summary =*", "violations: email-headers-max *"])


def test_factory_outside_pytest_records_through_its_hook() -> None:
    seen = []
    factory = PinpointStubFactory({"seed": 3}, on_exit=seen.append)
    with factory(fail_on_unused=False) as stub:
        stub.outcome("THROTTLED")
        assert stub.options.seed == 3
    assert seen == [stub]
    with pytest.raises(AssertionError, match="not used up"), factory() as stub:
        stub.outcome("THROTTLED")
    assert seen[-1] is stub
    assert "seed=3" in repr(factory)
