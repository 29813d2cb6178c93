"""SES v2's replies in its rest-json form: a success body with the model's status, and the
model's declared errors (``x-amzn-ErrorType`` and ``{"message": ...}``, the status each
error shape declares), each noted on the call."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..context import Request, Service
from ..http import JSON, HttpReply, dumps_json, json_reply
from ..record import Call
from ..unit import service_model
from .routes import SERVICE


def status_of(operation: str) -> int:
    return int(service_model(SERVICE).operation_model(operation).http.get("responseCode", 200))


def error_status(operation: str, code: str) -> int:
    op = service_model(SERVICE).operation_model(operation) if operation else None
    for shape in op.error_shapes if op is not None else ():
        if shape.name == code:
            return int(shape.metadata.get("error", {}).get("httpStatusCode", 400))
    return {"NotFoundException": 404, "TooManyRequestsException": 429}.get(code, 400)


def error(svc: Service, call: Call, code: str, message: str) -> HttpReply:
    """A declared error of the call's operation, noted on the call (caller holds the lock)."""
    reply = HttpReply(
        error_status(call.operation, code),
        {"Content-Type": JSON, "x-amzn-ErrorType": code, "x-amzn-RequestId": call.request_id},
        dumps_json({"message": message}),
    )
    return svc.failed(call, code, reply)


def reject(svc: Service, request: Request, code: str, message: str) -> HttpReply:
    """Record the call and answer an error before any operation logic ran."""
    with svc.state.lock:
        return error(svc, svc.call(request, []), code, message)


def _wire(value: Any) -> Any:
    """rest-json's body form: timestamps as epoch seconds."""
    if isinstance(value, _dt.datetime):
        return value.timestamp()
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wire(v) for v in value]
    return value


def ok(call: Call, payload: dict[str, Any]) -> HttpReply:
    """The operation's output (boto3's shape, recorded on the call) with the model's status."""
    call.response = payload
    status = status_of(call.operation)
    call.status_code = status
    return json_reply(_wire(payload), call.request_id, status)
