"""From an HTTP request to an operation handler, as the rest-json front door of the service.

The operation comes from the model's one routing table (:func:`pytest_pinpoint.model.route`);
its URI labels and JSON payload become boto3-shaped ``params``; :data:`HANDLERS` maps each
served operation to the function answering it. What no handler serves answers the modeled
errors a client can parse: 404 NotFoundException (unknown path or operation not served), 405
MethodNotAllowedException (a served path with another method), 413 PayloadTooLargeException,
400 BadRequestException (a body that is not a JSON object).

To serve another operation: write ``handler(svc, request) -> HttpReply`` in the module of its
family and add it to :data:`HANDLERS` (see docs/architecture.md).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from .. import model
from .context import Request, Service
from .http import HttpReply, sdk_headers
from .messages import send_users_messages
from .send_messages import send_messages

Handler = Callable[[Service, Request], HttpReply]

#: Served operations (model names) -> their handler.
HANDLERS: dict[str, Handler] = {
    "SendUsersMessages": send_users_messages,
    "SendMessages": send_messages,
}
#: The served operations, in the order above.
OPERATIONS: tuple[str, ...] = tuple(HANDLERS)

# Payload limit of the service (a published quota, not stated in the seeds): larger bodies get
# 413 PayloadTooLargeException, the operation's declared error for it.
MAX_PAYLOAD_BYTES = 7 * 1024 * 1024


@functools.cache
def _members_by_label(operation: str) -> dict[str, str]:
    """URI label -> input member (``application-id`` -> ``ApplicationId``)."""
    return {label: member for member, label in model.http_binding(operation).uri_params.items()}


def _uri_params(operation: str, labels: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    members = _members_by_label(operation)
    return {members.get(label, label): unquote(value) for label, value in labels}


def dispatch(
    svc: Service, method: str, url: str, headers: Mapping[str, str], body: bytes
) -> HttpReply:
    """Answer one HTTP request as the Pinpoint rest-json service would."""
    path = urlsplit(url).path
    found = model.route(method, path)
    handler = HANDLERS.get(found[0]) if found is not None else None
    if found is None or handler is None:
        return _unserved(svc, method, url, path, sdk_headers(headers), body, found)
    operation, labels = found
    request = Request(
        operation, method, url, path, sdk_headers(headers), body, _uri_params(operation, labels)
    )
    if len(body) > MAX_PAYLOAD_BYTES:
        return svc.reject(
            request,
            "PayloadTooLargeException",
            f"the request body is {len(body)} bytes; the service accepts at most "
            f"{MAX_PAYLOAD_BYTES} (service quota, not stated in the seed documents)",
        )
    payload = model.http_binding(operation).payload
    if payload:
        try:
            doc = json.loads(body) if body else None
        except (ValueError, UnicodeDecodeError) as exc:
            return svc.reject(request, "BadRequestException", f"the body is not JSON: {exc}")
        if not isinstance(doc, dict):
            shape = model.request_node(operation).members[payload].name
            return svc.reject(
                request,
                "BadRequestException",
                f"the body must be a {shape} object, not {model.describe(doc)}",
            )
        request.params[payload] = doc
    return handler(svc, request)


def _unserved(
    svc: Service,
    method: str,
    url: str,
    path: str,
    headers: Mapping[str, str],
    body: bytes,
    found: tuple[str, tuple[tuple[str, str], ...]] | None,
) -> HttpReply:
    for route in model.routes():  # a served path asked with another method: 405
        if route.operation not in HANDLERS:
            continue
        match = route.pattern.fullmatch(path)
        if match is not None:
            labels = tuple((route.labels[k], v) for k, v in match.groupdict().items())
            params = _uri_params(route.operation, labels)
            request = Request(route.operation, method, url, path, headers, body, params)
            return svc.reject(
                request,
                "MethodNotAllowedException",
                f"{method} is not allowed on {path}; {route.operation} is {route.method}",
            )
    operation = found[0] if found is not None else ""
    what = f"{operation} ({method} {path})" if operation else f"{method} {path}"
    served = ", ".join(f"{op} ({_binding_line(op)})" for op in OPERATIONS)
    return svc.reject(
        Request(operation, method, url, path, headers, body),
        "NotFoundException",
        f"the pinpoint stub implements only {served}; {what} is not implemented",
    )


def _binding_line(operation: str) -> str:
    binding = model.http_binding(operation)
    return f"{binding.method} {binding.uri}"
