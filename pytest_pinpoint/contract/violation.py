"""A broken rule (:class:`Violation`), the severity settings, and the collector the checks fill."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .rule import Severity
from .rules import RULE_IDS, RULES

SeveritySetting = Literal["error", "warning", "off"]
SEVERITY_SETTINGS: tuple[SeveritySetting, ...] = ("error", "warning", "off")

_ACTUAL_MAX = 80


def shorten(value: Any, limit: int = _ACTUAL_MAX) -> str:
    """A repr no longer than ``limit`` characters, with the full length noted when cut."""
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not break validation
        text = f"<{type(value).__name__}>"
    if len(text) <= limit:
        return text
    size = f" ({len(value)} chars)" if isinstance(value, str | bytes) else ""
    return text[: limit - 3] + "..." + size


@dataclass(frozen=True)
class Violation:
    """One broken rule: where, which rule, what the limit is and what was there."""

    rule: str
    path: str
    message: str
    severity: Severity
    limit: str | None = None
    actual: str | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.rule}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "path": self.path,
            "message": self.message,
            "severity": self.severity,
            "limit": self.limit,
            "actual": self.actual,
        }


def check_severities(severities: Mapping[str, str] | None) -> dict[str, SeveritySetting]:
    """Validate a ``{rule_id: "error" | "warning" | "off"}`` map (raises ValueError on misuse)."""
    if not severities:
        return {}
    out: dict[str, SeveritySetting] = {}
    for rule_id, setting in severities.items():
        if rule_id not in RULES:
            raise ValueError(
                f"unknown contract rule {rule_id!r}; known rules: {', '.join(RULE_IDS)}"
            )
        if setting not in SEVERITY_SETTINGS:
            raise ValueError(
                f"severity for {rule_id!r} must be 'error', 'warning' or 'off', not {setting!r}"
            )
        out[rule_id] = setting
    return out


def effective_severity(
    rule_id: str, overrides: Mapping[str, SeveritySetting] | None = None
) -> SeveritySetting:
    """The rule's severity after the user's overrides (``"off"`` when turned off)."""
    default: SeveritySetting = RULES[rule_id].severity
    return overrides.get(rule_id, default) if overrides else default


class Collector:
    """Where the checks put what they find, with the user's severities applied."""

    __slots__ = ("out", "overrides")

    def __init__(self, overrides: Mapping[str, SeveritySetting]) -> None:
        self.out: list[Violation] = []
        self.overrides = overrides

    def add(self, rule_id: str, path: str, message: str, actual: Any = None) -> None:
        rule = RULES[rule_id]
        severity: SeveritySetting = self.overrides.get(rule_id, rule.severity)
        if severity == "off":
            return
        shown = None if actual is None else shorten(actual)
        self.out.append(Violation(rule_id, path, message, severity, rule.limit, shown))
