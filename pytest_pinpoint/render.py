"""How Pinpoint renders a message for one endpoint (seed 000_55cfda106dd42147.txt).

- Message variables are written ``{{Name}}`` and render as the first value of their
  Substitutions list; a variable with no value renders as the empty string.
- ``{CreationDate}`` renders as ``YYYY-MM-DDTHH:MM:SS.SSSZ``, 24 characters
  (000: SimpleEmail.Headers.Value).
- Substitutions merge ``DefaultMessage`` < channel message < ``Users[id]``
  (000: Users.Substitutions, "the variables specified in this map take precedence over all
  other variables").
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

VARIABLE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
CREATION_DATE = "{CreationDate}"
CREATION_DATE_LENGTH = (
    24  # 000: "renders as YYYY-MM-DDTHH:MM:SS.SSSZ and is 24 characters in length"
)

Substitutions = Mapping[str, Sequence[str]]


def format_creation_date(when: _dt.datetime) -> str:
    """``2026-11-23T09:30:00.000Z``: always 24 characters."""
    when = when.astimezone(_dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def merge_substitutions(*layers: Any) -> dict[str, list[str]]:
    """Later layers win. Layers of the wrong shape are skipped (the contract reports them)."""
    merged: dict[str, list[str]] = {}
    for layer in layers:
        if isinstance(layer, Mapping):
            for key, values in layer.items():
                if isinstance(key, str) and isinstance(values, list | tuple):
                    merged[key] = [v for v in values if isinstance(v, str)]
    return merged


def render_text(text: str, substitutions: Substitutions, creation_date: str | None = None) -> str:
    """Replace ``{{Name}}`` from the substitutions and ``{CreationDate}`` with a timestamp."""
    if "{{" in text:

        def _value(match: re.Match[str]) -> str:
            values = substitutions.get(match.group(1))
            return values[0] if values else ""

        text = VARIABLE.sub(_value, text)
    if CREATION_DATE in text:
        stamp = creation_date if creation_date is not None else "0" * CREATION_DATE_LENGTH
        text = text.replace(CREATION_DATE, stamp)
    return text


def rendered_length(text: str, substitutions: Substitutions) -> int:
    """Length after rendering, without building a timestamp."""
    return len(render_text(text, substitutions, "x" * CREATION_DATE_LENGTH))


# --- the effective message of one endpoint (000: MessageConfiguration, Users) --------------------

PUSH_DEFAULT = "DefaultPushNotificationMessage"
DEFAULT = "DefaultMessage"

# Endpoint ChannelType (model enum) -> the MessageConfiguration member that carries its message.
# PUSH has no channel message of its own: only DefaultPushNotificationMessage reaches it.
CHANNEL_MESSAGE: dict[str, str | None] = {
    "SMS": "SMSMessage",
    "VOICE": "VoiceMessage",
    "EMAIL": "EmailMessage",
    "APNS": "APNSMessage",
    "APNS_SANDBOX": "APNSMessage",
    "APNS_VOIP": "APNSMessage",
    "APNS_VOIP_SANDBOX": "APNSMessage",
    "GCM": "GCMMessage",
    "ADM": "ADMMessage",
    "BAIDU": "BaiduMessage",
    "PUSH": None,
}
PUSH_CHANNEL_TYPES = frozenset(
    ("APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX", "GCM", "ADM", "BAIDU", "PUSH")
)
APNS_CHANNEL_TYPES = frozenset(("APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX"))
# TemplateConfiguration member -> the channel types it can reach.
TEMPLATE_CHANNELS = {
    "SMSTemplate": frozenset(("SMS",)),
    "VoiceTemplate": frozenset(("VOICE",)),
    "EmailTemplate": frozenset(("EMAIL",)),
    "PushTemplate": PUSH_CHANNEL_TYPES,
}
# For a user the stub does not know: the channel of its one endpoint is the first of these
# members present in MessageConfiguration (then TemplateConfiguration); SMS when none is.
CHANNEL_PICK_ORDER = (
    ("SMSMessage", "SMS"),
    ("EmailMessage", "EMAIL"),
    ("VoiceMessage", "VOICE"),
    ("APNSMessage", "APNS"),
    ("GCMMessage", "GCM"),
    ("ADMMessage", "ADM"),
    ("BaiduMessage", "BAIDU"),
    (PUSH_DEFAULT, "GCM"),
    (DEFAULT, "SMS"),
    ("SMSTemplate", "SMS"),
    ("EmailTemplate", "EMAIL"),
    ("VoiceTemplate", "VOICE"),
    ("PushTemplate", "GCM"),
)


@dataclass(frozen=True)
class Rendered:
    """What one endpoint receives, after overrides and substitutions."""

    body: str | None
    title: str | None
    substitutions: dict[str, list[str]]
    priority: str | None
    push_type: str | None
    raw_content: str | None


def _dict(parent: Any, key: str) -> dict[str, Any]:
    value = parent.get(key) if isinstance(parent, Mapping) else None
    return value if isinstance(value, dict) else {}


def _text(*candidates: Any) -> str | None:
    for value in candidates:
        if isinstance(value, str) and value != "":
            return value
    return None


def pick_channel(config: Mapping[str, Any], templates: Mapping[str, Any] | None = None) -> str:
    """The channel type of an unregistered user's endpoint (see CHANNEL_PICK_ORDER)."""
    for member, channel in CHANNEL_PICK_ORDER:
        if isinstance(config.get(member), dict) or (
            templates is not None and isinstance(templates.get(member), dict)
        ):
            return channel
    return "SMS"


def has_content(
    channel: str, config: Mapping[str, Any], templates: Mapping[str, Any] | None = None
) -> bool:
    """Whether the request carries a message for an endpoint of this channel type."""
    member = CHANNEL_MESSAGE.get(channel, "")
    if member is None or member == "":
        if channel != "PUSH":
            return False  # CUSTOM, IN_APP: send_users_messages has no message for them
    elif isinstance(config.get(member), dict):
        return True
    default = PUSH_DEFAULT if channel in PUSH_CHANNEL_TYPES else DEFAULT
    if isinstance(config.get(default), dict):
        return True
    return any(
        channel in reach and isinstance((templates or {}).get(kind), dict)
        for kind, reach in TEMPLATE_CHANNELS.items()
    )


def _aps_silent(raw: str | None) -> bool:
    if raw is None:
        return False
    try:
        payload = json.loads(raw)
    except ValueError:
        return False
    aps = payload.get("aps") if isinstance(payload, dict) else None
    return isinstance(aps, dict) and aps.get("content-available") == 1


def _priority(channel: str, value: Any) -> str | None:
    """Priority in the channel's own vocabulary (000: APNs 5/10, GCM normal/high)."""
    if not isinstance(value, str):
        return None
    if channel in APNS_CHANNEL_TYPES:
        return {"normal": "5", "high": "10"}.get(value, value)
    if channel == "GCM":
        return {"5": "normal", "10": "high"}.get(value, value)
    return value


def render_endpoint(
    channel: str,
    config: Mapping[str, Any],
    user: Mapping[str, Any] | None,
    creation_date: str,
) -> Rendered:
    """The effective message for one endpoint of ``channel`` (a ChannelType value).

    Field by field, the channel message wins over the default message of its kind
    (DefaultPushNotificationMessage for push, DefaultMessage for SMS, voice and email); the
    user's BodyOverride / TitleOverride win over both; a RawContent (the user's, else the
    channel's) overrides all other content, so body and title are None beside it.
    """
    user = user if isinstance(user, Mapping) else {}
    push = channel in PUSH_CHANNEL_TYPES
    member = CHANNEL_MESSAGE.get(channel)
    own = _dict(config, member) if member else {}
    default = _dict(config, PUSH_DEFAULT if push else DEFAULT)
    layers: list[Any] = [_dict(config, DEFAULT).get("Substitutions")]
    if push:
        layers.append(default.get("Substitutions"))
    layers += [own.get("Substitutions"), user.get("Substitutions")]
    subs = merge_substitutions(*layers)

    if channel == "EMAIL":
        simple = _dict(own, "SimpleEmail")
        body = _text(
            _dict(simple, "TextPart").get("Data"),
            _dict(simple, "HtmlPart").get("Data"),
            own.get("Body"),
            default.get("Body"),
        )
        title = _text(_dict(simple, "Subject").get("Data"))
    else:
        body = _text(own.get("Body"), default.get("Body"))
        title = _text(own.get("Title"), default.get("Title")) if push else None
    body = _text(user.get("BodyOverride"), body)
    if push or channel == "EMAIL":
        title = _text(user.get("TitleOverride"), title)

    raw = _text(user.get("RawContent"), own.get("RawContent"))
    if raw is not None:
        body = title = None
    else:
        body = render_text(body, subs, creation_date) if body is not None else None
        title = render_text(title, subs, creation_date) if title is not None else None

    push_type: str | None = None
    if channel in APNS_CHANNEL_TYPES:
        given = own.get("APNSPushType")
        silent = own.get("SilentPush", default.get("SilentPush")) is True or _aps_silent(raw)
        push_type = given if isinstance(given, str) else ("background" if silent else "alert")
    return Rendered(
        body=body,
        title=title,
        substitutions=subs,
        priority=_priority(channel, own.get("Priority")),
        push_type=push_type,
        raw_content=raw,
    )
