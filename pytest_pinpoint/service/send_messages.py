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
from ..contract.limits import RESPONSE_PAYLOAD
from .context import Service
from .delivery import result_entries
from .pipeline import SendOperation
from .recipient import Recipient, invented, invented_channel, registered
from .record import SentMessage

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


def _recipients(svc: Service, app_id: str, body: dict[str, Any]) -> list[Recipient]:
    out: list[Recipient] = []
    addresses = body.get("Addresses")
    for address, conf in addresses.items() if isinstance(addresses, dict) else ():
        if isinstance(address, str):
            conf = conf if isinstance(conf, dict) else {}
            out.append(Recipient(None, None, address, _address_channel(address, conf, body), conf))
    endpoints = body.get("Endpoints")
    for endpoint_id, conf in endpoints.items() if isinstance(endpoints, dict) else ():
        if not isinstance(endpoint_id, str):
            continue
        conf = conf if isinstance(conf, dict) else {}
        found = svc.state.endpoint(app_id, endpoint_id)
        if found is not None:
            out += registered(found.user_id, (found,), conf)
        elif not svc.options.strict_users:
            channel = invented_channel(body)
            out.append(invented(None, endpoint_id, channel, endpoint_id, conf))
    return out


def _answer(body: dict[str, Any], drafts: list[SentMessage]) -> dict[str, Any]:
    result: dict[str | None, Any] = {}  # keyed by address: never None here
    endpoint_result: dict[str, Any] = {}
    for draft, entry in zip(drafts, result_entries(drafts), strict=True):
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
    name=model.SEND_MESSAGES,
    payload="MessageRequest",
    response=RESPONSE_PAYLOAD[model.SEND_MESSAGES],
    recipients=_recipients,
    answer=_answer,
)
