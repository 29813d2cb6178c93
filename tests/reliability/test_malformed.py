"""Malformed input never crashes the plugin: the only outcomes are violations, a service-shaped
error reply, or a clear PinpointStubError."""

from __future__ import annotations

import json
from typing import Any

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_pinpoint import (
    PinpointStub,
    PinpointStubError,
    Violation,
    validate_request,
    validate_response,
)

from .junk import RICH_BODY, SEED_BODY, Mutator, boto3_internal_errors, json_like, paths, replace

URL = "https://pinpoint.us-east-1.amazonaws.com/v1/apps/611e3e3cdd47474c9c1399a505665b91/users-messages"
HEADERS = {"Content-Type": "application/json"}
SERVICE_STATUSES = {200, 400, 404, 405, 413}
FAST = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def check_reply(stub: PinpointStub, body: bytes) -> None:
    try:
        reply = stub.handle("POST", URL, HEADERS, body)
    except PinpointStubError:
        return
    assert reply.status in SERVICE_STATUSES, reply
    payload = json.loads(reply.body)
    if reply.status != 200:
        assert set(payload) >= {"Message"}, payload
        assert reply.headers.get("x-amzn-ErrorType"), reply.headers


@FAST
@given(json_like)
def test_validators_never_raise_on_arbitrary_values(value: Any) -> None:
    for result in (
        validate_request(value),
        validate_response(value),
        validate_request({"ApplicationId": "a", "SendUsersMessageRequest": value}),
    ):
        assert isinstance(result, list)
        assert all(isinstance(v, Violation) for v in result)


@FAST
@given(
    st.sampled_from([SEED_BODY, RICH_BODY]).flatmap(
        lambda body: st.tuples(st.just(body), st.sampled_from(paths(body)), json_like)
    )
)
def test_junk_at_every_path_is_reported_not_raised(case: tuple[Any, Any, Any]) -> None:
    body, path, junk = case
    params = {"ApplicationId": "app", "SendUsersMessageRequest": replace(body, path, junk)}
    assert all(isinstance(v, Violation) for v in validate_request(params))


@FAST
@given(json_like)
def test_fake_answers_any_json_body_like_the_service(value: Any) -> None:
    # handle() needs no interception; no `with`, so swallowed violations are not re-raised
    check_reply(PinpointStub(contract="strict"), json.dumps(value).encode())


def test_fake_answers_undecodable_and_huge_bodies() -> None:
    mutator = Mutator(seed=1)
    stub = PinpointStub(contract="strict")
    for body in [
        b"",
        b"\xff\xfe\x00",
        b"{",
        b"[]",
        b"null",
        b'{"Users": {"\xff": {}}}',
        json.dumps(
            {"MessageConfiguration": {"SMSMessage": {"Body": "x" * 1_000_000}}, "Users": {"u": {}}}
        ).encode(),
    ]:
        check_reply(stub, body)
    for _ in range(300):
        check_reply(stub, mutator.raw_bytes())


def test_boto3_with_junk_params_never_surfaces_an_internal_error() -> None:
    assert boto3_internal_errors(Mutator(seed=2), 150) == []


@pytest.mark.parametrize("size_mb", [8])
def test_oversized_payload_is_413_not_a_memory_blow_up(size_mb: int) -> None:
    body = json.dumps(
        {
            "MessageConfiguration": {"SMSMessage": {"Body": "x" * (size_mb << 20)}},
            "Users": {"u": {}},
        }
    ).encode()
    with PinpointStub() as stub:
        reply = stub.handle("POST", URL, HEADERS, body)
        assert reply.status == 413
        assert reply.headers["x-amzn-ErrorType"].startswith("PayloadTooLargeException")
        client = stub.client()
        with pytest.raises(client.exceptions.PayloadTooLargeException):
            client.send_users_messages(
                ApplicationId="app",
                SendUsersMessageRequest={
                    "MessageConfiguration": {"SMSMessage": {"Body": "x" * (size_mb << 20)}},
                    "Users": {"u": {}},
                },
            )
