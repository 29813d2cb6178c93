"""Responses, DeliveryStatus values and outcome maps."""

from __future__ import annotations

import uuid
from typing import Any

from budget import examples
from hypothesis import given, settings

from pytest_pinpoint import PinpointStub, contract
from pytest_pinpoint.strategies import (
    delivery_statuses,
    endpoint_message_results,
    outcome_maps,
    send_users_messages_responses,
)

from .support import run


def test_delivery_statuses() -> None:
    current: set[str] = set()
    legacy: set[str] = set()
    run(delivery_statuses(), current.add, 100, derandomize=True)
    run(delivery_statuses(legacy=True), legacy.add, 200, derandomize=True)
    assert current == set(contract.delivery_statuses())
    assert legacy == current | set(contract.LEGACY_DELIVERY_STATUSES)


@settings(max_examples=examples(100), deadline=None)
@given(send_users_messages_responses())
def test_responses_pass_the_contract(response: dict[str, Any]) -> None:
    assert contract.validate_response(response) == []
    inner = response["SendUsersMessageResponse"]
    assert uuid.UUID(inner["RequestId"])
    assert inner["Result"]
    for endpoints in inner["Result"].values():
        for result in endpoints.values():
            if result["DeliveryStatus"] == "SUCCESSFUL":
                assert len(result["MessageId"]) == contract.limits.MESSAGE_ID_LENGTH
                assert result["StatusMessage"] == f"MessageId: {result['MessageId']}"
                assert result["StatusCode"] == 200


def test_status_codes_start_from_the_fakes_details() -> None:
    codes: dict[str, set[int]] = {}

    def check(result: dict[str, Any]) -> None:
        codes.setdefault(result["DeliveryStatus"], set()).add(result["StatusCode"])

    run(endpoint_message_results(), check, 300, derandomize=True)
    for status, seen in codes.items():
        assert contract.limits.STATUS_DETAILS[status][0] in seen, (status, seen)


def test_legacy_responses_carry_legacy_statuses() -> None:
    rules: set[str] = set()

    def check(result: dict[str, Any]) -> None:
        response = {
            "SendUsersMessageResponse": {"ApplicationId": "a", "Result": {"u": {"e": result}}}
        }
        rules.update(v.rule for v in contract.validate_response(response))

    run(endpoint_message_results(legacy=True), check, 200, derandomize=True)
    assert rules == {"delivery-status-legacy"}


@settings(max_examples=30, deadline=None)
@given(outcome_maps({"u1": ["e1", "e2"], "u2": ["e3"]}))
def test_outcome_maps(outcomes: dict[str, dict[str, str]]) -> None:
    assert {u: set(e) for u, e in outcomes.items()} == {"u1": {"e1", "e2"}, "u2": {"e3"}}
    assert all(s in contract.delivery_statuses() for e in outcomes.values() for s in e.values())


def test_outcome_maps_drive_the_stub() -> None:
    endpoints = {"u1": ["e1", "e2"], "u2": ["e3"]}
    with PinpointStub() as stub:
        for user, ids in endpoints.items():
            stub.add_user(
                user,
                endpoints={e: {"ChannelType": "SMS", "Address": "+12065550100"} for e in ids},
            )
        client = stub.client()

        def check(outcomes: dict[str, dict[str, str]]) -> None:
            stub.outcome(outcomes)
            response = client.send_users_messages(
                ApplicationId="a" * 32,
                SendUsersMessageRequest={
                    "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
                    "Users": {u: {} for u in endpoints},
                },
            )
            result = response["SendUsersMessageResponse"]["Result"]
            got = {u: {e: r["DeliveryStatus"] for e, r in eps.items()} for u, eps in result.items()}
            assert got == outcomes

        run(outcome_maps(endpoints), check, 15)
