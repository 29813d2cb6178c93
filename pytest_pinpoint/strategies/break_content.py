"""Breakers of the content rules: RawContent, APNs payloads, email headers and MIME, message
variables."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from ..contract.limits import (
    DEFAULT,
    MAX_EMAIL_HEADERS,
    MAX_HEADER_NAME_LENGTH,
    MAX_HEADER_VALUE_LENGTH,
    SILENT_FORBIDDEN_KEYS,
    USER_OVERRIDDEN_FIELDS,
)
from ..contract.variables import CREATION_DATE, CREATION_DATE_LENGTH
from .breaking import USERS, body, breaks, cfg, every_recipient, operation_of, recipient
from .messages import apns_silent
from .texts import CHARS, FIELD_NAME_CHARS, TEXT, UNSET_VARIABLES, pad

_NOT_JSON_OBJECTS = ('{"a": 1', "[1, 2]", '"text"', "", "null", "{'a': 1}", "42")


def _raw_channel(draw: DrawFn, params: dict[str, Any]) -> dict[str, Any]:
    config = cfg(params)
    msg: dict[str, Any] = config[
        draw(st.sampled_from([c for c in config if "RawContent" in config[c]]))
    ]
    return msg


@breaks("raw-content-json", need="GCMMessage", form="raw")
def _bad_raw_json(draw: DrawFn, params: dict[str, Any]) -> None:
    bad = draw(st.sampled_from(_NOT_JSON_OBJECTS))
    if draw(st.booleans()):
        _raw_channel(draw, params)["RawContent"] = bad
    else:
        conf = recipient(draw, params)
        for key in USER_OVERRIDDEN_FIELDS:
            conf.pop(key, None)
        conf["RawContent"] = bad


@breaks("raw-content-overrides", need="BaiduMessage", form="raw")
def _raw_beside_body(draw: DrawFn, params: dict[str, Any]) -> None:
    if draw(st.booleans()):
        _raw_channel(draw, params)[draw(st.sampled_from(("Body", "Title")))] = draw(TEXT)
    else:
        conf = recipient(draw, params)
        # A payload every push channel accepts, APNs included: only the override rule breaks.
        aps = {"content-available": int(apns_silent(cfg(params)))}
        conf.setdefault("RawContent", json.dumps({"aps": aps}))
        conf[draw(st.sampled_from(USER_OVERRIDDEN_FIELDS))] = draw(TEXT)


def _set_aps(params: dict[str, Any], aps: dict[str, Any]) -> dict[str, Any]:
    msg: dict[str, Any] = cfg(params)["APNSMessage"]
    msg["RawContent"] = json.dumps({"aps": aps})
    return msg


@breaks("apns-content-available", need="APNSMessage", form="raw")
def _bad_content_available(draw: DrawFn, params: dict[str, Any]) -> None:
    choice = draw(st.sampled_from(("string", "true", "two", "missing", "no-aps")))
    if choice == "no-aps":
        cfg(params)["APNSMessage"]["RawContent"] = json.dumps({"data": {"k": "v"}})
        return
    aps: dict[str, Any] = {"alert": "hi"}
    if choice != "missing":
        aps["content-available"] = {"string": "1", "true": True, "two": 2}[choice]
    _set_aps(params, aps)


_SILENT_EXTRAS = {"alert": "hi", "badge": 1, "sound": "default"}


def _silence_recipients(params: dict[str, Any]) -> None:
    """Recipients' RawContent is their APNs payload: silent too, now that the request is."""
    for conf in every_recipient(params):
        raw = conf.get("RawContent")
        if isinstance(raw, str):
            payload = json.loads(raw)
            payload["aps"] = {"content-available": 1}
            conf["RawContent"] = json.dumps(payload)


@breaks("apns-silent-keys", need="APNSMessage", form="raw")
def _silent_with_alert(draw: DrawFn, params: dict[str, Any]) -> None:
    keys = draw(st.lists(st.sampled_from(SILENT_FORBIDDEN_KEYS), min_size=1, unique=True))
    msg = _set_aps(params, {"content-available": 1, **{k: _SILENT_EXTRAS[k] for k in keys}})
    msg["SilentPush"] = True  # consistent on purpose: only the silent-keys rule is broken
    if msg.get("APNSPushType") == "alert":
        msg["APNSPushType"] = "background"
    _silence_recipients(params)


@breaks("apns-silent-consistency", need="APNSMessage", form="raw")
def _silent_disagrees(draw: DrawFn, params: dict[str, Any]) -> None:
    silent = draw(st.booleans())
    msg = _set_aps(
        params, {"content-available": 1} if silent else {"content-available": 0, "alert": "hi"}
    )
    # One of the two fields disagrees with the payload; the other is left out.
    msg.pop("SilentPush", None)
    msg.pop("APNSPushType", None)
    if draw(st.booleans()):
        msg["SilentPush"] = not silent
    else:
        msg["APNSPushType"] = "alert" if silent else "background"


def _simple_email(params: dict[str, Any]) -> dict[str, Any]:
    msg = cfg(params)["EmailMessage"]
    msg.pop("RawEmail", None)
    simple: dict[str, Any] = msg.setdefault("SimpleEmail", {})
    return simple


@breaks("email-headers-max", need="EmailMessage", form="plain")
def _too_many_headers(draw: DrawFn, params: dict[str, Any]) -> None:
    count = draw(st.sampled_from((MAX_EMAIL_HEADERS + 1, MAX_EMAIL_HEADERS + 2)))
    _simple_email(params)["Headers"] = [{"Name": f"X-H{i}", "Value": str(i)} for i in range(count)]


def put_header(draw: DrawFn, params: dict[str, Any], header: dict[str, str]) -> None:
    headers = _simple_email(params).setdefault("Headers", [])
    if len(headers) >= MAX_EMAIL_HEADERS or (headers and draw(st.booleans())):
        headers[draw(st.integers(0, len(headers) - 1))] = header
    else:
        headers.append(header)


@breaks("email-header-name-length", need="EmailMessage", form="plain")
def _long_header_name(draw: DrawFn, params: dict[str, Any]) -> None:
    length = draw(st.sampled_from((MAX_HEADER_NAME_LENGTH + 1, MAX_HEADER_NAME_LENGTH + 2)))
    name = pad("X-" + draw(st.text(FIELD_NAME_CHARS, min_size=1, max_size=4)), length)
    put_header(draw, params, {"Name": name, "Value": "v"})


def _email_recipient(draw: DrawFn, params: dict[str, Any]) -> dict[str, Any]:
    """A user, or for SendMessages a new EMAIL address: a recipient the email surely reaches."""
    if operation_of(params) == USERS:
        return recipient(draw, params)
    conf: dict[str, Any] = {"ChannelType": "EMAIL"}
    body(params).setdefault("Addresses", {})["long-header@example.com"] = conf
    return conf


_LONG_VAR = "PinpointLongValue"  # a variable no valid request uses, so no other header renders it
_HEADER_CASES = ("literal", "creation-date", "recipient-substitution", "precedence")


@breaks("email-header-value-length", need="EmailMessage", form="plain")
def _long_header_value(draw: DrawFn, params: dict[str, Any]) -> None:
    over = MAX_HEADER_VALUE_LENGTH + 1
    case = draw(st.sampled_from(_HEADER_CASES))
    filler = draw(st.text(CHARS, min_size=1, max_size=4))
    if case == "literal":
        value = pad(filler, over)
    elif case == "creation-date":  # 847 characters + {CreationDate} (24 when rendered) = 871
        value = CREATION_DATE + pad(filler, over - CREATION_DATE_LENGTH)
    else:
        conf = _email_recipient(draw, params)
        longest = draw(st.integers(2, 300))
        value = f"{{{{{_LONG_VAR}}}}}" + pad(filler, over - longest)
        conf.setdefault("Substitutions", {})[_LONG_VAR] = [pad(filler, longest)]
        # The other recipients render a shorter value, never an empty one (substitution-missing);
        # the recipient's value wins over EmailMessage's (and DefaultMessage's) (Users).
        config = body(params)["MessageConfiguration"]
        config["EmailMessage"].setdefault("Substitutions", {})[_LONG_VAR] = ["e"]
        if case == "precedence":
            config.setdefault(DEFAULT, {}).setdefault("Substitutions", {})[_LONG_VAR] = ["d"]
    put_header(draw, params, {"Name": "X-Long", "Value": value})


_NOT_MIME = (b"just some text", b"", b"Hello\r\n\r\nbody", b"Subject hello\n\nbody", b"\n\nbody")


@breaks("raw-email-mime", need="EmailMessage")
def _not_mime(draw: DrawFn, params: dict[str, Any]) -> None:
    msg = cfg(params)["EmailMessage"]
    msg.pop("SimpleEmail", None)
    msg["RawEmail"] = {"Data": draw(st.sampled_from(_NOT_MIME))}


def _reached_by_sms(params: dict[str, Any]) -> list[dict[str, Any]]:
    """Recipients that get SMSMessage: users and endpoints (any channel), SMS addresses."""
    b = body(params)
    out = [*b.get("Users", {}).values(), *b.get("Endpoints", {}).values()]
    return out + [c for c in b.get("Addresses", {}).values() if c.get("ChannelType") == "SMS"]


@breaks("substitution-missing", need="SMSMessage", form="plain")
def _unset_variable(draw: DrawFn, params: dict[str, Any]) -> None:
    # The request has a non-push channel, so no recipient carries RawContent: every recipient
    # renders what it is sent. A variable no Substitutions level names renders empty.
    ref = f"{{{{{draw(st.sampled_from(UNSET_VARIABLES))}}}}}"
    reached = _reached_by_sms(params)
    in_message = draw(st.booleans()) if reached else False
    if in_message:  # in the message, for a recipient without an override
        reached[draw(st.integers(0, len(reached) - 1))].pop("BodyOverride", None)
        sms = cfg(params)["SMSMessage"]
        sms["Body"] += ref
    else:  # in one recipient's override
        conf = recipient(draw, params)
        key = draw(st.sampled_from(USER_OVERRIDDEN_FIELDS))
        conf[key] = conf.get(key, "") + ref
