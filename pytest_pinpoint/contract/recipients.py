"""Who a request is for: Users (SendUsersMessages), Addresses and Endpoints (SendMessages).

A recipient's RawContent, BodyOverride, TitleOverride and Substitutions behave the same whichever
kind it is (000: Users; model: AddressConfiguration, EndpointSendConfiguration).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .addresses import check_address
from .apns import check_payload
from .fields import parse_raw
from .limits import (
    APNS_CHANNEL_TYPES,
    MAX_USERS,
    PUSH_DEFAULT,
    SEND_MESSAGES,
    USER_OVERRIDDEN_FIELDS,
    channel_types,
)
from .violation import Collector
from .walk import key_path, obj, text


class Recipient(NamedTuple):
    """One entry of Users, Addresses or Endpoints whose configuration is an object."""

    kind: str  # "user" | "address" | "endpoint"
    key: str
    parent: str  # the path of its map (``SendUsersMessageRequest.Users``)
    conf: dict[str, Any]
    channel: str | None  # an address's ChannelType; None when unknown

    @property
    def path(self) -> str:
        """Its path, spelt when a check reports it (most requests never ask)."""
        return key_path(self.parent, self.key)

    def describe(self) -> str:
        return f"{self.kind} {self.key!r}"


_MEMBERS = {"Users": "user", "Addresses": "address", "Endpoints": "endpoint"}


def recipients_of(body: dict[str, Any], path: str, operation: str) -> list[Recipient]:
    out: list[Recipient] = []
    members = ("Addresses", "Endpoints") if operation == SEND_MESSAGES else ("Users",)
    for member in members:
        entries = obj(body, member)
        if not entries:
            continue
        kind = _MEMBERS[member]
        mpath = f"{path}.{member}"
        for key, conf in entries.items():
            if isinstance(key, str) and isinstance(conf, dict):
                channel = text(conf, "ChannelType") if kind == "address" else None
                out.append(Recipient(kind, key, mpath, conf, channel))
    return out


def check_users(users: dict[str, Any], payload: str, c: Collector) -> None:
    """``users-empty``, ``users-max`` and ``user-id-empty`` of ``<payload>.Users`` (its path is
    spelt only for a violation: most requests have none)."""
    if not users:
        c.add("users-empty", f"{payload}.Users", "must name at least one user ID")
        return
    if len(users) > MAX_USERS:
        c.add(
            "users-max",
            f"{payload}.Users",
            f"has {len(users)} user IDs; at most {MAX_USERS} per request (service quota, not "
            "stated in the AWS CLI or boto3 references)",
            len(users),
        )
    for user_id in users:
        if isinstance(user_id, str) and not user_id.strip():
            c.add(
                "user-id-empty",
                key_path(f"{payload}.Users", user_id),
                "a user ID must be a non-empty string",
                user_id,
            )


def check_addresses(addresses: dict[str, Any], path: str, c: Collector) -> None:
    """Each address's ChannelType (``channel-type-enum``) and its form on that channel
    (:mod:`.addresses`; without a ChannelType only emptiness: the fake judges the channel it
    guesses)."""
    allowed = channel_types()
    for address, conf in addresses.items():
        if not isinstance(address, str):
            continue
        channel = conf.get("ChannelType") if isinstance(conf, dict) else None
        if not isinstance(channel, str):
            channel = None
        elif channel not in allowed:
            c.add(
                "channel-type-enum",
                f"{key_path(path, address)}.ChannelType",
                f"ChannelType {channel!r} is not one of {', '.join(allowed)}",
                channel,
            )
            continue
        check_address(channel, address, key_path(path, address), c)


def check_recipient_content(
    recipients: list[Recipient], cfg: dict[str, Any] | None, c: Collector
) -> None:
    """Each recipient's RawContent parses; beside it, overrides are ignored; and it follows the
    APNs payload rules where it is the APNs payload (an APNs address, or any recipient of a
    request with APNs content: APNSMessage or DefaultPushNotificationMessage)."""
    apns = obj(cfg, "APNSMessage")
    default_push = obj(cfg, PUSH_DEFAULT)
    has_apns = apns is not None or default_push is not None
    for r in recipients:
        raw = text(r.conf, "RawContent")
        if raw is None:
            continue
        rpath = f"{r.path}.RawContent"
        if r.channel in APNS_CHANNEL_TYPES or (r.channel is None and has_apns):
            check_payload(raw, rpath, apns, default_push, c)
        else:
            parse_raw(raw, rpath, c)
        beside = [k for k in USER_OVERRIDDEN_FIELDS if r.conf.get(k) not in (None, "")]
        if beside:
            c.add(
                "raw-content-overrides",
                rpath,
                f"overrides all other values: {', '.join(beside)} beside it will be ignored",
            )
