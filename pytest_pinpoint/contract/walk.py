"""The structural walk: a value against a model node (required, type, unknown-field).

Also the path spelling every check shares (``a.b["key"][3]``) and tolerant accessors that read a
request whose types may be wrong (the walk reports those; the checks skip them).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .. import model
from .violation import Collector, shorten


def key_path(path: str, key: str) -> str:
    """``path["key"]``, the key spelt as a JSON string."""
    if key.isprintable() and '"' not in key and "\\" not in key:
        return f'{path}["{key}"]'  # what json.dumps(ensure_ascii=False) gives, without the call
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def member_path(path: str, name: str) -> str:
    if not name.isidentifier():  # model members always are; an unknown "" or "a.b" must not
        return key_path(path, name)  # yield an empty or ambiguous path
    return f"{path}.{name}" if path else name


def obj(parent: Any, key: str) -> dict[str, Any] | None:
    value = parent.get(key) if isinstance(parent, dict) else None
    return value if isinstance(value, dict) else None


def text(parent: Any, key: str) -> str | None:
    value = parent.get(key) if isinstance(parent, dict) else None
    return value if isinstance(value, str) else None


def integer(parent: dict[str, Any], key: str) -> int | None:
    value = parent.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


_SCALAR_CHECKS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "long": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "double": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "blob": lambda v: isinstance(v, bytes | bytearray | str),
    "timestamp": lambda v: isinstance(v, str | int | float) and not isinstance(v, bool),
}
TYPE_NAMES = {
    "structure": "an object",
    "map": "an object (map)",
    "list": "a list",
    "string": "a string",
    "integer": "an integer",
    "long": "an integer",
    "boolean": "a boolean",
    "double": "a number",
    "float": "a number",
    "blob": "bytes (base64 on the wire)",
    "timestamp": "a timestamp",
}


def _wrong_type(node: model.Node, value: Any, path: str, c: Collector, rule: str) -> bool:
    kind = node.type
    c.add(rule, path, f"must be {TYPE_NAMES.get(kind, kind)}, not {model.describe(value)}", value)
    return False


def walk(node: model.Node, value: Any, path: str, c: Collector, type_rule: str = "type") -> bool:
    """Check ``value`` against ``node``. Returns False when the value's own type is wrong."""
    kind = node.type
    if kind == "string":  # the most common leaf, first
        return isinstance(value, str) or _wrong_type(node, value, path, c, type_rule)
    if kind == "structure":
        if not isinstance(value, dict):
            return _wrong_type(node, value, path, c, type_rule)
        members = node.members
        for name in node.required:
            if value.get(name) is None:
                c.add("required", member_path(path, name), "is required")
        for name, sub in value.items():
            child = members.get(name) if isinstance(name, str) else None
            if child is None:
                _not_a_member(node, name, path, c)
            elif sub is None:  # boto3 rejects None; the service treats JSON null as absent
                if name not in node.required:
                    what = TYPE_NAMES.get(child.type, child.type)
                    c.add("type", member_path(path, name), f"must be {what}, not None")
            elif child.type != "string" or not isinstance(sub, str):  # a valid string: no call
                walk(child, sub, f"{path}.{name}" if path else name, c)
        return True
    if kind == "map":
        if not isinstance(value, dict):
            return _wrong_type(node, value, path, c, type_rule)
        assert node.value is not None
        vnode = node.value
        strings = vnode.type == "string"
        # an empty object where nothing is required holds nothing to check (Users' {} ...)
        empty_ok = vnode.type == "structure" and not vnode.required
        for key, sub in value.items():
            if not isinstance(key, str):
                c.add("type", path, f"has a key that is not a string: {shorten(key)}", key)
            elif strings and isinstance(sub, str):
                continue
            elif not (empty_ok and type(sub) is dict and not sub):
                walk(vnode, sub, key_path(path, key), c)
        return True
    if kind == "list":
        if not isinstance(value, list | tuple):
            return _wrong_type(node, value, path, c, type_rule)
        assert node.member is not None
        mnode = node.member
        strings = mnode.type == "string"
        for i, sub in enumerate(value):
            if not strings or not isinstance(sub, str):
                walk(mnode, sub, f"{path}[{i}]", c)
        return True
    check = _SCALAR_CHECKS.get(kind)
    if check is not None and not check(value):
        return _wrong_type(node, value, path, c, type_rule)
    return True


def _not_a_member(node: model.Node, name: Any, path: str, c: Collector) -> None:
    if isinstance(name, str):
        c.add(
            "unknown-field",
            member_path(path, name),
            f"is not a member of {node.name} (members: {', '.join(node.members)})",
            name,
        )
    else:
        c.add("type", path, f"has a key that is not a string: {shorten(name)}", name)
