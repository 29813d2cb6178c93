"""A quick structural accept: whether :func:`.walk.walk` would find nothing in a value.

The walk spells a path for every member it enters, so that a violation can name it, and most
requests it sees have no violation at all. ``accepts(node)(value)`` answers the walk's question
without the paths: a checker per model node, built once from the same model, that returns True
only when the walk would report nothing. It is stricter than the walk (``type(v) is dict``
where the walk asks ``isinstance``): a False sends the value to the walk, which decides and
names what is wrong. So a True skips the walk with the same result, and a False costs the walk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import model

Check = Callable[[Any], bool]

_STRING = None  # a string member: checked inline, no call (the most common leaf)
_NO_MEMBER: Any = object()
_checks: dict[model.Node, Check] = {}


def _scalar(kind: str) -> Check:
    """The walk's scalar checks (``walk._SCALAR_CHECKS``), by exact type; any kind the walk
    does not check is accepted as it accepts it."""
    allowed: tuple[type, ...] | None = {
        "string": (str,),
        "integer": (int,),
        "long": (int,),
        "boolean": (bool,),
        "double": (int, float),
        "float": (int, float),
        "blob": (bytes, bytearray, str),
        "timestamp": (str, int, float),
    }.get(kind)
    if allowed is None:
        return lambda value: True
    return lambda value: type(value) in allowed


def _structure(node: model.Node) -> Check:
    required = node.required
    members: dict[str, Check | None] = {}  # filled after registering: shapes may recurse

    def check(value: Any) -> bool:
        if type(value) is not dict:
            return False
        for name in required:
            if value.get(name) is None:
                return False
        for name, sub in value.items():
            member = members.get(name, _NO_MEMBER)
            if member is _NO_MEMBER or sub is None:
                return False
            if member is _STRING:
                if type(sub) is not str:
                    return False
            elif not member(sub):
                return False
        return True

    _checks[node] = check
    for name, sub_node in node.members.items():
        members[name] = _STRING if sub_node.type == "string" else accepts(sub_node)
    return check


def _map(node: model.Node) -> Check:
    value_node = node.value
    assert value_node is not None
    strings = value_node.type == "string"
    # an empty object where nothing is required holds nothing to check (Users' {} ...)
    empty_ok = value_node.type == "structure" and not value_node.required
    inner: list[Check] = []  # filled after registering: shapes may recurse

    def check(value: Any) -> bool:
        if type(value) is not dict:
            return False
        if strings:
            for key, sub in value.items():
                if type(key) is not str or type(sub) is not str:
                    return False
            return True
        member = inner[0]
        for key, sub in value.items():
            if type(key) is not str:
                return False
            if (sub or not empty_ok or type(sub) is not dict) and not member(sub):
                return False
        return True

    _checks[node] = check
    inner.append(accepts(value_node))
    return check


def _list(node: model.Node) -> Check:
    member_node = node.member
    assert member_node is not None
    inner: list[Check] = []

    def check(value: Any) -> bool:
        if type(value) is not list and type(value) is not tuple:
            return False
        member = inner[0]
        return all(member(sub) for sub in value)

    _checks[node] = check
    inner.append(accepts(member_node))
    return check


def accepts(node: model.Node) -> Check:
    """The checker of ``node`` (built on first use, then kept with the node)."""
    found = _checks.get(node)
    if found is not None:
        return found
    if node.type == "structure":
        return _structure(node)
    if node.type == "map":
        return _map(node)
    if node.type == "list":
        return _list(node)
    check = _checks[node] = _scalar(node.type)
    return check
