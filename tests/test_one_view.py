"""One view of what was sent: the same assertions hold whichever API sent the message.

Each check below is one test body, given a ``send`` callable; it runs unchanged against
Pinpoint ``send_users_messages`` (a user's endpoint), ``send_messages`` by address, and the
service that replaces it (SMS: ``pinpoint-sms-voice-v2`` ``send_text_message``; email:
``sesv2.send_email``). ``service=`` and ``operation=`` still tell them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest

from pytest_pinpoint import PinpointStub

APP = "611e3e3cdd47474c9c1399a505665b91"
PHONE = "+12065550142"
FROM_NUMBER = "+12065550100"
CODE = "Your code is 482913"
MAIL = "ada@example.org"
SENDER = "orders@example.com"
SUBJECT = "Your receipt"
TEXT = "Total: $25.00"

Send = Callable[[PinpointStub], Any]


def client(name: str) -> Any:
    return boto3.client(name, region_name="us-east-1")


def _sms_config() -> dict[str, Any]:
    return {
        "SMSMessage": {
            "Body": CODE,
            "MessageType": "TRANSACTIONAL",
            "OriginationNumber": FROM_NUMBER,
        }
    }


def sms_to_user(stub: PinpointStub) -> Any:
    stub.add_user("ada", endpoints={"phone": {"ChannelType": "SMS", "Address": PHONE}})
    return client("pinpoint").send_users_messages(
        ApplicationId=APP,
        SendUsersMessageRequest={"MessageConfiguration": _sms_config(), "Users": {"ada": {}}},
    )


def sms_by_address(stub: PinpointStub) -> Any:
    return client("pinpoint").send_messages(
        ApplicationId=APP,
        MessageRequest={
            "Addresses": {PHONE: {"ChannelType": "SMS"}},
            "MessageConfiguration": _sms_config(),
        },
    )


def sms_v2(stub: PinpointStub) -> Any:
    return client("pinpoint-sms-voice-v2").send_text_message(
        DestinationPhoneNumber=PHONE,
        OriginationIdentity=FROM_NUMBER,
        MessageBody=CODE,
        MessageType="TRANSACTIONAL",
    )


def _email_config() -> dict[str, Any]:
    return {
        "EmailMessage": {
            "FromAddress": SENDER,
            "SimpleEmail": {"Subject": {"Data": SUBJECT}, "TextPart": {"Data": TEXT}},
        }
    }


def email_to_user(stub: PinpointStub) -> Any:
    stub.add_user("ada", endpoints={"mail": {"ChannelType": "EMAIL", "Address": MAIL}})
    return client("pinpoint").send_users_messages(
        ApplicationId=APP,
        SendUsersMessageRequest={"MessageConfiguration": _email_config(), "Users": {"ada": {}}},
    )


def email_by_address(stub: PinpointStub) -> Any:
    return client("pinpoint").send_messages(
        ApplicationId=APP,
        MessageRequest={
            "Addresses": {MAIL: {"ChannelType": "EMAIL"}},
            "MessageConfiguration": _email_config(),
        },
    )


def email_ses(stub: PinpointStub) -> Any:
    return client("sesv2").send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": [MAIL]},
        Content={"Simple": {"Subject": {"Data": SUBJECT}, "Body": {"Text": {"Data": TEXT}}}},
    )


SMS_SENDS = [sms_to_user, sms_by_address, sms_v2]
EMAIL_SENDS = [email_to_user, email_by_address, email_ses]


def check_sms(stub: PinpointStub, send: Send) -> None:
    """The one SMS test body: written once, it passes for every send API."""
    send(stub)
    assert len(stub.sent) == 1
    stub.assert_delivered(channel="SMS", address=PHONE, body=CODE)
    stub.assert_sent(
        channel="SMS",
        address=PHONE,
        origination=FROM_NUMBER,
        body=CODE,
        title=None,
        message_type="TRANSACTIONAL",
        status="SUCCESSFUL",
    )
    stub.assert_not_sent(channel="EMAIL")
    stub.assert_not_sent(channel="SMS", body="Your code is 000000")


def check_email(stub: PinpointStub, send: Send) -> None:
    """The one email test body: written once, it passes for every send API."""
    send(stub)
    assert len(stub.sent) == 1
    stub.assert_delivered(channel="EMAIL", address=MAIL, title=SUBJECT, body=TEXT)
    stub.assert_sent(
        channel="EMAIL",
        address=MAIL,
        origination=SENDER,
        body=TEXT,
        title=SUBJECT,
        message_type=None,
        status="SUCCESSFUL",
    )
    stub.assert_not_sent(channel="SMS")


@pytest.mark.parametrize("send", SMS_SENDS)
def test_one_sms_view(pinpoint_stub: PinpointStub, send: Send) -> None:
    check_sms(pinpoint_stub, send)


@pytest.mark.parametrize("send", EMAIL_SENDS)
def test_one_email_view(pinpoint_stub: PinpointStub, send: Send) -> None:
    check_email(pinpoint_stub, send)


@pytest.mark.parametrize(
    ("send", "service", "operation"),
    [
        (sms_to_user, "pinpoint", "SendUsersMessages"),
        (sms_by_address, "pinpoint", "SendMessages"),
        (sms_v2, "pinpoint-sms-voice-v2", "SendTextMessage"),
        (email_ses, "sesv2", "SendEmail"),
    ],
)
def test_service_and_operation_still_tell_them_apart(
    pinpoint_stub: PinpointStub, send: Send, service: str, operation: str
) -> None:
    send(pinpoint_stub)
    pinpoint_stub.assert_sent(service=service, operation=operation)
    others = {"pinpoint", "pinpoint-sms-voice-v2", "sesv2"} - {service}
    for other in others:
        pinpoint_stub.assert_not_sent(service=other)


@pytest.mark.parametrize("send", SMS_SENDS)
def test_a_different_body_fails_naming_the_difference(
    pinpoint_stub: PinpointStub, send: Send
) -> None:
    send(pinpoint_stub)
    with pytest.raises(AssertionError, match=r"body='Your code is 482913' \(wanted 'other'\)"):
        pinpoint_stub.assert_sent(channel="SMS", address=PHONE, body="other")


_VOICE = {"Body": "hello", "OriginationNumber": FROM_NUMBER, "LanguageCode": "en-US"}


def voice_to_user(stub: PinpointStub) -> Any:
    stub.add_user("ada", endpoints={"voice": {"ChannelType": "VOICE", "Address": PHONE}})
    return client("pinpoint").send_users_messages(
        ApplicationId=APP,
        SendUsersMessageRequest={
            "MessageConfiguration": {"VoiceMessage": _VOICE},
            "Users": {"ada": {}},
        },
    )


def voice_by_address(stub: PinpointStub) -> Any:
    return client("pinpoint").send_messages(
        ApplicationId=APP,
        MessageRequest={
            "Addresses": {PHONE: {"ChannelType": "VOICE"}},
            "MessageConfiguration": {"VoiceMessage": _VOICE},
        },
    )


def voice_v2(stub: PinpointStub) -> Any:
    return client("pinpoint-sms-voice-v2").send_voice_message(
        DestinationPhoneNumber=PHONE, OriginationIdentity=FROM_NUMBER, MessageBody="hello"
    )


@pytest.mark.parametrize("send", [voice_to_user, voice_by_address, voice_v2])
def test_one_voice_view(pinpoint_stub: PinpointStub, send: Send) -> None:
    send(pinpoint_stub)
    pinpoint_stub.assert_delivered(
        channel="VOICE", address=PHONE, origination=FROM_NUMBER, body="hello", title=None
    )
    pinpoint_stub.assert_not_sent(channel="SMS")
