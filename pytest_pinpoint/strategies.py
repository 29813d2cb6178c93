"""Hypothesis strategies for ``send_users_messages``: requests (valid, invalid), responses.

Everything is built from the botocore model (:mod:`pytest_pinpoint.model`: which members each
message has and their types) and the documented rules (:mod:`pytest_pinpoint.contract`: limits,
enums, what RawContent overrides). Every request from :func:`send_users_messages_requests` passes
``contract.validate_request`` with no violation at all and botocore's own parameter validation;
every ``(params, rule_id)`` from :func:`invalid_send_users_messages_requests` breaks exactly that
rule.

>>> from hypothesis import given
>>> from pytest_pinpoint.strategies import send_users_messages_requests
>>> @given(send_users_messages_requests(channels={"SMSMessage"}))
... def test_sms(params):
...     my_app.handle(params)

Strategies shrink towards the seed's worked example (000_55cfda106dd42147.txt, ``myfile.json``):
one ``SMSMessage`` with a ``Body`` sent to user ``testuser``.

Importing this module imports hypothesis; the plugin itself never imports it.
"""

from __future__ import annotations

import base64
import email.message
import email.policy
import functools
import json
from collections.abc import Callable, Collection, Mapping
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from . import contract, model
from .contract import (
    ACTION_CHANNELS,
    APNS_AUTH_METHODS,
    APNS_PUSH_TYPES,
    CONTENT_AVAILABLE_VALUES,
    GCM_AUTH_METHODS,
    MAX_COLLAPSE_ID_BYTES,
    MAX_EMAIL_HEADERS,
    MAX_HEADER_NAME_LENGTH,
    MAX_HEADER_VALUE_LENGTH,
    MAX_USERS,
    PRIORITY_EQUIVALENT,
    RAW_OVERRIDDEN_FIELDS,
    SILENT_FORBIDDEN_KEYS,
    TTL_MAXIMA,
    USER_OVERRIDDEN_FIELDS,
)
from .render import CREATION_DATE, CREATION_DATE_LENGTH, merge_substitutions, rendered_length

__all__ = [
    "INVALID_RULES",
    "SKIPPED_RULES",
    "check_request",
    "ci_settings",
    "delivery_statuses",
    "endpoint_message_results",
    "invalid_send_users_messages_requests",
    "message_configurations",
    "outcome_maps",
    "send_users_messages_requests",
    "send_users_messages_responses",
]

# --- the model, read once ---------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _body_node() -> model.Node:
    return model.request_node().members["SendUsersMessageRequest"]


@functools.lru_cache(maxsize=1)
def _channel_nodes() -> dict[str, model.Node]:
    return model.channel_messages()


@functools.lru_cache(maxsize=1)
def _user_node() -> model.Node:
    users = _body_node().members["Users"]
    assert users.value is not None
    return users.value


# Channels whose messages carry a push payload: the only ones a user's RawContent can serve.
_PUSH_CHANNELS = (*ACTION_CHANNELS, "DefaultPushNotificationMessage")
# Shrink order: the seed's SMS message first, then the others in model order.
_SEED_CHANNEL = "SMSMessage"
_SEED_USER = "testuser"


def _ordered_channels(channels: Collection[str] | None) -> tuple[str, ...]:
    known = tuple(_channel_nodes())
    if channels is None:
        chosen = known
    else:
        if isinstance(channels, str):
            channels = (channels,)
        unknown = sorted(set(channels) - set(known))
        if unknown:
            raise ValueError(
                f"unknown channel(s) {', '.join(map(repr, unknown))}; MessageConfiguration "
                f"members are: {', '.join(known)}"
            )
        chosen = tuple(c for c in known if c in channels)
        if not chosen:
            raise ValueError(f"channels must name at least one of: {', '.join(known)}")
    return tuple(sorted(chosen, key=lambda c: (c != _SEED_CHANNEL, known.index(c))))


# --- leaves -----------------------------------------------------------------------------------

# Free text never contains braces, so it never forms a {{Variable}} or {CreationDate} by accident
# (rendered lengths stay exactly what the generator computed). A fixed alphabet of 1- to 4-byte
# UTF-8 characters: readable counterexamples, and half the cost of drawing from all of Unicode.
_CHARS = st.sampled_from(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?'\"-_/@#%&()[]<>+=*"
    "éüßøñçÅЖжλΩ€中文日本語한국😀🎉"
)
_TEXT = st.text(_CHARS, min_size=1, max_size=24)
_SHORT = st.text(_CHARS, max_size=12)
# Header values: printable, no line breaks (a newline would be header injection).
_HEADER_CHARS = _CHARS
_MULTIBYTE = st.sampled_from("aZ9-_éßЖ€中😀")  # 1, 2, 3 and 4 bytes in UTF-8
_NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-"
# RFC 5322 field-name characters are printable ASCII except ':' and space.
_FIELD_NAME_ALPHABET = st.sampled_from(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
)

_VARIABLES = ("FirstName", "City", "Code", "Link", "Plan")
_VAR_REFS = st.sampled_from([f"{{{{{v}}}}}" for v in _VARIABLES])


def _either(*strategies: SearchStrategy[Any]) -> SearchStrategy[Any]:
    """``st.one_of`` for fixed, non-empty branches: ~40% cheaper per draw (no per-draw filter).

    Shrinks towards the first branch, like ``one_of``.
    """
    index = st.integers(0, len(strategies) - 1)

    @st.composite
    def pick(draw: DrawFn) -> Any:
        return draw(strategies[draw(index)])

    return pick()


def _pad(seed: str, length: int, filler: str = "x") -> str:
    """``seed`` repeated to exactly ``length`` characters: long values without long draws."""
    unit = seed or filler
    return (unit * (length // len(unit) + 1))[:length]


def _padded(seed: SearchStrategy[str], lengths: SearchStrategy[int]) -> SearchStrategy[str]:
    return st.builds(_pad, seed, lengths)


_APP_IDS = st.integers(0, 2**128 - 1).map(lambda n: f"{n:032x}")  # 32 hex digits, like the seed
_USER_IDS = _either(
    st.sampled_from((_SEED_USER, "user-1", "user-2", "ユーザー")),
    st.text(_CHARS, min_size=1, max_size=16).filter(lambda s: bool(s.strip())),
)
_URLS = st.builds(
    "https://example.com/{}?n={}".format,
    st.text(st.sampled_from(_NAME_CHARS), max_size=12),
    st.integers(0, 999),
)
_EMAILS = st.builds(
    "{}@example.com".format, st.text(st.sampled_from(_NAME_CHARS), min_size=1, max_size=12)
)
_E164 = st.integers(1, 10**15 - 1).map(lambda n: f"+{n}")  # "+" and 1-15 digits
_BODIES = st.builds(
    lambda head, tail: head + "".join(tail),
    _TEXT,
    st.lists(_either(_VAR_REFS, _TEXT), max_size=3),
)
_SUB_VALUES = _either(_SHORT, _padded(_TEXT, st.integers(25, 300)))
_SUBSTITUTIONS = st.dictionaries(
    st.sampled_from(_VARIABLES), st.lists(_SUB_VALUES, min_size=1, max_size=2), max_size=3
)
_STRING_MAPS = st.dictionaries(
    st.text(st.sampled_from(_NAME_CHARS), min_size=1, max_size=10), _SHORT, max_size=3
)


def _collapse_ids() -> SearchStrategy[str]:
    """Multibyte CollapseIds of at most 64 bytes, often within a few bytes of the limit."""

    def cut(chars: list[str]) -> str:
        out, size = [], 0
        for ch in chars:
            size += len(ch.encode("utf-8"))
            if size > MAX_COLLAPSE_ID_BYTES:
                break
            out.append(ch)
        return "".join(out)

    near = st.lists(_MULTIBYTE, min_size=MAX_COLLAPSE_ID_BYTES, max_size=MAX_COLLAPSE_ID_BYTES)
    return _either(st.lists(_MULTIBYTE, min_size=1, max_size=8), near).map(cut)


def _md5s() -> SearchStrategy[str]:
    size = contract.ADM_MD5_DIGEST_BYTES
    return st.binary(min_size=size, max_size=size).map(lambda b: base64.b64encode(b).decode())


def _mime(sender: str, to: str, subject: str, text: str) -> bytes:
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(text)
    return msg.as_bytes()


_RAW_EMAILS = st.fixed_dictionaries(
    {"Data": st.builds(_mime, _EMAILS, _EMAILS, _TEXT, _TEXT)}
)  # RawEmail: bytes holding a real MIME message (boto3 base64-encodes it on the wire)


def _json_scalars() -> SearchStrategy[Any]:
    return _either(st.integers(-1000, 1000), _SHORT, st.booleans())


def _json_objects() -> SearchStrategy[dict[str, Any]]:
    return st.dictionaries(
        st.text(st.sampled_from(_NAME_CHARS), max_size=8), _json_scalars(), max_size=3
    )


def _raw_payload(channel: str) -> SearchStrategy[str]:
    """RawContent for a non-APNs push channel: a JSON object shaped like that service's payload."""
    shape: SearchStrategy[dict[str, Any]]
    if channel == "GCMMessage":
        shape = st.fixed_dictionaries(
            {},
            optional={
                "notification": st.fixed_dictionaries({"title": _SHORT, "body": _SHORT}),
                "data": _STRING_MAPS,
            },
        )
    elif channel == "BaiduMessage":
        shape = st.fixed_dictionaries(
            {"title": _SHORT, "description": _SHORT}, optional={"custom_content": _json_objects()}
        )
    else:  # ADM
        shape = st.fixed_dictionaries({"data": _STRING_MAPS}, optional={"consolidationKey": _SHORT})
    return shape.map(lambda o: json.dumps(o, ensure_ascii=False))


def _aps(silent: bool) -> SearchStrategy[dict[str, Any]]:
    """An ``aps`` dictionary: content-available the integer 0 or 1, no alert/badge/sound if 1."""
    available = CONTENT_AVAILABLE_VALUES[1] if silent else CONTENT_AVAILABLE_VALUES[0]
    if silent:
        return st.fixed_dictionaries(
            {"content-available": st.just(available)}, optional={"thread-id": _SHORT}
        )
    alert = _either(_SHORT, st.fixed_dictionaries({"title": _SHORT, "body": _SHORT}))
    return st.fixed_dictionaries(
        {"content-available": st.just(available), "alert": alert},
        optional={"badge": st.integers(0, 99), "sound": st.just("default")},
    )


# --- members, by model node -------------------------------------------------------------------

_ENUMS: dict[tuple[str, str], Callable[[], tuple[str, ...]]] = {
    ("APNSMessage", "APNSPushType"): lambda: APNS_PUSH_TYPES,
    ("APNSMessage", "PreferredAuthenticationMethod"): lambda: APNS_AUTH_METHODS,
    ("GCMMessage", "PreferredAuthenticationMethod"): lambda: GCM_AUTH_METHODS,
    ("SMSMessage", "MessageType"): contract.sms_message_types,
}
# Members whose documented form is narrower than "a string" (000), by member name.
_BY_NAME: dict[str, Callable[[], SearchStrategy[Any]]] = {
    "Body": lambda: _BODIES,
    "BodyOverride": lambda: _BODIES,
    "Title": lambda: _BODIES,
    "TitleOverride": lambda: _BODIES,
    "Substitutions": lambda: _SUBSTITUTIONS,
    "Data": lambda: _STRING_MAPS,
    "Context": lambda: _STRING_MAPS,
    "Priority": lambda: st.sampled_from(tuple(PRIORITY_EQUIVALENT)),  # both vocabularies
    "CollapseId": _collapse_ids,
    "MD5": _md5s,
    "ExpiresAfter": lambda: st.integers(0, 30 * 86_400).map(str),
    "OriginationNumber": lambda: _E164,
    "Badge": lambda: st.integers(0, 99),
    "Sound": lambda: st.sampled_from(("default", "chime.caf")),
    "Charset": lambda: st.just("UTF-8"),
    "LanguageCode": lambda: st.sampled_from(("en-US", "fr-FR", "ja-JP")),
    "VoiceId": lambda: st.sampled_from(("Joanna", "Matthew", "Mizuki")),
    "RawEmail": lambda: _RAW_EMAILS,
    "ReplyToAddresses": lambda: st.lists(_EMAILS, min_size=1, max_size=2),
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


def _member(owner: str, name: str, node: model.Node) -> SearchStrategy[Any]:
    if (owner, name) in _ENUMS:
        return st.sampled_from(_ENUMS[owner, name]())
    if node.enum:
        return st.sampled_from(node.enum)
    if name in _BY_NAME and _BY_NAME_TYPE.get(name, "string") == node.type:
        return _BY_NAME[name]()
    if name == "TimeToLive":
        # Up to each channel's documented maximum; APNs documents none, use the largest.
        return _either(
            st.integers(0, 3600), st.just(TTL_MAXIMA.get(owner, max(TTL_MAXIMA.values())))
        )
    if name.endswith("Url"):
        return _URLS
    if name.endswith("Address"):
        return _EMAILS
    return _by_type(node)


def _by_type(node: model.Node) -> SearchStrategy[Any]:
    kind = node.type
    if kind == "string":
        return _SHORT
    if kind in ("integer", "long"):
        return st.integers(0, 1000)
    if kind == "boolean":
        return st.booleans()
    if kind == "blob":
        return st.binary(max_size=16)
    if kind == "list" and node.member is not None:
        return st.lists(_by_type(node.member), max_size=2)
    if kind == "map" and node.value is not None:
        if node.value.type == "list":
            return _SUBSTITUTIONS
        return st.dictionaries(_SHORT, _by_type(node.value), max_size=2)
    if kind == "structure":
        return _structure(node, node.members)
    raise NotImplementedError(f"no strategy for model type {kind!r} ({node.name})")


def _structure(node: model.Node, names: Collection[str]) -> SearchStrategy[dict[str, Any]]:
    """The members ``names`` of a structure, each optional (shrinks to ``{}``)."""
    return st.fixed_dictionaries(
        {},
        optional={k: _member(node.name, k, node.members[k]) for k in node.members if k in names},
    )


def _merge(*parts: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part in parts:
        out.update(part)
    return out


def _action_url() -> SearchStrategy[dict[str, Any]]:
    """Action and Url together: Url only with Action=URL (contract rule action-url)."""
    url_action = "URL"
    others = tuple(a for a in contract.actions() if a != url_action)
    return _either(
        st.just({}),
        st.fixed_dictionaries({"Action": st.sampled_from(others)}),
        st.fixed_dictionaries({"Action": st.just(url_action), "Url": _URLS}),
    )


_SPECIAL = ("Action", "Url", "RawContent", "Body")


def _plain_message(channel: str) -> SearchStrategy[dict[str, Any]]:
    """A channel message without RawContent; ``Body`` always there (the seed's shape)."""
    node = _channel_nodes()[channel]
    rest = [k for k in node.members if k not in _SPECIAL]
    if channel == "EmailMessage":
        rest = [k for k in rest if k not in ("SimpleEmail", "RawEmail")]
    parts = [_structure(node, rest)]
    if "Body" in node.members:
        parts.append(
            st.fixed_dictionaries({"Body": _member(channel, "Body", node.members["Body"])})
        )
    if "Action" in node.members:
        parts.append(_action_url())
    if channel == "EmailMessage":  # SimpleEmail or RawEmail (or neither): one way to say it
        simple = node.members["SimpleEmail"]
        parts.append(
            _either(
                st.just({}),
                st.fixed_dictionaries(
                    {
                        "SimpleEmail": _structure(
                            simple, [k for k in simple.members if k != "Headers"]
                        )
                    }
                ),
                st.fixed_dictionaries({"RawEmail": _RAW_EMAILS}),
            )
        )
    strategy = st.tuples(*parts).map(lambda p: _merge(*p))
    if channel == "APNSMessage":
        strategy = strategy.map(_coherent_apns)
    return strategy


def _coherent_apns(msg: dict[str, Any]) -> dict[str, Any]:
    # SilentPush=true with push type alert (or false with background) says two things at once.
    if msg.get("SilentPush") is True and msg.get("APNSPushType") == "alert":
        msg["APNSPushType"] = "background"
    if msg.get("SilentPush") is False and msg.get("APNSPushType") == "background":
        del msg["SilentPush"]
    return msg


def _raw_message(channel: str) -> SearchStrategy[dict[str, Any]]:
    """A push message carried by RawContent: nothing it overrides is set beside it."""
    node = _channel_nodes()[channel]
    rest = [k for k in node.members if k not in RAW_OVERRIDDEN_FIELDS and k not in _SPECIAL]
    if channel != "APNSMessage":
        rest_strategy = _structure(node, rest)
        return st.tuples(
            rest_strategy, st.fixed_dictionaries({"RawContent": _raw_payload(channel)})
        ).map(lambda p: _merge(*p))
    rest = [k for k in rest if k not in ("SilentPush", "APNSPushType")]
    rest_strategy = _structure(node, rest)
    return _either(
        *[
            st.tuples(rest_strategy, _apns_raw(silent)).map(lambda p: _merge(*p))
            for silent in (False, True)
        ]
    )


def _apns_raw(silent: bool) -> SearchStrategy[dict[str, Any]]:
    """RawContent with content-available 0 or 1, and SilentPush / push type that agree with it."""
    push_types = tuple(t for t in APNS_PUSH_TYPES if t != ("alert" if silent else "background"))
    return st.fixed_dictionaries(
        {
            "RawContent": st.fixed_dictionaries({"aps": _aps(silent)}).map(
                lambda o: json.dumps(o, ensure_ascii=False)
            )
        },
        optional={
            "SilentPush": st.just(silent),
            "APNSPushType": st.sampled_from(push_types),
        },
    )


@functools.cache
def _message(channel: str, form: str = "any") -> SearchStrategy[dict[str, Any]]:
    """``form``: "plain", "raw" (push channels with RawContent only) or "any"."""
    node = _channel_nodes()[channel]
    has_raw = "RawContent" in node.members
    if form == "raw":
        return _raw_message(channel)
    if form == "plain" or not has_raw:
        return _plain_message(channel)
    return _either(_plain_message(channel), _raw_message(channel))


def _apns_raw_silent(apns: Mapping[str, Any]) -> bool | None:
    raw = apns.get("RawContent")
    if not isinstance(raw, str):
        return None
    return bool(json.loads(raw)["aps"]["content-available"])


def _apns_silent(cfg: Mapping[str, Any]) -> bool:
    """What an APNs device would get: silent or not (RawContent, SilentPush, push type, default)."""
    apns = cfg.get("APNSMessage") or {}
    raw = _apns_raw_silent(apns)
    if raw is not None:
        return raw
    silent = apns.get("SilentPush")
    if silent is None:
        silent = (cfg.get("DefaultPushNotificationMessage") or {}).get("SilentPush")
    return bool(silent) or apns.get("APNSPushType") == "background"


# --- email headers, sized after rendering -----------------------------------------------------


def _contexts(body: Mapping[str, Any]) -> list[dict[str, list[str]]]:
    """The variables each user renders a header with: DefaultMessage < EmailMessage < user."""
    cfg = body["MessageConfiguration"]
    base = merge_substitutions(
        (cfg.get("DefaultMessage") or {}).get("Substitutions"),
        (cfg.get("EmailMessage") or {}).get("Substitutions"),
    )
    out = [base]  # a user without Substitutions of its own renders with the message's
    for conf in body["Users"].values():
        if isinstance(conf.get("Substitutions"), dict):
            out.append(merge_substitutions(base, conf["Substitutions"]))
    return out


def _worst_length(value: str, contexts: list[dict[str, list[str]]]) -> int:
    return max(rendered_length(value, ctx) for ctx in contexts)


_HEADER_NAMES = _either(
    st.sampled_from(("X-Campaign", "X-Entity-Ref-ID", "List-Unsubscribe", "X-Tags")),
    _padded(
        st.text(_FIELD_NAME_ALPHABET, min_size=1, max_size=6).map(lambda s: "X-" + s),
        _either(st.integers(3, MAX_HEADER_NAME_LENGTH), st.just(MAX_HEADER_NAME_LENGTH)),
    ),
)
_HEADER_TOKENS = st.lists(
    _either(_VAR_REFS, st.just(CREATION_DATE), st.text(_HEADER_CHARS, min_size=1, max_size=12)),
    min_size=1,
    max_size=4,
)


_FILL_SEEDS = st.text(_HEADER_CHARS, min_size=1, max_size=4)
_FILL_MODES = st.sampled_from(("none", "some", "full"))
_PER_MILLE = st.integers(0, 1000)
_HEADER_COUNTS = _either(st.integers(0, MAX_EMAIL_HEADERS), st.just(MAX_EMAIL_HEADERS))


def _draw_header(draw: DrawFn, contexts: list[dict[str, list[str]]]) -> dict[str, str]:
    name = draw(_HEADER_NAMES)
    tokens = draw(_HEADER_TOKENS)
    value = "".join(tokens)
    while tokens and _worst_length(value, contexts) > MAX_HEADER_VALUE_LENGTH:
        tokens.pop()
        value = "".join(tokens)
    budget = MAX_HEADER_VALUE_LENGTH - _worst_length(value, contexts)
    # Literal padding renders 1:1, so the value can be filled to exactly 870 after rendering.
    mode = draw(_FILL_MODES)
    fill = 0 if mode == "none" else budget if mode == "full" else budget * draw(_PER_MILLE) // 1000
    if fill:
        value += _pad(draw(_FILL_SEEDS), fill)
    return {"Name": name, "Value": value}


def _draw_headers(draw: DrawFn, contexts: list[dict[str, list[str]]]) -> list[dict[str, str]]:
    return [_draw_header(draw, contexts) for _ in range(draw(_HEADER_COUNTS))]


# --- users --------------------------------------------------------------------------------------


def _user_raw(silent: bool) -> SearchStrategy[str]:
    """A user's RawContent that serves every push channel: aps for APNs, data for the others."""
    return st.fixed_dictionaries({"aps": _aps(silent)}, optional={"data": _STRING_MAPS}).map(
        lambda o: json.dumps(o, ensure_ascii=False)
    )


@functools.cache
def _user_conf(raw: bool, silent: bool) -> SearchStrategy[dict[str, Any]]:
    node = _user_node()
    plain = _structure(node, [k for k in node.members if k != "RawContent"])
    if not raw:
        return plain
    # RawContent overrides BodyOverride/TitleOverride: never both (rule raw-content-overrides).
    kept = [k for k in node.members if k not in USER_OVERRIDDEN_FIELDS and k != "RawContent"]
    with_raw = st.tuples(
        _structure(node, kept), st.fixed_dictionaries({"RawContent": _user_raw(silent)})
    ).map(lambda p: _merge(*p))
    return _either(plain, with_raw)


# --- requests -------------------------------------------------------------------------------------


@st.composite
def _requests(
    draw: DrawFn,
    channels: tuple[str, ...],
    max_users: int,
    templates: bool,
    need: str | None = None,
    need_form: str = "any",
) -> dict[str, Any]:
    app_id = draw(_APP_IDS)
    first = need or draw(_choice(channels))
    others = tuple(c for c in channels if c != first)
    extra = draw(_subsets(others)) if others else []
    cfg: dict[str, Any] = {}
    for channel in sorted({first, *extra}, key=_any_index):
        form = need_form if channel == need else "any"
        cfg[channel] = dict(draw(_message(channel, form)))
    _harmonize_silent(cfg)

    push_only = all(c in _PUSH_CHANNELS for c in cfg)
    users = draw(_user_maps(push_only, _apns_silent(cfg), max_users))
    body: dict[str, Any] = {"MessageConfiguration": cfg, "Users": users}

    simple = (cfg.get("EmailMessage") or {}).get("SimpleEmail")
    if simple is not None and draw(_BOOLS):
        simple["Headers"] = _draw_headers(draw, _contexts(body))
    if templates and draw(_BOOLS):
        body["TemplateConfiguration"] = draw(_template_configurations())
    if draw(_BOOLS):
        body["TraceId"] = draw(_SHORT)
    if draw(_BOOLS):
        body["Context"] = draw(_STRING_MAPS)
    return {"ApplicationId": app_id, "SendUsersMessageRequest": body}


_BOOLS = st.booleans()


@functools.cache
def _choice(values: tuple[str, ...]) -> SearchStrategy[str]:
    return st.sampled_from(values)


@functools.cache
def _subsets(values: tuple[str, ...]) -> SearchStrategy[list[str]]:
    # Up to 3 channels beside the first: every combination of two stays reachable (DefaultMessage
    # with EmailMessage for substitution precedence), examples stay small and fast.
    return st.lists(st.sampled_from(values), unique=True, max_size=min(3, len(values)))


@functools.cache
def _user_maps(raw: bool, silent: bool, max_users: int) -> SearchStrategy[dict[str, Any]]:
    return st.dictionaries(_USER_IDS, _user_conf(raw, silent), min_size=1, max_size=max_users)


def _any_index(channel: str) -> int:
    return tuple(_channel_nodes()).index(channel)


def _harmonize_silent(cfg: dict[str, Any]) -> None:
    """APNs inherits SilentPush from the default push message: keep RawContent's say in charge."""
    apns = cfg.get("APNSMessage")
    if apns is None:
        return
    raw_silent = _apns_raw_silent(apns)
    default = cfg.get("DefaultPushNotificationMessage") or {}
    if raw_silent is not None and "SilentPush" not in apns:
        inherited = default.get("SilentPush")
        if inherited is not None and inherited is not raw_silent:
            apns["SilentPush"] = raw_silent


@functools.lru_cache(maxsize=1)
def _template_configurations() -> SearchStrategy[dict[str, Any]]:
    node = _body_node().members["TemplateConfiguration"]
    kinds = [k for k in node.members if k != "InAppTemplate"]  # rule in-app-template
    ref = st.fixed_dictionaries(
        {"Name": st.text(st.sampled_from(_NAME_CHARS), min_size=1, max_size=20)},
        optional={"Version": st.integers(1, 20).map(str)},
    )
    return st.fixed_dictionaries({}, optional={k: ref for k in kinds})


def send_users_messages_requests(
    *,
    channels: Collection[str] | None = None,
    max_users: int = 5,
    templates: bool = True,
) -> SearchStrategy[dict[str, Any]]:
    """boto3 kwargs for ``send_users_messages`` that break no documented rule.

    ``channels`` restricts MessageConfiguration to those members (model names such as
    ``"APNSMessage"``, ``"DefaultMessage"``); ``max_users`` caps Users (1..100); ``templates=False``
    leaves TemplateConfiguration out. Every value gives ``validate_request(value) == []`` and
    passes botocore's parameter validation; examples shrink to the seed's SMS request.

    >>> from hypothesis import given
    >>> @given(send_users_messages_requests(channels={"EmailMessage"}, max_users=3))
    ... def test_email(params):
    ...     client.send_users_messages(**params)
    """
    ordered = _ordered_channels(channels)
    if not 1 <= max_users <= MAX_USERS:
        raise ValueError(f"max_users must be between 1 and {MAX_USERS}, not {max_users!r}")
    return _requests(ordered, max_users, templates)


def message_configurations(channel: str | None = None) -> SearchStrategy[dict[str, Any]]:
    """A valid ``MessageConfiguration``: one or more channels, or only ``channel``.

    >>> message_configurations("GCMMessage").example()  # doctest: +SKIP
    {'GCMMessage': {'Body': '0', 'Priority': 'high'}}
    """
    chosen = _ordered_channels(None if channel is None else (channel,))
    return _requests(chosen, 1, False).map(
        lambda p: p["SendUsersMessageRequest"]["MessageConfiguration"]
    )


# --- invalid requests -----------------------------------------------------------------------------

# Rules a single request cannot break, and why.
SKIPPED_RULES: dict[str, str] = {
    "apns-silent-rate": "counts silent pushes across calls (the stub checks it with its clock)",
    "template-exists": "depends on the templates a test registered, not on the request alone",
    "delivery-status-enum": "a response rule (see send_users_messages_responses)",
    "delivery-status-legacy": "a response rule (see send_users_messages_responses(legacy=True))",
    "status-code-type": "a response rule",
}

Breaker = Callable[[DrawFn, dict[str, Any]], None]
# rule -> (channel the base request must carry, its form, how to break it)
_BREAKERS: dict[str, tuple[str | None, str, Breaker]] = {}


def _breaks(rule: str, need: str | None = None, form: str = "any") -> Callable[[Breaker], Breaker]:
    def register(fn: Breaker) -> Breaker:
        _BREAKERS[rule] = (need, form, fn)
        return fn

    return register


def _body(params: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = params["SendUsersMessageRequest"]
    return body


def _cfg(params: dict[str, Any]) -> dict[str, Any]:
    cfg: dict[str, Any] = _body(params)["MessageConfiguration"]
    return cfg


def _present(
    node: model.Node, value: Any, path: tuple[Any, ...] = ()
) -> list[tuple[tuple[Any, ...], model.Node, Any]]:
    """Every (path, node, value) of a request, walking the model beside the value."""
    found = [(path, node, value)]
    if node.type == "structure" and isinstance(value, dict):
        for k, v in value.items():
            if k in node.members:
                found += _present(node.members[k], v, (*path, k))
    elif node.type == "map" and isinstance(value, dict) and node.value is not None:
        for k, v in value.items():
            found += _present(node.value, v, (*path, k))
    elif node.type == "list" and isinstance(value, list) and node.member is not None:
        for i, v in enumerate(value):
            found += _present(node.member, v, (*path, i))
    return found


def _set(params: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = params
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


@_breaks("required")
def _missing_required(draw: DrawFn, params: dict[str, Any]) -> None:
    spots = [
        (path, name)
        for path, node, value in _present(model.request_node(), params)
        if node.type == "structure" and isinstance(value, dict)
        for name in node.required
        if name in value
    ]
    path, name = draw(st.sampled_from(spots))
    parent: Any = params
    for key in path:
        parent = parent[key]
    if draw(st.booleans()):
        del parent[name]
    else:
        parent[name] = None  # JSON null: the service reads it as absent


# Values whose type also steers another rule (Action/Url, silent push, rendering): left alone.
_TYPE_SKIP = frozenset(
    {"Action", "Url", "RawContent", "SilentPush", "APNSPushType", "Substitutions", "Value"}
)
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


@_breaks("type")
def _wrong_type(draw: DrawFn, params: dict[str, Any]) -> None:
    spots = [
        (path, node)
        for path, node, _ in _present(model.request_node(), params)
        if path
        and node.type in _WRONG
        and not any(isinstance(k, str) and k in _TYPE_SKIP for k in path)
        and not (len(path) == 1 and path[0] == "SendUsersMessageRequest")
    ]
    path, node = draw(st.sampled_from(spots))
    _set(params, path, _WRONG[node.type])


@_breaks("unknown-field")
def _unknown_field(draw: DrawFn, params: dict[str, Any]) -> None:
    spots = [
        (value, node)
        for _, node, value in _present(model.request_node(), params)
        if node.type == "structure" and isinstance(value, dict)
    ]
    value, node = draw(st.sampled_from(spots))
    # A member name off by case (a common typo), or a name the model does not know at all.
    name = draw(st.sampled_from([*(m.lower() for m in node.members), "Unknown", "Bogus"]))
    value[name] = "x"


@_breaks("users-empty")
def _no_users(draw: DrawFn, params: dict[str, Any]) -> None:
    _body(params)["Users"] = {}


@_breaks("users-max")
def _too_many_users(draw: DrawFn, params: dict[str, Any]) -> None:
    users = _body(params)["Users"]
    i = 0
    while len(users) <= MAX_USERS:  # exactly one past the quota
        users.setdefault(f"extra-user-{i}", {})
        i += 1


@_breaks("user-id-empty")
def _empty_user_id(draw: DrawFn, params: dict[str, Any]) -> None:
    _body(params)["Users"][draw(st.sampled_from(("", " ", "\t")))] = {}


def _off_by_case(values: Collection[str]) -> SearchStrategy[str]:
    cased = sorted(
        {f(v) for v in values for f in (str.lower, str.title, str.swapcase)} - set(values)
    )
    return st.sampled_from(cased)


def _push_with_action(draw: DrawFn, params: dict[str, Any]) -> dict[str, Any]:
    """A plain (non-raw) push message of the request that has an Action member."""
    cfg = _cfg(params)
    names = [c for c in _PUSH_CHANNELS if c in cfg and "RawContent" not in cfg[c]]
    msg: dict[str, Any] = cfg[draw(st.sampled_from(names))]
    return msg


@_breaks("action-enum", need="GCMMessage", form="plain")
def _bad_action(draw: DrawFn, params: dict[str, Any]) -> None:
    msg = _push_with_action(draw, params)
    msg["Action"] = draw(_either(_off_by_case(contract.actions()), st.just("OPEN")))


@_breaks("action-url", need="APNSMessage", form="plain")
def _url_without_url_action(draw: DrawFn, params: dict[str, Any]) -> None:
    msg = _push_with_action(draw, params)
    if draw(st.booleans()):  # Action=URL with nothing to open
        msg["Action"] = "URL"
        msg.pop("Url", None)
    else:  # a Url that the Action ignores
        others = [a for a in contract.actions() if a != "URL"]
        msg["Action"] = draw(st.sampled_from(others))
        msg["Url"] = draw(_URLS)


@_breaks("apns-push-type-enum", need="APNSMessage")
def _bad_push_type(draw: DrawFn, params: dict[str, Any]) -> None:
    msg = _cfg(params)["APNSMessage"]
    msg["APNSPushType"] = draw(_either(_off_by_case(APNS_PUSH_TYPES), st.just("silent")))


@_breaks("apns-collapse-id-bytes", need="APNSMessage")
def _long_collapse_id(draw: DrawFn, params: dict[str, Any]) -> None:
    chars = draw(
        st.lists(_MULTIBYTE.filter(lambda c: len(c.encode()) > 1), min_size=64, max_size=64)
    )
    out, size = "", 0
    for ch in chars:  # stop at the first character that crosses 64 bytes: 65..68 bytes
        out += ch
        size += len(ch.encode("utf-8"))
        if size > MAX_COLLAPSE_ID_BYTES:
            break
    _cfg(params)["APNSMessage"]["CollapseId"] = out


@_breaks("priority-value", need="APNSMessage")
def _bad_priority(draw: DrawFn, params: dict[str, Any]) -> None:
    channel = draw(st.sampled_from(("APNSMessage", "GCMMessage")))
    cfg = _cfg(params)
    msg = cfg.setdefault(channel, {"Body": "x"})
    msg["Priority"] = draw(
        _either(st.sampled_from(("urgent", "1", "medium")), _off_by_case(PRIORITY_EQUIVALENT))
    )


@_breaks("sms-message-type-enum", need="SMSMessage")
def _bad_sms_type(draw: DrawFn, params: dict[str, Any]) -> None:
    _cfg(params)["SMSMessage"]["MessageType"] = draw(
        _either(_off_by_case(contract.sms_message_types()), st.just("MARKETING"))
    )


@_breaks("apns-auth-enum", need="APNSMessage")
def _bad_apns_auth(draw: DrawFn, params: dict[str, Any]) -> None:
    bad = _either(_off_by_case(APNS_AUTH_METHODS), st.just("KEY"))  # KEY is GCM's word
    _cfg(params)["APNSMessage"]["PreferredAuthenticationMethod"] = draw(bad)


@_breaks("gcm-auth-enum", need="GCMMessage")
def _bad_gcm_auth(draw: DrawFn, params: dict[str, Any]) -> None:
    bad = _either(_off_by_case(GCM_AUTH_METHODS), st.just("CERTIFICATE"))  # APNs' word
    _cfg(params)["GCMMessage"]["PreferredAuthenticationMethod"] = draw(bad)


@_breaks("origination-e164", need="VoiceMessage")
def _not_e164(draw: DrawFn, params: dict[str, Any]) -> None:
    cfg = _cfg(params)
    channel = draw(st.sampled_from([c for c in ("SMSMessage", "VoiceMessage") if c in cfg]))
    cfg[channel]["OriginationNumber"] = draw(
        st.sampled_from(
            ("12065550100", "+1 206-555-0100", "+1234567890123456", "+", "(206) 555-0100")
        )
    )


@_breaks("in-app-template")
def _in_app_template(draw: DrawFn, params: dict[str, Any]) -> None:
    tc = _body(params).setdefault("TemplateConfiguration", {})
    tc["InAppTemplate"] = {
        "Name": draw(st.text(st.sampled_from(_NAME_CHARS), min_size=1, max_size=12))
    }


@_breaks("ttl-range", need="GCMMessage")
def _bad_ttl(draw: DrawFn, params: dict[str, Any]) -> None:
    cfg = _cfg(params)
    channel = draw(st.sampled_from([c for c in contract.TTL_CHANNELS if c in cfg]))
    choices = [-1]
    if channel in TTL_MAXIMA:
        choices.append(TTL_MAXIMA[channel] + 1)
    cfg[channel]["TimeToLive"] = draw(st.sampled_from(choices))


@_breaks("adm-expires-after", need="ADMMessage")
def _bad_expires(draw: DrawFn, params: dict[str, Any]) -> None:
    _cfg(params)["ADMMessage"]["ExpiresAfter"] = draw(
        st.sampled_from(("1h", "3600s", "-1", "1.5", " 60", "", "٣٦٠٠"))
    )


@_breaks("adm-md5", need="ADMMessage")
def _bad_md5(draw: DrawFn, params: dict[str, Any]) -> None:
    size = contract.ADM_MD5_DIGEST_BYTES
    bad = _either(
        st.sampled_from((size - 1, size + 1)).flatmap(
            lambda n: st.binary(min_size=n, max_size=n).map(lambda b: base64.b64encode(b).decode())
        ),
        st.binary(min_size=size, max_size=size).map(lambda b: b.hex()),  # hex, not base64
        st.just("not base64!"),
    )
    _cfg(params)["ADMMessage"]["MD5"] = draw(bad)


_NOT_JSON_OBJECTS = ('{"a": 1', "[1, 2]", '"text"', "", "null", "{'a': 1}", "42")


@_breaks("raw-content-json", need="GCMMessage", form="raw")
def _bad_raw_json(draw: DrawFn, params: dict[str, Any]) -> None:
    bad = draw(st.sampled_from(_NOT_JSON_OBJECTS))
    if draw(st.booleans()):
        cfg = _cfg(params)
        channel = draw(st.sampled_from([c for c in cfg if "RawContent" in cfg[c]]))
        cfg[channel]["RawContent"] = bad
    else:
        conf = _user(draw, params)
        for key in USER_OVERRIDDEN_FIELDS:
            conf.pop(key, None)
        conf["RawContent"] = bad


def _user(draw: DrawFn, params: dict[str, Any]) -> dict[str, Any]:
    users = _body(params)["Users"]
    conf: dict[str, Any] = users[draw(st.sampled_from(sorted(users)))]
    return conf


@_breaks("raw-content-overrides", need="BaiduMessage", form="raw")
def _raw_beside_body(draw: DrawFn, params: dict[str, Any]) -> None:
    if draw(st.booleans()):
        cfg = _cfg(params)
        channel = draw(st.sampled_from([c for c in cfg if "RawContent" in cfg[c]]))
        cfg[channel][draw(st.sampled_from(("Body", "Title")))] = draw(_TEXT)
    else:
        conf = _user(draw, params)
        conf.setdefault("RawContent", '{"data": {}}')
        conf[draw(st.sampled_from(USER_OVERRIDDEN_FIELDS))] = draw(_TEXT)


def _set_aps(params: dict[str, Any], aps: dict[str, Any]) -> dict[str, Any]:
    msg: dict[str, Any] = _cfg(params)["APNSMessage"]
    msg["RawContent"] = json.dumps({"aps": aps})
    return msg


@_breaks("apns-content-available", need="APNSMessage", form="raw")
def _bad_content_available(draw: DrawFn, params: dict[str, Any]) -> None:
    choice = draw(st.sampled_from(("string", "true", "two", "missing", "no-aps")))
    if choice == "no-aps":
        _cfg(params)["APNSMessage"]["RawContent"] = json.dumps({"data": {"k": "v"}})
        return
    aps: dict[str, Any] = {"alert": "hi"}
    if choice != "missing":
        aps["content-available"] = {"string": "1", "true": True, "two": 2}[choice]
    _set_aps(params, aps)


@_breaks("apns-silent-keys", need="APNSMessage", form="raw")
def _silent_with_alert(draw: DrawFn, params: dict[str, Any]) -> None:
    keys = draw(st.lists(st.sampled_from(SILENT_FORBIDDEN_KEYS), min_size=1, unique=True))
    aps: dict[str, Any] = {"content-available": 1}
    aps.update({k: {"alert": "hi", "badge": 1, "sound": "default"}[k] for k in keys})
    msg = _set_aps(params, aps)
    msg["SilentPush"] = True  # consistent on purpose: only the silent-keys rule is broken
    if msg.get("APNSPushType") == "alert":
        msg["APNSPushType"] = "background"


@_breaks("apns-silent-consistency", need="APNSMessage", form="raw")
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
        # An inherited SilentPush must not disagree too (that would still be this rule only).


def _simple_email(params: dict[str, Any]) -> dict[str, Any]:
    msg = _cfg(params)["EmailMessage"]
    msg.pop("RawEmail", None)
    simple: dict[str, Any] = msg.setdefault("SimpleEmail", {})
    return simple


@_breaks("email-headers-max", need="EmailMessage", form="plain")
def _too_many_headers(draw: DrawFn, params: dict[str, Any]) -> None:
    count = draw(st.sampled_from((MAX_EMAIL_HEADERS + 1, MAX_EMAIL_HEADERS + 2)))
    _simple_email(params)["Headers"] = [{"Name": f"X-H{i}", "Value": str(i)} for i in range(count)]


def _put_header(draw: DrawFn, params: dict[str, Any], header: dict[str, str]) -> None:
    headers = _simple_email(params).setdefault("Headers", [])
    if len(headers) >= MAX_EMAIL_HEADERS or (headers and draw(st.booleans())):
        headers[draw(st.integers(0, len(headers) - 1))] = header
    else:
        headers.append(header)


@_breaks("email-header-name-length", need="EmailMessage", form="plain")
def _long_header_name(draw: DrawFn, params: dict[str, Any]) -> None:
    length = draw(st.sampled_from((MAX_HEADER_NAME_LENGTH + 1, MAX_HEADER_NAME_LENGTH + 2)))
    name = _pad("X-" + draw(st.text(_FIELD_NAME_ALPHABET, min_size=1, max_size=4)), length)
    _put_header(draw, params, {"Name": name, "Value": "v"})


_LONG_VAR = "PinpointLongValue"  # a variable no valid request uses, so no other header renders it


@_breaks("email-header-value-length", need="EmailMessage", form="plain")
def _long_header_value(draw: DrawFn, params: dict[str, Any]) -> None:
    over = MAX_HEADER_VALUE_LENGTH + 1
    case = draw(st.sampled_from(("literal", "creation-date", "user-substitution", "precedence")))
    filler = draw(st.text(_HEADER_CHARS, min_size=1, max_size=4))
    if case == "literal":
        value = _pad(filler, over)
    elif case == "creation-date":  # 847 characters + {CreationDate} (24 when rendered) = 871
        value = CREATION_DATE + _pad(filler, over - CREATION_DATE_LENGTH)
    else:
        body = _body(params)
        user = _user(draw, params)
        longest = draw(st.integers(1, 300))
        ref = f"{{{{{_LONG_VAR}}}}}"
        value = ref + _pad(filler, over - longest)
        user.setdefault("Substitutions", {})[_LONG_VAR] = [_pad(filler, longest)]
        if case == "precedence":  # lower layers say less; the user's value wins (000: Users)
            cfg = body["MessageConfiguration"]
            cfg.setdefault("DefaultMessage", {}).setdefault("Substitutions", {})[_LONG_VAR] = ["d"]
            cfg["EmailMessage"].setdefault("Substitutions", {})[_LONG_VAR] = ["e"]
    _put_header(draw, params, {"Name": "X-Long", "Value": value})


@_breaks("raw-email-mime", need="EmailMessage")
def _not_mime(draw: DrawFn, params: dict[str, Any]) -> None:
    msg = _cfg(params)["EmailMessage"]
    msg.pop("SimpleEmail", None)
    msg["RawEmail"] = {
        "Data": draw(
            st.sampled_from(
                (
                    b"just some text",
                    b"",
                    b"Hello\r\n\r\nbody",
                    b"Subject hello\n\nbody",
                    b"\n\nbody",
                )
            )
        )
    }


INVALID_RULES: frozenset[str] = frozenset(_BREAKERS)
"""Rules :func:`invalid_send_users_messages_requests` can break (all but SKIPPED_RULES)."""


@st.composite
def _invalid(draw: DrawFn, rules: tuple[str, ...]) -> tuple[dict[str, Any], str]:
    rule = draw(st.sampled_from(rules))
    need, form, breaker = _BREAKERS[rule]
    channels = tuple(_channel_nodes())
    if rule in ("action-enum", "action-url"):
        # A default push message passes Action/Url down; leave it out so one message is wrong.
        channels = tuple(c for c in channels if c != "DefaultPushNotificationMessage")
    if rule == "raw-content-overrides" or rule == "raw-content-json":
        # Users get RawContent only in all-push requests; keep the base on push channels.
        channels = tuple(c for c in channels if c in _PUSH_CHANNELS)
    params = draw(_requests(channels, 5, True, need, form))
    breaker(draw, params)
    return params, rule


def invalid_send_users_messages_requests(
    *, rules: Collection[str] | None = None
) -> SearchStrategy[tuple[dict[str, Any], str]]:
    """``(params, rule_id)``: a valid request with exactly one documented rule broken.

    The break sits at or just past the documented boundary (16 headers, a 127-character header
    name, 871 characters after rendering, a 65-byte CollapseId, TTL max + 1, ...).
    ``validate_request(params)`` reports ``rule_id`` and no other rule. ``rules`` restricts the
    rules broken (IDs from :data:`INVALID_RULES`).

    >>> from hypothesis import given
    >>> @given(invalid_send_users_messages_requests(rules={"ttl-range"}))
    ... def test_rejected(case):
    ...     params, rule = case
    ...     with pytest.raises(client.exceptions.BadRequestException, match=rule):
    ...         client.send_users_messages(**params)
    """
    if rules is None:
        chosen = tuple(sorted(INVALID_RULES))
    else:
        if isinstance(rules, str):
            rules = (rules,)
        unknown = sorted(set(rules) - INVALID_RULES)
        if unknown:
            why = "; ".join(f"{r}: {SKIPPED_RULES[r]}" for r in unknown if r in SKIPPED_RULES)
            raise ValueError(
                f"cannot generate requests breaking {', '.join(map(repr, unknown))}"
                + (f" ({why})" if why else "")
                + f"; known rules: {', '.join(sorted(INVALID_RULES))}"
            )
        chosen = tuple(sorted(set(rules)))
        if not chosen:
            raise ValueError(f"rules must name at least one of: {', '.join(sorted(INVALID_RULES))}")
    return _invalid(chosen)


# --- responses and outcomes -----------------------------------------------------------------------


def delivery_statuses(legacy: bool = False) -> SearchStrategy[str]:
    """DeliveryStatus values: the current vocabulary (000), plus the legacy one of 001 if asked.

    >>> delivery_statuses(legacy=True).example()  # doctest: +SKIP
    'QUIET_TIME'
    """
    values = list(contract.delivery_statuses())
    if legacy:
        values += [v for v in contract.LEGACY_DELIVERY_STATUSES if v not in values]
    return st.sampled_from(values)


# Plausible downstream codes per status (the seed shows 200 for SUCCESSFUL; the rest are typical).
_STATUS_CODES: dict[str, tuple[int, ...]] = {
    "SUCCESSFUL": (200,),
    "THROTTLED": (429,),
    "TEMPORARY_FAILURE": (500, 502, 503),
    "PERMANENT_FAILURE": (400, 404, 410),
    "UNKNOWN_FAILURE": (500,),
    "OPT_OUT": (400,),
    "DUPLICATE": (400,),
}
_ALPHANUM = contract.MESSAGE_ID_ALPHABET


def _base36(n: int, width: int) -> str:
    out = []
    for _ in range(width):
        n, r = divmod(n, 36)
        out.append(_ALPHANUM[r])
    return "".join(reversed(out))


MESSAGE_ID_LENGTH = contract.MESSAGE_ID_LENGTH
_MESSAGE_IDS = st.integers(0, 36**MESSAGE_ID_LENGTH - 1).map(
    lambda n: _base36(n, MESSAGE_ID_LENGTH)
)
_ADDRESSES = _either(_E164, _EMAILS, st.binary(min_size=16, max_size=16).map(bytes.hex))


@st.composite
def _endpoint_result(draw: DrawFn, statuses: SearchStrategy[str]) -> dict[str, Any]:
    status = draw(statuses)
    current = contract.LEGACY_DELIVERY_STATUSES.get(status, status) or "UNKNOWN_FAILURE"
    result: dict[str, Any] = {
        "DeliveryStatus": status,
        "StatusCode": draw(st.sampled_from(_STATUS_CODES.get(current, (500,)))),
    }
    if draw(st.booleans()):
        result["Address"] = draw(_ADDRESSES)
    if current == "SUCCESSFUL":
        message_id = draw(_MESSAGE_IDS)
        result["MessageId"] = message_id
        result["StatusMessage"] = f"MessageId: {message_id}"
        if draw(st.booleans()):
            result["UpdatedToken"] = draw(st.sampled_from(("true", "false")))
    elif draw(st.booleans()):
        result["StatusMessage"] = draw(_TEXT)
    return result


def endpoint_message_results(legacy: bool = False) -> SearchStrategy[dict[str, Any]]:
    """One ``EndpointMessageResult``: SUCCESSFUL ones carry a 40-character MessageId and
    ``StatusMessage == "MessageId: " + MessageId`` like the seed's worked example.

    >>> endpoint_message_results().example()  # doctest: +SKIP
    {'DeliveryStatus': 'THROTTLED', 'StatusCode': 429}
    """
    return _endpoint_result(delivery_statuses(legacy))


_ENDPOINT_IDS = _either(
    st.just(f"{_SEED_USER}endpoint"), st.text(st.sampled_from(_NAME_CHARS), min_size=1, max_size=12)
)


def send_users_messages_responses(legacy: bool = False) -> SearchStrategy[dict[str, Any]]:
    """A ``send_users_messages`` response as boto3 returns it (without ResponseMetadata).

    With ``legacy=False`` every value passes ``contract.validate_response`` with no violation;
    ``legacy=True`` mixes in the 001 statuses to fuzz old response handlers.

    >>> send_users_messages_responses().example()  # doctest: +SKIP
    {'SendUsersMessageResponse': {'ApplicationId': '000...', 'RequestId': '...', 'Result': {...}}}
    """
    results = endpoint_message_results(legacy)
    inner = st.fixed_dictionaries(
        {
            "ApplicationId": _APP_IDS,
            "RequestId": st.uuids().map(str),
            "Result": st.dictionaries(
                _USER_IDS,
                st.dictionaries(_ENDPOINT_IDS, results, min_size=1, max_size=3),
                min_size=1,
                max_size=5,
            ),
        }
    )
    return st.fixed_dictionaries({"SendUsersMessageResponse": inner})


def outcome_maps(
    users: Mapping[str, Collection[str]], *, legacy: bool = False
) -> SearchStrategy[dict[str, dict[str, str]]]:
    """``{user_id: {endpoint_id: status}}`` for the given endpoints: ``stub.outcome(mapping)``.

    >>> @given(outcome_maps({"u1": ["e1", "e2"]}))
    ... def test_retry(outcomes):
    ...     pinpoint_stub.outcome(outcomes)
    """
    statuses = delivery_statuses(legacy)
    return st.fixed_dictionaries(
        {
            user: st.fixed_dictionaries({endpoint: statuses for endpoint in endpoints})
            for user, endpoints in users.items()
        }
    )


# --- fuzzing the app's own request builder ---------------------------------------------------


def check_request(
    params: Any,
    *,
    warnings: bool = False,
    severities: Mapping[str, str] | None = None,
    templates: Collection[contract.Template] | None = None,
) -> None:
    """Fail (AssertionError) when ``params`` breaks a documented rule; made for ``@given`` tests.

    The message leads with the first rule's ID and path, so Hypothesis' falsifying example
    reads ``email-header-value-length at SendUsersMessageRequest...Headers[0].Value: ...``.
    ``warnings=True`` fails on warning-severity rules too.

    >>> @given(user=st.builds(User, name=st.text()))
    ... def test_builder(user):
    ...     check_request(build_request(user))
    """
    __tracebackhide__ = True
    found = contract.validate_request(params, severities=severities, templates=templates)
    if not warnings:
        found = contract.errors(found)
    if not found:
        return
    first = found[0]
    lines = [f"{first.rule} at {first.path}: {first.message}"]
    for v in found:
        detail = "".join(
            f"; {label} {text}"
            for label, text in (("limit", v.limit), ("actual", v.actual))
            if text
        )
        lines.append(f"  [{v.rule}] ({v.severity}) {v.path}: {v.message}{detail}")
    raise AssertionError(
        f"send_users_messages request breaks {len(found)} documented rule(s): " + "\n".join(lines)
    )


def ci_settings(max_examples: int = 100) -> settings:
    """Settings for property tests on small CI runners (2 cores): no deadline, no too_slow check.

    >>> @ci_settings(max_examples=200)
    ... @given(send_users_messages_requests())
    ... def test_send(params): ...
    """
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
