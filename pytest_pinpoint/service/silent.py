"""The one contract rule that spans calls: ``apns-silent-rate`` (silent pushes per endpoint per
hour, counted on the stub clock).

It needs the stub's memory of earlier sends, so it runs here, after rendering, rather than in
the per-request contract walk. (The contract package is meant to own it: see docs/architecture.md.)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping

from .. import contract, render
from ..contract import Violation
from .record import SentMessage

RULE = "apns-silent-rate"
_HOUR = _dt.timedelta(hours=1)  # the rule's window


class SilentPushCounter:
    """Background pushes per ``(application, user, endpoint)`` within the last hour."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str, str], list[_dt.datetime]] = {}

    def _recent(self, key: tuple[str, str, str], now: _dt.datetime) -> list[_dt.datetime]:
        return [t for t in self._seen.get(key, ()) if now - t < _HOUR]

    def check(
        self,
        app_id: str,
        drafts: list[SentMessage],
        severities: Mapping[str, str],
        mode: str,
    ) -> list[Violation]:
        """The violations these drafts would add (nothing is counted yet)."""
        severity = severities.get(RULE, contract.RULES[RULE].severity)
        if severity == "off" or mode == "off":
            return []
        limit = contract.SILENT_PUSH_MAX_PER_HOUR
        out = []
        for d in drafts:
            if d.push_type != "background":
                continue
            count = len(self._recent((app_id, d.user, d.endpoint), d.sent_at)) + 1
            if count > limit:
                out.append(
                    Violation(
                        RULE,
                        f'SendUsersMessageRequest.Users["{d.user}"]',
                        f"is silent push number {count} to endpoint {d.endpoint!r} within an "
                        f"hour (stub clock {render.format_creation_date(d.sent_at)}); Apple "
                        f"recommends at most {limit} per recipient per hour",
                        severity,  # type: ignore[arg-type]
                        contract.RULES[RULE].limit,
                        str(count),
                    )
                )
        return out

    def count(self, app_id: str, drafts: list[SentMessage]) -> None:
        """Remember the background pushes that were sent."""
        for d in drafts:
            if d.push_type == "background":
                key = (app_id, d.user, d.endpoint)
                self._seen[key] = [*self._recent(key, d.sent_at), d.sent_at]
