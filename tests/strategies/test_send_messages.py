"""send_messages strategies: valid MessageRequests pass botocore's validation (and the contract,
once it checks SendMessages); invalid ones break exactly their rule; responses have the model's
shape."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from pytest_pinpoint import contract, model, render
from pytest_pinpoint.strategies import (
    SEND_MESSAGES_INVALID_RULES,
    SEND_MESSAGES_SKIPPED_RULES,
    invalid_send_messages_requests,
    send_messages_requests,
    send_messages_responses,
)

from .support import (
    assert_breaks_only,
    assert_fully_valid,
    botocore_errors,
    contract_knows_send_messages,
    run,
)

needs_contract = pytest.mark.xfail(
    not contract_knows_send_messages(),
    reason="needs contract SendMessages support",
    strict=False,
)
FEW = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FEW
@given(send_messages_requests())
def test_valid_requests_pass_botocore(params: dict[str, Any]) -> None:
    assert set(params) == {"ApplicationId", "MessageRequest"}
    body = params["MessageRequest"]
    assert body.get("Addresses") or body.get("Endpoints")
    assert "InAppTemplate" not in body.get("TemplateConfiguration", {})
    channel_types = model.request_node(model.SEND_MESSAGES).members["MessageRequest"]
    known = channel_types.members["Addresses"].value.members["ChannelType"].enum
    for conf in body.get("Addresses", {}).values():
        assert conf["ChannelType"] in known
        assert render.has_content(conf["ChannelType"], body["MessageConfiguration"])
    assert botocore_errors(params) == ""


@needs_contract
@FEW
@given(send_messages_requests())
def test_valid_requests_pass_the_contract(params: dict[str, Any]) -> None:
    assert_fully_valid(params)


@needs_contract
@FEW
@given(invalid_send_messages_requests())
def test_invalid_requests_break_exactly_their_rule(case: tuple[dict[str, Any], str]) -> None:
    assert_breaks_only(case)


@FEW
@given(invalid_send_messages_requests())
def test_invalid_requests_are_send_messages_requests(case: tuple[dict[str, Any], str]) -> None:
    params, rule = case
    assert "MessageRequest" in params
    assert rule in SEND_MESSAGES_INVALID_RULES


def test_rules_cover_the_catalog() -> None:
    assert SEND_MESSAGES_INVALID_RULES | set(SEND_MESSAGES_SKIPPED_RULES) == set(contract.RULES)
    assert "in-app-template" in SEND_MESSAGES_INVALID_RULES
    assert SEND_MESSAGES_SKIPPED_RULES["users-max"] == "applies to SendUsersMessages only"
    with pytest.raises(ValueError, match="users-empty: applies to SendUsersMessages only"):
        invalid_send_messages_requests(rules={"users-empty"})


def test_shrinks_to_one_sms_to_one_phone_number() -> None:
    from hypothesis import find

    smallest = find(send_messages_requests(), lambda _: True, settings=settings(database=None))
    body = smallest["MessageRequest"]
    assert list(body["MessageConfiguration"]) == ["SMSMessage"]
    assert [c["ChannelType"] for c in body["Addresses"].values()] == ["SMS"]
    assert set(body) == {"MessageConfiguration", "Addresses"}


@pytest.mark.slow
@needs_contract
def test_thousands_of_send_messages_requests() -> None:
    labels: set[str] = set()

    def check_invalid(case: tuple[dict[str, Any], str]) -> None:
        assert_breaks_only(case)
        labels.add(case[1])

    run(send_messages_requests(), assert_fully_valid, 2000, derandomize=True)
    run(invalid_send_messages_requests(), check_invalid, 2000, derandomize=True)
    assert labels == SEND_MESSAGES_INVALID_RULES


@settings(max_examples=100, deadline=None)
@given(send_messages_responses())
def test_responses_have_the_model_shape(response: dict[str, Any]) -> None:
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
