"""What every v2 state handler shares: the lock, the recorded call, the refusal as an error
reply, and the Describe* pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Request, Service
from ..http import HttpReply
from . import replies
from .state import Account, account

#: the fake's page size when a Describe* request gives no MaxResults (a guess)
PAGE_SIZE = 100


class Refusal(Exception):
    """A handler's modeled error: its code, message and members (Reason, ResourceType ...)."""

    def __init__(self, code: str, message: str, **members: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.members = members


def not_found(kind: str, name: str) -> Refusal:
    return Refusal(
        "ResourceNotFoundException",
        f"the {kind} {name!r} does not exist in this account",
        ResourceType=kind,
        ResourceId=name,
    )


def conflict(reason: str, message: str, kind: str, name: str) -> Refusal:
    return Refusal("ConflictException", message, Reason=reason, ResourceType=kind, ResourceId=name)


Work = Callable[[Account, dict[str, Any], float], dict[str, Any]]


def answer(svc: Service, request: Request, work: Work) -> HttpReply:
    """Run ``work(account, params, now)`` under the lock and answer its output or refusal."""
    with svc.state.lock:
        acct = account(svc)
        call = svc.call(request, [])
        try:
            payload = work(acct, request.params, svc.state.clock.timestamp())
        except Refusal as refusal:
            return replies.fail(svc, call, refusal.code, refusal.message, **refusal.members)
        call.response = payload
        return replies.ok(payload, call.request_id)


def handler(work: Work) -> Callable[[Service, Request], HttpReply]:
    """A router handler from a work function."""
    return lambda svc, request: answer(svc, request, work)


def page(items: list[dict[str, Any]], params: dict[str, Any], key: str) -> dict[str, Any]:
    """One page of ``items`` under ``key`` (NextToken: the index of the next item)."""
    token = params.get("NextToken")
    start = int(token) if isinstance(token, str) and token.isdigit() else 0
    size = params.get("MaxResults")
    size = size if isinstance(size, int) and size > 0 else PAGE_SIZE
    out: dict[str, Any] = {key: items[start : start + size]}
    if start + size < len(items):
        out["NextToken"] = str(start + size)
    return out


def only(items: list[dict[str, Any]], wanted: Any, field: str, kind: str) -> list[dict[str, Any]]:
    """The items whose ``field`` is in ``wanted`` (None: all); a name no item has is refused."""
    if not wanted:
        return items
    by = {item[field]: item for item in items}
    missing = [w for w in wanted if w not in by]
    if missing:
        raise not_found(kind, str(missing[0]))
    return [by[w] for w in wanted]


def filtered(items: list[dict[str, Any]], filters: Any, names: dict[str, str]) -> list[Any]:
    """``Filters=[{"Name": ..., "Values": [...]}]`` applied where the filter name maps to a
    field of the items (``names``: filter name -> field); other filters are ignored (a guess)."""
    for spec in filters if isinstance(filters, list) else ():
        field = names.get(spec.get("Name", "")) if isinstance(spec, dict) else None
        values = spec.get("Values") or [] if isinstance(spec, dict) else []
        if field is not None:
            items = [
                i for i in items if str(i.get(field)).lower() in {str(v).lower() for v in values}
            ]
    return items
