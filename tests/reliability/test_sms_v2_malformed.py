"""Junk to every operation the SMS v2 unit serves, through boto3, the loopback server and the
stub's HTTP entry point: 0 internal errors (a modeled 4xx, or botocore's own serializer refusing
it, are the only outcomes)."""

from __future__ import annotations

import json
from typing import Any

from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_pinpoint import PinpointStub, PinpointStubError

from .junk import json_like, paths, replace
from .sms_v2_junk import (
    ALL,
    FROM,
    VALID,
    sms_v2_boto3_internal_errors,
    sms_v2_server_internal_errors,
)

URL = "https://sms-voice.us-east-1.amazonaws.com/"
FAST = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# what hypothesis' text leaves out: a lone surrogate (JSON carries it) and XML-looking text
junk_values = json_like | st.sampled_from(["\ud800", "a\udfff", "<speak>\ud800</speak>", "\x00"])
cases = st.sampled_from(sorted(VALID)).flatmap(
    lambda op: st.tuples(st.just(op), st.sampled_from(paths(VALID[op])), junk_values)
)


def test_every_served_operation_has_a_valid_request() -> None:
    from pytest_pinpoint.service.sms_v2.router import OPERATIONS

    assert sorted(VALID) == sorted(OPERATIONS)


def test_sms_v2_boto3_junk_never_surfaces_an_internal_error() -> None:
    assert sms_v2_boto3_internal_errors(seed=7, n=600) == []


def test_sms_v2_server_junk_is_always_a_modeled_answer() -> None:
    assert sms_v2_server_internal_errors(seed=8, n=600) == []


@FAST
@given(cases)
def test_junk_at_every_path_gets_the_services_own_answer(case: tuple[str, Any, Any]) -> None:
    operation, path, junk = case
    stub = PinpointStub(contract="strict")  # handle() needs no interception
    stub.sms_v2.add_phone_number(FROM, capabilities=ALL)
    body = json.dumps(replace(VALID[operation], path, junk), allow_nan=True).encode()
    headers = {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": f"PinpointSMSVoiceV2.{operation}",
    }
    try:
        reply = stub.handle("POST", URL, headers, body)
    except PinpointStubError:
        return
    assert reply.status in (200, 400), reply
    payload = json.loads(reply.body)
    if reply.status != 200:
        assert payload["__type"], payload
        assert payload["Message"], payload
