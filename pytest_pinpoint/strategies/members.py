"""A strategy per model member: the model says the type, the documented rules narrow it.

Everything is read from botocore's model (:mod:`pytest_pinpoint.model`) and the limits and
vocabularies of :mod:`pytest_pinpoint.contract`; nothing is retyped here.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Collection
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from .. import contract, model
from ..contract.limits import (
    APNS_AUTH_METHODS,
    APNS_PUSH_TYPES,
    CONTENT_AVAILABLE_VALUES,
    GCM_AUTH_METHODS,
    PRIORITY_EQUIVALENT,
    SHORT_CODE_DIGITS,
    TTL_MAXIMA,
)
from .texts import (
    BODIES,
    BOOLS,
    E164,
    EMAILS,
    RAW_EMAILS,
    SHORT,
    STRING_MAPS,
    SUBSTITUTIONS,
    URLS,
    collapse_ids,
    either,
    json_objects,
    md5s,
    record,
)


@functools.lru_cache(maxsize=1)
def channel_nodes() -> dict[str, model.Node]:
    return model.channel_messages()


_ENUMS: dict[tuple[str, str], Callable[[], tuple[str, ...]]] = {
    ("APNSMessage", "APNSPushType"): lambda: APNS_PUSH_TYPES,
    ("APNSMessage", "PreferredAuthenticationMethod"): lambda: APNS_AUTH_METHODS,
    ("GCMMessage", "PreferredAuthenticationMethod"): lambda: GCM_AUTH_METHODS,
    ("SMSMessage", "MessageType"): contract.sms_message_types,
}
# Members whose documented form is narrower than "a string" (AWS CLI v2 reference,
# send-users-messages), by member name.
_BY_NAME: dict[str, Callable[[], SearchStrategy[Any]]] = {
    "Body": lambda: BODIES,
    "BodyOverride": lambda: BODIES,
    "Title": lambda: BODIES,
    "TitleOverride": lambda: BODIES,
    "Substitutions": lambda: SUBSTITUTIONS,
    "Data": lambda: STRING_MAPS,
    "Context": lambda: STRING_MAPS,
    "Priority": lambda: st.sampled_from(tuple(PRIORITY_EQUIVALENT)),  # both vocabularies
    "CollapseId": collapse_ids,
    "MD5": md5s,
    "ExpiresAfter": lambda: st.integers(0, 30 * 86_400).map(str),
    "OriginationNumber": lambda: E164,
    "Badge": lambda: st.integers(0, 99),
    "Sound": lambda: st.sampled_from(("default", "chime.caf")),
    "Charset": lambda: st.just("UTF-8"),
    "LanguageCode": lambda: st.sampled_from(("en-US", "fr-FR", "ja-JP")),
    "VoiceId": lambda: st.sampled_from(("Joanna", "Matthew", "Mizuki")),
    "RawEmail": lambda: RAW_EMAILS,
    "ReplyToAddresses": lambda: st.lists(EMAILS, min_size=1, max_size=2),
}

# The model type each of those applies to (a name alone is not enough: SimpleEmailPart.Data is
# a string, ADMMessage.Data a map).
_BY_NAME_TYPE = {
    "Substitutions": "map",
    "Data": "map",
    "Context": "map",
    "Badge": "integer",
    "RawEmail": "structure",
    "ReplyToAddresses": "list",
}


def _short_codes() -> SearchStrategy[str]:
    """SMS short codes: digits only, as few and as many as the contract accepts."""
    low, high = SHORT_CODE_DIGITS
    return st.text("0123456789", min_size=low, max_size=high)


def member(owner: str, name: str, node: model.Node) -> SearchStrategy[Any]:
    if owner == "SMSMessage" and name == "OriginationNumber":
        # "one of the dedicated long or short codes" (AWS CLI v2 reference, SMSMessage)
        return either(E164, _short_codes())
    if (owner, name) in _ENUMS:
        return st.sampled_from(_ENUMS[owner, name]())
    if node.enum:
        return st.sampled_from(node.enum)
    if name in _BY_NAME and _BY_NAME_TYPE.get(name, "string") == node.type:
        return _BY_NAME[name]()
    if name == "TimeToLive":
        # Up to each channel's documented maximum; APNs documents none, use the largest.
        return either(
            st.integers(0, 3600), st.just(TTL_MAXIMA.get(owner, max(TTL_MAXIMA.values())))
        )
    if name.endswith("Url"):
        return URLS
    if name.endswith("Address"):
        return EMAILS
    return by_type(node)


def by_type(node: model.Node) -> SearchStrategy[Any]:
    kind = node.type
    if kind == "string":
        return SHORT
    if kind in ("integer", "long"):
        return st.integers(0, 1000)
    if kind == "boolean":
        return BOOLS
    if kind == "blob":
        return st.binary(max_size=16)
    if kind == "list" and node.member is not None:
        return st.lists(by_type(node.member), max_size=2)
    if kind == "map" and node.value is not None:
        if node.value.type == "list":
            return SUBSTITUTIONS
        return st.dictionaries(SHORT, by_type(node.value), max_size=2)
    if kind == "structure":
        return structure(node, node.members)
    raise NotImplementedError(f"no strategy for model type {kind!r} ({node.name})")


def structure(
    node: model.Node,
    names: Collection[str],
    *,
    required: dict[str, SearchStrategy[Any]] | None = None,
    extras: tuple[SearchStrategy[dict[str, Any]], ...] = (),
) -> SearchStrategy[dict[str, Any]]:
    """The members ``names`` of a structure, each optional (shrinks to ``required`` alone), with
    ``extras`` merged in."""
    optional = {k: member(node.name, k, node.members[k]) for k in node.members if k in names}
    return record(required or {}, optional, extras)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def raw_payload(channel: str) -> SearchStrategy[str]:
    """RawContent for a non-APNs push channel: a JSON object shaped like that service's payload."""
    shape: SearchStrategy[dict[str, Any]]
    if channel == "GCMMessage":
        shape = record(
            {},
            optional={
                "notification": record({"title": SHORT, "body": SHORT}),
                "data": STRING_MAPS,
            },
        )
    elif channel == "BaiduMessage":
        shape = record(
            {"title": SHORT, "description": SHORT}, optional={"custom_content": json_objects()}
        )
    else:  # ADM
        shape = record({"data": STRING_MAPS}, optional={"consolidationKey": SHORT})
    return shape.map(dumps)


def aps(silent: bool) -> SearchStrategy[dict[str, Any]]:
    """An ``aps`` dictionary: content-available the integer 0 or 1, no alert/badge/sound if 1."""
    available = CONTENT_AVAILABLE_VALUES[1] if silent else CONTENT_AVAILABLE_VALUES[0]
    if silent:
        return record({"content-available": st.just(available)}, optional={"thread-id": SHORT})
    alert = either(SHORT, record({"title": SHORT, "body": SHORT}))
    return record(
        {"content-available": st.just(available), "alert": alert},
        optional={"badge": st.integers(0, 99), "sound": st.just("default")},
    )
