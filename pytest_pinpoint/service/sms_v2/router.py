"""From an HTTP request to a v2 handler, as the json 1.0 front door of the service.

The operation is the ``X-Amz-Target`` after ``PinpointSMSVoiceV2.``, checked against botocore's
model; the body is the operation's input as boto3 gives it. :data:`HANDLERS` maps each served
operation to its handler. Any other operation of the model is answered by ``respond()`` or, not
scripted, by ResourceNotFoundException, and the test fails at teardown naming it. An unknown
target answers UnknownOperationException and a body that is not a JSON object
SerializationException, as json 1.0 services do.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from ...contract.sms_v2.check import check_send
from ...contract.sms_v2.rules import SENDS
from ..context import Request, Service
from ..http import HttpReply, loads_json, sdk_headers
from ..scripted import Scripted, response_body
from ..unit import Wire, service_model
from . import configsets, identities, optouts, replies, sends, verified
from .state import SERVICE

_STRUCTURE = frozenset({"sms-v2-required", "sms-v2-type", "sms-v2-unknown-field"})

Handler = Callable[[Service, Request], HttpReply]

HANDLERS: dict[str, Handler] = {
    **sends.HANDLERS,
    **identities.HANDLERS,
    **optouts.HANDLERS,
    **configsets.HANDLERS,
    **verified.HANDLERS,
}
OPERATIONS: tuple[str, ...] = tuple(HANDLERS)


def dispatch(svc: Service, wire: Wire) -> HttpReply:
    """Answer one request of ``pinpoint-sms-voice-v2``."""
    operation = wire.target.partition(".")[2]
    headers = sdk_headers(wire.headers)
    request = Request(operation, wire.method, wire.url, "/", headers, wire.body, {}, SERVICE)
    if operation not in _operations():
        request.operation = ""
        return replies.reject(
            svc, request, "UnknownOperationException",
            f"X-Amz-Target {wire.target!r} is not an operation of pinpoint-sms-voice-v2 "
            "(botocore's model)" if wire.target else "the request has no X-Amz-Target header "
            "(json 1.0: PinpointSMSVoiceV2.<Operation>)",
        )  # fmt: skip
    try:
        doc = loads_json(wire.body) if wire.body.strip() else {}
    except (ValueError, UnicodeDecodeError) as exc:
        return replies.reject(
            svc, request, "SerializationException", f"the body is not JSON: {exc}"
        )
    if not isinstance(doc, dict):
        return replies.reject(
            svc, request, "SerializationException",
            f"the body of {operation} must be a JSON object, not {type(doc).__name__}",
        )  # fmt: skip
    request.params = doc
    if svc.responses.scripts:
        with svc.state.lock:
            script = svc.responses.take(operation, SERVICE)
        if script is not None:
            return _scripted(svc, request, script)
    handler = HANDLERS.get(operation)
    if handler is None:
        with svc.state.lock:
            svc.responses.note_unserved(operation, "ResourceNotFoundException")
        return replies.reject(
            svc, request, "ResourceNotFoundException",
            f"pytest-pinpoint does not model {operation}; script it with "
            f"pinpoint_stub.respond({operation!r}, {{...}}) (the test fails at teardown until "
            "it is scripted)",
        )  # fmt: skip
    if operation not in SENDS:  # the sends judge their own contract (modes, severities)
        broken = [v for v in check_send(operation, doc) if v.rule in _STRUCTURE]
        if broken:
            # botocore stops these before the wire; another client gets the service's answer
            with svc.state.lock:
                call = svc.call(request, [])
                return replies.validation(svc, call, broken, operation)
    return handler(svc, request)


@functools.cache
def _operations() -> frozenset[str]:
    return frozenset(service_model(SERVICE).operation_names)


def _scripted(svc: Service, request: Request, script: Scripted) -> HttpReply:
    with svc.state.lock:
        call = svc.call(request, [])
        if script.error is not None:
            message = script.message or f"scripted {script.error} (pinpoint_stub.fail)"
            reason = getattr(script, "reason", None)  # facade.ReasonedScript
            return replies.fail(svc, call, script.error, message, Reason=reason)
        response = dict(script.response or {})
        call.response = response
        body = response_body(request.operation, response, SERVICE)
        headers = {"Content-Type": replies.CONTENT_TYPE, "x-amzn-RequestId": call.request_id}
        return HttpReply(200, headers, body)
