"""Recipients who cannot get their message as written, and what the fake answers them.

The contract judges what a request says (an Addresses key on its ChannelType, an empty SMS
body, a header name); two facts only the fake knows: the Address a registered endpoint holds,
and the channel it guesses for an address without ChannelType. :func:`recipient_violations`
judges those with the same rules (:mod:`pytest_pinpoint.contract.addresses`).

A recipient whose message a recorded rule says cannot be delivered answers
``PERMANENT_FAILURE`` (StatusCode 400, the rule's message), never SUCCESSFUL: the others of
the call are answered as usual (docs/contract.md "What is a guess"). A rule turned off
records nothing, so it blocks nothing; a scripted outcome still decides first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..contract.addresses import address_problem
from ..contract.violation import Collector, SeveritySetting, Violation
from ..contract.walk import key_path
from .delivery import Draft
from .recipient import Recipient

ADDRESS_RULES = frozenset(("address-format", "address-empty", "address-redacted"))
_CONTENT_RULES = {"sms-body-empty": "SMS", "email-header-name-syntax": "EMAIL"}
BLOCKING_RULES = ADDRESS_RULES | frozenset(_CONTENT_RULES)


def recipient_violations(
    recipients: list[Recipient], payload: str, overrides: Mapping[str, SeveritySetting]
) -> list[Violation]:
    """The address rules of each registered endpoint, and of each address whose channel the
    fake guessed (an Addresses key with a ChannelType was the contract's to judge)."""
    c = Collector(overrides)
    stored = Collector(overrides)  # the registry's endpoints: the request itself is well formed
    for r in recipients:
        address = r.address
        if address is None or r.invented:
            continue
        if r.record is None and (address == "" or isinstance(r.conf.get("ChannelType"), str)):
            continue  # the contract judged it from the request
        found = address_problem(r.channel, address)
        if found is None:
            continue
        if r.record is None:  # an address of send_messages: its key is the address
            c.add(found.rule, key_path(f"{payload}.Addresses", address), found.message, address)
            continue
        parent = f"{payload}.Users" if r.user is not None else f"{payload}.Endpoints"
        owner = r.user if r.user is not None else (r.endpoint or "")
        message = f"endpoint {r.endpoint!r}: its Address {found.message}"
        stored.add(found.rule, key_path(parent, owner), message, address)
    # a stored endpoint fails alone (PERMANENT_FAILURE), never the whole call: at most a warning
    return c.out + [
        v if v.severity == "warning" else replace(v, severity="warning") for v in stored.out
    ]


def blocked(drafts: list[Draft], violations: list[Violation]) -> dict[int, str]:
    """Draft index -> the StatusMessage of its PERMANENT_FAILURE (empty for most calls)."""
    found = {v.rule: v for v in violations if v.rule in BLOCKING_RULES}
    if not found:
        return {}
    out: dict[int, str] = {}
    for i, (recipient, message) in enumerate(drafts):
        reason = _reason(recipient, message.body, message.raw_content, found)
        if reason is not None:
            out[i] = reason
    return out


def _reason(
    recipient: Recipient, body: str | None, raw: str | None, found: dict[str, Violation]
) -> str | None:
    address = recipient.address
    if (
        address is not None
        and not recipient.invented
        and not found.keys().isdisjoint(ADDRESS_RULES)
    ):
        problem = address_problem(recipient.channel, address)
        if problem is not None and problem.rule in found:
            return f"The address {problem.message} [{problem.rule}]"
    for rule, channel in _CONTENT_RULES.items():
        if rule in found and recipient.channel == channel and _affected(rule, body, raw):
            v = found[rule]
            return f"The message cannot be delivered: {v.path}: {v.message} [{rule}]"
    return None


def _affected(rule: str, body: str | None, raw: Any) -> bool:
    if rule == "sms-body-empty":
        return raw is None and not body
    return True  # a bad header name reaches every email of the call
