"""``SendUsersMessages``: each user's endpoints are the recipients; ``Result`` is keyed by user
ID, then endpoint ID (EndpointMessageResult, with its Address).

The send path itself (validate, scripts, render, outcomes, record, reply) is
:mod:`.pipeline`'s, shared with ``SendMessages``.

A user the stub does not know gets one endpoint ``<user_id>endpoint`` (the AWS CLI reference's
worked example), unless ``strict_users``; its channel is picked from the request's content
(:data:`~pytest_pinpoint.render.CHANNEL_PICK_ORDER`) and its address is made up
(:func:`~.state.default_address`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import model, render
from .context import Request, Service
from .delivery import Target, result_entries
from .http import HttpReply
from .pipeline import SendOperation, send
from .record import SentMessage
from .state import EndpointRecord, default_address

OPERATION = model.OPERATION_NAME  # "SendUsersMessages"


def invented_channel(body: dict[str, Any]) -> str:
    """The ChannelType of every endpoint the stub makes up for this request."""
    config = body.get("MessageConfiguration")
    templates = body.get("TemplateConfiguration")
    return render.pick_channel(
        config if isinstance(config, dict) else {},
        templates if isinstance(templates, dict) else None,
    )


def _targets(svc: Service, app_id: str, body: dict[str, Any]) -> list[Target]:
    users = body.get("Users")
    if not isinstance(users, dict):
        return []
    strict_users = svc.options.strict_users
    state = svc.state
    out: list[Target] = []
    channel = None  # of the made-up endpoints: one per request
    for user_id, user_conf in users.items():
        if not isinstance(user_id, str):
            continue
        conf = user_conf if isinstance(user_conf, dict) else {}
        if user_id not in state.seen_users:
            if strict_users:
                continue
            if channel is None:
                channel = invented_channel(body)  # once per request
            address = default_address(user_id, channel)
            endpoint_id = f"{user_id}endpoint"
            invented = (user_id, endpoint_id, address, channel, conf, None, False, True)
            out.append(invented)
            continue
        add_registered(out, user_id, state.endpoints_of_user(app_id, user_id), conf)
    return out


def invented_target(
    user: str | None, endpoint_id: str, seed: str, body: dict[str, Any], conf: Any
) -> Target:
    """The made-up endpoint of a user or endpoint ID the app never registered."""
    channel = invented_channel(body)
    address = default_address(seed, channel)
    return (user, endpoint_id, address, channel, conf, None, False, True)


def add_registered(
    out: list[Target],
    user: str | None,
    records: Iterable[EndpointRecord],
    conf: Any,
) -> None:
    """Append each registered endpoint that can be messaged as a recipient: not
    one without a channel, nor an inactive one (CONTRACT.md "Endpoints and apps"). One call
    for all of a user's endpoints: a call per endpoint costs more than the checks."""
    for record in records:
        endpoint = record.data
        channel = endpoint.get("ChannelType")
        if not isinstance(channel, str) or not channel:
            continue
        if endpoint.get("EndpointStatus", "ACTIVE") == "INACTIVE":
            continue
        address = endpoint.get("Address")
        address = address if isinstance(address, str) else None
        opted_out = endpoint.get("OptOut") == "ALL"
        out.append((user, record.id, address, channel, conf, endpoint, opted_out, False))


def _answer(body: dict[str, Any], drafts: list[SentMessage]) -> dict[str, Any]:
    result: dict[Any, dict[Any, Any]] = {}
    users = body.get("Users")
    for user_id in users if isinstance(users, dict) else ():
        result[user_id] = {}
    # every draft is a user's endpoint: user and endpoint are the request's strings
    entries = result_entries(drafts)  # one per draft, in order (zip's strict= keyword would
    for i, draft in enumerate(drafts):  # parse its arguments in cold C code: indexed instead)
        result[draft.user][draft.endpoint] = entries[i]
    return {"Result": result}


SEND_USERS_MESSAGES = SendOperation(
    name=OPERATION,
    payload="SendUsersMessageRequest",
    response="SendUsersMessageResponse",
    targets=_targets,
    answer=_answer,
)


def send_users_messages(svc: Service, request: Request) -> HttpReply:
    return send(svc, request, SEND_USERS_MESSAGES)
