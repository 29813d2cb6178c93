"""State never leaks between tests; a failing test leaves no interception behind."""

from __future__ import annotations

import pytest

from pytest_pinpoint import PinpointStub

LEAK_SUITE = """
import pytest

ORDER = []

@pytest.mark.pinpoint(fail_on_unused=False, seed=5)
@pytest.mark.parametrize("i", range(6))
def test_scripts_state(pinpoint_stub, i):
    assert pinpoint_stub.calls == [] and pinpoint_stub.sent == []
    sms = {"ChannelType": "SMS", "Address": "+12065550100"}
    pinpoint_stub.add_user(f"only-in-{i}", endpoints={"e": sms})
    pinpoint_stub.outcome("OPT_OUT", times=None)
    pinpoint_stub.fail("TooManyRequestsException", times=1)
    client = pinpoint_stub.client()
    r = client.send_users_messages(ApplicationId="a", SendUsersMessageRequest={
        "MessageConfiguration": {"SMSMessage": {"Body": "x"}}, "Users": {"fresh": {}}})
    # the outcome scripted in THIS test applies; nothing from a previous test does
    result = r["SendUsersMessageResponse"]["Result"]
    assert result["fresh"]["freshendpoint"]["DeliveryStatus"] == "OPT_OUT"
    assert r["ResponseMetadata"]["RetryAttempts"] == 1
    assert len(pinpoint_stub.calls) == 2  # this test's two attempts, none from another test

def test_without_stub_no_interception_is_left():
    import botocore.endpoint
    from pytest_pinpoint.interception import registry
    assert not registry.active()
"""

SHUFFLE = """
import random
def pytest_collection_modifyitems(items):
    random.Random(int(__import__("os").environ.get("ORDER_SEED", "0"))).shuffle(items)
"""


def test_no_leak_in_random_order(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two copies of the suite, shuffled together in one subprocess: 14 tests, 13 hand-overs
    from one test to the next, within a module and across the two (two shuffled runs of one
    copy, 12 hand-overs, cost a second subprocess start)."""
    monkeypatch.setenv("ORDER_SEED", "1")
    pytester.makeconftest(SHUFFLE)
    pytester.makepyfile(test_leak_a=LEAK_SUITE, test_leak_b=LEAK_SUITE)
    result = pytester.runpytest_subprocess("-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=14)
    order = [line.split("::")[0] for line in result.outlines if " PASSED" in line]
    assert order != sorted(order), "the two modules ran one after the other: not shuffled"


@pytest.mark.slow  # subprocesses under xdist: CI runs it (make test with CI=true)
def test_no_leak_under_xdist(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_leak=LEAK_SUITE)
    result = pytester.runpytest_subprocess("-q", "-p", "xdist", "-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=7)


def test_exception_mid_call_leaves_no_interception() -> None:
    from pytest_pinpoint.interception import registry

    def explode(message: object) -> str:
        raise RuntimeError("user callback blew up")

    stub = PinpointStub(fail_on_unused=False)
    stub.outcome(explode)
    client = stub.client()
    with pytest.raises(RuntimeError, match="blew up"), stub:
        client.send_users_messages(
            ApplicationId="a",
            SendUsersMessageRequest={
                "MessageConfiguration": {"SMSMessage": {"Body": "x"}},
                "Users": {"u": {}},
            },
        )
    assert not registry.active()
