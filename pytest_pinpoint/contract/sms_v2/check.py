"""The v2 send checks: the model's constraints (what botocore leaves out) and the prose rules.

:func:`check_send` judges one send request in boto3's shape; what needs the account's state
(the origination identity) the service judges with :class:`Collector` too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from ..violation import SeveritySetting, Violation, shorten
from ..walk import TYPE_NAMES, key_path, member_path
from .rules import RULES, SEND_VOICE, SENDS
from .shapes import RULE_OF_SHAPE, Node, request_node

_E164 = re.compile(r"\+[1-9][0-9]{1,14}")
_SCALARS = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "long": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "double": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "timestamp": lambda v: isinstance(v, str | int | float) and not isinstance(v, bool),
    "blob": lambda v: isinstance(v, str),
}


class Collector:
    """The violations of one request, with the user's severities applied."""

    def __init__(self, overrides: Mapping[str, SeveritySetting] | None = None) -> None:
        self.out: list[Violation] = []
        self.overrides = overrides or {}

    def add(self, rule_id: str, path: str, message: str, actual: Any = None) -> None:
        rule = RULES[rule_id]
        severity = self.overrides.get(rule_id, rule.severity)
        if severity == "off":
            return
        shown = None if actual is None else shorten(actual)
        self.out.append(Violation(rule_id, path, message, severity, rule.limit, shown))


def _rule(node: Node, generic: str) -> str:
    return RULE_OF_SHAPE.get(node.name, generic)


def _bounds(node: Node, size: int, what: str, path: str, c: Collector, value: Any) -> None:
    low, high = node.minimum, node.maximum
    if (low is not None and size < low) or (high is not None and size > high):
        span = f"{low if low is not None else 0}..{high if high is not None else 'any'}"
        said = f"is {size}" if what == "value" else f"has {size} {what}"
        c.add(_rule(node, "sms-v2-length"), path, f"{said}; {node.name} takes {span}", value)


def _string(node: Node, value: str, path: str, c: Collector) -> None:
    if node.enum:
        if value not in node.enum:
            shown = ", ".join(node.enum[:12]) + (" ..." if len(node.enum) > 12 else "")
            c.add(_rule(node, "sms-v2-enum"), path, f"is not one of {node.name}: {shown}", value)
        return
    _bounds(node, len(value), "characters", path, c, value)
    if node.pattern is not None and node.pattern.fullmatch(value) is None:
        c.add(_rule(node, "sms-v2-pattern"), path,
              f"does not match {node.name}'s pattern {node.pattern_text}", value)  # fmt: skip


def walk(node: Node, value: Any, path: str, c: Collector) -> None:
    """Check ``value`` against ``node`` and its constraints."""
    kind = node.type
    if kind == "structure":
        if not isinstance(value, dict):
            c.add(
                "sms-v2-type", path or "request", f"must be an object, not {type(value).__name__}"
            )
            return
        for name in node.required:
            if value.get(name) is None:
                c.add("sms-v2-required", member_path(path, name), "is required")
        for name, sub in value.items():
            child = node.members.get(name) if isinstance(name, str) else None
            if child is None:
                members = ", ".join(node.members)
                c.add("sms-v2-unknown-field", member_path(path, str(name)),
                      f"is not a member of {node.name} (members: {members})")  # fmt: skip
            elif sub is not None:
                walk(child, sub, member_path(path, name), c)
        return
    if kind == "map":
        if not isinstance(value, dict):
            c.add("sms-v2-type", path, f"must be {TYPE_NAMES['map']}, not {type(value).__name__}")
            return
        _bounds(node, len(value), "entries", path, c, None)
        assert node.key is not None
        assert node.value is not None
        for key, sub in value.items():
            where = key_path(path, str(key))
            walk(node.key, key, where, c)
            walk(node.value, sub, where, c)
        return
    if kind == "list":
        if not isinstance(value, list | tuple):
            c.add("sms-v2-type", path, f"must be a list, not {type(value).__name__}")
            return
        _bounds(node, len(value), "entries", path, c, None)
        assert node.member is not None
        for i, sub in enumerate(value):
            walk(node.member, sub, f"{path}[{i}]", c)
        return
    check = _SCALARS.get(kind)
    if check is not None and not check(value):
        c.add("sms-v2-type", path, f"must be {TYPE_NAMES.get(kind, kind)}, not "
              f"{type(value).__name__}", value)  # fmt: skip
        return
    if kind == "string":
        _string(node, value, path, c)
    elif kind in ("integer", "long"):
        _bounds(node, value, "value", path, c, value)


def check_send(
    operation: str, params: Any, overrides: Mapping[str, SeveritySetting] | None = None
) -> list[Violation]:
    """Every rule of the v2 contract a request of ``operation`` breaks on its own (any
    operation of the model gets the model's checks; the sends also the prose rules)."""
    c = Collector(overrides)
    walk(request_node(operation), params, "", c)
    if isinstance(params, dict) and operation in SENDS:
        _prose(operation, params, c)
    return c.out


def _prose(operation: str, params: dict[str, Any], c: Collector) -> None:
    number = params.get("DestinationPhoneNumber")
    pattern = request_node(operation).members["DestinationPhoneNumber"].pattern
    if (
        isinstance(number, str)
        and _E164.fullmatch(number) is None
        and (pattern is None or pattern.fullmatch(number) is not None)  # else that rule says it
    ):
        c.add("sms-v2-destination-e164", "DestinationPhoneNumber",
              "is not E.164 (+, country code, at most 15 digits in all)", number)  # fmt: skip
    body = params.get("MessageBody")
    if (
        operation == SEND_VOICE
        and params.get("MessageBodyTextType") == "SSML"
        and isinstance(body, str)
        and body.strip()
    ):
        problem = ssml_problem(body)
        if problem:
            c.add("sms-v2-ssml", "MessageBody", problem, body)


def ssml_problem(body: str) -> str | None:
    """Why ``body`` is not an SSML document (well-formed XML, ``<speak>`` root), or None."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        return f"is not well-formed SSML: {exc}"
    except UnicodeEncodeError:  # JSON can carry a lone surrogate; XML has no such character
        return "is not well-formed SSML: it holds a lone surrogate (not an XML character)"
    tag = root.tag.rsplit("}", 1)[-1]
    if tag != "speak":
        return f"SSML must have a <speak> root element, not <{tag}>"
    return None
