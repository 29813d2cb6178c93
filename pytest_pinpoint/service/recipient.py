"""Who one send reaches: a :class:`Recipient` per user endpoint, endpoint ID or address.

Both send operations build their recipients from these helpers (``messages.py`` from
``Users``, ``send_messages.py`` from ``Addresses`` and ``Endpoints``); the send path
(:mod:`.pipeline`) then renders, decides and records each one.

A user or endpoint ID the app never registered gets a made-up endpoint (the AWS CLI
reference's worked example names it ``<user_id>endpoint``): its channel is picked from the
request's content (:data:`~pytest_pinpoint.render.CHANNEL_PICK_ORDER`) and its address is a
placeholder (:func:`~.state.default_address`), so it is never a DUPLICATE of another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from .. import render
from .state import EndpointRecord, default_address


class Recipient(NamedTuple):
    """One recipient of a send, before its message is rendered."""

    user: str | None  # the user ID (None for an address, or an endpoint without UserId)
    endpoint: str | None  # the endpoint ID (None for an address of send_messages)
    address: str | None
    channel: str  # a ChannelType
    #: what the request says for it: Users[id], Endpoints[id] or Addresses[a] (overrides,
    #: Substitutions, Context ...)
    conf: Mapping[str, Any]
    #: the registered endpoint's data (None for an address or a made-up endpoint)
    record: Mapping[str, Any] | None = None
    opted_out: bool = False  # the endpoint's OptOut is ALL
    invented: bool = False  # a made-up endpoint of an unknown user or endpoint ID


def invented_channel(body: Mapping[str, Any]) -> str:
    """The ChannelType of every endpoint the stub makes up for this request."""
    config = body.get("MessageConfiguration")
    templates = body.get("TemplateConfiguration")
    return render.pick_channel(
        config if isinstance(config, dict) else {},
        templates if isinstance(templates, dict) else None,
    )


def invented(
    user: str | None, endpoint_id: str, channel: str, seed: str, conf: Mapping[str, Any]
) -> Recipient:
    """The made-up endpoint of a user or endpoint ID the app never registered."""
    address = default_address(seed, channel)
    return Recipient(user, endpoint_id, address, channel, conf, invented=True)


def registered(
    user: str | None, records: Iterable[EndpointRecord], conf: Mapping[str, Any]
) -> list[Recipient]:
    """Each registered endpoint that can be messaged: not one without a channel, nor an
    inactive one (CONTRACT.md "Endpoints and apps")."""
    out = []
    for record in records:
        endpoint = record.data
        channel = endpoint.get("ChannelType")
        if not isinstance(channel, str) or not channel:
            continue
        if endpoint.get("EndpointStatus", "ACTIVE") == "INACTIVE":
            continue
        address = endpoint.get("Address")
        out.append(
            Recipient(
                user,
                record.id,
                address if isinstance(address, str) else None,
                channel,
                conf,
                record=endpoint,
                opted_out=endpoint.get("OptOut") == "ALL",
            )
        )
    return out
