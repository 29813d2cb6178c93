"""Breakers of the structural rules: required, type, unknown-field, the Users rules, and the
SendMessages ones (an address's ChannelType, InAppTemplate)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from ..contract import channel_types
from ..contract.limits import MAX_USERS
from .breaking import (
    BODY_KEYS,
    MESSAGES,
    USERS,
    body,
    breaks,
    off_by_case,
    operation_of,
    set_path,
    spots,
)
from .texts import E164, names


@breaks("required")
def _missing_required(draw: DrawFn, params: dict[str, Any]) -> None:
    found = [
        (path, name)
        for path, node, value in spots(params)
        if node.type == "structure" and isinstance(value, dict)
        for name in node.required
        if name in value
    ]
    path, name = draw(st.sampled_from(found))
    parent: Any = params
    for key in path:
        parent = parent[key]
    # The body member names the operation: it stays, as JSON null (the service reads it as
    # absent), so the request is still recognisably the operation's.
    if draw(st.booleans()) and name not in BODY_KEYS.values():
        del parent[name]
    else:
        parent[name] = None


# Values whose type also steers another rule (Action/Url, silent push, rendering, the channel of
# an address): left alone.
_TYPE_SKIP = frozenset(
    {
        "Action",
        "Url",
        "RawContent",
        "SilentPush",
        "APNSPushType",
        "Substitutions",
        "Value",
        "ChannelType",
    }
)
# Whole messages whose loss would change another rule's verdict: APNs (recipients' RawContent
# follows its SilentPush), and the default messages: the contract's substitution-missing check
# raises AttributeError when one of them is not an object (reported to the contract area).
_WHOLE_SKIP = frozenset({"APNSMessage", "DefaultMessage", "DefaultPushNotificationMessage"})
_WRONG: dict[str, Any] = {
    "string": 42,
    "integer": "60",
    "long": "60",
    "boolean": "true",
    "blob": 42,
    "map": ["not", "a", "map"],
    "list": "not a list",
    "structure": "not an object",
}


@breaks("type")
def _wrong_type(draw: DrawFn, params: dict[str, Any]) -> None:
    top = (BODY_KEYS[operation_of(params)],)
    found = [
        (path, node)
        for path, node, _ in spots(params)
        if path
        and node.type in _WRONG
        and not any(isinstance(k, str) and k in _TYPE_SKIP for k in path)
        and not (path[-1] in _WHOLE_SKIP and path[-2] == "MessageConfiguration")
        and path != top
    ]
    path, node = draw(st.sampled_from(found))
    set_path(params, path, _WRONG[node.type])


@breaks("unknown-field")
def _unknown_field(draw: DrawFn, params: dict[str, Any]) -> None:
    found = [
        (value, node)
        for _, node, value in spots(params)
        if node.type == "structure" and isinstance(value, dict)
    ]
    value, node = draw(st.sampled_from(found))
    # A member name off by case (a common typo), or a name the model does not know at all.
    name = draw(st.sampled_from([*(m.lower() for m in node.members), "Unknown", "Bogus"]))
    value[name] = "x"


@breaks("users-empty", operations={USERS})
def _no_users(draw: DrawFn, params: dict[str, Any]) -> None:
    body(params)["Users"] = {}


@breaks("users-max", operations={USERS})
def _too_many_users(draw: DrawFn, params: dict[str, Any]) -> None:
    users = body(params)["Users"]
    i = 0
    while len(users) <= MAX_USERS:  # exactly one past the quota
        users.setdefault(f"extra-user-{i}", {})
        i += 1


@breaks("user-id-empty", operations={USERS})
def _empty_user_id(draw: DrawFn, params: dict[str, Any]) -> None:
    body(params)["Users"][draw(st.sampled_from(("", " ", "\t")))] = {}


# AWS CLI v2 reference, send-messages, TemplateConfiguration: "The InApp template object is not
# supported for SendMessages"; nothing is said of SendUsersMessages.
@breaks("in-app-template", operations={MESSAGES})
def _in_app_template(draw: DrawFn, params: dict[str, Any]) -> None:
    tc = body(params).setdefault("TemplateConfiguration", {})
    tc["InAppTemplate"] = {"Name": draw(names(1, 12))}


_NOT_CHANNEL_TYPES = ("WHATSAPP", "SMS ", "PUSH_NOTIFICATION")


@breaks("channel-type-enum", operations={MESSAGES})
def _bad_channel_type(draw: DrawFn, params: dict[str, Any]) -> None:
    bad = draw(st.one_of(off_by_case(channel_types()), st.sampled_from(_NOT_CHANNEL_TYPES)))
    addresses = body(params).setdefault("Addresses", {})
    if addresses and draw(st.booleans()):
        addresses[draw(st.sampled_from(sorted(addresses)))]["ChannelType"] = bad
    else:
        addresses[draw(E164)] = {"ChannelType": bad}
