"""validate_request and validate_response never raise: any input yields a list of Violations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability.junk import paths, replace

from pytest_pinpoint.contract import RULES, Violation, validate_request, validate_response

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BOUNDED = settings(max_examples=examples(300), deadline=None)


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


SEED_REQUEST = _load(FIXTURES / "seed" / "request.json")
SEED_RESPONSE = _load(FIXTURES / "seed" / "response.json")
# The seed plus one sample per channel: mutations then reach every channel's checks.
REQUESTS = [SEED_REQUEST, *(_load(p) for p in sorted((FIXTURES / "valid").glob("*.json")))]

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.binary(max_size=20)
)
json_like = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=25,
)
# Junk that looks like what the checks parse: JSON text, MIME-ish text, long and multibyte strings.
tricky = st.sampled_from(
    [
        "",
        " ",
        "{",
        "[1]",
        '{"aps": {"content-available": "1"}}',
        '{"aps": {"content-available": 1, "alert": "x"}}',
        '{"aps": []}',
        "é" * 70,
        "\ud800",
        "{CreationDate}" * 80,
        "{{Name}}" * 200,
        "From: a\n\nbody",
        "x" * 5000,
        "9" * 5000,
        "[" * 3000,
        2**70,
        -(2**70),
        float("nan"),
        {"": None},
        {"Name": None, "Value": None},
        [{"Name": "X", "Value": "{{A}}"}] * 20,
    ]
)


@st.composite
def mutated(draw: st.DrawFn, bases: list[Any]) -> Any:
    """A valid document with one path (or several) replaced by junk, or a junk key added."""
    value = draw(st.sampled_from(bases))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths(value)))
        target = value
        for key in path:
            target = target[key]
        if isinstance(target, dict) and draw(st.booleans()):
            key = draw(st.text(max_size=10) | st.sampled_from(sorted(target) or ["x"]))
            value = replace(value, (*path, key), draw(json_like | tricky))
        else:
            value = replace(value, path, draw(json_like | tricky))
    return value


def _check(found: Any) -> None:
    assert isinstance(found, list)
    for v in found:
        assert isinstance(v, Violation)
        assert v.rule in RULES
        assert v.severity in ("error", "warning")
        assert isinstance(v.path, str)
        assert v.path
        assert isinstance(v.message, str)
        assert v.actual is None or len(v.actual) <= 120
        str(v)  # renders without raising


@BOUNDED
@given(json_like)
def test_validate_request_never_raises_on_arbitrary_json(value: Any) -> None:
    _check(validate_request(value))
    _check(validate_request({"ApplicationId": "a", "SendUsersMessageRequest": value}))


@BOUNDED
@given(json_like)
def test_validate_response_never_raises_on_arbitrary_json(value: Any) -> None:
    _check(validate_response(value))
    _check(validate_response({"SendUsersMessageResponse": value}))


@BOUNDED
@given(mutated(REQUESTS))
def test_validate_request_never_raises_on_mutated_requests(value: Any) -> None:
    _check(validate_request(value))


@BOUNDED
@given(mutated([SEED_RESPONSE]))
def test_validate_response_never_raises_on_mutated_responses(value: Any) -> None:
    _check(validate_response(value))


def test_deep_nesting_is_reported_not_raised() -> None:
    deep: Any = "x"
    for _ in range(5000):
        deep = {"a": deep}
    params = {
        "ApplicationId": "a",
        "SendUsersMessageRequest": {"Users": {"u": {}}, "Context": deep},
    }
    _check(validate_request(params))
    _check(validate_response({"SendUsersMessageResponse": {"Result": deep}}))


def test_mutations_do_get_flagged() -> None:
    # guards the generator: replacing the SMS body with junk of the wrong type is a violation
    params = replace(
        SEED_REQUEST, ("SendUsersMessageRequest", "MessageConfiguration", "SMSMessage", "Body"), 5
    )
    assert [v.rule for v in validate_request(params)] == ["type"]


@pytest.mark.parametrize("member", ["DefaultMessage", "DefaultPushNotificationMessage"])
@pytest.mark.parametrize("bad", ["not an object", 3, ["x"]])
def test_a_default_message_of_the_wrong_type_is_a_violation_not_an_exception(
    member: str, bad: object
) -> None:
    # substitution-missing reads every level's Substitutions: a wrong type must not crash it
    cfg = {member: bad, "GCMMessage": {"Body": "Hi {{Name}}"}}
    body = {"MessageConfiguration": cfg, "Users": {"u": {}}}
    found = validate_request({"ApplicationId": "a" * 32, "SendUsersMessageRequest": body})
    assert "type" in {v.rule for v in found}
