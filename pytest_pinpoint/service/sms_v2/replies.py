"""Replies in the json 1.0 form: an answer is the output's members as JSON; an error's
``__type`` names it, its body carries the modeled members (``Message``, ``Reason``,
``Fields``, ``ResourceType`` ...), and its status is the one the model declares (400 where a
json model gives none)."""

from __future__ import annotations

from typing import Any

from ...contract import Violation
from ..context import Request, Service
from ..http import HttpReply, dumps_json
from ..record import Call
from ..unit import service_model

SERVICE = "pinpoint-sms-voice-v2"
CONTENT_TYPE = "application/x-amz-json-1.0"


def ok(payload: dict[str, Any], request_id: str) -> HttpReply:
    """A 200 answer (``payload``: the output's members, JSON-ready)."""
    headers = {"Content-Type": CONTENT_TYPE, "x-amzn-RequestId": request_id}
    return HttpReply(200, headers, dumps_json(payload))


def status_of(operation: str, code: str) -> int:
    from ... import model

    op = service_model(SERVICE).operation_model(operation) if operation else None
    return model.declared_errors(op).get(code, 400) if op is not None else 400


def reply(code: str, message: str, request_id: str, operation: str, **members: Any) -> HttpReply:
    """The error reply: ``{"__type": code, "Message": ..., **members}``."""
    body = {"__type": code, "Message": message}
    body.update({k: v for k, v in members.items() if v is not None})
    headers = {"Content-Type": CONTENT_TYPE, "x-amzn-RequestId": request_id}
    return HttpReply(status_of(operation, code), headers, dumps_json(body))


def fail(svc: Service, call: Call, code: str, message: str, **members: Any) -> HttpReply:
    """Answer ``call`` (recorded; caller holds the lock) with an error, noted on the call."""
    return svc.failed(call, code, reply(code, message, call.request_id, call.operation, **members))


def reject(svc: Service, request: Request, code: str, message: str, **members: Any) -> HttpReply:
    """Record and answer an error before any operation logic ran."""
    with svc.state.lock:
        return fail(svc, svc.call(request, []), code, message, **members)


def validation(svc: Service, call: Call, blocking: list[Violation], what: str) -> HttpReply:
    """A ValidationException for contract breaks: its Reason and Fields from the rules."""
    from ...contract.sms_v2.rules import ANSWERS

    reasons = {ANSWERS[v.rule].reason for v in blocking}
    reason = reasons.pop() if len(reasons) == 1 else "FIELD_VALIDATION_FAILED"
    fields = [{"Name": v.path or "request", "Message": f"{v.message} [{v.rule}]"} for v in blocking]
    message = f"{what} breaks {len(blocking)} rule(s) of the model or the references: " + (
        "; ".join(map(str, blocking))
    )
    return fail(svc, call, "ValidationException", message, Reason=reason, Fields=fields)
