"""The app's own calls against the model: input checks, query parameters, typed replies.

Every handler of apps, endpoints and templates checks its ``params`` here (a value of the wrong
shape answers 400 BadRequestException naming the field, as the service does, never a
traceback) and answers through :func:`reply`, which uses the status code the model declares for
the operation (201 for Create*, 202 for UpdateEndpoint ...) and records the boto3-shaped
response on the call.
"""

from __future__ import annotations

import functools
from typing import Any

from .. import model
from ..contract.violation import Collector
from ..contract.walk import walk
from .http import HttpReply, json_reply
from .record import Call


def problems(node: model.Node, value: Any, path: str = "") -> list[str]:
    """``path: message`` for every structural problem of ``value`` against ``node``."""
    c = Collector({})
    walk(node, value, path, c)
    return [f"{v.path or '(top level)'}: {v.message}" for v in c.out]


def check_input(operation: str, params: dict[str, Any]) -> str | None:
    """The first structural problem of an operation's input (boto3 kwargs), or None."""
    found = problems(model.request_node(operation), params)
    return found[0] if found else None


@functools.cache
def query_members(operation: str) -> dict[str, tuple[str, str]]:
    """Query-string name -> (input member, shape type) (``version`` -> ``Version``)."""
    shape = model.operation(operation).input_shape
    if shape is None:
        return {}
    return {
        m.serialization["name"]: (name, m.type_name)
        for name, m in shape.members.items()
        if m.serialization.get("location") == "querystring"
    }


def query_params(operation: str, query: dict[str, list[str]]) -> dict[str, Any]:
    """The operation's query-string members, typed as the model says (booleans, integers)."""
    out: dict[str, Any] = {}
    for key, (member, kind) in query_members(operation).items():
        values = query.get(key)
        if not values:
            continue
        raw = values[-1]
        value: Any = raw
        if kind == "boolean":
            value = raw.lower() == "true"
        elif kind in ("integer", "long"):
            value = int(raw) if raw.lstrip("-").isdigit() else raw
        out[member] = value
    return out


@functools.cache
def output_payload(operation: str) -> str:
    """The output member serialized as the JSON body (``EndpointResponse``), or ""."""
    out = model.operation(operation).output_shape
    return (out.serialization.get("payload") or "") if out is not None else ""


def status_of(operation: str) -> int:
    return int(model.operation(operation).http.get("responseCode", 200))


def reply(call: Call, payload: dict[str, Any]) -> HttpReply:
    """Answer ``call`` with its output payload (status from the model); record the response."""
    member = output_payload(call.operation)
    call.response = {member: payload} if member else dict(payload)
    status = status_of(call.operation)
    call.status_code = status
    return json_reply(payload, call.request_id, status)


def message_body(call: Call, message: str) -> HttpReply:
    """A ``MessageBody`` reply (UpdateEndpoint, Update*/Delete*Template: 202 Accepted)."""
    return reply(call, {"Message": message, "RequestID": call.request_id})
