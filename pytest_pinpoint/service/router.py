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
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .. import model
from . import apps, endpoints, templates
from .context import Request, Service
from .http import HttpReply, loads_json, sdk_headers
from .messages import SEND_USERS_MESSAGES
from .scripted import Scripted, how_to_script, response_body, when_it_fails
from .send_messages import SEND_MESSAGES
from .shapes import query_params, status_of
from .unit import Unit, Wire

Handler = Callable[[Service, Request], HttpReply]

#: Served operations (model names) -> their handler.
HANDLERS: dict[str, Handler] = {
    "SendUsersMessages": SEND_USERS_MESSAGES.handler,
    "SendMessages": SEND_MESSAGES.handler,
    "CreateApp": apps.create_app,
    "GetApp": apps.get_app,
    "GetApps": apps.get_apps,
    "DeleteApp": apps.delete_app,
    "UpdateEndpoint": endpoints.update_endpoint,
    "UpdateEndpointsBatch": endpoints.update_endpoints_batch,
    "GetEndpoint": endpoints.get_endpoint,
    "GetUserEndpoints": endpoints.get_user_endpoints,
    "DeleteEndpoint": endpoints.delete_endpoint,
    "DeleteUserEndpoints": endpoints.delete_user_endpoints,
    **templates.HANDLERS,
}
# Operations that answer for an application the test never created (they make or list them).
_APP_FREE = frozenset({"CreateApp", "GetApps", "GetApp", "DeleteApp"})
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
    return dict(_uri_items(operation, labels))


Route = tuple[str, tuple[tuple[str, str], ...]]


Resolved = tuple[str, str, Route | None, tuple[tuple[str, str], ...], str]


@functools.lru_cache(maxsize=1024)
def _resolve(method: str, url: str) -> Resolved:
    """``(path, query, route, URI parameters, payload member)`` of a request: an app calls the
    same few URLs again and again, so each is split, routed and decoded once."""
    parts = urlsplit(url)
    found = model.route(method, parts.path)
    if found is None:
        return parts.path, parts.query, None, (), ""
    payload = model.http_binding(found[0]).payload
    return parts.path, parts.query, found, _uri_items(found[0], found[1]), payload


@functools.lru_cache(maxsize=1024)
def _uri_items(operation: str, labels: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    # an app asks about the same few IDs again and again: decode each path once
    members = _members_by_label(operation)
    return tuple((members.get(label, label), unquote(value)) for label, value in labels)


def dispatch(svc: Service, wire: Wire) -> HttpReply:
    """Answer one HTTP request as the Pinpoint rest-json service would."""
    method, url, headers, body = wire.method, wire.url, wire.headers, wire.body
    path, query, found, items, payload = _resolve(method, url)
    handler = HANDLERS.get(found[0]) if found is not None else None
    scripted = found is not None and bool(svc.responses.scripts)
    if found is None or (handler is None and not scripted):
        return _unserved(svc, method, url, path, sdk_headers(headers), body, found)
    operation = found[0]
    params = dict(items)
    if query:
        params.update(query_params(operation, parse_qs(query, keep_blank_values=True)))
    request = Request(operation, method, url, path, sdk_headers(headers), body, params)
    if len(body) > MAX_PAYLOAD_BYTES:
        return svc.reject(
            request,
            "PayloadTooLargeException",
            f"the request body is {len(body)} bytes; the service accepts at most "
            f"{MAX_PAYLOAD_BYTES} (service quota, not stated in the seed documents)",
        )
    if payload:
        try:
            doc = loads_json(body) if body else None
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
    if scripted:
        with svc.state.lock:
            script = svc.responses.take(operation)
        if script is not None:
            return _answer_scripted(svc, request, script)
        if handler is None:
            return _unserved(svc, method, url, path, request.headers, body, found)
    assert handler is not None
    app_id = request.params.get("ApplicationId")
    known_apps = svc.options.known_apps
    # app_exists is lenient until the test created an app or listed known_apps: most tests
    # never do, and skip the lock and the call
    if (
        isinstance(app_id, str)
        and operation not in _APP_FREE
        and (svc.state.apps or known_apps is not None)
    ):
        with svc.state.lock:
            exists = svc.state.app_exists(app_id, known_apps)
        if not exists:
            return svc.reject(
                request,
                "NotFoundException",
                f"Application {app_id!r} not found (created apps: "
                f"{', '.join(sorted(svc.state.apps)) or 'none'}; known_apps: "
                f"{', '.join(sorted(svc.options.known_apps or ())) or 'none'})",
            )
    return handler(svc, request)


def _answer_scripted(svc: Service, request: Request, script: Scripted) -> HttpReply:
    with svc.state.lock:
        call = svc.call(request, [])
        if script.error is not None:
            message = script.message or f"scripted {script.error} (pinpoint_stub.fail)"
            return svc.error(call, script.error, message)
        response = dict(script.response or {})
        call.response = response
        status = status_of(request.operation)
        call.status_code = status
        reply_headers = {"Content-Type": "application/json", "x-amzn-RequestId": call.request_id}
        return HttpReply(status, reply_headers, response_body(request.operation, response))


def _unserved(
    svc: Service,
    method: str,
    url: str,
    path: str,
    headers: Mapping[str, str],
    body: bytes,
    found: tuple[str, tuple[tuple[str, str], ...]] | None,
) -> HttpReply:
    operation = found[0] if found is not None else ""
    what = f"{operation} ({method} {path})" if operation else f"{method} {path}"
    if operation:
        with svc.state.lock:
            svc.responses.note_unserved(operation)
        return svc.reject(
            Request(operation, method, url, path, headers, body),
            "NotFoundException",
            f"pytest-pinpoint does not model {what}; script it: "
            f"{how_to_script(operation, svc.responses.audience)} "
            f"({when_it_fails(svc.responses.audience)})",
        )
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
    return svc.reject(
        Request(operation, method, url, path, headers, body),
        "NotFoundException",
        f"{what} is not a Pinpoint API route (botocore's service model has none like it)",
    )


#: Pinpoint as a unit of the stub (:mod:`.units`): the rest-json front door above.
UNIT = Unit(service="pinpoint", dispatch=dispatch, served=OPERATIONS)
