"""Invalid requests: a valid request of either send operation with exactly one rule broken."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from .. import contract
from . import (  # noqa: F401  (they register)
    break_addresses,
    break_channels,
    break_content,
    break_structure,
)
from .breaking import BODY_KEYS, BREAKERS, MESSAGES, USERS
from .members import channel_nodes
from .messages import PUSH_CHANNELS
from .requests import users_requests
from .send_messages import addresses_requests
from .variables import cover_variables

__all__ = [
    "INVALID_RULES",
    "SEND_MESSAGES_INVALID_RULES",
    "SEND_MESSAGES_SKIPPED_RULES",
    "SKIPPED_RULES",
    "invalid_send_messages_requests",
    "invalid_send_users_messages_requests",
]

_RESPONSE_RULES = {
    "delivery-status-enum": "a response rule (see send_users_messages_responses)",
    "delivery-status-legacy": "a response rule (see send_users_messages_responses(legacy=True))",
    "status-code-type": "a response rule",
}


def _skipped(operation: str) -> dict[str, str]:
    """Rules a single request of ``operation`` cannot break, and why."""
    out = {
        # contract.rules.REQUEST_ONLY_CROSS_CALL: the one home of "needs several calls"
        **{
            r: "counts across calls (the stub checks it with its clock)"
            for r in contract.rules.REQUEST_ONLY_CROSS_CALL
        },
        "template-exists": "depends on the templates a test registered, not on the request alone",
        **{
            r: "judged by the stub from the templates it holds, not from the request alone"
            for r in contract.rules.STUB_STATE_RULES
        },
        **_RESPONSE_RULES,
    }
    for other_rule in contract.RULES.values():  # another service's rule (SES v2's ses-*)
        if not set(other_rule.operations) & {USERS, MESSAGES}:
            names = ", ".join(other_rule.operations)
            out[other_rule.id] = f"a rule of {names}, not of Pinpoint's sends"
    other = MESSAGES if operation == USERS else USERS
    for rule, brk in BREAKERS.items():
        if operation not in brk.operations:
            out[rule] = f"applies to {other} only"
    return out


SKIPPED_RULES: dict[str, str] = _skipped(USERS)
SEND_MESSAGES_SKIPPED_RULES: dict[str, str] = _skipped(MESSAGES)
INVALID_RULES: frozenset[str] = frozenset(r for r in BREAKERS if USERS in BREAKERS[r].operations)
"""Rules :func:`invalid_send_users_messages_requests` can break (all but SKIPPED_RULES)."""
SEND_MESSAGES_INVALID_RULES: frozenset[str] = frozenset(
    r for r in BREAKERS if MESSAGES in BREAKERS[r].operations
)
"""Rules :func:`invalid_send_messages_requests` can break."""


def _base_channels(rule: str) -> tuple[str, ...]:
    channels = tuple(channel_nodes())
    if rule in ("action-enum", "action-url"):
        # A default push message passes Action/Url down; leave it out so one message is wrong.
        channels = tuple(c for c in channels if c != "DefaultPushNotificationMessage")
    if rule in ("raw-content-overrides", "raw-content-json"):
        # Recipients get RawContent only in all-push requests; keep the base on push channels.
        channels = tuple(c for c in channels if c in PUSH_CHANNELS)
    return channels


@st.composite
def _invalid(draw: DrawFn, rules: tuple[str, ...], operation: str) -> tuple[dict[str, Any], str]:
    rule = draw(st.sampled_from(rules))
    brk = BREAKERS[rule]
    base = users_requests if operation == USERS else addresses_requests
    params = draw(base(_base_channels(rule), 5, True, brk.need, brk.form))
    brk.fn(draw, params)
    if rule != "substitution-missing":
        # A breaker may add a recipient, drop the Users or clear a message: the variables keep a
        # value (an empty one, so that no rendered length changes).
        cover_variables(params.get(BODY_KEYS[operation]), operation, _empty)
    return params, rule


def _empty(name: str) -> list[str]:
    return [""]


def _chosen(
    rules: Collection[str] | None, known: frozenset[str], skipped: Mapping[str, str]
) -> tuple[str, ...]:
    if rules is None:
        return tuple(sorted(known))
    if isinstance(rules, str):
        rules = (rules,)
    unknown = sorted(set(rules) - known)
    if unknown:
        why = "; ".join(f"{r}: {skipped[r]}" for r in unknown if r in skipped)
        raise ValueError(
            f"cannot generate requests breaking {', '.join(map(repr, unknown))}"
            + (f" ({why})" if why else "")
            + f"; known rules: {', '.join(sorted(known))}"
        )
    chosen = tuple(sorted(set(rules)))
    if not chosen:
        raise ValueError(f"rules must name at least one of: {', '.join(sorted(known))}")
    return chosen


def invalid_send_users_messages_requests(
    *, rules: Collection[str] | None = None
) -> SearchStrategy[tuple[dict[str, Any], str]]:
    """``(params, rule_id)``: a valid request with exactly one documented rule broken.

    The break sits at or just past the documented boundary (16 headers, a 127-character header
    name, 871 characters after rendering, a 65-byte CollapseId, TTL max + 1, ...).
    ``validate_request(params)`` reports ``rule_id`` and no other rule. ``rules`` restricts the
    rules broken (IDs from :data:`INVALID_RULES`).

    >>> from hypothesis import given
    >>> @given(invalid_send_users_messages_requests(rules={"ttl-range"}))
    ... def test_rejected(case):
    ...     params, rule = case
    ...     with pytest.raises(client.exceptions.BadRequestException, match=rule):
    ...         client.send_users_messages(**params)
    """
    return _invalid(_chosen(rules, INVALID_RULES, SKIPPED_RULES), USERS)


def invalid_send_messages_requests(
    *, rules: Collection[str] | None = None
) -> SearchStrategy[tuple[dict[str, Any], str]]:
    """``(params, rule_id)`` for ``send_messages``: a valid MessageRequest with exactly one
    documented rule broken (IDs from :data:`SEND_MESSAGES_INVALID_RULES`; ``in-app-template``
    is among them, the Users rules are not)."""
    chosen = _chosen(rules, SEND_MESSAGES_INVALID_RULES, SEND_MESSAGES_SKIPPED_RULES)
    return _invalid(chosen, MESSAGES)
