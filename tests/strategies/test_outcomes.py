"""Outcome sequences: what they draw, how the stub plays them, and the docs' retry loop and
state machine (run here with a stand-in for pinpoint_stub_factory until the plugin has it)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from botocore.config import Config

from pytest_pinpoint import PinpointStub, model
from pytest_pinpoint.strategies import (
    OutcomeSequence,
    apply_outcome_sequence,
    outcome_sequences,
)

from .support import run

DOCS = Path(__file__).resolve().parents[2] / "docs" / "fuzzing.md"
USERS = {"u1": ["e1", "e2"], "u2": ["e3"]}


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)


def _docs_namespace(*markers: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "fuzzing_docs"}
    for marker in markers:
        block = next(b for b in _blocks() if marker in b)
        exec(compile(block, str(DOCS), "exec"), namespace)
    return namespace


def stub_factory(**options: Any) -> PinpointStub:
    """A stand-in for pinpoint_stub_factory: a fresh stub per example (no ini defaults)."""
    return PinpointStub(**options)


def test_sequences_draw_retryable_errors_then_full_maps() -> None:
    errors: set[str] = set()

    def check(sequence: OutcomeSequence) -> None:
        assert len(sequence.errors) <= 2
        assert len(sequence.outcomes) <= 4
        errors.update(sequence.errors)
        for mapping in sequence.outcomes:
            assert {u: set(e) for u, e in mapping.items()} == {u: set(e) for u, e in USERS.items()}
        assert list(sequence) == [*sequence.errors, *sequence.outcomes]

    run(outcome_sequences(USERS), check, 100, derandomize=True)
    codes = model.error_statuses()
    assert errors == {e for e, status in codes.items() if status == 429 or status >= 500}


def test_sequences_for_addresses_and_bad_arguments() -> None:
    run(
        outcome_sequences(["+12065550100"], errors=["BadRequestException"], statuses=["OPT_OUT"]),
        lambda s: all(m == {"+12065550100": "OPT_OUT"} for m in s.outcomes),
        20,
    )
    with pytest.raises(ValueError, match=r"modeled errors of SendUsersMessages.*'Nope'"):
        outcome_sequences(USERS, errors=["Nope"])
    with pytest.raises(ValueError, match="statuses must be among SUCCESSFUL"):
        outcome_sequences(USERS, statuses=["SUCCESS"])
    with pytest.raises(ValueError, match="max_calls must be a non-negative integer"):
        outcome_sequences(USERS, max_calls=-1)


def test_the_stub_plays_errors_first_then_one_map_per_call() -> None:
    sequence = OutcomeSequence(
        errors=("TooManyRequestsException",),
        outcomes=({"u": {"e": "THROTTLED"}}, {"u": {"e": "TEMPORARY_FAILURE"}}),
    )
    seen = []
    with PinpointStub(users={"u": {"e": {"ChannelType": "SMS"}}}) as stub:
        apply_outcome_sequence(stub, sequence)
        client = stub.client(config=Config(retries={"total_max_attempts": 1}))
        request = {"MessageConfiguration": {"SMSMessage": {"Body": "x"}}, "Users": {"u": {}}}
        for _ in range(4):
            try:
                response = client.send_users_messages(
                    ApplicationId="a" * 32, SendUsersMessageRequest=request
                )
            except client.exceptions.TooManyRequestsException:
                seen.append("TooManyRequestsException")
                continue
            seen.append(response["SendUsersMessageResponse"]["Result"]["u"]["e"]["DeliveryStatus"])
        stub.verify()  # every step used
    assert seen == ["TooManyRequestsException", "THROTTLED", "TEMPORARY_FAILURE", "SUCCESSFUL"]


@pytest.mark.slow  # a full Hypothesis search and shrink; CI runs it
def test_docs_retry_loop_is_broken_and_shrunk() -> None:
    namespace = _docs_namespace("def test_retries_until_delivered")
    with pytest.raises(AssertionError) as info:
        namespace["test_retries_until_delivered"](stub_factory)
    notes = "\n".join(getattr(info.value, "__notes__", []))
    # the smallest sequence that needs a fourth call: two refusals and one transient failure
    # (or one refusal and two), never more
    found = re.search(r"errors=\((.*?)\),\s*outcomes=\((.*?)\),\s*\)", notes, re.S)
    assert found, notes
    errors = found.group(1).count("Exception")
    transient = found.group(2).count("THROTTLED") + found.group(2).count("TEMPORARY_FAILURE")
    assert errors + transient == 3, notes
    assert "SUCCESSFUL" not in found.group(2)
