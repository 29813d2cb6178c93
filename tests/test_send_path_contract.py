"""The fake's send path checks a request with the contract's own rules: `check_wire_request` (what
the pipeline calls, with the raw body as hints) finds exactly what `validate_request` finds."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_pinpoint import contract
from pytest_pinpoint.contract.validate import BodyHints, check_wire_request
from pytest_pinpoint.service.stub import PinpointStub
from pytest_pinpoint.strategies import (
    invalid_send_messages_requests,
    invalid_send_users_messages_requests,
    send_messages_requests,
    send_users_messages_requests,
)

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
PAYLOAD = {"SendUsersMessages": "SendUsersMessageRequest", "SendMessages": "MessageRequest"}
URL = {
    "SendUsersMessages": f"https://pinpoint.us-east-1.amazonaws.com/v1/apps/{APP_ID}/users-messages",
    "SendMessages": f"https://pinpoint.us-east-1.amazonaws.com/v1/apps/{APP_ID}/messages",
}

REQUESTS = st.one_of(
    send_users_messages_requests().map(lambda p: ("SendUsersMessages", p)),
    invalid_send_users_messages_requests().map(lambda c: ("SendUsersMessages", c[0])),
    send_messages_requests().map(lambda p: ("SendMessages", p)),
    invalid_send_messages_requests().map(lambda c: ("SendMessages", c[0])),
)


def _wire(body: Any, ascii_only: bool) -> bytes:
    """The body as a client sends it: botocore escapes non-ASCII (``\\u``), others need not."""

    def blob(value: Any) -> str:
        if isinstance(value, bytes | bytearray):
            return base64.b64encode(value).decode()
        raise TypeError(type(value).__name__)

    return json.dumps(body, ensure_ascii=ascii_only, default=blob).encode()


def _found(violations: list[contract.Violation]) -> list[tuple[str, str, str]]:
    return [(v.rule, v.path, v.severity) for v in violations]


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REQUESTS, st.booleans(), st.sampled_from([None, frozenset(), frozenset({"Name"})]))
def test_send_path_finds_what_validate_request_finds(
    case: tuple[str, dict[str, Any]], ascii_only: bool, variables: frozenset[str] | None
) -> None:
    operation, params = case
    raw = _wire(params.get(PAYLOAD[operation]), ascii_only)
    expected = contract.validate_request(params, operation=operation, variables=variables)
    got = check_wire_request(params, operation, {}, None, variables, BodyHints.of(raw))
    assert _found(got) == _found(expected)


def test_an_escaped_variable_is_still_checked_and_rendered() -> None:
    """``\\u007b\\u007b`` is ``{{`` to JSON: the send path must not take the text for plain."""
    text = "Hi {{Attributes.City}} {{Nope}}"
    body = {"MessageConfiguration": {"SMSMessage": {"Body": text}}, "Users": {"u1": {}}}
    raw = json.dumps(body).replace("{{", "\\u007b\\u007b").encode()
    assert b"{{" not in raw
    stub = PinpointStub(contract="warn")
    endpoint = {"ChannelType": "SMS", "Address": "+12065550100", "Attributes": {"City": ["Oslo"]}}
    stub.add_user("u1", {"sms": endpoint})
    reply = stub.handle("POST", URL["SendUsersMessages"], {}, raw)
    assert reply.status == 200
    assert stub.assert_sent(user="u1").body == "Hi Oslo "
    missing = [v for v in stub.violations if v.rule == "substitution-missing"]
    body_path = "SendUsersMessageRequest.MessageConfiguration.SMSMessage.Body"
    assert [v.path for v in missing] == [body_path]
    assert "Nope" in missing[0].message
    assert "City" not in missing[0].message


@pytest.mark.parametrize("escape", [False, True])
def test_an_escaped_raw_content_is_still_checked(escape: bool) -> None:
    conf = {"RawContent": "not json", "BodyOverride": "ignored"}
    body = {"MessageConfiguration": {"SMSMessage": {"Body": "x"}}, "Users": {"u1": conf}}
    raw = json.dumps(body).encode()
    if escape:
        raw = raw.replace(b"RawContent", b"Raw\\u0043ontent")
    stub = PinpointStub(contract="warn")
    stub.handle("POST", URL["SendUsersMessages"], {}, raw)
    rules = sorted({v.rule for v in stub.violations})
    expected = sorted({v.rule for v in contract.validate_request({"ApplicationId": APP_ID,
                       "SendUsersMessageRequest": body})})  # fmt: skip
    assert rules == expected
    assert "raw-content-json" in rules or "raw-content-overrides" in rules
