"""Payloads from a JSON Schema: the app's own Data / Context / RawContent shapes.

Pinpoint treats ``Data``, ``Context`` and ``RawContent`` as opaque, but apps do not: a push handler
expects certain keys. Describe them with a JSON Schema and draw matching payloads through
``hypothesis_jsonschema.from_schema``:

>>> from pytest_pinpoint.payloads import data_maps, payloads_from_schema
>>> schema = {"type": "object", "properties": {"orderId": {"type": "integer"}},
...           "required": ["orderId"]}
>>> data_maps(schema).example()  # doctest: +SKIP
{'orderId': '17'}

hypothesis-jsonschema is an extra, ``pip install 'pytest-pinpoint[jsonschema]'``, which also keeps
hypothesis below 6.170.10: hypothesis-jsonschema 0.23.1 (the latest release) calls an API that
hypothesis removed in 6.170.10, and then every object schema fails at draw time with
``AttributeError: 'many' object has no attribute 'more'``. A default install never pulls that
pair. Everything here is checked when a strategy is first used, never when it is built (a module
that builds one at import time still collects): a missing extra or the broken pair raises
:class:`PinpointStubError` naming the extra, the versions and the fix.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from .errors import PinpointStubError

__all__ = ["data_maps", "payloads_from_schema", "raw_contents"]

# hypothesis 6.170.10 dropped ``many.more()``; hypothesis-jsonschema <= 0.23.1 still calls it.
FIRST_BROKEN_HYPOTHESIS = (6, 170, 10)
LAST_AFFECTED_JSONSCHEMA = (0, 23, 1)
EXTRA = "pip install 'pytest-pinpoint[jsonschema]'"
FIX = f"{EXTRA} (it keeps hypothesis<6.170.10), or pip install 'hypothesis<6.170.10'"


def _version_tuple(text: str) -> tuple[int, ...]:
    """``"6.170.10"`` -> ``(6, 170, 10)``; stops at the first non-numeric part (``1.0rc1``)."""
    parts: list[int] = []
    for piece in text.split("."):
        match = re.match(r"\d+", piece)
        if match is None:
            break
        parts.append(int(match.group()))
        if match.end() != len(piece):
            break
    return tuple(parts)


def _installed(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _incompatibility(hypothesis_version: str, jsonschema_version: str) -> str:
    return (
        f"hypothesis-jsonschema {jsonschema_version} does not work with hypothesis "
        f"{hypothesis_version}: it calls an API removed in hypothesis 6.170.10, so object schemas "
        "fail with AttributeError \"'many' object has no attribute 'more'\". Fix: "
        f"{FIX}, or a hypothesis-jsonschema release newer than 0.23.1 once there is one"
    )


def check_compatible() -> None:
    """Raise PinpointStubError if the installed versions are the known-broken combination."""
    hyp = _installed("hypothesis")
    hjs = _installed("hypothesis-jsonschema")
    if hjs is None:
        raise PinpointStubError(
            "payloads_from_schema needs hypothesis-jsonschema, which is not installed: it comes "
            f"with the extra, {EXTRA}"
        )
    if hyp is None:
        return  # an unusual install (vendored?): the draw-time guard still applies
    if (
        _version_tuple(hyp) >= FIRST_BROKEN_HYPOTHESIS
        and _version_tuple(hjs) <= LAST_AFFECTED_JSONSCHEMA
    ):
        raise PinpointStubError(_incompatibility(hyp, hjs))


def _from_schema(schema: Mapping[str, Any]) -> SearchStrategy[Any]:
    check_compatible()
    try:
        from hypothesis_jsonschema import from_schema
    except ImportError as exc:
        raise PinpointStubError(
            f"payloads_from_schema needs hypothesis-jsonschema, which cannot be imported ({exc}): "
            f"{EXTRA}"
        ) from exc
    strategy: SearchStrategy[Any] = from_schema(dict(schema))
    return strategy


@st.composite
def _guarded(draw: DrawFn, inner: SearchStrategy[Any]) -> Any:
    try:
        return draw(inner)
    except AttributeError as exc:
        if "more" not in str(exc):
            raise
        hyp = _installed("hypothesis") or "(unknown version)"
        hjs = _installed("hypothesis-jsonschema") or "(unknown version)"
        raise PinpointStubError(_incompatibility(hyp, hjs)) from exc


def payloads_from_schema(schema: Mapping[str, Any]) -> SearchStrategy[Any]:
    """JSON values matching ``schema``, drawn by ``hypothesis_jsonschema.from_schema``.

    When the strategy is first used (not when it is built), raises :class:`PinpointStubError`
    (not an AttributeError deep in a draw) if hypothesis-jsonschema is missing or the installed
    hypothesis / hypothesis-jsonschema pair cannot generate.

    >>> payloads_from_schema({"type": "object", "properties": {"a": {"type": "string"}}})
    ... # doctest: +SKIP
    """
    frozen = dict(schema)
    return _guarded(st.deferred(lambda: _from_schema(frozen)))


def _as_string(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _objects(schema: Mapping[str, Any], need: str) -> SearchStrategy[Any]:
    """``payloads_from_schema`` for an object schema; the check runs at first use, like its."""
    frozen = dict(schema)

    def build() -> SearchStrategy[Any]:
        if frozen.get("type") != "object":
            raise PinpointStubError(f"{need}; got type {frozen.get('type')!r}")
        return payloads_from_schema(frozen)

    return st.deferred(build)


def data_maps(schema: Mapping[str, Any]) -> SearchStrategy[dict[str, str]]:
    """Pinpoint ``Data`` / ``Context`` maps (string -> string) for an object ``schema``.

    Draws an object that matches ``schema`` and turns each value into the string Pinpoint carries:
    strings stay as they are, anything else is JSON-encoded (so ``json.loads`` of a non-string
    property gives back a value that matches its sub-schema). Use it for ``Data`` of push messages,
    ``Context`` of a request or of a user.
    """
    return _objects(
        schema,
        "data_maps needs an object schema ({'type': 'object', ...}): Data and Context are "
        "maps of string to string",
    ).map(lambda obj: {k: _as_string(v) for k, v in obj.items()})


def raw_contents(schema: Mapping[str, Any]) -> SearchStrategy[str]:
    """``RawContent`` strings: JSON objects matching ``schema`` (an object schema).

    For APNs, put ``aps`` with ``content-available`` (integer 0 or 1) in the schema: the contract
    requires it (rule ``apns-content-available``).
    """
    return _objects(
        schema,
        "raw_contents needs an object schema: RawContent must be a JSON object "
        "(rule raw-content-json)",
    ).map(lambda obj: json.dumps(obj, ensure_ascii=False))
