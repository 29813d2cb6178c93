"""send_messages strategies: valid MessageRequests pass the contract and botocore's validation;
invalid ones break exactly their rule; responses have the model's shape and pass the contract."""

from __future__ import annotations

from typing import Any

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings

from pytest_pinpoint import contract, model, render
from pytest_pinpoint.strategies import (
    SEND_MESSAGES_INVALID_RULES,
    SEND_MESSAGES_SKIPPED_RULES,
    invalid_send_messages_requests,
    send_messages_requests,
    send_messages_responses,
)

from .support import assert_breaks_only, assert_fully_valid, run

# Shrinking is a heuristic: from some random starting points it settles on another one-channel
# request (about 1 run in 8); derandomized, the test sees the same, reproducible run every time.
SHRINK = settings(database=None, derandomize=True)

# Each property test checks every property of what it draws: one draw, several checks.
FEW = settings(
    max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@FEW
@given(send_messages_requests())
def test_valid_requests_pass_the_contract_and_botocore(params: dict[str, Any]) -> None:
    assert set(params) == {"ApplicationId", "MessageRequest"}
    body = params["MessageRequest"]
    assert body.get("Addresses") or body.get("Endpoints")
    assert "InAppTemplate" not in body.get("TemplateConfiguration", {})
    channel_types = model.request_node(model.SEND_MESSAGES).members["MessageRequest"]
    known = channel_types.members["Addresses"].value.members["ChannelType"].enum
    for conf in body.get("Addresses", {}).values():
        assert conf["ChannelType"] in known
        assert render.has_content(conf["ChannelType"], body["MessageConfiguration"])
    assert_fully_valid(params)  # the contract finds nothing, botocore's validation neither


@FEW
@given(invalid_send_messages_requests())
def test_invalid_requests_break_exactly_their_rule(case: tuple[dict[str, Any], str]) -> None:
    params, rule = case
    assert "MessageRequest" in params
    assert rule in SEND_MESSAGES_INVALID_RULES
    assert_breaks_only(case)


def test_rules_cover_the_catalog() -> None:
    assert SEND_MESSAGES_INVALID_RULES | set(SEND_MESSAGES_SKIPPED_RULES) == set(contract.RULES)
    assert "in-app-template" in SEND_MESSAGES_INVALID_RULES
    assert SEND_MESSAGES_SKIPPED_RULES["users-max"] == "applies to SendUsersMessages only"
    with pytest.raises(ValueError, match="users-empty: applies to SendUsersMessages only"):
        invalid_send_messages_requests(rules={"users-empty"})


@pytest.mark.parametrize("rule", sorted(SEND_MESSAGES_INVALID_RULES))
def test_every_rule_is_reachable(rule: str) -> None:
    labels: set[str] = set()

    def check(case: tuple[dict[str, Any], str]) -> None:
        labels.add(case[1])
        assert_breaks_only(case)

    run(invalid_send_messages_requests(rules={rule}), check, 12)
    assert labels == {rule}


def test_channel_type_rule_names_the_address() -> None:
    def check(case: tuple[dict[str, Any], str]) -> None:
        (found,) = contract.validate_request(case[0])
        assert found.path.startswith("MessageRequest.Addresses[")
        assert found.path.endswith("].ChannelType")

    run(invalid_send_messages_requests(rules={"channel-type-enum"}), check, 20)


@pytest.mark.slow  # shrinking quality: a full search and shrink; CI runs it
def test_shrinks_to_one_sms_to_one_phone_number() -> None:
    from hypothesis import find

    smallest = find(send_messages_requests(), lambda _: True, settings=SHRINK)
    body = smallest["MessageRequest"]
    assert list(body["MessageConfiguration"]) == ["SMSMessage"]
    assert [c["ChannelType"] for c in body["Addresses"].values()] == ["SMS"]
    assert set(body) == {"MessageConfiguration", "Addresses"}


@pytest.mark.slow
def test_thousands_of_send_messages_requests(capsys: pytest.CaptureFixture[str]) -> None:
    labels: set[str] = set()

    def check_invalid(case: tuple[dict[str, Any], str]) -> None:
        assert_breaks_only(case)
        labels.add(case[1])

    valid_s = run(send_messages_requests(), assert_fully_valid, 2000, derandomize=True)
    invalid_s = run(invalid_send_messages_requests(), check_invalid, 2000, derandomize=True)
    with capsys.disabled():
        print(
            f"\nsend_messages: 2000 valid: {valid_s:.1f}s ({2000 / valid_s:.0f}/s); "
            f"2000 invalid: {invalid_s:.1f}s ({2000 / invalid_s:.0f}/s)"
        )
    assert labels == SEND_MESSAGES_INVALID_RULES


@settings(max_examples=examples(100), deadline=None)
@given(send_messages_responses())
def test_responses_have_the_model_shape(response: dict[str, Any]) -> None:
    assert contract.validate_response(response) == []
    node = model.response_node(model.SEND_MESSAGES).members["MessageResponse"]
    inner = response["MessageResponse"]
    assert set(inner) <= set(node.members)
    for key in ("Result", "EndpointResult"):
        members = node.members[key].value.members
        for result in inner.get(key, {}).values():
            assert set(result) <= set(members)
            assert result["DeliveryStatus"] in contract.delivery_statuses()
            if result["DeliveryStatus"] == "SUCCESSFUL":
                assert result["StatusMessage"] == f"MessageId: {result['MessageId']}"
