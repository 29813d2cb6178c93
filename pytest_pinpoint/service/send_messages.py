"""``SendMessages``: recipients are ``Addresses`` (address -> AddressConfiguration) and
``Endpoints`` (endpoint ID -> EndpointSendConfiguration, resolved through the endpoint
registry). ``Result`` is keyed by address (MessageResult) and ``EndpointResult`` by endpoint ID
(EndpointMessageResult, with its Address). The send path is :mod:`.pipeline`'s.

Guesses (docs/contract.md "What the fake guesses"): an address without ChannelType is SMS when
it looks like a phone number, EMAIL when it holds ``@``, else the channel picked from the
content as for an unknown user; an unregistered endpoint ID is invented like an unknown user's
endpoint, unless ``strict_users``, where it is left out of EndpointResult (as an unknown
user's map is empty: nothing to send to).
"""

from __future__ import annotations

import re
from typing import Any

from .. import model
from ..contract import RESPONSE_PAYLOAD
from .context import Request, Service
from .delivery import Target, result_entries
from .http import HttpReply
from .messages import add_registered, invented_channel, invented_target
from .pipeline import SendOperation, send
from .record import SentMessage

OPERATION = model.SEND_MESSAGES  # "SendMessages"
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]*")


def _address_channel(address: str, conf: dict[str, Any], body: dict[str, Any]) -> str:
    given = conf.get("ChannelType")
    if isinstance(given, str):
        return given
    if _PHONE.fullmatch(address):
        return "SMS"
    if "@" in address:
        return "EMAIL"
    return invented_channel(body)


def _targets(svc: Service, app_id: str, body: dict[str, Any]) -> list[Target]:
    out: list[Target] = []
    addresses = body.get("Addresses")
    for address, conf in addresses.items() if isinstance(addresses, dict) else ():
        if isinstance(address, str):
            conf = conf if isinstance(conf, dict) else {}
            channel = conf.get("ChannelType")  # given (the common case), else guessed
            if not isinstance(channel, str):
                channel = _address_channel(address, conf, body)
            out.append((None, None, address, channel, conf, None, False, False))
    endpoints = body.get("Endpoints")
    for endpoint_id, conf in endpoints.items() if isinstance(endpoints, dict) else ():
        if not isinstance(endpoint_id, str):
            continue
        conf = conf if isinstance(conf, dict) else {}
        found = svc.state.endpoint(app_id, endpoint_id)
        if found is None:
            if svc.options.strict_users:
                continue
            out.append(invented_target(None, endpoint_id, endpoint_id, body, conf))
            continue
        add_registered(out, found.user_id, (found,), conf)
    return out


def _answer(body: dict[str, Any], drafts: list[SentMessage]) -> dict[str, Any]:
    result: dict[str | None, Any] = {}  # keyed by address: never None here
    endpoint_result: dict[str, Any] = {}
    entries = result_entries(drafts)  # one per draft, in order (zip's strict= keyword would
    for i, draft in enumerate(drafts):  # parse its arguments in cold C code: indexed instead)
        entry = entries[i]
        if draft.endpoint is None:
            result[draft.address] = entry  # an address recipient: a MessageResult
        else:
            endpoint_result[draft.endpoint] = entry  # an EndpointMessageResult
    out: dict[str, Any] = {}
    if result or isinstance(body.get("Addresses"), dict):
        out["Result"] = result
    if endpoint_result or isinstance(body.get("Endpoints"), dict):
        out["EndpointResult"] = endpoint_result
    return out


SEND_MESSAGES = SendOperation(
    name=OPERATION,
    payload="MessageRequest",
    response=RESPONSE_PAYLOAD[OPERATION],
    targets=_targets,
    answer=_answer,
)


def send_messages(svc: Service, request: Request) -> HttpReply:
    return send(svc, request, SEND_MESSAGES)
