"""SES v2's routing table, from the model's ``requestUri`` of each operation (the engine's
:func:`pytest_pinpoint.model.route_of`), and the request's parameters in boto3's shape: the URI
labels, the query string and the JSON body's members (SES v2 has no payload member)."""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ... import model
from ..unit import service_model

SERVICE = "sesv2"


@functools.cache
def routes() -> tuple[model.Route, ...]:
    """Every operation's route, literal paths before labelled ones."""
    ops = service_model(SERVICE)
    table = [model.route_of(ops.operation_model(name)) for name in ops.operation_names]
    return tuple(sorted(table, key=lambda r: r.uri.count("{")))


@functools.lru_cache(maxsize=1024)
def route(method: str, path: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """``(operation, ((member, decoded value), ...))``, or None when no route matches."""
    for r in routes():
        if r.method != method.upper() or not r.could_match(path):
            continue
        found = r.pattern.fullmatch(path)
        if found is not None:
            members = _members_by_label(r.operation)
            labels = tuple(
                (members.get(r.labels[k], r.labels[k]), unquote(v))
                for k, v in found.groupdict().items()
            )
            return r.operation, labels
    return None


def path_methods(path: str) -> list[str]:
    """The methods some operation serves ``path`` with (for a 405's message)."""
    return [r.method for r in routes() if r.could_match(path) and r.pattern.fullmatch(path)]


@functools.cache
def _members_by_label(operation: str) -> dict[str, str]:
    shape = service_model(SERVICE).operation_model(operation).input_shape
    members = shape.members.items() if shape is not None else ()
    return {
        m.serialization.get("name", name): name
        for name, m in members
        if m.serialization.get("location") == "uri"
    }


@functools.cache
def _query_members(operation: str) -> dict[str, tuple[str, str]]:
    shape = service_model(SERVICE).operation_model(operation).input_shape
    members = shape.members.items() if shape is not None else ()
    return {
        m.serialization.get("name", name): (name, m.type_name)
        for name, m in members
        if m.serialization.get("location") == "querystring"
    }


def query_params(operation: str, url: str) -> dict[str, Any]:
    """The query-string members of ``operation``, typed as the model says."""
    query = urlsplit(url).query
    if not query:
        return {}
    given = parse_qs(query, keep_blank_values=True)
    out: dict[str, Any] = {}
    for key, (member, kind) in _query_members(operation).items():
        values = given.get(key)
        if not values:
            continue
        if kind == "list":
            out[member] = values
        elif kind == "integer":
            out[member] = int(values[-1]) if values[-1].lstrip("-").isdigit() else values[-1]
        else:
            out[member] = values[-1]
    return out
