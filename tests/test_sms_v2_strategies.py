"""The SMS v2 strategies: valid requests pass the contract and botocore; invalid ones break
exactly their label."""

from __future__ import annotations

from typing import Any

from botocore.validate import ParamValidator
from hypothesis import given, settings

from pytest_pinpoint.contract.sms_v2.check import check_send
from pytest_pinpoint.contract.sms_v2.parts import count
from pytest_pinpoint.contract.sms_v2.shapes import service_model
from pytest_pinpoint.strategies.sms_v2 import (
    e164_numbers,
    invalid_send_text_message_requests,
    send_text_message_requests,
    send_voice_message_requests,
    sms_bodies,
)


def botocore_accepts(operation: str, request: dict[str, Any]) -> bool:
    shape = service_model().operation_model(operation).input_shape
    return not ParamValidator().validate(request, shape).has_errors()


@settings(max_examples=60)
@given(send_text_message_requests())
def test_valid_text_requests(request: dict[str, Any]) -> None:
    assert check_send("SendTextMessage", request) == []
    assert botocore_accepts("SendTextMessage", request)


@settings(max_examples=40)
@given(send_voice_message_requests())
def test_valid_voice_requests(request: dict[str, Any]) -> None:
    assert check_send("SendVoiceMessage", request) == []
    assert botocore_accepts("SendVoiceMessage", request)


@settings(max_examples=60)
@given(invalid_send_text_message_requests())
def test_invalid_text_requests_break_their_label(labelled: tuple[str, dict[str, Any]]) -> None:
    rule, request = labelled
    found = {v.rule for v in check_send("SendTextMessage", request) if v.severity == "error"}
    assert found == {rule}
    assert botocore_accepts("SendTextMessage", request)


@given(e164_numbers())
def test_e164(number: str) -> None:
    assert number.startswith("+")
    assert 8 <= len(number) - 1 <= 15


@given(sms_bodies())
def test_bodies_fit(body: str) -> None:
    assert 1 <= len(body) <= 1600
    assert body.strip()
    assert count(body).parts >= 1
