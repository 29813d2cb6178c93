"""The quick structural accept (`contract.accept`) answers True only where the walk reports
nothing: it lets the send path skip the walk, so a True on a value the walk would flag would
hide a violation."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_pinpoint import model
from pytest_pinpoint.contract.accept import accepts
from pytest_pinpoint.contract.violation import Collector
from pytest_pinpoint.contract.walk import walk
from pytest_pinpoint.strategies import (
    invalid_send_messages_requests,
    invalid_send_users_messages_requests,
    send_messages_requests,
    send_users_messages_requests,
)

OPERATIONS = {"SendUsersMessages": "SendUsersMessageRequest", "SendMessages": "MessageRequest"}


def _walked(node: model.Node, value: Any) -> list[str]:
    c = Collector({})
    walk(node, value, "", c)
    return [f"{v.rule} {v.path}" for v in c.out]


def _payload_node(operation: str) -> model.Node:
    return model.request_node(operation).members[OPERATIONS[operation]]


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        send_users_messages_requests().map(lambda p: ("SendUsersMessages", p, True)),
        send_messages_requests().map(lambda p: ("SendMessages", p, True)),
        invalid_send_users_messages_requests().map(lambda c: ("SendUsersMessages", c[0], False)),
        invalid_send_messages_requests().map(lambda c: ("SendMessages", c[0], False)),
    )
)
def test_accept_is_true_exactly_where_the_walk_finds_nothing(
    case: tuple[str, dict[str, Any], bool],
) -> None:
    operation, params, _valid = case
    for node, value in (
        (model.request_node(operation), params),
        (_payload_node(operation), params.get(OPERATIONS[operation])),
    ):
        found = _walked(node, value)
        # generated requests hold plain JSON types: there the two agree both ways
        assert accepts(node)(value) == (not found), found


def test_valid_requests_take_the_quick_path() -> None:
    """A generated valid request is accepted: the walk is skipped on the send path."""
    from hypothesis import find

    found = find(send_users_messages_requests(), lambda p: "MessageConfiguration" in str(p))
    assert accepts(model.request_node("SendUsersMessages"))(found)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ({"Users": {"u": {}}}, "MessageConfiguration is required"),
        ({"MessageConfiguration": {}, "Users": {"u": {}}, "Extra": 1}, "unknown member"),
        ({"MessageConfiguration": {}, "Users": {"u": {}}, "TraceId": None}, "None value"),
        ({"MessageConfiguration": {"SMSMessage": {"Body": 5}}, "Users": {}}, "wrong type"),
        ({"MessageConfiguration": {}, "Users": {1: {}}}, "a key that is not a string"),
        ({"MessageConfiguration": {}, "Users": {"u": {"BodyOverride": None}}}, "None in a map"),
        ({"MessageConfiguration": {}, "Users": {"u": []}}, "a list for an object"),
        (
            {"MessageConfiguration": {"GCMMessage": {"TimeToLive": True}}, "Users": {}},
            "a boolean for an integer",
        ),
        (
            {"MessageConfiguration": {}, "Users": {"u": {"Substitutions": {"A": "x"}}}},
            "a string for a list",
        ),
    ],
)
def test_what_the_walk_reports_is_never_accepted(value: dict[str, Any], why: str) -> None:
    node = _payload_node("SendUsersMessages")
    assert _walked(node, value), why
    assert not accepts(node)(value), why


def test_a_mapping_subclass_goes_to_the_walk_which_decides() -> None:
    """Stricter than the walk by design: a dict subclass is not accepted, and the walk (which
    then runs) finds nothing wrong with it."""
    node = _payload_node("SendUsersMessages")
    value = OrderedDict(MessageConfiguration={}, Users={"u": {}})
    assert not accepts(node)(value)
    assert _walked(node, value) == []


def test_recursive_shapes_compile_once() -> None:
    """Every node of the request models gets one checker (shapes that refer to themselves
    do not loop), and each one still tells a request from a value of the wrong type."""
    for operation in OPERATIONS:
        node = model.request_node(operation)
        assert not accepts(node)("not a structure"), operation
