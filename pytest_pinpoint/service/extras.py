"""What a :class:`~.record.SentMessage` records besides its rendered body and title: every
other field the app set (email headers, who an SMS, voice message or email is from, the SMS
message type, and the whole channel message as written), and the title and body a RawContent
push shows, read from its payload.

A RawContent push overrides every other field (000), so its title and body are the payload's:
APNs ``aps.alert`` (a string is the body; an object has ``title`` and ``body``), FCM / GCM
``notification`` (or ``data``, or an FCM v1 ``message.notification``), ADM ``data``, Baidu
``title`` / ``description``: the first of those the payload has.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, NamedTuple

from ..contract.limits import CHANNEL_MESSAGE, DEFAULT, PUSH_CHANNEL_TYPES, PUSH_DEFAULT
from ..render import Substitutions, render_text


class ChannelExtras(NamedTuple):
    """What every recipient of one channel shares in a call (worked out once per channel)."""

    origination: str | None
    message_type: str | None
    headers: tuple[tuple[str, str], ...] | None  # (name, value) before rendering
    written: dict[str, Any] | None = None  # the message member that served it, as written


def _written(channel: str, config: Mapping[str, Any]) -> dict[str, Any] | None:
    """The MessageConfiguration member the channel's message came from: its own, else the
    default push message (push channels), else DefaultMessage; a copy, so a test can keep it."""
    member = CHANNEL_MESSAGE.get(channel)
    candidates = [member] if member else []
    if channel in PUSH_CHANNEL_TYPES:
        candidates.append(PUSH_DEFAULT)
    for name in (*candidates, DEFAULT):
        found = config.get(name)
        if isinstance(found, dict):
            return dict(found)
    return None


def _string(parent: Any, key: str) -> str | None:
    value = parent.get(key) if isinstance(parent, Mapping) else None
    return value if isinstance(value, str) and value else None


def channel_extras(channel: str, config: Mapping[str, Any]) -> ChannelExtras:
    written = _written(channel, config)
    if channel == "SMS":
        sms = config.get("SMSMessage")
        origination = _string(sms, "OriginationNumber") or _string(sms, "SenderId")
        return ChannelExtras(origination, _string(sms, "MessageType"), None, written)
    if channel == "VOICE":
        voice = config.get("VoiceMessage")
        return ChannelExtras(_string(voice, "OriginationNumber"), None, None, written)
    if channel != "EMAIL":
        return ChannelExtras(None, None, None, written)
    email_msg = config.get("EmailMessage")
    simple = email_msg.get("SimpleEmail") if isinstance(email_msg, Mapping) else None
    given = simple.get("Headers") if isinstance(simple, Mapping) else None
    headers = None
    if isinstance(given, list | tuple):
        headers = tuple(
            (h["Name"], h["Value"] if isinstance(h.get("Value"), str) else "")
            for h in given
            if isinstance(h, Mapping) and isinstance(h.get("Name"), str)
        )
    return ChannelExtras(_string(email_msg, "FromAddress"), None, headers, written)


def rendered_headers(
    headers: tuple[tuple[str, str], ...], subs: Substitutions, creation_date: str
) -> dict[str, str]:
    """The headers as the recipient gets them (variables and ``{CreationDate}`` rendered)."""
    return {name: render_text(value, subs, creation_date) for name, value in headers}


class RawText(NamedTuple):
    title: str | None
    body: str | None


_NONE = RawText(None, None)


def raw_text(raw: str) -> RawText:
    """The title and body a RawContent push shows (see the module docs); None where absent."""
    try:
        payload = json.loads(raw)
    except ValueError:
        return _NONE  # raw-content-json reports it
    if not isinstance(payload, dict):
        return _NONE
    aps = payload.get("aps")
    alert = aps.get("alert") if isinstance(aps, dict) else None
    if isinstance(alert, str):
        return RawText(None, alert)
    message = payload.get("message")
    for found in (
        alert,
        payload.get("notification"),
        payload.get("data"),
        message.get("notification") if isinstance(message, dict) else None,
    ):
        if isinstance(found, dict) and (_string(found, "title") or _string(found, "body")):
            return RawText(_string(found, "title"), _string(found, "body"))
    if _string(payload, "title") or _string(payload, "description"):  # Baidu
        return RawText(_string(payload, "title"), _string(payload, "description"))
    return _NONE
