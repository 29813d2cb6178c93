"""End User Messaging SMS and voice v2 sends through boto3 under the pinpoint_stub fixture."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pytest_pinpoint import PinpointStub

TO = "+12065550100"
FROM = "+12065550199"


def client() -> Any:
    return boto3.client(
        "pinpoint-sms-voice-v2",
        region_name="us-east-1",
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    )


def error(exc: pytest.ExceptionInfo[ClientError]) -> dict[str, Any]:
    return dict(exc.value.response["Error"]) | {
        k: v for k, v in exc.value.response.items() if k in ("Reason", "Fields")
    }


def test_send_text_message_is_answered_and_recorded(pinpoint_stub: PinpointStub) -> None:
    out = client().send_text_message(
        DestinationPhoneNumber=TO,
        OriginationIdentity=FROM,
        MessageBody="Your code is 123456",
        MessageType="TRANSACTIONAL",
        ConfigurationSetName="otp",
        Context={"flow": "login"},
    )
    assert out["MessageId"]
    sent = pinpoint_stub.assert_sent(channel="SMS", address=TO, body="Your code is 123456")
    assert sent.service == "pinpoint-sms-voice-v2"
    assert sent.operation == "SendTextMessage"
    assert sent.origination == FROM
    assert sent.message_type == "TRANSACTIONAL"
    assert sent.configuration_set == "otp"
    assert sent.tags == {"flow": "login"}
    assert sent.parts == 1
    assert sent.message_id == out["MessageId"]
    assert sent.dry_run is False
    assert pinpoint_stub.calls[-1].service == "pinpoint-sms-voice-v2"


def test_voice_and_media_messages(pinpoint_stub: PinpointStub) -> None:
    sms = client()
    sms.send_voice_message(
        DestinationPhoneNumber=TO,
        OriginationIdentity=FROM,
        MessageBody="<speak>Your code is <say-as interpret-as='digits'>1234</say-as></speak>",
        MessageBodyTextType="SSML",
        VoiceId="JOANNA",
    )
    sms.send_media_message(
        DestinationPhoneNumber=TO,
        OriginationIdentity=FROM,
        MessageBody="look",
        MediaUrls=["s3://my-bucket/cat.png"],
    )
    assert pinpoint_stub.assert_sent(channel="VOICE", address=TO).parts is None
    media = pinpoint_stub.assert_sent(channel="MMS", address=TO, body="look")
    assert media.data == {"MediaUrls": "s3://my-bucket/cat.png"}


def test_dry_run_is_validated_and_recorded_as_dry_run(pinpoint_stub: PinpointStub) -> None:
    client().send_text_message(DestinationPhoneNumber=TO, MessageBody="hi", DryRun=True)
    assert pinpoint_stub.assert_sent(address=TO, dry_run=True).message_id


def test_a_pinpoint_send_and_a_v2_send_share_one_record(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.client().send_messages(
        ApplicationId="app",
        MessageRequest={
            "Addresses": {"+12065550111": {"ChannelType": "SMS"}},
            "MessageConfiguration": {"SMSMessage": {"Body": "old path"}},
        },
    )
    client().send_text_message(DestinationPhoneNumber=TO, MessageBody="new path")
    assert [m.service for m in pinpoint_stub.sent] == ["pinpoint", "pinpoint-sms-voice-v2"]


@pytest.mark.parametrize(
    ("body", "parts"),
    [("a" * 160, 1), ("a" * 161, 2), ("a" * 306, 2), ("a" * 307, 3), ("é" * 160, 1),
     ("€" * 80, 1), ("€" * 81, 2), ("ж" * 70, 1), ("ж" * 71, 2), ("ж" * 134, 2), ("ж" * 135, 3)],
)  # fmt: skip
def test_parts_are_counted_as_the_guide_counts(
    pinpoint_stub: PinpointStub, body: str, parts: int
) -> None:
    client().send_text_message(DestinationPhoneNumber=TO, MessageBody=body)
    assert pinpoint_stub.sent[-1].parts == parts


def test_stub_used_without_the_fixture() -> None:
    with PinpointStub() as stub:
        client().send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")
    stub.assert_sent(service="pinpoint-sms-voice-v2", address=TO)


def test_a_lone_surrogate_in_the_body_is_one_ucs2_unit_not_a_crash(
    pinpoint_stub: PinpointStub,
) -> None:
    # JSON carries "\ud800"; the fuzz suite found the part count raising on it (issue 27)
    out = client().send_text_message(
        DestinationPhoneNumber=TO, OriginationIdentity=FROM, MessageBody="a\ud800"
    )
    sent = pinpoint_stub.assert_sent(body="a\ud800")
    assert sent.parts == 1
    assert sent.message_id == out["MessageId"]
