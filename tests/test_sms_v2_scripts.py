"""The sandbox option, the test-side sugar, and scripted outcomes and failures of v2 sends."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from test_sms_v2_sends import TO, client

from pytest_pinpoint import PinpointStub, PinpointStubError


def code_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str | None]:
    return exc.value.response["Error"]["Code"], exc.value.response.get("Reason")


@pytest.mark.pinpoint(sms_sandbox=True)
def test_the_sandbox_sends_only_to_verified_numbers(pinpoint_stub: PinpointStub) -> None:
    sms = client()
    with pytest.raises(ClientError) as exc:
        sms.send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")
    assert code_of(exc) == ("ConflictException", "DESTINATION_PHONE_NUMBER_NOT_VERIFIED")
    added = sms.create_verified_destination_number(DestinationPhoneNumber=TO)
    assert added["Status"] == "PENDING"
    vid = added["VerifiedDestinationNumberId"]
    sms.send_destination_number_verification_code(
        VerifiedDestinationNumberId=vid, VerificationChannel="TEXT"
    )
    with pytest.raises(ClientError) as exc:
        sms.verify_destination_number(VerifiedDestinationNumberId=vid, VerificationCode="000000x")
    assert code_of(exc) == ("ValidationException", "VERIFICATION_CODE_MISMATCH")
    code = pinpoint_stub.sms_v2.verification_code(TO)
    assert code is not None
    sms.verify_destination_number(VerifiedDestinationNumberId=vid, VerificationCode=code)
    (listed,) = sms.describe_verified_destination_numbers()["VerifiedDestinationNumbers"]
    assert listed["Status"] == "VERIFIED"
    assert sms.send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")["MessageId"]


def test_the_sandbox_as_a_stub_keyword() -> None:
    with PinpointStub(sms_sandbox=True) as stub:
        stub.sms_v2.verify(TO)
        client().send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")
        with pytest.raises(ClientError):
            client().send_text_message(DestinationPhoneNumber="+12065550111", MessageBody="hi")
    assert [m.status for m in stub.sent] == ["SUCCESSFUL", "PERMANENT_FAILURE"]


def test_sms_sandbox_must_be_a_bool() -> None:
    with pytest.raises(PinpointStubError, match="sms_sandbox"):
        PinpointStub(sms_sandbox="yes")  # type: ignore[arg-type]


def test_sugar_names_identities(pinpoint_stub: PinpointStub) -> None:
    number = pinpoint_stub.sms_v2.add_phone_number("+18005550100", capabilities=["SMS"])
    sender = pinpoint_stub.sms_v2.add_sender_id("ACME", country="GB")
    pool = pinpoint_stub.sms_v2.add_pool(number["PhoneNumberId"], sender["SenderIdArn"])
    sms = client()
    assert sms.describe_phone_numbers()["PhoneNumbers"][0]["PhoneNumber"] == "+18005550100"
    assert sms.describe_pools()["Pools"][0]["PoolId"] == pool["PoolId"]
    sms.send_text_message(DestinationPhoneNumber=TO, OriginationIdentity=pool["PoolId"],
                          MessageBody="hi")  # fmt: skip
    pinpoint_stub.assert_sent(address=TO, origination=pool["PoolId"])
    pinpoint_stub.expect_violation("sms-v2-origination-exists")
    with pytest.raises(ClientError):
        sms.send_text_message(DestinationPhoneNumber=TO, OriginationIdentity="+18005550999",
                              MessageBody="hi")  # fmt: skip


def test_sugar_opts_a_number_out(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.sms_v2.opt_out(TO)
    assert pinpoint_stub.sms_v2.opted_out() == [TO]
    with pytest.raises(ClientError) as exc:
        client().send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")
    assert code_of(exc) == ("ConflictException", "DESTINATION_PHONE_NUMBER_OPTED_OUT")


def test_sugar_refuses_what_the_service_would(pinpoint_stub: PinpointStub) -> None:
    with pytest.raises(PinpointStubError, match="opt-out-list"):
        pinpoint_stub.sms_v2.add_phone_number(opt_out_list="nope")


def test_outcome_opt_out_answers_the_services_conflict(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.outcome("OPT_OUT", address=TO, times=1)
    with pytest.raises(ClientError) as exc:
        client().send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")
    assert code_of(exc) == ("ConflictException", "DESTINATION_PHONE_NUMBER_OPTED_OUT")
    pinpoint_stub.assert_sent(address=TO, status="OPT_OUT", message_id=None)


def test_outcome_throttled_is_retried_by_botocore(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.outcome("THROTTLED", address=TO, times=1)
    out = client().send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")
    assert out["ResponseMetadata"]["RetryAttempts"] == 1
    assert [c.error for c in pinpoint_stub.calls] == ["ThrottlingException", None]
    assert [m.status for m in pinpoint_stub.sent] == ["THROTTLED", "SUCCESSFUL"]
    assert len(pinpoint_stub.retry_delays) == 1


def test_outcome_for_another_address_leaves_the_send_alone(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.outcome("OPT_OUT", address="+12065550111", times=1)
    client().send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")
    with pytest.raises(ClientError):
        client().send_text_message(DestinationPhoneNumber="+12065550111", MessageBody="hi")
    assert [m.status for m in pinpoint_stub.sent] == ["SUCCESSFUL", "OPT_OUT"]


@pytest.mark.parametrize("operation", ["send_text_message", "SendTextMessage"])
def test_fail_throttling_by_either_name_is_retried(
    pinpoint_stub: PinpointStub, operation: str
) -> None:
    pinpoint_stub.fail("ThrottlingException", operation=operation, times=2)
    out = client().send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")
    assert out["ResponseMetadata"]["RetryAttempts"] == 2
    assert len(pinpoint_stub.retry_delays) == 2
    assert len(pinpoint_stub.sent) == 1


def test_fail_with_a_declared_error(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.fail("AccessDeniedException", operation="send_voice_message")
    with pytest.raises(ClientError) as exc:
        client().send_voice_message(DestinationPhoneNumber=TO, OriginationIdentity="+1206555",
                                    MessageBody="hi")  # fmt: skip
    assert code_of(exc)[0] == "AccessDeniedException"
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_fail_refuses_an_undeclared_error(pinpoint_stub: PinpointStub) -> None:
    with pytest.raises(PinpointStubError, match="not an error of SendTextMessage"):
        pinpoint_stub.fail("TooManyRequestsException", operation="send_text_message")
