"""The model's own constraints on a request: every ``max``, ``min``, ``pattern`` and ``enum`` of
botocore's ``sesv2`` shapes (botocore enforces only required members, types and minimums).

Read from the model, never retyped. The shapes a documented rule already judges with a better
message (headers, ``TemplateData``) are left to :mod:`.send`, so one break is one violation.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from ..violation import Collector
from ..walk import key_path, member_path

if TYPE_CHECKING:
    from botocore.model import Shape

# judged by ses-headers-max, ses-header-name, ses-header-value, ses-template-data-* (send.py)
_DOCUMENTED = frozenset(
    ("MessageHeaderList", "MessageHeaderName", "MessageHeaderValue", "EmailTemplateData")
)


@functools.lru_cache(maxsize=256)
def _pattern(source: str) -> re.Pattern[str] | None:
    try:
        return re.compile(source)
    except re.error:  # a Java-only construct: the fake does not guess at it
        return None


def check(shape: Shape, value: Any, path: str, c: Collector) -> None:
    """Add a violation for each constraint of ``shape`` that ``value`` (boto3's form) breaks."""
    if value is None:
        return
    if shape.name not in _DOCUMENTED:
        _bounds(shape, value, path, c)
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        for name, sub in value.items():
            member = shape.members.get(name)
            if member is not None:
                check(member, sub, member_path(path, name), c)
    elif kind == "list" and isinstance(value, list | tuple):
        for i, sub in enumerate(value):
            check(shape.member, sub, f"{path}[{i}]", c)
    elif kind == "map" and isinstance(value, dict):
        for key, sub in value.items():
            if isinstance(key, str):
                check(shape.key, key, path, c)
                check(shape.value, sub, key_path(path, key), c)


def _size(kind: str, value: Any) -> int | None:
    if kind in ("string", "list", "map") and isinstance(value, str | list | tuple | dict):
        return len(value)
    if kind == "blob" and isinstance(value, bytes | bytearray | str):
        return len(value)
    if kind in ("integer", "long") and isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _bounds(shape: Shape, value: Any, path: str, c: Collector) -> None:
    meta = shape.metadata
    kind = shape.type_name
    size = _size(kind, value)
    unit = (
        ""
        if kind in ("integer", "long")
        else (" items" if kind in ("list", "map") else " characters")
    )
    what = "is" if kind in ("integer", "long") else "has"
    high, low = meta.get("max"), meta.get("min")
    if size is not None and high is not None and size > high:
        c.add("ses-model-max", path, f"{what} {size}{unit}; the model allows at most {high}", value)
    if size is not None and low is not None and size < low:
        c.add("ses-model-min", path, f"{what} {size}{unit}; the model needs at least {low}", value)
    if not isinstance(value, str):
        return
    enum = meta.get("enum")
    if enum and value not in enum:
        c.add("ses-model-enum", path, f"is not one of {', '.join(enum)}", value)
    source = meta.get("pattern")
    pattern = _pattern(source) if source else None
    if pattern is not None and pattern.fullmatch(value) is None:
        c.add("ses-model-pattern", path, f"does not match the model's pattern {source}", value)
