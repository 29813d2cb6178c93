"""``apns-silent-rate`` across calls: Apple's "no more than 3 silent push notifications to each
recipient per hour" (000: APNSMessage.SilentPush), counted with the caller's clock.

The fake owns one :class:`SilentPushCounter` per stub and, for each send::

    found = counter.check(app_id, drafts, clock)   # before answering: the violations
    counter.record(app_id, drafts, clock)          # after delivering: remember the pushes

``drafts`` are the per-endpoint records (objects with ``user``, ``endpoint``, ``address`` and
``push_type``; only ``push_type == "background"`` counts), or plain ``(user, endpoint)`` tuples
that are silent pushes by definition. Not thread-safe: the stub calls it under its lock.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any

from .limits import SILENT_PUSH_MAX_PER_HOUR
from .rules import RULES
from .variables import format_creation_date
from .violation import SeveritySetting, Violation, effective_severity
from .walk import key_path

RULE = "apns-silent-rate"
WINDOW = _dt.timedelta(hours=1)
_Key = tuple[str, str | None, str | None, str | None]  # app, user, endpoint, address


def _recipient(item: Any) -> tuple[str | None, str | None, str | None] | None:
    """``(user, endpoint, address)`` of a silent push, or None when ``item`` is not one."""
    if isinstance(item, tuple):
        user, endpoint = item[0], item[1] if len(item) > 1 else None
        return (user, endpoint, None)
    if getattr(item, "push_type", None) != "background":
        return None
    return (
        getattr(item, "user", None),
        getattr(item, "endpoint", None),
        getattr(item, "address", None),
    )


def _path(user: str | None, endpoint: str | None, address: str | None) -> str:
    if user is not None:
        return key_path("SendUsersMessageRequest.Users", user)
    if address is not None:
        return key_path("MessageRequest.Addresses", address)
    return key_path("MessageRequest.Endpoints", endpoint or "")


class SilentPushCounter:
    """Silent pushes per (app, recipient) within the last hour of the caller's clock."""

    def __init__(
        self,
        severity: SeveritySetting | None = None,
        *,
        limit: int = SILENT_PUSH_MAX_PER_HOUR,
        window: _dt.timedelta = WINDOW,
    ) -> None:
        self.severity: SeveritySetting = severity or effective_severity(RULE)
        self.limit = limit
        self.window = window
        self._sent: dict[_Key, list[_dt.datetime]] = {}

    @classmethod
    def from_severities(cls, severities: Mapping[str, SeveritySetting] | None) -> SilentPushCounter:
        """A counter with the rule's severity from a checked ``{rule: setting}`` map."""
        return cls(effective_severity(RULE, severities))

    def _recent(self, key: _Key, clock: _dt.datetime) -> list[_dt.datetime]:
        return [t for t in self._sent.get(key, ()) if clock - t < self.window]

    def check(self, app_id: str, items: Iterable[Any], clock: _dt.datetime) -> list[Violation]:
        """Violations for the silent pushes of one call at ``clock`` (nothing is recorded)."""
        if self.severity == "off":
            return []
        out: list[Violation] = []
        pending: dict[_Key, int] = {}
        for item in items:
            who = _recipient(item)
            if who is None:
                continue
            key = (app_id, *who)
            pending[key] = pending.get(key, 0) + 1
            count = len(self._recent(key, clock)) + pending[key]
            if count <= self.limit:
                continue
            user, endpoint, address = who
            target = f"endpoint {endpoint!r}" if endpoint is not None else f"address {address!r}"
            out.append(
                Violation(
                    RULE,
                    _path(user, endpoint, address),
                    f"is silent push number {count} to {target} within an hour (stub clock "
                    f"{format_creation_date(clock)}); Apple recommends at most {self.limit} per "
                    "recipient per hour",
                    "error" if self.severity == "error" else "warning",
                    RULES[RULE].limit,
                    str(count),
                )
            )
        return out

    def record(self, app_id: str, items: Iterable[Any], clock: _dt.datetime) -> None:
        """Remember the silent pushes of a call that was delivered at ``clock``."""
        for item in items:
            who = _recipient(item)
            if who is not None:
                key = (app_id, *who)
                self._sent[key] = [*self._recent(key, clock), clock]

    def reset(self) -> None:
        self._sent.clear()
