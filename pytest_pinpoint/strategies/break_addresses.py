"""Breakers of the recipient rules (issue 29): malformed, empty and redacted addresses, an empty
SMS body, a header name outside the field-name syntax."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from .break_content import put_header
from .breaking import MESSAGES, USERS, body, breaks, cfg, operation_of
from .texts import E164, either

# Not E.164, and not a masked number either (address-redacted is a rule of its own).
_NOT_PHONES = ("hello", "2065550100", "12065550100", "+1 206-555-0100", "(206) 555-0100", "+")
_NOT_EMAILS = ("not-an-email", "ann at example.com", "a@b", "@example.com", "ann@", "a b@c.de")
_MASKS = st.sampled_from(("*", "\u2022", "x", "#"))


def _add_address(params: dict[str, Any], address: str, channel: str | None) -> None:
    conf: dict[str, Any] = {} if channel is None else {"ChannelType": channel}
    body(params).setdefault("Addresses", {})[address] = conf


@breaks("address-format", operations={MESSAGES})
def _malformed_address(draw: DrawFn, params: dict[str, Any]) -> None:
    channel = draw(st.sampled_from(("SMS", "VOICE", "EMAIL")))
    bad = _NOT_EMAILS if channel == "EMAIL" else _NOT_PHONES
    _add_address(params, draw(st.sampled_from(bad)), channel)


@breaks("address-empty", operations={MESSAGES})
def _empty_address(draw: DrawFn, params: dict[str, Any]) -> None:
    _add_address(params, "", draw(st.sampled_from((None, "SMS", "EMAIL", "GCM", "APNS"))))


@breaks("address-redacted", operations={MESSAGES})
def _redacted_address(draw: DrawFn, params: dict[str, Any]) -> None:
    head = draw(st.integers(1, 999))
    masked = draw(_MASKS) * draw(st.integers(2, 8))
    tail = draw(either(st.just(""), st.integers(0, 99).map(str)))
    _add_address(params, f"+{head}{masked}{tail}", draw(st.sampled_from(("SMS", "VOICE"))))


@breaks("sms-body-empty", need="SMSMessage")
def _empty_sms_body(draw: DrawFn, params: dict[str, Any]) -> None:
    config = cfg(params)
    config["SMSMessage"]["Body"] = ""
    default = config.get("DefaultMessage")
    if isinstance(default, dict):
        default.pop("Body", None)  # nothing to fall back on
    templates = body(params).get("TemplateConfiguration")
    if isinstance(templates, dict):
        templates.pop("SMSTemplate", None)
    if operation_of(params) == USERS:  # a user without a BodyOverride of its own
        users = body(params)["Users"]
        users[draw(st.sampled_from(sorted(users)))].pop("BodyOverride", None)
    else:  # an SMS address, which gets the SMS message
        _add_address(params, draw(E164), "SMS")


_BAD_NAMES = ("", "Bad Header:", "X Tag", "X-Tag:", "X-Caf\u00e9", "X-\tTab", ":")


@breaks("email-header-name-syntax", need="EmailMessage", form="plain")
def _bad_header_name(draw: DrawFn, params: dict[str, Any]) -> None:
    put_header(draw, params, {"Name": draw(st.sampled_from(_BAD_NAMES)), "Value": "v"})
