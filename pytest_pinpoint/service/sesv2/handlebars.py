"""SES's template syntax: the Handlebars subset its developer guide shows.

``{{name}}``, nested ``{{a.b}}``, ``{{{raw}}}``, ``{{#if x}}...{{else}}...{{/if}}``,
``{{#unless x}}``, ``{{#each list}}...{{this}} {{this.field}} {{@index}}...{{/each}}``.
A variable missing from the data is a rendering failure (SES does not deliver the message: a
"Rendering Failure" event naming the attribute), never a blank; a missing variable tested by
``if``/``unless`` is false. Values are not HTML-escaped (SES documents no escaping: a guess,
docs/contract.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

_TAG = re.compile(r"\{\{(\{)?\s*([#/]?)\s*([^{}]*?)\s*\}?\}\}")
_BLOCKS = ("if", "unless", "each")


class RenderingFailure(Exception):
    """Why SES would not render the template (its event's ``errorMessage``)."""


@dataclass
class _Node:
    kind: str  # text | var | if | unless | each
    value: str = ""  # the text, or the variable path
    body: list[_Node] = field(default_factory=list)
    otherwise: list[_Node] = field(default_factory=list)


def parse(source: str) -> list[_Node]:
    """The template as a tree, or RenderingFailure for a block left open or closed twice."""
    root: list[_Node] = []
    stack: list[tuple[_Node, list[_Node]]] = []
    out = root
    last = 0
    for found in _TAG.finditer(source):
        if found.start() > last:
            out.append(_Node("text", source[last : found.start()]))
        last = found.end()
        sigil, words = found.group(2), found.group(3).split()
        if not words:
            raise RenderingFailure(f"empty expression at offset {found.start()}")
        if sigil == "#":
            if words[0] not in _BLOCKS or len(words) != 2:
                raise RenderingFailure(f"unsupported block {{{{#{' '.join(words)}}}}}")
            node = _Node(words[0], words[1])
            out.append(node)
            stack.append((node, out))
            out = node.body
        elif sigil == "/":
            if not stack or stack[-1][0].kind != words[0]:
                raise RenderingFailure(f"{{{{/{words[0]}}}}} closes no open block")
            out = stack.pop()[1]
        elif words == ["else"]:
            if not stack:
                raise RenderingFailure("{{else}} outside a block")
            out = stack[-1][0].otherwise
        else:
            out.append(_Node("var", words[0]))
    if stack:
        raise RenderingFailure(f"{{{{#{stack[-1][0].kind}}}}} is never closed")
    if last < len(source):
        out.append(_Node("text", source[last:]))
    return root


_MISSING = object()


def _lookup(path: str, scopes: list[Any], index: int | None) -> Any:
    if path == "@index":
        return _MISSING if index is None else index
    parts = path.split(".")
    if parts[0] == "this":
        value: Any = scopes[-1]
        parts = parts[1:]
    else:
        value = next(
            (s[parts[0]] for s in reversed(scopes) if isinstance(s, dict) and parts[0] in s),
            _MISSING,
        )
        parts = parts[1:]
    for part in parts:
        value = value.get(part, _MISSING) if isinstance(value, dict) else _MISSING
        if value is _MISSING:
            break
    return value


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, separators=(",", ":"))


def _render(nodes: list[_Node], scopes: list[Any], index: int | None, out: list[str]) -> None:
    for node in nodes:
        if node.kind == "text":
            out.append(node.value)
            continue
        value = _lookup(node.value, scopes, index)
        if node.kind == "var":
            if value is _MISSING:
                raise RenderingFailure(
                    f"Attribute '{node.value}' is not present in the rendering data."
                )
            out.append(_text(value))
        elif node.kind in ("if", "unless"):
            truthy = value is not _MISSING and bool(value)
            chosen = node.body if truthy == (node.kind == "if") else node.otherwise
            _render(chosen, scopes, index, out)
        elif isinstance(value, list) and value:  # each
            for i, item in enumerate(value):
                _render(node.body, [*scopes, item], i, out)
        else:
            _render(node.otherwise, scopes, index, out)


def render(source: str, data: dict[str, Any]) -> str:
    """``source`` rendered with ``data``, or RenderingFailure saying why SES would not."""
    out: list[str] = []
    _render(parse(source), [data], None, out)
    return "".join(out)
