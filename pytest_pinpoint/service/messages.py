"""``SendUsersMessages``: each user's endpoints are the recipients; ``Result`` is keyed by user
ID, then endpoint ID (EndpointMessageResult, with its Address).

This module says only who the recipients are and how the answer is keyed; the send path
itself (validate, scripts, render, outcomes, record, reply) is :mod:`.pipeline`'s, shared with
``SendMessages``. A user the stub does not know gets a made-up endpoint
(:func:`.recipient.invented`), unless ``strict_users``.
"""

from __future__ import annotations

from typing import Any

from .. import model
from .context import Service
from .delivery import result_entries
from .pipeline import SendOperation
from .recipient import Recipient, invented, invented_channel, registered
from .record import SentMessage


def _recipients(svc: Service, app_id: str, body: dict[str, Any]) -> list[Recipient]:
    users = body.get("Users")
    if not isinstance(users, dict):
        return []
    state = svc.state
    out: list[Recipient] = []
    channel = None  # of the made-up endpoints: one per request
    for user_id, user_conf in users.items():
        if not isinstance(user_id, str):
            continue
        conf = user_conf if isinstance(user_conf, dict) else {}
        if user_id in state.seen_users:
            out += registered(user_id, state.endpoints_of_user(app_id, user_id), conf)
        elif not svc.options.strict_users:
            channel = channel or invented_channel(body)
            out.append(invented(user_id, f"{user_id}endpoint", channel, user_id, conf))
    return out


def _answer(body: dict[str, Any], drafts: list[SentMessage]) -> dict[str, Any]:
    users = body.get("Users")
    result: dict[Any, dict[Any, Any]] = {
        user_id: {} for user_id in (users if isinstance(users, dict) else ())
    }
    # every draft is a user's endpoint: user and endpoint are the request's strings
    for draft, entry in zip(drafts, result_entries(drafts), strict=True):
        result[draft.user][draft.endpoint] = entry
    return {"Result": result}


SEND_USERS_MESSAGES = SendOperation(
    name=model.OPERATION_NAME,
    payload="SendUsersMessageRequest",
    response="SendUsersMessageResponse",
    recipients=_recipients,
    answer=_answer,
)
