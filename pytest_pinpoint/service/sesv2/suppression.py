"""The account-level suppression list: PutSuppressedDestination, GetSuppressedDestination,
DeleteSuppressedDestination, ListSuppressedDestinations. A send to a suppressed address is
accepted and not delivered (status OPT_OUT, "Bounce: Permanent/OnAccountSuppressionList"); a
hard bounce adds the address (the list's default reasons are BOUNCE and COMPLAINT)."""

from __future__ import annotations

from typing import Any

from ..context import Request, Service
from ..http import HttpReply
from .pages import PageError, listing, page
from .replies import error, ok
from .state import Suppressed, of

REASONS = ("BOUNCE", "COMPLAINT")  # the model's SuppressionListReason


def put(svc: Service, request: Request) -> HttpReply:
    address = str(request.params.get("EmailAddress", "")).lower()
    reason = request.params.get("Reason")
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        if reason not in REASONS:
            return error(
                svc,
                call,
                "BadRequestException",
                f"Reason must be one of {', '.join(REASONS)}, not {reason!r}.",
            )
        state.suppressed[address] = Suppressed(address, str(reason), svc.state.clock)
        return ok(call, {})


def _entry(s: Suppressed) -> dict[str, Any]:
    return {"EmailAddress": s.address, "Reason": s.reason, "LastUpdateTime": s.when}


def get(svc: Service, request: Request) -> HttpReply:
    address = str(request.params.get("EmailAddress", "")).lower()
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        found = state.suppressed.get(address)
        if found is None:
            return error(
                svc,
                call,
                "NotFoundException",
                f"Email address {address} does not exist on your suppression list.",
            )
        return ok(call, {"SuppressedDestination": _entry(found)})


def delete(svc: Service, request: Request) -> HttpReply:
    address = str(request.params.get("EmailAddress", "")).lower()
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        if state.suppressed.pop(address, None) is None:
            return error(
                svc,
                call,
                "NotFoundException",
                f"Email address {address} does not exist on your suppression list.",
            )
        return ok(call, {})


def list_suppressed(svc: Service, request: Request) -> HttpReply:
    reasons = request.params.get("Reasons") or REASONS
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        chosen = [s for _, s in sorted(state.suppressed.items()) if s.reason in reasons]
        try:
            chunk, token = page(chosen, request.params, default=1000)
        except PageError as exc:
            return error(svc, call, "InvalidNextTokenException", str(exc))
        entries = [_entry(s) for s in chunk]
        return ok(call, listing("SuppressedDestinationSummaries", entries, token))


HANDLERS = {
    "PutSuppressedDestination": put,
    "GetSuppressedDestination": get,
    "DeleteSuppressedDestination": delete,
    "ListSuppressedDestinations": list_suppressed,
}
