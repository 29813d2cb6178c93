"""ContractStubber: botocore's Stubber, with the app's own calls held to the documented contract."""

from __future__ import annotations

import contextlib
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, StubAssertionError, StubResponseError
from botocore.stub import ANY

from pytest_pinpoint import ContractStubber, ContractStubberError

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
SMS = {"SMSMessage": {"Body": "hello, how are you?"}}
HEADERS_16 = {
    "EmailMessage": {
        "SimpleEmail": {
            "Subject": {"Data": "Receipt"},
            "TextPart": {"Data": "Total: $1"},
            "Headers": [{"Name": f"X-Tag-{i}", "Value": "t"} for i in range(16)],
        }
    }
}


def users_request(config: dict[str, Any]) -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "SendUsersMessageRequest": {"MessageConfiguration": config, "Users": {"testuser": {}}},
    }


def messages_request(config: dict[str, Any]) -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "MessageRequest": {
            "MessageConfiguration": config,
            "Addresses": (
                {"ada@example.com": {"ChannelType": "EMAIL"}}
                if "EmailMessage" in config
                else {"+12345678900": {"ChannelType": "SMS"}}
            ),
        },
    }


def endpoint_result(status: str = "SUCCESSFUL", code: Any = 200) -> dict[str, Any]:
    return {
        "DeliveryStatus": status,
        "MessageId": "7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",
        "StatusCode": code,
        "StatusMessage": "MessageId: 7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",
        "Address": "+12345678900",
    }


def users_response(status: str = "SUCCESSFUL", code: Any = 200) -> dict[str, Any]:
    return {
        "SendUsersMessageResponse": {
            "ApplicationId": APP_ID,
            "RequestId": "e0b12cf5-2359-11e9-bb0b-d5fb91876b25",
            "Result": {"testuser": {"testuserendpoint": endpoint_result(status, code)}},
        }
    }


def messages_response(status: str = "SUCCESSFUL", code: Any = 200) -> dict[str, Any]:
    return {
        "MessageResponse": {
            "ApplicationId": APP_ID,
            "RequestId": "e0b12cf5-2359-11e9-bb0b-d5fb91876b25",
            # MessageResult has no Address (EndpointMessageResult has)
            "Result": {
                "+12345678900": {
                    k: v for k, v in endpoint_result(status, code).items() if k != "Address"
                }
            },
        }
    }


# (client method, request builder, response builder): the two send operations
SEND_USERS = ("send_users_messages", users_request, users_response)
SEND = pytest.param(
    ("send_messages", messages_request, messages_response),
    id="send_messages",
)
OPERATIONS = [pytest.param(SEND_USERS, id="send_users_messages"), SEND]


@pytest.fixture
def client() -> Any:
    return boto3.client("pinpoint", region_name="us-east-1")


def test_is_a_stubber_and_its_error_is_an_assertion() -> None:
    assert issubclass(ContractStubberError, StubAssertionError)
    assert issubclass(ContractStubberError, StubResponseError)
    assert issubclass(ContractStubberError, AssertionError)


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("expected", ["any", "none"])
def test_app_request_breaking_a_rule_fails_even_with_any(
    client: Any, operation: Any, expected: str
) -> None:
    method, request, response = operation
    params = request(HEADERS_16)
    wanted = None if expected == "none" else dict.fromkeys(params, ANY)
    stubber = ContractStubber(client)
    stubber.add_response(method, response(), wanted)
    with stubber, pytest.raises(ContractStubberError) as info:
        getattr(client, method)(**params)
    text = str(info.value)
    assert "[email-headers-max]" in text
    assert "MessageConfiguration.EmailMessage.SimpleEmail.Headers" in text
    assert "limit: <= 15 headers" in text
    # the call was answered (with the error): nothing left pending, the violation is kept
    stubber.assert_no_pending_responses()
    assert "email-headers-max" in [v.rule for v in stubber.violations]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_valid_request_returns_the_stubbed_response(client: Any, operation: Any) -> None:
    method, request, response = operation
    params = request(SMS)
    with ContractStubber(client) as stubber:
        stubber.add_response(
            method, response(), {**dict.fromkeys(params, ANY), "ApplicationId": APP_ID}
        )
        out = getattr(client, method)(**params)
        stubber.assert_no_pending_responses()
    out.pop("ResponseMetadata", None)
    assert out == response()
    assert stubber.violations == []
    stubber.verify()


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(
    ("status", "rule", "named"),
    [
        ("SUCCESS", "delivery-status-legacy", "SUCCESSFUL"),
        ("BOGUS", "delivery-status-enum", "SUCCESSFUL"),
    ],
)
def test_bad_status_fails_at_add_response_naming_the_current_value(
    client: Any, operation: Any, status: str, rule: str, named: str
) -> None:
    method, _, response = operation
    stubber = ContractStubber(client)
    with pytest.raises(ContractStubberError) as info:
        stubber.add_response(method, response(status))
    text = str(info.value)
    assert f"add_response({method!r})" in text
    assert ".DeliveryStatus" in text
    assert f"[{rule}]" in text
    assert named in text
    assert len(stubber._queue) == 0  # nothing was queued


@pytest.mark.parametrize("operation", OPERATIONS)
def test_status_code_must_be_an_integer(client: Any, operation: Any) -> None:
    method, _, response = operation
    with pytest.raises(ContractStubberError, match=r"StatusCode.*\[status-code-type\]"):
        ContractStubber(client).add_response(method, response(code="200"))


@pytest.mark.parametrize("method", ["send_users_messages", "send_messages"])
def test_unmodeled_error_code_fails_naming_the_modeled_ones(client: Any, method: str) -> None:
    stubber = ContractStubber(client)
    with pytest.raises(ContractStubberError) as info:
        stubber.add_client_error(method, service_error_code="Throttled")
    text = str(info.value)
    assert "'Throttled'" in text
    assert "TooManyRequestsException (429)" in text
    assert "BadRequestException (400)" in text


def test_modeled_error_gets_its_modeled_status_by_default(client: Any) -> None:
    with ContractStubber(client) as stubber:
        stubber.add_client_error("send_users_messages", "TooManyRequestsException")
        with pytest.raises(ClientError) as info:
            client.send_users_messages(**users_request(SMS))
    assert info.value.response["Error"]["Code"] == "TooManyRequestsException"
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429


def test_modeled_error_with_another_status_fails(client: Any) -> None:
    with pytest.raises(ContractStubberError, match=r"HTTP 429"):
        ContractStubber(client).add_client_error(
            "send_users_messages", "TooManyRequestsException", http_status_code=400
        )


def test_warnings_are_kept_and_do_not_raise(client: Any) -> None:
    config = {"SMSMessage": {"Body": "hi", "OriginationNumber": "2065550100"}}
    with ContractStubber(client) as stubber:
        stubber.add_response("send_users_messages", users_response())
        client.send_users_messages(**users_request(config))
    assert [(v.rule, v.severity) for v in stubber.violations] == [("origination-e164", "warning")]
    assert stubber.problems() == []


def test_warn_mode_records_and_answers(client: Any) -> None:
    with ContractStubber(client, contract="warn") as stubber:
        stubber.add_response("send_users_messages", users_response("SUCCESS"))
        out = client.send_users_messages(**users_request(HEADERS_16))
    assert out["SendUsersMessageResponse"]["Result"]["testuser"]["testuserendpoint"][
        "DeliveryStatus"
    ] == ("SUCCESS")
    assert {v.rule for v in stubber.violations} == {"delivery-status-legacy", "email-headers-max"}
    assert stubber.problems() == []


def test_off_mode_checks_nothing(client: Any) -> None:
    with ContractStubber(client, contract="off") as stubber:
        stubber.add_response("send_users_messages", users_response("SUCCESS"))
        stubber.add_client_error("send_users_messages", "Throttled")
        client.send_users_messages(**users_request(HEADERS_16))
    assert stubber.violations == []


def test_severities_raise_and_lower_rules(client: Any) -> None:
    config = {"SMSMessage": {"Body": "hi", "OriginationNumber": "2065550100"}}
    with ContractStubber(client, severities={"origination-e164": "error"}) as stubber:
        stubber.add_response("send_users_messages", users_response())
        with pytest.raises(ContractStubberError, match=r"\[origination-e164\]"):
            client.send_users_messages(**users_request(config))
    with ContractStubber(client, severities={"email-headers-max": "off"}) as stubber:
        stubber.add_response("send_users_messages", users_response())
        client.send_users_messages(**users_request(HEADERS_16))
    assert stubber.violations == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"severities": {"no-such-rule": "error"}}, "no-such-rule"),
        ({"contract": "loose"}, "strict, warn, off"),
    ],
)
def test_bad_options_fail_at_construction(client: Any, options: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ContractStubber(client, **options)


def test_swallowed_violation_is_a_teardown_problem(client: Any) -> None:
    with ContractStubber(client) as stubber:
        stubber.add_response("send_users_messages", users_response())
        with contextlib.suppress(Exception):  # the kind of app code that hides the failure
            client.send_users_messages(**users_request(HEADERS_16))
    with pytest.raises(AssertionError, match=r"(?s)swallowed.*email-headers-max"):
        stubber.verify()


def test_expected_violation_still_raises_but_passes_teardown(client: Any) -> None:
    with ContractStubber(client) as stubber:
        stubber.expect_violation("email-headers-max")
        stubber.add_response("send_users_messages", users_response())
        with pytest.raises(ContractStubberError):
            client.send_users_messages(**users_request(HEADERS_16))
    stubber.verify()


def test_unused_stubs_and_expectations_are_teardown_problems(client: Any) -> None:
    stubber = ContractStubber(client)
    stubber.add_response("send_users_messages", users_response())
    stubber.expect_violation("email-headers-max")
    problems = "\n".join(stubber.problems())
    assert "stubbed SendUsersMessages response never used" in problems
    assert "expect_violation('email-headers-max') never occurred" in problems
    assert ContractStubber(client, fail_on_unused=False).problems() == []
    with pytest.raises(ValueError, match="unknown rule"):
        stubber.expect_violation("no-such-rule")


def test_expected_params_mismatch_is_still_stubbers_error(client: Any) -> None:
    with ContractStubber(client) as stubber:
        stubber.add_response("send_users_messages", users_response(), users_request(SMS))
        with pytest.raises(StubAssertionError, match="Expected parameters") as info:
            client.send_users_messages(**users_request({"SMSMessage": {"Body": "other"}}))
    assert not isinstance(info.value, ContractStubberError)


def test_other_operations_are_plain_stubber(client: Any) -> None:
    stubber = ContractStubber(client)
    stubber.add_response("get_apps", {"ApplicationsResponse": {"Item": []}})
    stubber.add_client_error("get_apps", "Throttled")  # not checked: not a send operation
    with stubber:
        assert client.get_apps()["ApplicationsResponse"] == {"Item": []}
        with pytest.raises(ClientError, match="Throttled"):
            client.get_apps()
