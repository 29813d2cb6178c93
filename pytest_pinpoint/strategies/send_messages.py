"""Valid ``send_messages`` requests: a MessageRequest to Addresses and/or Endpoints.

The shapes come from ``model.request_node("SendMessages")``; MessageConfiguration is drawn as for
``send_users_messages`` (every rule on it applies unchanged), an address's ChannelType is one
the message reaches, and its key has that channel's form (E.164, an email address, a token).
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from .. import model, render
from ..contract.limits import APNS_CHANNEL_TYPES, MAX_USERS
from .messages import recipient_conf
from .requests import check_count, draw_config, finish_body, ordered_channels, raw_allowed
from .texts import APP_IDS, DEVICE_TOKENS, E164, EMAILS, ENDPOINT_IDS, either, maps

__all__ = ["send_messages_requests"]

# ChannelType -> the form of its address. PUSH, CUSTOM and IN_APP addresses are left out: no
# MessageConfiguration member is theirs alone.
_ADDRESS_FORMS: dict[str, SearchStrategy[str]] = {
    "SMS": E164,
    "VOICE": E164,
    "EMAIL": EMAILS,
    **{t: DEVICE_TOKENS for t in sorted(APNS_CHANNEL_TYPES)},
    "GCM": DEVICE_TOKENS,
    "ADM": DEVICE_TOKENS,
    "BAIDU": DEVICE_TOKENS,
}
_KINDS = st.sampled_from(("Addresses", "Endpoints", "both"))


def _node(name: str) -> model.Node:
    request = model.request_node(model.SEND_MESSAGES).members["MessageRequest"]
    node = request.members[name].value
    assert node is not None
    return node


@functools.cache
def _reachable(cfg_members: tuple[str, ...]) -> tuple[str, ...]:
    """The ChannelTypes this MessageConfiguration has a message for, in model order."""
    cfg: dict[str, Any] = {m: {} for m in cfg_members}
    node = _node("Addresses").members["ChannelType"]
    return tuple(t for t in node.enum if t in _ADDRESS_FORMS and render.has_content(t, cfg))


def _with_channel(channel_type: str, conf: dict[str, Any]) -> dict[str, Any]:
    return {"ChannelType": channel_type, **conf}


@functools.cache
def _addresses(
    channel_types: tuple[str, ...], raw: bool, silent: bool, most: int
) -> SearchStrategy[dict[str, Any]]:
    conf = recipient_conf(_node("Addresses").name, raw, silent)
    one = either(
        *[
            st.tuples(_ADDRESS_FORMS[t], conf.map(functools.partial(_with_channel, t)))
            for t in channel_types
        ]
    )
    return st.lists(one, min_size=1, max_size=most, unique_by=lambda p: p[0]).map(dict)


@functools.cache
def _endpoints(raw: bool, silent: bool, most: int) -> SearchStrategy[dict[str, Any]]:
    conf = recipient_conf(_node("Endpoints").name, raw, silent)
    return maps(ENDPOINT_IDS, conf, min_size=1, max_size=most)


@st.composite
def addresses_requests(
    draw: DrawFn,
    channels: tuple[str, ...],
    max_recipients: int,
    templates: bool,
    need: str | None = None,
    need_form: str = "any",
) -> dict[str, Any]:
    app_id = draw(APP_IDS)
    cfg = draw_config(draw, channels, need, need_form)
    raw, silent = raw_allowed(cfg)
    kind = draw(_KINDS)
    body: dict[str, Any] = {"MessageConfiguration": cfg}
    if kind != "Endpoints":
        reach = _reachable(tuple(cfg))
        body["Addresses"] = draw(_addresses(reach, raw, silent, max_recipients))
    if kind != "Addresses":
        body["Endpoints"] = draw(_endpoints(raw, silent, max_recipients))
    recipients = [*body.get("Addresses", {}).values(), *body.get("Endpoints", {}).values()]
    finish_body(draw, body, model.SEND_MESSAGES, recipients, templates)
    return {"ApplicationId": app_id, "MessageRequest": body}


def send_messages_requests(
    *,
    channels: Collection[str] | None = None,
    max_recipients: int = 5,
    templates: bool = True,
) -> SearchStrategy[dict[str, Any]]:
    """boto3 kwargs for ``send_messages`` (``{"ApplicationId", "MessageRequest"}``) that break no
    documented rule: Addresses (address -> AddressConfiguration with a ChannelType the message
    reaches), Endpoints (endpoint ID -> EndpointSendConfiguration), or both.

    ``channels`` restricts MessageConfiguration as in :func:`send_users_messages_requests`;
    ``max_recipients`` caps Addresses and Endpoints each (1..100); ``templates=False`` leaves
    TemplateConfiguration out. Shrinks to one SMS message sent to one phone number.

    >>> from hypothesis import given
    >>> @given(send_messages_requests(channels={"SMSMessage"}))
    ... def test_broadcast(params):
    ...     client.send_messages(**params)
    """
    ordered = ordered_channels(channels)
    # The per-request quota of Users (100) until the contract states the one of SendMessages.
    check_count("max_recipients", max_recipients, MAX_USERS)
    return addresses_requests(ordered, max_recipients, templates)
