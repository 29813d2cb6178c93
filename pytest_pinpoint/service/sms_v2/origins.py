"""Which origination identity a send names, and what it can send.

``OriginationIdentity`` is "the PhoneNumber, PhoneNumberId, PhoneNumberArn, SenderId,
SenderIdArn, PoolId, or PoolArn" (API reference, SendTextMessage). A phone number has the
``NumberCapabilities`` it was requested with; a sender ID sends SMS only (a guess: the guide
offers sender IDs for text messages); a pool can do what any of its members can.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from .state import Account


@dataclass(frozen=True)
class Origin:
    """A resolved origination identity."""

    kind: str  # phone-number | sender-id | pool
    arn: str
    capabilities: frozenset[str]
    opt_out_list: str  # the opt-out list its sends honour


def _phone(account: Account, info: dict[str, Any]) -> Origin:
    return Origin(
        "phone-number",
        info["PhoneNumberArn"],
        frozenset(info.get("NumberCapabilities") or ()),
        info.get("OptOutListName") or "Default",
    )


def _sender(info: dict[str, Any]) -> Origin:
    return Origin("sender-id", info["SenderIdArn"], frozenset({"SMS"}), "Default")


def find(account: Account, value: str) -> Origin | None:
    """The identity ``value`` names (value, ID or ARN), or None."""
    name = value.split(":", 5)[-1].split("/", 1)[-1] if value.startswith("arn:") else value
    kind = value.split(":", 5)[-1].split("/", 1)[0] if value.startswith("arn:") else ""
    if kind in ("", "phone-number"):
        for info in account.phone_numbers.values():
            if name in (info["PhoneNumberId"], info["PhoneNumber"]):
                return _phone(account, info)
    if kind in ("", "pool") and name in account.pools:
        pool = account.pools[name]
        caps: set[str] = set()
        for arn in account.pool_members.get(name, []):
            member = find(account, arn)
            if member is not None:
                caps |= member.capabilities
        return Origin("pool", pool["PoolArn"], frozenset(caps), pool["OptOutListName"])
    if kind in ("", "sender-id"):
        sender, _, iso = name.partition("/")
        for (sid, country), info in account.sender_ids.items():
            if sid == sender and (not iso or iso == country):
                return _sender(info)
    return None


class Named(NamedTuple):
    """A phone number or sender ID of the account: its ARN and its Describe* information."""

    arn: str
    info: dict[str, Any]


def named(account: Account, value: str) -> Named | None:
    """The phone number or sender ID ``value`` names."""
    origin = find(account, value)
    if origin is None or origin.kind == "pool":
        return None
    for info in account.phone_numbers.values():
        if info["PhoneNumberArn"] == origin.arn:
            return Named(origin.arn, info)
    for info in account.sender_ids.values():
        if info["SenderIdArn"] == origin.arn:
            return Named(origin.arn, info)
    return None
