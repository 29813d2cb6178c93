"""The shape of one catalog entry (:class:`Rule`), shared by every service's catalog.

Its own module so that each service's catalog (Pinpoint's in :mod:`.rules`, SES v2's in
:mod:`.ses.catalog`, SMS v2's in :mod:`.sms_v2.rules`) builds the same type without importing
the merged catalog, which imports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    """One documented rule: its stable ID, default severity, source and limit, and the
    operations it applies to (model names)."""

    id: str
    summary: str
    severity: Severity
    source: str
    limit: str | None = None
    operations: tuple[str, ...] = ()
