"""Checks of single fields that several channels share: enums, priorities, RawContent JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .. import model
from .limits import APNS_PRIORITIES, GCM_PRIORITIES, PRIORITY_EQUIVALENT
from .violation import Collector
from .walk import text


def check_enum(
    msg: dict[str, Any],
    key: str,
    allowed: Iterable[str],
    rule: str,
    path: str,
    c: Collector,
) -> None:
    value = text(msg, key)
    if value is not None and value not in allowed:
        choices = ", ".join(allowed)
        c.add(rule, f"{path}.{key}", f"{key} {value!r} is not one of {choices}", value)


def check_priority(msg: dict[str, Any], path: str, channel: str, c: Collector) -> None:
    value = text(msg, "Priority")
    if value is None or value in PRIORITY_EQUIVALENT:
        return
    own, other = (
        (APNS_PRIORITIES, GCM_PRIORITIES)
        if channel == "APNs"
        else (GCM_PRIORITIES, APNS_PRIORITIES)
    )
    c.add(
        "priority-value",
        f"{path}.Priority",
        f"{channel} Priority {value!r} is not one of {' | '.join(own)} (or the converted "
        f"{' | '.join(other)})",
        value,
    )


def parse_raw(raw: str, path: str, c: Collector) -> dict[str, Any] | None:
    """The RawContent as a JSON object, or None (and a ``raw-content-json`` violation)."""
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        c.add("raw-content-json", path, f"is not valid JSON ({_json_reason(exc)})", raw)
        return None
    if not isinstance(parsed, dict):
        c.add("raw-content-json", path, f"must be a JSON object, not {model.describe(parsed)}", raw)
        return None
    return parsed


def _json_reason(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    return "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
