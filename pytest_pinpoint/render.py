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
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

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
    "ChannelPlan",
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
    "variable_prefixes",
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


class Rendered(NamedTuple):
    """What one recipient receives, after overrides and substitutions."""

    body: str | None
    title: str | None
    substitutions: dict[str, list[str]]
    priority: str | None
    push_type: str | None
    raw_content: str | None
    data: dict[str, str] | None = None


# template_message of no template, and no push default: read only (ChannelPlan never writes)
_NONE: tuple[dict[str, Any], dict[str, list[str]]] = ({}, {})
_READ_ONLY: dict[str, Any] = {}


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


def variable_prefixes(names: Iterable[str]) -> frozenset[str]:
    """Every dotted prefix of ``names`` (``User``, ``User.UserAttributes``, ...): the subtrees
    of an endpoint :func:`endpoint_variables` must walk to find those names."""
    out: set[str] = set()
    for name in names:
        end = name.find(".")
        while end != -1:
            out.add(name[:end])
            end = name.find(".", end + 1)
        out.add(name)
    return frozenset(out)


def endpoint_variables(
    endpoint: Mapping[str, Any] | None,
    endpoint_id: str | None,
    only: frozenset[str] | None = None,
) -> Substitutions:
    """An endpoint's fields as dotted variables (``Attributes.X``, ``User.UserAttributes.X``,
    ``Address``, ``Location.City`` ...), each a list of values as Substitutions are.

    ``only`` (from :func:`variable_prefixes`): walk only what leads to those names (the same
    values, without flattening the whole endpoint for every recipient)."""
    out: dict[str, list[str]] = {}
    if endpoint_id is not None:
        out["Id"] = [endpoint_id]
    if endpoint:
        if only is None:
            _walk(out, "", endpoint, None)
        else:  # the common case: few names, most of them not the endpoint's
            hits = only & endpoint.keys()
            for key in endpoint if hits else ():  # in the endpoint's order, as the full walk
                if key in hits:
                    _walk(out, key, endpoint[key], only)
    return out


def _walk(out: dict[str, list[str]], prefix: str, value: Any, only: frozenset[str] | None) -> None:
    if isinstance(value, str):
        out[prefix] = [value]
    elif isinstance(value, bool | int | float):
        out[prefix] = [str(value)]
    elif isinstance(value, list | tuple):
        out[prefix] = [str(v) for v in value if isinstance(v, str | int | float)]
    elif isinstance(value, Mapping):
        for key, inner in value.items():
            if isinstance(key, str):
                name = f"{prefix}.{key}" if prefix else key
                if only is None or name in only:
                    _walk(out, name, inner, only)


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
    channel: str, own: dict[str, Any], defaults: list[dict[str, Any]]
) -> tuple[str | None, str | None]:
    """Body and title before overrides: channel message, then each default in turn."""
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
        return _text(*bodies), _text(*titles)
    body = _text(own.get("Body"), *(d.get("Body") for d in defaults))
    title = _text(own.get("Title"), *(d.get("Title") for d in defaults)) if push else None
    return body, title


class ChannelPlan:
    """What every recipient of one channel type shares in one request: the message layers,
    the merged message-level Substitutions, body and title before overrides, priority, push
    type and Data. Worked out once per channel per call; :meth:`render` adds the recipient."""

    __slots__ = (
        "body",
        "channel",
        "data",
        "given_type",
        "own",
        "parts",
        "priority",
        "push_default",
        "raw",
        "silent",
        "substitutions",
        "title",
        "titled",
    )

    def __init__(
        self, channel: str, config: Mapping[str, Any], template: Mapping[str, Any] | None
    ) -> None:
        self.channel = channel
        push = channel in PUSH_CHANNEL_TYPES
        member = CHANNEL_MESSAGE.get(channel)
        if not isinstance(config, dict):
            config = {}  # what _dict reads from anything else
        own = config.get(member) if member else None
        own = self.own = own if isinstance(own, dict) else {}
        default_msg = config.get(DEFAULT)
        push_default = config.get(PUSH_DEFAULT) if push else None
        self.titled = push or channel == "EMAIL"  # TitleOverride reaches push and email
        if template or isinstance(default_msg, dict) or isinstance(push_default, dict):
            self._layered(own, _dict(config, DEFAULT), _dict(config, PUSH_DEFAULT), template)
        else:  # the common case: the channel's own message alone
            self.push_default = _READ_ONLY
            subs = own.get("Substitutions")
            self.substitutions = merge_substitutions(subs) if subs else {}
            if channel == "EMAIL":
                self.body, self.title = _content(channel, own, [])
            else:
                body, title = own.get("Body"), own.get("Title") if push else None
                self.body = body if isinstance(body, str) and body else None
                self.title = title if isinstance(title, str) and title else None
        raw = own.get("RawContent")
        self.raw = raw if isinstance(raw, str) and raw else None
        if push:
            self.priority = _priority(channel, own.get("Priority"))
            given = own.get("APNSPushType") if channel in APNS_CHANNEL_TYPES else None
            self.given_type = given if isinstance(given, str) else None
            defaults = self.push_default
            self.silent = own.get("SilentPush", defaults.get("SilentPush")) is True
            data = own.get("Data", defaults.get("Data"))
            self.data = data if isinstance(data, dict) else None
        else:
            self.priority = self.given_type = self.data = None
            self.silent = False
        # text -> its literal parts and variables (re.split's alternation), on first need
        self.parts: dict[str, list[str]] | None = None

    def _layered(
        self,
        own: dict[str, Any],
        default_msg: dict[str, Any],
        push_default: dict[str, Any],
        template: Mapping[str, Any] | None,
    ) -> None:
        """Substitutions, body and title when defaults or a template add layers to ``own``."""
        channel = self.channel
        if channel not in PUSH_CHANNEL_TYPES:
            push_default = _READ_ONLY
        self.push_default = push_default
        from_template, template_subs = template_message(channel, template) if template else _NONE
        defaults = [d for d in (push_default, default_msg, from_template) if d]
        layers = (
            template_subs,
            default_msg.get("Substitutions"),
            push_default.get("Substitutions"),
            own.get("Substitutions"),
        )
        # most requests carry no message-level Substitutions: nothing to merge
        self.substitutions = merge_substitutions(*layers) if any(layers) else {}
        self.body, self.title = _content(channel, own, defaults)

    def _parts(self, text: str) -> list[str]:
        parts = self.parts
        if parts is None:
            parts = self.parts = {}
        found = parts.get(text)
        if found is None:
            found = parts[text] = VARIABLE.split(text)
        return found

    def _fill(self, text: str, lookup: Substitutions, creation_date: str) -> str:
        """:func:`render_text`, with the text split once per call instead of per recipient."""
        if "{{" in text:
            parts = self._parts(text)
            out = [parts[0]]
            for i in range(1, len(parts), 2):
                values = lookup.get(parts[i])
                out.append(values[0] if values else "")
                out.append(parts[i + 1])
            text = "".join(out)
        if CREATION_DATE in text:
            text = text.replace(CREATION_DATE, creation_date)
        return text

    def render(
        self,
        recipient: Mapping[str, Any] | None,
        creation_date: str,
        variables: Callable[[frozenset[str]], Substitutions] | None = None,
    ) -> Rendered:
        """One recipient's message; ``variables(prefixes)`` gives its endpoint's variables
        (asked only when a text holds ``{{``)."""
        plan_subs = self.substitutions
        subs = {k: list(v) for k, v in plan_subs.items()} if plan_subs else {}
        if not isinstance(recipient, dict) or not recipient:  # nothing of its own: the plan's
            body, title, raw = self.body, self.title, self.raw
        else:
            own_subs = recipient.get("Substitutions")
            if own_subs is not None and isinstance(own_subs, Mapping):  # recipient's win
                for key, values in own_subs.items():
                    if isinstance(key, str) and isinstance(values, list | tuple):
                        subs[key] = [v for v in values if isinstance(v, str)]
            # the recipient's override when a non-empty string (_text, inlined: per recipient)
            given = recipient.get("BodyOverride")
            body = given if isinstance(given, str) and given else self.body
            given = recipient.get("TitleOverride") if self.titled else None
            title = given if isinstance(given, str) and given else self.title
            given = recipient.get("RawContent")
            raw = given if isinstance(given, str) and given else self.raw
        if raw is not None:
            body = title = None
        elif body is not None or title is not None:
            lookup: Substitutions = subs
            if (body is not None and "{{" in body) or (title is not None and "{{" in title):
                # Substitutions win over endpoint fields: look up only the names they miss
                names = {n for t in (body, title) if t for n in self._parts(t)[1::2]}
                names.difference_update(subs)
                if names:  # what fills them is the recipient's endpoint's (or nothing)
                    found = variables(variable_prefixes(names)) if variables else None
                    lookup = {**found, **subs} if found else subs
            if body is not None and ("{{" in body or CREATION_DATE in body):  # else: no call
                body = self._fill(body, lookup, creation_date)
            if title is not None and ("{{" in title or CREATION_DATE in title):
                title = self._fill(title, lookup, creation_date)
        push_type: str | None = None
        if self.channel in APNS_CHANNEL_TYPES:
            silent = self.silent or _aps_silent(raw)
            given = self.given_type
            push_type = given if given is not None else ("background" if silent else "alert")
        data = dict(self.data) if self.data is not None else None
        return Rendered(body, title, subs, self.priority, push_type, raw, data)


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
    A request's recipients share a :class:`ChannelPlan` instead (the fake's send path).
    """
    plan = ChannelPlan(channel, config, template)
    return plan.render(recipient, creation_date, (lambda _: variables) if variables else None)
