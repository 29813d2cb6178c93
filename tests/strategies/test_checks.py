"""check_request and ci_settings: fuzzing a request builder, and the README's builder example
(with the bug it is there to catch; docs/fuzzing.md's builder runs in tests/test_docs.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_pinpoint.strategies import check_request, ci_settings

README = Path(__file__).resolve().parents[2] / "README.md"


@dataclass
class Order:
    user_id: str
    campaign: str


def buggy_build_request(order: Order) -> dict[str, Any]:
    """Truncates CollapseId by characters: APNs counts bytes."""
    return {
        "ApplicationId": "611e3e3cdd47474c9c1399a505665b91",
        "SendUsersMessageRequest": {
            "MessageConfiguration": {
                "APNSMessage": {"Body": "shipped", "CollapseId": order.campaign[:64]}
            },
            "Users": {order.user_id: {}},
        },
    }


@pytest.mark.slow  # shrinking quality: a full search and shrink; CI runs it
def test_buggy_builder_gets_a_shrunk_counterexample_naming_the_rule() -> None:
    failing: list[Order] = []

    @settings(max_examples=300, database=None, derandomize=True, deadline=None)
    @given(st.builds(Order, user_id=st.just("u-1"), campaign=st.text(min_size=1, max_size=64)))
    def test_builder(order: Order) -> None:
        try:
            check_request(buggy_build_request(order))
        except AssertionError:
            failing.append(order)
            raise

    with pytest.raises(AssertionError) as info:
        test_builder()
    message = str(info.value)
    assert "1 documented rule(s)" in message
    assert "SendUsersMessageRequest.MessageConfiguration.APNSMessage.CollapseId" in message
    assert "apns-collapse-id-bytes" in message
    # The last failing run is the shrunk one: just past 64 bytes.
    assert 65 <= len(failing[-1].campaign.encode()) <= 68


def test_check_request_passes_valid_and_reports_warnings_on_request() -> None:
    params = {
        "ApplicationId": "a" * 32,
        "SendUsersMessageRequest": {
            "MessageConfiguration": {"GCMMessage": {"Body": "b", "Url": "https://x.example"}},
            "Users": {"u": {}},
        },
    }
    check_request(params)  # action-url is a warning: not a failure by default
    with pytest.raises(AssertionError, match=r"GCMMessage\.Url.*\[action-url\]"):
        check_request(params, warnings=True)
    check_request(params, warnings=True, severities={"action-url": "off"})


def test_check_request_words_failures_as_the_contract_does() -> None:
    from pytest_pinpoint import assert_valid_request

    params = {"ApplicationId": "a" * 32, "SendUsersMessageRequest": {"Users": {}}}
    with pytest.raises(AssertionError) as ours:
        check_request(params)
    with pytest.raises(AssertionError) as theirs:
        assert_valid_request(params)
    assert str(ours.value) == str(theirs.value)


def test_ci_settings() -> None:
    s = ci_settings(max_examples=7)
    assert s.max_examples == 7
    assert s.deadline is None
    assert HealthCheck.too_slow in s.suppress_health_check


def test_readme_fuzzing_example_runs_and_catches_the_character_cut() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    block = next(b for b in blocks if "def build_push_request" in b)
    namespace: dict[str, Any] = {}
    exec(compile(block, str(README), "exec"), namespace)
    namespace["test_push_builder"]()  # the byte cut passes
    buggy = block.replace('order_id.encode()[:64].decode(errors="ignore")', "order_id[:64]")
    assert buggy != block
    exec(compile(buggy, str(README), "exec"), namespace)
    with pytest.raises(AssertionError, match=r"apns-collapse-id-bytes"):
        namespace["test_push_builder"]()
