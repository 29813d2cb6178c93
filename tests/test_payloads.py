"""payloads.py: JSON-Schema payloads and the hypothesis / hypothesis-jsonschema version guard."""

from __future__ import annotations

import importlib.metadata
import json
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_pinpoint import payloads
from pytest_pinpoint.errors import PinpointStubError
from pytest_pinpoint.payloads import data_maps, payloads_from_schema, raw_contents

ORDER = {
    "type": "object",
    "properties": {
        "orderId": {"type": "integer", "minimum": 1},
        "kind": {"enum": ["ship", "refund"]},
        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
    },
    "required": ["orderId", "kind"],
    "additionalProperties": False,
}
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fake_versions(monkeypatch: pytest.MonkeyPatch, **versions: str | None) -> None:
    real = importlib.metadata.version

    def version(dist: str) -> str:
        if dist in versions:
            found = versions[dist]
            if found is None:
                raise importlib.metadata.PackageNotFoundError(dist)
            return found
        return real(dist)

    monkeypatch.setattr(payloads.importlib.metadata, "version", version)


def first_draw(strategy: Any) -> Any:
    """Use ``strategy`` once, as a test would: checks that run at use time run here."""
    drawn = []

    @settings(max_examples=1, database=None, deadline=None)
    @given(strategy)
    def draw(value: Any) -> None:
        drawn.append(value)

    draw()
    return drawn[0]


@FAST
@given(payloads_from_schema(ORDER))
def test_payloads_match_the_schema(order: Any) -> None:
    assert set(order) <= {"orderId", "kind", "tags"}
    assert isinstance(order["orderId"], int)
    assert order["orderId"] >= 1
    assert order["kind"] in ("ship", "refund")


@FAST
@given(data_maps(ORDER))
def test_data_maps_are_string_maps_whose_values_decode_to_the_schema(data: dict[str, str]) -> None:
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())
    assert data["kind"] in ("ship", "refund")  # strings stay as they are
    assert json.loads(data["orderId"]) >= 1  # other values are JSON
    if "tags" in data:
        assert isinstance(json.loads(data["tags"]), list)


@FAST
@given(raw_contents(ORDER))
def test_raw_contents_are_json_objects(raw: str) -> None:
    assert isinstance(json.loads(raw), dict)


@pytest.mark.parametrize("fn", [data_maps, raw_contents])
def test_map_helpers_need_an_object_schema(fn: Any) -> None:
    strategy = fn({"type": "string"})  # building never raises: a module still collects
    with pytest.raises(PinpointStubError, match="object schema"):
        first_draw(strategy)


@pytest.mark.parametrize(
    ("hyp", "hjs", "broken"),
    [
        ("6.170.10", "0.23.1", True),
        ("6.171.0", "0.23.1", True),
        ("7.0.0", "0.22.0", True),
        ("6.170.9", "0.23.1", False),
        ("6.170.10", "0.24.0", False),
    ],
)
def test_version_guard(monkeypatch: pytest.MonkeyPatch, hyp: str, hjs: str, broken: bool) -> None:
    fake_versions(monkeypatch, **{"hypothesis": hyp, "hypothesis-jsonschema": hjs})
    strategy = payloads_from_schema(ORDER)
    if broken:
        with pytest.raises(PinpointStubError) as info:
            first_draw(strategy)
        message = str(info.value)
        assert f"hypothesis-jsonschema {hjs}" in message
        assert f"hypothesis {hyp}" in message
        assert "pip install 'pytest-pinpoint[jsonschema]'" in message
        assert "hypothesis<6.170.10" in message
    else:
        assert first_draw(strategy)["kind"] in ("ship", "refund")


@pytest.mark.parametrize("fn", [payloads_from_schema, data_maps, raw_contents])
def test_missing_extra_is_named_at_use_not_at_build(
    monkeypatch: pytest.MonkeyPatch, fn: Any
) -> None:
    fake_versions(monkeypatch, **{"hypothesis-jsonschema": None})
    monkeypatch.setitem(sys.modules, "hypothesis_jsonschema", None)  # import raises ImportError
    strategy = fn(ORDER)
    with pytest.raises(PinpointStubError) as info:
        first_draw(strategy)
    assert "hypothesis-jsonschema, which is not installed" in str(info.value)
    assert "pip install 'pytest-pinpoint[jsonschema]'" in str(info.value)


def test_unimportable_hypothesis_jsonschema_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hypothesis_jsonschema", None)  # import raises ImportError
    with pytest.raises(
        PinpointStubError, match=r"cannot be imported.*pytest-pinpoint\[jsonschema\]"
    ):
        first_draw(payloads_from_schema(ORDER))


def test_draw_time_attribute_error_becomes_the_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Versions that look fine but still break at draw time (a backport, a patched wheel...)."""

    def broken(_: Any) -> Any:
        raise AttributeError("'many' object has no attribute 'more'")

    import hypothesis_jsonschema

    monkeypatch.setattr(
        hypothesis_jsonschema, "from_schema", lambda schema: st.just(None).map(broken)
    )
    strategy = payloads_from_schema(ORDER)

    @settings(max_examples=1, database=None)
    @given(strategy)
    def draw(_: Any) -> None:
        pass

    with pytest.raises(PinpointStubError, match=r"hypothesis<6\.170\.10"):
        draw()


def test_other_attribute_errors_are_not_disguised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: Any) -> Any:
        raise AttributeError("something else entirely")

    import hypothesis_jsonschema

    monkeypatch.setattr(
        hypothesis_jsonschema, "from_schema", lambda schema: st.just(None).map(broken)
    )

    @settings(max_examples=1, database=None)
    @given(payloads_from_schema(ORDER))
    def draw(_: Any) -> None:
        pass

    with pytest.raises(AttributeError, match="something else"):
        draw()


def test_version_parsing() -> None:
    assert payloads._version_tuple("6.170.10") == (6, 170, 10)
    assert payloads._version_tuple("0.23.1.dev3") == (0, 23, 1)
    assert payloads._version_tuple("1.0rc1") == (1, 0)
