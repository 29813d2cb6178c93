"""Invalid send_users_messages requests break exactly their rule, just past its boundary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings

from pytest_pinpoint import contract
from pytest_pinpoint.strategies import (
    INVALID_RULES,
    SKIPPED_RULES,
    invalid_send_messages_requests,
    invalid_send_users_messages_requests,
)
from pytest_pinpoint.strategies.texts import UNSET_VARIABLES

from .support import assert_breaks_only, run


def test_invalid_rules_cover_every_rule_a_request_can_break() -> None:
    assert INVALID_RULES | set(SKIPPED_RULES) == set(contract.RULES)
    assert INVALID_RULES.isdisjoint(SKIPPED_RULES)
    for rule in contract.rules.REQUEST_ONLY_CROSS_CALL:
        assert "across calls" in SKIPPED_RULES[rule]


def test_unknown_or_unreachable_rules_fail_at_call_time() -> None:
    with pytest.raises(ValueError, match=r"'no-such-rule'.*known rules: action-enum"):
        invalid_send_users_messages_requests(rules={"no-such-rule"})
    with pytest.raises(ValueError, match=r"template-exists.*registered"):
        invalid_send_users_messages_requests(rules={"template-exists"})
    with pytest.raises(ValueError, match=r"in-app-template: applies to SendMessages only"):
        invalid_send_users_messages_requests(rules={"in-app-template"})


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(invalid_send_users_messages_requests())
def test_invalid_requests_break_exactly_their_rule(case: tuple[dict[str, Any], str]) -> None:
    assert_breaks_only(case)


@pytest.mark.parametrize("rule", sorted(INVALID_RULES))
def test_every_rule_is_reachable(rule: str) -> None:
    labels: set[str] = set()

    def check(case: tuple[dict[str, Any], str]) -> None:
        labels.add(case[1])
        assert_breaks_only(case)

    run(invalid_send_users_messages_requests(rules={rule}), check, 12)
    assert labels == {rule}


def _cfg(params: dict[str, Any]) -> dict[str, Any]:
    cfg: dict[str, Any] = params["SendUsersMessageRequest"]["MessageConfiguration"]
    return cfg


BOUNDARY_CASES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "email-headers-max": lambda p: (
        len(_cfg(p)["EmailMessage"]["SimpleEmail"]["Headers"]) in (16, 17)
    ),
    "email-header-name-length": lambda p: any(
        len(h["Name"]) in (127, 128) for h in _cfg(p)["EmailMessage"]["SimpleEmail"]["Headers"]
    ),
    "users-max": lambda p: len(p["SendUsersMessageRequest"]["Users"]) == 101,
    "apns-collapse-id-bytes": lambda p: (
        65 <= len(_cfg(p)["APNSMessage"]["CollapseId"].encode()) <= 68
    ),
}


@pytest.mark.parametrize("rule", sorted(BOUNDARY_CASES))
def test_invalid_values_sit_just_past_the_boundary(rule: str) -> None:
    def check(case: tuple[dict[str, Any], str]) -> None:
        assert BOUNDARY_CASES[rule](case[0])

    run(invalid_send_users_messages_requests(rules={rule}), check, 10)


@pytest.mark.parametrize(
    "strategy", [invalid_send_users_messages_requests, invalid_send_messages_requests]
)
def test_header_value_rule_renders_to_871(strategy: Callable[..., Any]) -> None:
    def check(case: tuple[dict[str, Any], str]) -> None:
        params, _ = case
        found = contract.validate_request(params)
        assert len(found) == 1
        assert "renders to 871 characters" in found[0].message
        # The variable that makes one recipient's header long has a short value for the others.
        body = next(v for k, v in params.items() if k != "ApplicationId")
        email = body["MessageConfiguration"]["EmailMessage"]
        if "{{PinpointLongValue}}" in str(email["SimpleEmail"]["Headers"]):
            assert email["Substitutions"]["PinpointLongValue"] == ["e"]

    run(strategy(rules={"email-header-value-length"}), check, 30)


def test_unset_variable_is_named() -> None:
    def check(case: tuple[dict[str, Any], str]) -> None:
        (found,) = contract.validate_request(case[0])
        assert found.rule == "substitution-missing"
        assert found.actual in {repr(v) for v in UNSET_VARIABLES}

    run(invalid_send_users_messages_requests(rules={"substitution-missing"}), check, 20)
