"""SES v2's front door: an HTTP request -> its operation (from the model's routes) -> boto3's
params -> a scripted answer (``respond``/``fail``), the handler of its family, or the
NotFoundException that fails the test by name (an operation the fake does not model)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from ... import model
from ..context import Request, Service
from ..http import JSON, HttpReply, loads_json, sdk_headers
from ..scripted import Scripted, response_body
from ..shapes import problems
from ..unit import Wire, service_model
from . import account, configsets, identities, suppression, templates
from .bulk import send_bulk
from .replies import error, reject, status_of
from .routes import SERVICE, path_methods, query_params, route
from .send import send_email

Handler = Callable[[Service, Request], HttpReply]

#: Served operations (the model's names) -> their handler.
HANDLERS: dict[str, Handler] = {
    "SendEmail": send_email,
    "SendBulkEmail": send_bulk,
    **identities.HANDLERS,
    **templates.HANDLERS,
    **suppression.HANDLERS,
    **configsets.HANDLERS,
    **account.HANDLERS,
}
OPERATIONS: tuple[str, ...] = tuple(HANDLERS)


def dispatch(svc: Service, wire: Wire) -> HttpReply:
    """Answer one HTTP request as the SES v2 rest-json service would."""
    path = urlsplit(wire.url).path
    headers = sdk_headers(wire.headers)
    found = route(wire.method, path)
    if found is None:
        request = Request("", wire.method, wire.url, path, headers, wire.body, service=SERVICE)
        methods = path_methods(path)
        if methods:
            return reject(
                svc,
                request,
                "BadRequestException",
                f"{wire.method} is not allowed on {path} (SES v2 serves it with "
                f"{', '.join(methods)})",
            )
        return reject(
            svc,
            request,
            "NotFoundException",
            f"{wire.method} {path} is not an SES v2 API route (botocore's sesv2 "
            "model has none like it)",
        )
    operation, labels = found
    request = Request(operation, wire.method, wire.url, path, headers, wire.body, service=SERVICE)
    request.params.update(query_params(operation, wire.url))
    if wire.body:
        try:
            doc = loads_json(wire.body)
        except (ValueError, UnicodeDecodeError) as exc:
            return reject(svc, request, "BadRequestException", f"the body is not JSON: {exc}")
        if not isinstance(doc, dict):
            return reject(svc, request, "BadRequestException", "the body must be a JSON object")
        request.params.update(doc)
    request.params.update(labels)
    problem = _structure(operation, request.params)
    if problem is not None:
        return reject(svc, request, "BadRequestException", problem)
    if svc.responses.scripts:
        with svc.state.lock:
            script = svc.responses.take(operation, SERVICE)
        if script is not None:
            return _scripted(svc, request, script)
    handler = HANDLERS.get(operation)
    if handler is None:
        with svc.state.lock:
            svc.responses.note_unserved(operation)
        return reject(
            svc,
            request,
            "NotFoundException",
            f"pytest-pinpoint does not model SES v2's {operation} ({wire.method} "
            f"{path}); script it with pinpoint_stub.respond({operation!r}, {{...}}) "
            "(the test fails at teardown until it is scripted)",
        )
    return handler(svc, request)


def _structure(operation: str, params: dict[str, Any]) -> str | None:
    """The first structural problem of the input against the model (a required member, a
    type, an unknown member), which the service refuses before any logic, else None."""
    found = problems(_input(operation), params)
    return f"{found[0]} ({SERVICE} model, {operation})" if found else None


@functools.cache
def _input(operation: str) -> model.Node:
    return model.input_node(service_model(SERVICE).operation_model(operation))


def _scripted(svc: Service, request: Request, script: Scripted) -> HttpReply:
    with svc.state.lock:
        call = svc.call(request, [])
        if script.error is not None:
            message = script.message or f"scripted {script.error} (pinpoint_stub.fail)"
            return error(svc, call, script.error, message)
        response = dict(script.response or {})
        call.response = response
        call.status_code = status_of(request.operation)
        headers = {"Content-Type": JSON, "x-amzn-RequestId": call.request_id}
        return HttpReply(
            call.status_code, headers, response_body(request.operation, response, SERVICE)
        )
