"""Valid ``send_users_messages`` requests, and the parts every send operation shares.

Every request passes ``contract.validate_request`` with no violation at all and botocore's own
parameter validation; examples shrink to the seed's worked example (AWS CLI v2 reference,
send-users-messages, ``myfile.json``): one ``SMSMessage`` with a ``Body`` sent to ``testuser``.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from .. import model
from ..contract.limits import MAX_USERS, REQUEST_PAYLOAD, SEND_USERS_MESSAGES
from .headers import contexts, draw_drafts, size_headers
from .members import channel_nodes
from .messages import PUSH_CHANNELS, apns_silent, harmonize_silent, message, recipient_conf
from .texts import (
    APP_IDS,
    BOOLS,
    SEED_CHANNEL,
    SHORT,
    STRING_MAPS,
    USER_IDS,
    VARIABLE_VALUES,
    maps,
    names,
    record,
)
from .variables import cover_variables

__all__ = ["message_configurations", "send_users_messages_requests"]

# --- shared by both send operations ------------------------------------------------------------


def ordered_channels(channels: Collection[str] | None) -> tuple[str, ...]:
    """The chosen MessageConfiguration members, the seed's SMS first, then in model order."""
    known = tuple(channel_nodes())
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
    return tuple(sorted(chosen, key=lambda c: (c != SEED_CHANNEL, known.index(c))))


def check_count(name: str, value: int, maximum: int) -> None:
    if not 1 <= value <= maximum:
        raise ValueError(f"{name} must be between 1 and {maximum}, not {value!r}")


@functools.cache
def _choice(values: tuple[str, ...]) -> SearchStrategy[str]:
    return st.sampled_from(values)


@functools.cache
def _subsets(values: tuple[str, ...]) -> SearchStrategy[list[str]]:
    # Up to 3 channels beside the first: every combination of two stays reachable (DefaultMessage
    # with EmailMessage for substitution precedence), examples stay small and fast.
    return st.lists(st.sampled_from(values), unique=True, max_size=min(3, len(values)))


@functools.cache
def _model_index(channel: str) -> int:
    return tuple(channel_nodes()).index(channel)


def draw_config(
    draw: DrawFn, channels: tuple[str, ...], need: str | None, need_form: str
) -> dict[str, Any]:
    """A MessageConfiguration of ``channels``, with ``need`` (in ``need_form``) when given."""
    first = need or draw(_choice(channels))
    others = tuple(c for c in channels if c != first)
    extra = draw(_subsets(others)) if others else []
    cfg: dict[str, Any] = {}
    for channel in sorted({first, *extra}, key=_model_index):
        form = need_form if channel == need else "any"
        cfg[channel] = dict(draw(message(channel, form)))
    harmonize_silent(cfg)
    return cfg


def raw_allowed(cfg: dict[str, Any]) -> tuple[bool, bool]:
    """(may a recipient carry RawContent, must it be silent): RawContent only when every channel
    of the request is a push channel, agreeing with what APNs devices get."""
    push_only = all(c in PUSH_CHANNELS for c in cfg)
    return push_only, push_only and apns_silent(cfg)


@functools.cache
def template_configurations(operation: str) -> SearchStrategy[dict[str, Any]]:
    payload = model.request_node(operation).members[REQUEST_PAYLOAD[operation]]
    node = payload.members["TemplateConfiguration"]
    # InAppTemplate: "not supported for SendMessages" (rule in-app-template); the references say
    # nothing of SendUsersMessages, so its valid requests may carry one.
    kinds = [k for k in node.members if k != "InAppTemplate" or operation == SEND_USERS_MESSAGES]
    ref = record({"Name": names(1, 20)}, optional={"Version": st.integers(1, 20).map(str)})
    return record({}, optional={k: ref for k in kinds})


def _value(name: str) -> list[str]:
    return [VARIABLE_VALUES.get(name, name)]


def finish_body(
    draw: DrawFn,
    body: dict[str, Any],
    operation: str,
    recipients: list[Any],
    templates: bool,
    standalone: bool = False,
) -> None:
    """Every referenced variable gets a value (rule substitution-missing), then email headers
    are sized for every recipient; TemplateConfiguration, TraceId, Context."""
    cfg = body["MessageConfiguration"]
    simple = (cfg.get("EmailMessage") or {}).get("SimpleEmail")
    drafts = []
    if isinstance(simple, dict) and draw(BOOLS):
        drafts = draw_drafts(draw)
        simple["Headers"] = [{"Name": name, "Value": "".join(tokens)} for name, tokens in drafts]
    cover_variables(body, operation, _value, standalone=standalone, recipients_first=draw(BOOLS))
    if isinstance(simple, dict) and drafts:
        simple["Headers"] = size_headers(draw, drafts, contexts(cfg, recipients))
    if templates and draw(BOOLS):
        body["TemplateConfiguration"] = draw(template_configurations(operation))
    if draw(BOOLS):
        body["TraceId"] = draw(SHORT)
    if draw(BOOLS):
        body["Context"] = draw(STRING_MAPS)


# --- send_users_messages ------------------------------------------------------------------------


@functools.cache
def _user_maps(raw: bool, silent: bool, max_users: int) -> SearchStrategy[dict[str, Any]]:
    users = model.request_node().members["SendUsersMessageRequest"].members["Users"]
    assert users.value is not None
    conf = recipient_conf(users.value.name, raw, silent)
    return maps(USER_IDS, conf, min_size=1, max_size=max_users)


@st.composite
def users_requests(
    draw: DrawFn,
    channels: tuple[str, ...],
    max_users: int,
    templates: bool,
    need: str | None = None,
    need_form: str = "any",
    standalone: bool = False,
) -> dict[str, Any]:
    app_id = draw(APP_IDS)
    cfg = draw_config(draw, channels, need, need_form)
    users = draw(_user_maps(*raw_allowed(cfg), max_users))
    body: dict[str, Any] = {"MessageConfiguration": cfg, "Users": users}
    finish_body(draw, body, SEND_USERS_MESSAGES, list(users.values()), templates, standalone)
    return {"ApplicationId": app_id, "SendUsersMessageRequest": body}


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
    ordered = ordered_channels(channels)
    check_count("max_users", max_users, MAX_USERS)
    return users_requests(ordered, max_users, templates)


def message_configurations(channel: str | None = None) -> SearchStrategy[dict[str, Any]]:
    """A valid ``MessageConfiguration``: one or more channels, or only ``channel``.

    >>> message_configurations("GCMMessage").example()  # doctest: +SKIP
    {'GCMMessage': {'Body': '0', 'Priority': 'high'}}
    """
    chosen = ordered_channels(None if channel is None else (channel,))
    # standalone: its variables have values at the message level, whoever receives it
    return users_requests(chosen, 1, False, standalone=True).map(
        lambda p: p["SendUsersMessageRequest"]["MessageConfiguration"]
    )
