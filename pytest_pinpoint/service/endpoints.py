"""Endpoints: UpdateEndpoint, UpdateEndpointsBatch, GetEndpoint, GetUserEndpoints,
DeleteEndpoint, DeleteUserEndpoints (API reference: https://docs.aws.amazon.com/pinpoint/latest/
apireference/apps-application-id-endpoints.html and .../apps-application-id-users-user-id.html).

The registry lives in :class:`~.state.State`; ``send_users_messages`` reads each user's active
endpoints from it. What the service documents, and what we chose where it is silent:

- An update merges into the existing endpoint: members given replace the stored ones, except
  the maps ``Attributes``, ``Metrics``, ``User.UserAttributes``, ``Demographic`` and
  ``Location``, merged key by key (our choice: the docs say "updates the settings and
  attributes"). A new endpoint is ``EndpointStatus: ACTIVE``, ``OptOut: NONE``;
  ``EffectiveDate`` is the stub clock unless given; ``CreationDate`` is set once.
- 15 endpoints per UserId; the 16th: SMS, PUSH, VOICE, EMAIL, CUSTOM, IN_APP ->
  BadRequestException; ADM, GCM, APNS, APNS_VOIP, APNS_VOIP_SANDBOX, BAIDU -> when the user has
  an endpoint of those push types, the one with the oldest EffectiveDate becomes INACTIVE and
  loses its UserId; otherwise BadRequestException
  (https://docs.aws.amazon.com/pinpoint/latest/developerguide/audience-define-auto-inactive.html).
- "A batch can include up to 100 endpoints" (UpdateEndpointsBatch); a batch is all or nothing
  here (our choice).
"""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from .. import model
from ..contract.addresses import check_address
from ..contract.violation import Collector, Violation
from .context import Request, Service
from .http import HttpReply
from .shapes import check_input, message_body, reply
from .state import EndpointRecord, State

MAX_ENDPOINTS_PER_USER = 15  # audience-define-auto-inactive.html
MAX_BATCH_ITEMS = 100  # apps-application-id-endpoints.html: "up to 100 endpoints"
# audience-define-auto-inactive.html: the push channels whose oldest endpoint is deactivated
PUSH_CHANNELS = frozenset({"ADM", "GCM", "APNS", "APNS_VOIP", "APNS_VOIP_SANDBOX", "BAIDU"})
_MAPS = ("Attributes", "Metrics", "Demographic", "Location")
_ENUMS = {"OptOut": ("ALL", "NONE"), "EndpointStatus": ("ACTIVE", "INACTIVE")}


class EndpointError(Exception):
    """A request the service answers with BadRequestException (the message names the field)."""


def cohort_of(endpoint_id: str) -> str:
    """A stable CohortId 0-99 per endpoint ID (the service assigns one; how is not documented)."""
    return str(
        int(hashlib.sha256(endpoint_id.encode("utf-8", "surrogatepass")).hexdigest(), 16) % 100
    )


@functools.cache
def _channels() -> tuple[str, ...]:
    return model.enum_of("ChannelType")


def check_fields(req: dict[str, Any], path: str) -> None:
    """The enumerated members the model types as plain strings."""
    channel = req.get("ChannelType")
    channels = _channels()
    if channel is not None and channel not in channels:
        raise EndpointError(f"{path}.ChannelType: {channel!r} is not one of {', '.join(channels)}")
    for member, allowed in _ENUMS.items():
        value = req.get(member)
        if value is not None and value not in allowed:
            raise EndpointError(f"{path}.{member}: {value!r} is not one of {', '.join(allowed)}")


def merged(
    old: dict[str, Any] | None, req: dict[str, Any], now: str, endpoint_id: str
) -> dict[str, Any]:
    """The endpoint after an update (see the module docs for the merge rules)."""
    data: dict[str, Any] = (
        dict(old)
        if old is not None
        else {
            "CreationDate": now,
            "EndpointStatus": "ACTIVE",
            "OptOut": "NONE",
            "CohortId": cohort_of(endpoint_id),
        }
    )
    for key, value in req.items():
        if key in ("Id", "RequestId") or value is None:
            continue
        if key in _MAPS and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        elif key == "User":
            user = dict(data.get("User") or {})
            if "UserId" in value:
                user["UserId"] = value["UserId"]
            if "UserAttributes" in value:
                user["UserAttributes"] = {
                    **user.get("UserAttributes", {}),
                    **value["UserAttributes"],
                }
            data["User"] = user
        else:
            data[key] = value
    if "EffectiveDate" not in req or req["EffectiveDate"] is None:
        data["EffectiveDate"] = now
    return data


def _make_room(state: State, app_id: str, record_id: str, data: dict[str, Any], path: str) -> None:
    """Apply the 15-endpoints-per-user quota before ``data`` is stored (see module docs)."""
    user = data.get("User")
    uid = user.get("UserId") if isinstance(user, dict) else None
    if not isinstance(uid, str) or not uid:
        return
    others = [r for r in state.endpoints_of_user(app_id, uid) if r.id != record_id]
    if len(others) < MAX_ENDPOINTS_PER_USER:
        return
    channel = data.get("ChannelType")
    pushes = [r for r in others if r.channel in PUSH_CHANNELS]
    if channel not in PUSH_CHANNELS or not pushes:
        raise EndpointError(
            f"{path}.User.UserId: user {uid!r} already has {len(others)} endpoints; the limit "
            f"is {MAX_ENDPOINTS_PER_USER} per user, and a {channel} endpoint does not replace "
            "the oldest (Amazon Pinpoint developer guide, inactive endpoints)"
        )
    oldest = min(pushes, key=lambda r: (str(r.data.get("EffectiveDate", "")), r.seq))
    old_user = {k: v for k, v in dict(oldest.data.get("User") or {}).items() if k != "UserId"}
    state.put_endpoint(
        oldest.app_id, oldest.id, {**oldest.data, "EndpointStatus": "INACTIVE", "User": old_user}
    )


def register(
    state: State, app_id: str, endpoint_id: str, req: dict[str, Any], path: str
) -> EndpointRecord:
    """Create or update one endpoint (callers hold the lock and checked the shape)."""
    check_fields(req, path)
    old = state.endpoint(app_id, endpoint_id)
    data = merged(old.data if old is not None else None, req, state.timestamp(), endpoint_id)
    if data.get("ChannelType") is None:
        raise EndpointError(f"{path}.ChannelType: is required for a new endpoint")
    _make_room(state, app_id, endpoint_id, data, path)
    return state.put_endpoint(app_id, endpoint_id, data)


def _address_violations(
    svc: Service, app_id: str, items: list[tuple[str, Any, str]]
) -> list[Violation]:
    """The address rules (``address-format`` ...) of each ``(endpoint ID, request, path)``: the
    Address on its ChannelType, the stored one's when the update leaves it out."""
    if svc.options.contract == "off":
        return []
    severities: Any = svc.options.rule_severities  # checked by StubOptions
    c = Collector(severities)
    for endpoint_id, req, path in items:
        address = req.get("Address") if isinstance(req, dict) else None
        if not isinstance(address, str):
            continue
        channel = req.get("ChannelType")
        if channel is None:
            old = svc.state.endpoint(app_id, endpoint_id)
            channel = old.data.get("ChannelType") if old is not None else None
        check_address(channel if isinstance(channel, str) else None, address, f"{path}.Address", c)
    return c.out


def _rejected(svc: Service, call: Any, violations: list[Violation]) -> HttpReply | None:
    """In strict mode, the 400 of error-severity address rules (as a send's contract)."""
    blocking = [v for v in violations if v.severity == "error"]
    if not blocking or svc.options.contract != "strict":
        return None
    return svc.error(
        call,
        "BadRequestException",
        f"{len(blocking)} endpoint address(es) break a documented rule (pytest-pinpoint "
        "contract=strict):\n" + "\n".join(map(str, blocking)),
    )


def update_endpoint(svc: Service, request: Request) -> HttpReply:
    params = request.params
    problem = check_input(request.operation, params)
    with svc.state.lock:
        violations: list[Violation] = []
        if problem is None:
            item = (params["EndpointId"], params["EndpointRequest"], "EndpointRequest")
            violations = _address_violations(svc, params["ApplicationId"], [item])
        call = svc.call(request, violations)
        if problem is not None:
            return svc.error(call, "BadRequestException", problem)
        rejected = _rejected(svc, call, violations)
        if rejected is not None:
            return rejected
        try:
            register(
                svc.state,
                params["ApplicationId"],
                params["EndpointId"],
                params["EndpointRequest"],
                "EndpointRequest",
            )
        except EndpointError as exc:
            return svc.error(call, "BadRequestException", str(exc))
        return message_body(call, "Accepted")


def update_endpoints_batch(svc: Service, request: Request) -> HttpReply:
    params = request.params
    problem = check_input(request.operation, params)
    items = (params.get("EndpointBatchRequest") or {}).get("Item")
    with svc.state.lock:
        violations: list[Violation] = []
        if problem is None and isinstance(items, list):
            checked = [
                (str(item.get("Id") or ""), item, f"EndpointBatchRequest.Item[{i}]")
                for i, item in enumerate(items)
            ]
            violations = _address_violations(svc, params["ApplicationId"], checked)
        call = svc.call(request, violations)
        if problem is None and isinstance(items, list) and len(items) > MAX_BATCH_ITEMS:
            problem = (
                f"EndpointBatchRequest.Item: {len(items)} endpoints; a batch can include up to "
                f"{MAX_BATCH_ITEMS} (API reference, Endpoints resource)"
            )
        for i, item in enumerate(items if problem is None and isinstance(items, list) else ()):
            if not isinstance(item.get("Id"), str) or not item["Id"]:
                problem = f"EndpointBatchRequest.Item[{i}].Id: is required"
                break
        if problem is not None:
            return svc.error(call, "BadRequestException", problem)
        state = svc.state
        app_id = params["ApplicationId"]
        rejected = _rejected(svc, call, violations)
        if rejected is not None:
            return rejected
        saved = state.snapshot()
        try:
            for i, item in enumerate(items or ()):
                register(state, app_id, item["Id"], item, f"EndpointBatchRequest.Item[{i}]")
        except EndpointError as exc:  # all or nothing: restore the registry
            state.restore(saved)
            return svc.error(call, "BadRequestException", str(exc))
        return message_body(call, "Accepted")


def _not_found(svc: Service, call: Any, what: str) -> HttpReply:
    return svc.error(call, "NotFoundException", f"Resource not found: {what}")


def _one_endpoint(svc: Service, request: Request, *, delete: bool) -> HttpReply:
    params = request.params
    app_id, endpoint_id = params["ApplicationId"], params["EndpointId"]
    with svc.state.lock:
        call = svc.call(request, [])
        state = svc.state
        record = (state.remove_endpoint if delete else state.endpoint)(app_id, endpoint_id)
        if record is None:
            return _not_found(svc, call, f"endpoint {endpoint_id!r}")
        return reply(call, record.response(app_id, call.request_id))


def get_endpoint(svc: Service, request: Request) -> HttpReply:
    return _one_endpoint(svc, request, delete=False)


def delete_endpoint(svc: Service, request: Request) -> HttpReply:
    """Answers with the endpoint it deleted, as the service does."""
    return _one_endpoint(svc, request, delete=True)


def get_user_endpoints(svc: Service, request: Request) -> HttpReply:
    return _user_endpoints(svc, request, delete=False)


def delete_user_endpoints(svc: Service, request: Request) -> HttpReply:
    return _user_endpoints(svc, request, delete=True)


def _user_endpoints(svc: Service, request: Request, *, delete: bool) -> HttpReply:
    """The user's endpoints (NotFoundException for a user without any, as the service does)."""
    app_id, user_id = request.params["ApplicationId"], request.params["UserId"]
    with svc.state.lock:
        call = svc.call(request, [])
        records = svc.state.endpoints_of_user(app_id, user_id)
        if not records:
            return _not_found(svc, call, f"user {user_id!r} has no endpoints")
        if delete:
            for record in records:
                svc.state.remove_endpoint(record.app_id, record.id)
        return reply(call, {"Item": [r.response(app_id, call.request_id) for r in records]})
