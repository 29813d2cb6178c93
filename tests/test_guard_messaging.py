"""The guard covers every AWS messaging API, not only Pinpoint: a call the fake does not serve
is stopped before it leaves, naming the service, credentials or not; moto and a Stubber still
answer the calls they are asked to, and other services pass through untouched."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ReadTimeoutError
from botocore.stub import Stubber

from pytest_pinpoint import PinpointStub, PinpointStubError

REAL_LOOKING = {
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}


def send_text(client: Any) -> Any:
    return client.send_text_message(DestinationPhoneNumber="+12065550100", MessageBody="hi")


def send_voice_v1(client: Any) -> Any:
    # SMS and voice v1 signs for "sms-voice" as v2 does: the stub serves v2 only
    return client.send_voice_message(
        DestinationPhoneNumber="+12065550100",
        OriginationPhoneNumber="+12065550199",
        Content={"PlainTextMessage": {"Text": "hi"}},
    )


def send_email_v1(client: Any) -> Any:
    # SES v1 signs for "ses" as SES v2 does: the stub serves v2 (/v2/email/) only
    return client.send_email(
        Source="a@example.com",
        Destination={"ToAddresses": ["b@example.com"]},
        Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
    )


def publish_sms(client: Any) -> Any:
    return client.publish(PhoneNumber="+12065550100", Message="hi")


CALLS: list[tuple[str, Callable[[Any], Any], str]] = [
    ("pinpoint-sms-voice", send_voice_v1, "SendVoiceMessage"),
    ("ses", send_email_v1, "SendEmail"),
    ("sns", publish_sms, "Publish"),
]


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every socket connect the test makes (the suite's own guard would raise on them)."""
    seen: list[Any] = []
    real = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        seen.append(address)
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen


@pytest.mark.parametrize(("service", "call", "operation"), CALLS)
def test_an_unserved_messaging_call_is_stopped_naming_the_service(
    monkeypatch: pytest.MonkeyPatch,
    connects: list[Any],
    service: str,
    call: Callable[[Any], Any],
    operation: str,
) -> None:
    for key, value in REAL_LOOKING.items():
        monkeypatch.setenv(key, value)
    client = boto3.client(service, region_name="us-west-2")
    with PinpointStub(), pytest.raises(PinpointStubError) as info:
        call(client)
    message = str(info.value)
    assert f"({service}.{operation})" in message
    assert "does not serve" in message
    assert connects == []  # stopped before any socket


@pytest.mark.parametrize(("service", "call", "operation"), CALLS)
def test_without_credentials_the_guard_speaks_not_botocore(
    monkeypatch: pytest.MonkeyPatch, service: str, call: Callable[[Any], Any], operation: str
) -> None:
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    client = boto3.client(service, region_name="us-west-2")
    with PinpointStub(), pytest.raises(PinpointStubError, match=rf"\({service}\.{operation}\)"):
        call(client)


def test_sns_calls_that_message_no_person_pass_through(connects: list[Any]) -> None:
    sns = boto3.client("sns", region_name="us-east-1")
    with PinpointStub(), Stubber(sns) as stubbed:
        # a topic publish is not a message to a phone number: the guard leaves it alone (here a
        # Stubber answers it, so nothing leaves either way)
        stubbed.add_response("publish", {"MessageId": "m-1"}, {"TopicArn": "arn:t", "Message": "x"})
        assert sns.publish(TopicArn="arn:t", Message="x")["MessageId"] == "m-1"
    assert connects == []


def test_a_stubber_on_that_client_still_answers() -> None:
    client = boto3.client("pinpoint-sms-voice-v2", region_name="us-east-1")
    with PinpointStub(), Stubber(client) as stubbed:
        stubbed.add_response("send_text_message", {"MessageId": "from-stubber"})
        assert send_text(client)["MessageId"] == "from-stubber"


@pytest.mark.parametrize(("service", "call", "operation"), CALLS)
def test_moto_still_answers_under_the_stub(
    service: str, call: Callable[[Any], Any], operation: str
) -> None:
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), PinpointStub() as stub:
        client = boto3.client(service, region_name="us-east-1")
        if service == "ses":
            client.verify_email_identity(EmailAddress="a@example.com")
        if service == "pinpoint-sms-voice":
            # moto's own answer: it has no SMS and voice v1 ("not yet implemented"), and said so
            with pytest.raises(client.exceptions.ClientError, match="Not yet implemented"):
                call(client)
        else:
            assert call(client)["MessageId"]  # moto's answer
    assert stub.calls == []


def test_loopback_endpoints_are_let_through(connects: list[Any]) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        client = boto3.client(
            "ses",  # a messaging API the stub does not serve (SES v2 it does)
            region_name="us-east-1",
            endpoint_url=f"http://127.0.0.1:{port}",
            config=Config(connect_timeout=1, read_timeout=0.2, retries={"max_attempts": 0}),
        )
        with PinpointStub(), pytest.raises(ReadTimeoutError):
            send_email_v1(client)  # nobody answers on that port: a read timeout, not the guard
    assert connects
    assert connects[0][0] == "127.0.0.1"


def test_the_plugin_guard_names_the_service_in_a_test_without_the_fixture(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest
        from pytest_pinpoint import PinpointStubError

        def test_forgot(monkeypatch):
            monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
            monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x" * 40)
            client = boto3.client("sesv2", region_name="us-east-1")
            # SES v2 is served: the guard names the fixture the test forgot
            with pytest.raises(PinpointStubError, match="send_email reached Amazon SES v2 without"):
                client.send_email(
                    FromEmailAddress="a@example.com",
                    Destination={"ToAddresses": ["b@example.com"]},
                    Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}},
                )
        """
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)
