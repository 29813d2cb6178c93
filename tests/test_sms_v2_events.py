"""Delivery events per configuration set, and scripted errors carrying their Reason."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from test_sms_v2_sends import TO, client

from pytest_pinpoint import PinpointStub, PinpointStubError


def events_set(types: list[str]) -> None:
    sms = client()
    sms.create_configuration_set(ConfigurationSetName="otp")
    sms.create_event_destination(
        ConfigurationSetName="otp", EventDestinationName="sns", MatchingEventTypes=types,
        SnsDestination={"TopicArn": "arn:aws:sns:us-east-1:123456789012:sms-events"},
    )  # fmt: skip


def test_a_delivered_send_streams_its_event(pinpoint_stub: PinpointStub) -> None:
    events_set(["TEXT_ALL"])
    out = client().send_text_message(
        DestinationPhoneNumber=TO, OriginationIdentity="+12065550199", MessageBody="hi",
        ConfigurationSetName="otp", Context={"account": "bar"},
    )  # fmt: skip
    (event,) = pinpoint_stub.sms_v2.events("otp")
    assert event["eventType"] == "TEXT_SUCCESSFUL"
    assert event["messageId"] == out["MessageId"]
    assert event["destinationPhoneNumber"] == TO
    assert event["originationPhoneNumber"] == "+12065550199"
    assert event["context"] == {"account": "bar"}
    assert (event["messageEncoding"], event["totalMessageParts"]) == ("GSM", 1)
    assert event["isFinal"] is True


def test_scripted_events_per_destination_in_order(pinpoint_stub: PinpointStub) -> None:
    events_set(["ALL"])
    pinpoint_stub.sms_v2.script_event("TEXT_BLOCKED", address="+12065550111")
    pinpoint_stub.sms_v2.script_event("VOICE_NO_ANSWER")
    sms = client()
    for number in (TO, "+12065550111"):
        sms.send_text_message(DestinationPhoneNumber=number, MessageBody="hi",
                              ConfigurationSetName="otp")  # fmt: skip
    sms.send_voice_message(DestinationPhoneNumber=TO, OriginationIdentity="+1206", MessageBody="hi",
                           ConfigurationSetName="otp")  # fmt: skip
    found = [(e["eventType"], e["messageStatus"]) for e in pinpoint_stub.sms_v2.events()]
    assert found == [("TEXT_SUCCESSFUL", "SUCCESSFUL"), ("TEXT_BLOCKED", "BLOCKED"),
                     ("VOICE_NO_ANSWER", "NO_ANSWER")]  # fmt: skip


def test_no_event_without_a_matching_destination(pinpoint_stub: PinpointStub) -> None:
    events_set(["VOICE_ALL"])
    client().send_text_message(DestinationPhoneNumber=TO, MessageBody="hi",
                               ConfigurationSetName="otp")  # fmt: skip
    client().send_text_message(DestinationPhoneNumber=TO, MessageBody="dry", DryRun=True,
                               ConfigurationSetName="otp")  # fmt: skip
    assert pinpoint_stub.sms_v2.events("otp") == []


def test_script_event_refuses_an_unknown_type(pinpoint_stub: PinpointStub) -> None:
    with pytest.raises(PinpointStubError, match="EventType"):
        pinpoint_stub.sms_v2.script_event("TEXT_EATEN")


def test_fail_with_a_reason(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.sms_v2.fail("ConflictException", operation="send_text_message",
                              reason="DESTINATION_PHONE_NUMBER_OPTED_OUT")  # fmt: skip
    with pytest.raises(ClientError) as exc:
        client().send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")
    assert exc.value.response["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"


def test_fail_refuses_a_reason_the_error_does_not_have(pinpoint_stub: PinpointStub) -> None:
    with pytest.raises(PinpointStubError, match="not a Reason of ConflictException"):
        pinpoint_stub.sms_v2.fail("ConflictException", operation="SendTextMessage", reason="NOPE")
    with pytest.raises(PinpointStubError, match="not an operation"):
        pinpoint_stub.sms_v2.fail("ConflictException", operation="send_users_messages")


def test_an_unused_reasoned_failure_fails_the_test() -> None:
    stub = PinpointStub().start()
    stub.sms_v2.fail("ThrottlingException", operation="send_voice_message")
    stub.stop()
    assert any("ThrottlingException" in p for p in stub.problems())
