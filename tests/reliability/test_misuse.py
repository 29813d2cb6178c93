"""Misuse gets a precise PinpointStubError, never an internal traceback."""

from __future__ import annotations

import pytest

from pytest_pinpoint import PinpointStub, PinpointStubError


@pytest.fixture
def stub():
    with PinpointStub(fail_on_unused=False) as s:
        yield s


def test_unknown_status_names_the_valid_ones(stub: PinpointStub) -> None:
    with pytest.raises(PinpointStubError, match="SUCCESSFUL") as info:
        stub.outcome("DELIVERED")
    assert "DELIVERED" in str(info.value)


def test_legacy_status_names_the_current_value(stub: PinpointStub) -> None:
    with pytest.raises(PinpointStubError, match="TEMPORARY_FAILURE"):
        stub.outcome("TRANSIENT_FAILURE")


@pytest.mark.parametrize("times", [0, -1])
def test_times_must_be_positive(stub: PinpointStub, times: int) -> None:
    with pytest.raises(PinpointStubError, match="times"):
        stub.outcome("THROTTLED", times=times)
    with pytest.raises(PinpointStubError, match="times"):
        stub.fail("TooManyRequestsException", times=times)


def test_fail_with_an_undeclared_error_lists_the_declared_ones(stub: PinpointStub) -> None:
    with pytest.raises(PinpointStubError, match="TooManyRequestsException") as info:
        stub.fail("ThrottlingException")
    assert "ThrottlingException" in str(info.value)


def test_unknown_channel_type(stub: PinpointStub) -> None:
    with pytest.raises(PinpointStubError, match="ChannelType"):
        stub.add_user("u", endpoints={"e": {"ChannelType": "PIGEON", "Address": "roof"}})


def test_unknown_rule_in_expect_violation(stub: PinpointStub) -> None:
    with pytest.raises(PinpointStubError, match="no-such-rule"):
        stub.expect_violation("no-such-rule")


def test_stub_used_after_it_stopped() -> None:
    with PinpointStub(fail_on_unused=False) as stub:
        client = stub.client()
    with pytest.raises(PinpointStubError, match=r"stopped|not active|ended"):
        stub.outcome("THROTTLED")
    # no stub active: the live-send guard stops the call, naming the fixture
    with pytest.raises(PinpointStubError, match="pinpoint_stub") as info:
        client.send_users_messages(
            ApplicationId="a",
            SendUsersMessageRequest={
                "MessageConfiguration": {"SMSMessage": {"Body": "x"}},
                "Users": {"u": {}},
            },
        )
    assert "pinpoint" in str(info.value).lower()
