"""How Pinpoint renders a message for one recipient (CONTRACT.md "Rendering"; the AWS CLI v2
command reference, send-users-messages and send-messages, MessageConfiguration).

- Variables and ``{CreationDate}`` render as the contract's :mod:`~.contract.variables` says
  (the one home of that arithmetic; re-exported here for the fake's callers).
- ``DefaultMessage`` is "the default message for all channels": a channel with no message of
  its own (nor DefaultPushNotificationMessage, for push) falls back to it.
- Substitutions merge template DefaultSubstitutions < DefaultMessage < (push)
  DefaultPushNotificationMessage < channel message < recipient ("the variables specified in this
  map take precedence over all other variables").
- ``{{Attributes.X}}``, ``{{User.UserAttributes.X}}`` (and the endpoint's other fields, dotted)
  render from the recipient's endpoint, as message templates do:
  https://docs.aws.amazon.com/pinpoint/latest/userguide/message-templates-personalizing.html
  (below every Substitutions level: a guess, see docs/contract.md "What the fake guesses").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .contract.limits import (
    APNS_CHANNEL_TYPES,
    CHANNEL_MESSAGE,
    DEFAULT,
    PUSH_CHANNEL_TYPES,
    PUSH_DEFAULT,
)
from .contract.variables import (
    CREATION_DATE,
    CREATION_DATE_LENGTH,
    VARIABLE,
    Substitutions,
    format_creation_date,
    merge_substitutions,
    render_text,
    rendered_length,
)

__all__ = [
    "CREATION_DATE",
    "CREATION_DATE_LENGTH",
    "VARIABLE",
    "Rendered",
    "Substitutions",
    "endpoint_variables",
    "format_creation_date",
    "has_content",
    "merge_substitutions",
    "pick_channel",
    "render_endpoint",
    "render_text",
    "rendered_length",
    "template_message",
]

# 000 (APNSMessage.Priority): "10 - High priority ... This is the default value." The other
# channels document no default Priority, so none is recorded for them.
DEFAULT_PRIORITY = {channel: "10" for channel in APNS_CHANNEL_TYPES}

# TemplateConfiguration member -> the channel types it can reach.
TEMPLATE_CHANNELS = {
    "SMSTemplate": frozenset(("SMS",)),
    "VoiceTemplate": frozenset(("VOICE",)),
    "EmailTemplate": frozenset(("EMAIL",)),
    "PushTemplate": PUSH_CHANNEL_TYPES,
}
TEMPLATE_OF_CHANNEL = {ch: kind for kind, reach in TEMPLATE_CHANNELS.items() for ch in reach}
# A push template's section per channel type (PushNotificationTemplateRequest); "Default" else.
PUSH_TEMPLATE_SECTION = {
    "APNS": "APNS",
    "APNS_SANDBOX": "APNS",
    "APNS_VOIP": "APNS",
    "APNS_VOIP_SANDBOX": "APNS",
    "GCM": "GCM",
    "ADM": "ADM",
    "BAIDU": "Baidu",
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
    """What one recipient receives, after overrides and substitutions."""

    body: str | None
    title: str | None
    substitutions: dict[str, list[str]]
    priority: str | None
    push_type: str | None
    raw_content: str | None
    data: dict[str, str] | None = None


def _dict(parent: Any, key: str) -> dict[str, Any]:
    value = parent.get(key) if isinstance(parent, dict) else None
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
    """Whether the request carries a message for a recipient of this channel type."""
    member = CHANNEL_MESSAGE.get(channel, "")
    if member == "":
        return False  # CUSTOM, IN_APP: these operations carry no message for them
    if member is not None and isinstance(config.get(member), dict):
        return True
    if channel in PUSH_CHANNEL_TYPES and isinstance(config.get(PUSH_DEFAULT), dict):
        return True
    if isinstance(config.get(DEFAULT), dict):  # "the default message for all channels" (000)
        return True
    kind = TEMPLATE_OF_CHANNEL.get(channel)
    return kind is not None and isinstance((templates or {}).get(kind), dict)


def endpoint_variables(
    endpoint: Mapping[str, Any] | None, endpoint_id: str | None
) -> Substitutions:
    """An endpoint's fields as dotted variables (``Attributes.X``, ``User.UserAttributes.X``,
    ``Address``, ``Location.City`` ...), each a list of values as Substitutions are."""
    out: dict[str, list[str]] = {}
    if endpoint_id is not None:
        out["Id"] = [endpoint_id]

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, str):
            out[prefix] = [value]
        elif isinstance(value, bool | int | float):
            out[prefix] = [str(value)]
        elif isinstance(value, list | tuple):
            out[prefix] = [str(v) for v in value if isinstance(v, str | int | float)]
        elif isinstance(value, Mapping):
            for key, inner in value.items():
                if isinstance(key, str):
                    walk(f"{prefix}.{key}" if prefix else key, inner)

    if endpoint:
        walk("", endpoint)
    return out


def _default_substitutions(raw: Any) -> dict[str, list[str]]:
    """A template's DefaultSubstitutions: a JSON object string ``{"Name": "value"}``."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    if not isinstance(raw, Mapping):
        return {}
    return {
        k: [v] if isinstance(v, str) else [x for x in v if isinstance(x, str)]
        for k, v in raw.items()
        if isinstance(k, str) and isinstance(v, str | list)
    }


def template_message(
    channel: str, content: Mapping[str, Any] | None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A stored template's content as a channel message, and its DefaultSubstitutions."""
    if not content:
        return {}, {}
    defaults = _default_substitutions(content.get("DefaultSubstitutions"))
    if channel == "EMAIL":
        parts = ("Subject", "TextPart", "HtmlPart")  # EmailTemplateRequest fields
        simple = {p: {"Data": content[p]} for p in parts if isinstance(content.get(p), str)}
        return {"SimpleEmail": simple}, defaults
    if channel in PUSH_CHANNEL_TYPES:
        section = _dict(content, PUSH_TEMPLATE_SECTION.get(channel, "Default"))
        merged = {**_dict(content, "Default"), **section}
        return merged, defaults
    return {"Body": content.get("Body")}, defaults


def _priority(channel: str, value: Any) -> str | None:
    """Priority in the channel's own vocabulary (000: APNs 5/10, GCM normal/high)."""
    if not isinstance(value, str):
        return DEFAULT_PRIORITY.get(channel)
    if channel in APNS_CHANNEL_TYPES:
        return {"normal": "5", "high": "10"}.get(value, value)
    if channel == "GCM":
        return {"5": "normal", "10": "high"}.get(value, value)
    return value


def _aps_silent(raw: str | None) -> bool:
    if raw is None:
        return False
    try:
        payload = json.loads(raw)
    except ValueError:
        return False
    aps = payload.get("aps") if isinstance(payload, dict) else None
    return isinstance(aps, dict) and aps.get("content-available") == 1


def _content(
    channel: str, own: dict[str, Any], defaults: list[dict[str, Any]], recipient: Mapping[str, Any]
) -> tuple[str | None, str | None]:
    """Body and title before rendering: channel message, then each default in turn."""
    push = channel in PUSH_CHANNEL_TYPES
    if channel == "EMAIL":  # SimpleEmail's parts, then a Body, from each layer in turn
        bodies: list[Any] = []
        titles: list[Any] = []
        for layer in (own, *defaults):
            simple = _dict(layer, "SimpleEmail")
            bodies += [
                _dict(simple, "TextPart").get("Data"),
                _dict(simple, "HtmlPart").get("Data"),
                layer.get("Body"),
            ]
            titles.append(_dict(simple, "Subject").get("Data"))
        body, title = _text(*bodies), _text(*titles)
    else:
        body = _text(own.get("Body"), *(d.get("Body") for d in defaults))
        title = _text(own.get("Title"), *(d.get("Title") for d in defaults)) if push else None
    body = _text(recipient.get("BodyOverride"), body)
    if push or channel == "EMAIL":
        title = _text(recipient.get("TitleOverride"), title)
    return body, title


def render_endpoint(
    channel: str,
    config: Mapping[str, Any],
    recipient: Mapping[str, Any] | None,
    creation_date: str,
    *,
    template: Mapping[str, Any] | None = None,
    variables: Substitutions | None = None,
) -> Rendered:
    """The effective message for one recipient of ``channel`` (a ChannelType value).

    Field by field: the channel message wins over DefaultPushNotificationMessage (push), then
    DefaultMessage, then the template's content (``template``: the stored template of this
    channel's kind); the recipient's BodyOverride / TitleOverride win over all; a RawContent
    (the recipient's, else the channel's) overrides all other content, so body and title are
    None beside it. ``variables`` (the endpoint's attributes) fill what no Substitutions does.
    """
    recipient = recipient if isinstance(recipient, dict) else {}
    push = channel in PUSH_CHANNEL_TYPES
    member = CHANNEL_MESSAGE.get(channel)
    own = _dict(config, member) if member else {}
    default_msg = _dict(config, DEFAULT)
    push_default = _dict(config, PUSH_DEFAULT) if push else {}
    from_template, template_subs = template_message(channel, template)
    defaults = [d for d in (push_default, default_msg, from_template) if d]
    subs = merge_substitutions(
        template_subs,
        default_msg.get("Substitutions"),
        push_default.get("Substitutions"),
        own.get("Substitutions"),
        recipient.get("Substitutions"),
    )
    body, title = _content(channel, own, defaults, recipient)
    raw = _text(recipient.get("RawContent"), own.get("RawContent"))
    if raw is not None:
        body = title = None
    else:
        lookup = {**variables, **subs} if variables else subs
        body = render_text(body, lookup, creation_date) if body is not None else None
        title = render_text(title, lookup, creation_date) if title is not None else None

    push_type: str | None = None
    if channel in APNS_CHANNEL_TYPES:
        given = own.get("APNSPushType")
        silent = own.get("SilentPush", push_default.get("SilentPush")) is True or _aps_silent(raw)
        push_type = given if isinstance(given, str) else ("background" if silent else "alert")
    data = own.get("Data", push_default.get("Data")) if push else None
    return Rendered(
        body=body,
        title=title,
        substitutions=subs,
        priority=_priority(channel, own.get("Priority")) if push else None,
        push_type=push_type,
        raw_content=raw,
        data=dict(data) if isinstance(data, dict) else None,
    )
