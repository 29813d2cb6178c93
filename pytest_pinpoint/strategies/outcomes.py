"""Sequences of scripted outcomes across the calls of one test: where retry logic breaks.

A sequence is what consecutive send calls get: some call-level errors (TooManyRequestsException,
InternalServerErrorException, ... from the model), then per-call outcome maps. Hypothesis
chooses it, the stub plays it, and a retry loop that gives up too early fails on a shrunk,
minimal sequence.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .. import contract, model

__all__ = ["OutcomeSequence", "apply_outcome_sequence", "outcome_sequences"]

UserOutcomes = dict[str, dict[str, str]]  # {user_id: {endpoint_id: DeliveryStatus}}
AddressOutcomes = dict[str, str]  # {address: DeliveryStatus}
OutcomeMap = UserOutcomes | AddressOutcomes


class ScriptableStub(Protocol):
    """The part of :class:`pytest_pinpoint.PinpointStub` a sequence is applied through."""

    def fail(self, error_code: str, *, times: int = 1, message: str | None = None) -> None: ...

    def outcome(
        self,
        status: Any,
        *,
        user: str | None = None,
        endpoint: str | None = None,
        times: int | None = None,
    ) -> None: ...


@dataclass(frozen=True)
class OutcomeSequence:
    """What consecutive calls get, in the order the stub plays it.

    ``errors``: call-level errors, one call each, answered first (a scripted ``fail`` answers
    the next call). ``outcomes``: then one map per call: map ``k`` is the status each endpoint
    (or address) gets the ``k``-th time a call reaches it; a call that does not reach it leaves
    its status for the next one. Endpoints beyond the last map are delivered (SUCCESSFUL, or
    OPT_OUT for an opted-out endpoint).
    """

    errors: tuple[str, ...] = ()
    outcomes: tuple[OutcomeMap, ...] = ()

    def __iter__(self) -> Iterator[str | OutcomeMap]:
        """The steps, one per call, in the order the calls see them."""
        yield from self.errors
        yield from self.outcomes


def retryable_errors(operation: str = model.OPERATION_NAME) -> tuple[str, ...]:
    """The operation's modeled errors a client retries: 429 and 5xx (model HTTP statuses)."""
    codes = model.error_statuses(operation)
    return tuple(sorted(e for e, status in codes.items() if status == 429 or status >= 500))


def _check(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"outcome_sequences: {name} must be a non-negative integer, not {value!r}")


def outcome_sequences(
    recipients: Mapping[str, Collection[str]] | Collection[str],
    *,
    max_calls: int = 4,
    max_errors: int = 2,
    errors: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
    operation: str = model.OPERATION_NAME,
) -> SearchStrategy[OutcomeSequence]:
    """An :class:`OutcomeSequence` for ``recipients``: ``{user_id: [endpoint_id, ...]}`` (maps
    ``{user: {endpoint: status}}``) or a collection of addresses (maps ``{address: status}``).

    Up to ``max_errors`` call-level errors from ``errors`` (default: the operation's modeled
    errors with HTTP status 429 or 5xx, which a client retries), then up to ``max_calls``
    outcome maps with statuses from ``statuses`` (default: every current DeliveryStatus).
    Shrinks towards no errors and every endpoint SUCCESSFUL. Apply one with
    :func:`apply_outcome_sequence`.
    """
    _check("max_calls", max_calls)
    _check("max_errors", max_errors)
    known = model.error_statuses(operation)
    chosen = tuple(errors) if errors is not None else retryable_errors(operation)
    unknown = sorted(set(chosen) - set(known))
    if unknown or not chosen:
        raise ValueError(
            f"outcome_sequences: errors must be modeled errors of {operation}: "
            f"{', '.join(sorted(known))} (got {', '.join(map(repr, unknown or chosen))})"
        )
    current = contract.delivery_statuses()
    picked = current if statuses is None else tuple(statuses)
    if not picked or set(picked) - set(current):
        raise ValueError(f"outcome_sequences: statuses must be among {', '.join(current)}")
    status = st.sampled_from(picked)
    per_call: SearchStrategy[Any]
    if isinstance(recipients, Mapping):
        per_call = st.fixed_dictionaries(
            {u: st.fixed_dictionaries({e: status for e in eps}) for u, eps in recipients.items()}
        )
    else:
        per_call = st.fixed_dictionaries({address: status for address in recipients})
    return st.builds(
        OutcomeSequence,
        errors=st.lists(st.sampled_from(chosen), max_size=max_errors).map(tuple),
        outcomes=st.lists(per_call, max_size=max_calls).map(tuple),
    )


def apply_outcome_sequence(stub: ScriptableStub, sequence: OutcomeSequence) -> None:
    """Script ``sequence`` on ``stub`` through its public API: ``stub.fail(code, times=1)`` per
    error, ``stub.outcome(mapping)`` per user-keyed map (one-shot per endpoint), and
    ``stub.outcome(status, address=..., times=1)`` per address of an address-keyed map.

    Call it before the code under test runs. Steps the code never reaches stay scripted: use
    ``fail_on_unused=False`` when the code may stop early (that is what a retry loop does).
    """
    for code in sequence.errors:
        stub.fail(code, times=1)
    for mapping in sequence.outcomes:
        if all(isinstance(v, Mapping) for v in mapping.values()):
            stub.outcome(mapping)  # {user: {endpoint: status}}: times=1 per endpoint
        else:
            by_address: Any = stub.outcome  # address= comes with the fake's SendMessages
            for address, status in mapping.items():
                by_address(status, address=address, times=1)
