"""SMS v2 over every front door: bad input in the service's own error form, the loopback
server with boto3 and the AWS CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pytest_pinpoint import PinpointStub
from pytest_pinpoint.interception.server import LoopbackServer

URL = "https://sms-voice.us-east-1.amazonaws.com/"
TO = "+12065550100"


def post(stub: PinpointStub, target: str, body: bytes) -> tuple[int, dict[str, object]]:
    headers = {"x-amz-target": target, "content-type": "application/x-amz-json-1.0"}
    reply = stub.handle("POST", URL, headers, body)
    return reply.status, json.loads(reply.body)


@pytest.mark.parametrize(
    ("target", "body", "code", "needle"),
    [
        ("PinpointSMSVoiceV2.SendTextMessage", b"{not json", "SerializationException", "JSON"),
        ("PinpointSMSVoiceV2.SendTextMessage", b"[1, 2]", "SerializationException", "object"),
        ("PinpointSMSVoiceV2.SendPigeon", b"{}", "UnknownOperationException", "SendPigeon"),
        ("PinpointSMSVoiceV2.SendTextMessage",
         json.dumps({"DestinationPhoneNumber": TO, "MessageBody": 7}).encode(),
         "ValidationException", "sms-v2-type"),
        ("PinpointSMSVoiceV2.SendTextMessage", b"{}", "ValidationException", "sms-v2-required"),
        ("PinpointSMSVoiceV2.SendTextMessage", b"\xff\xfe", "SerializationException", "JSON"),
    ],
)  # fmt: skip
def test_bad_input_gets_the_services_error(
    target: str, body: bytes, code: str, needle: str
) -> None:
    stub = PinpointStub()
    status, doc = post(stub, target, body)
    assert (status, doc["__type"]) == (400, code)
    assert needle in str(doc["Message"])
    assert stub.calls[-1].error == code


@pytest.mark.parametrize(
    ("operation", "body"),
    [
        ("DescribePhoneNumbers", {"PhoneNumberIds": "phone-1", "MaxResults": "x"}),
        ("DescribeOptOutLists", {"OptOutListNames": 5}),
        ("DescribePools", {"Filters": [{"Name": 1}]}),
        ("PutOptedOutNumber", {"OptOutListName": "Default"}),
        ("CreatePool", {"OriginationIdentity": [], "MessageType": "TRANSACTIONAL", "X": 1}),
    ],
)
def test_a_wrong_type_in_a_state_operation_is_the_services_error(
    operation: str, body: dict[str, object]
) -> None:
    stub = PinpointStub()
    status, doc = post(stub, f"PinpointSMSVoiceV2.{operation}", json.dumps(body).encode())
    assert (status, doc["__type"]) == (400, "ValidationException")
    assert "sms-v2-" in str(doc["Message"])


def test_loopback_server_with_boto3() -> None:
    with LoopbackServer() as server:
        sms = boto3.client(
            "pinpoint-sms-voice-v2", region_name="us-east-1", endpoint_url=server.url,
            aws_access_key_id="AKID", aws_secret_access_key="SECRET",
        )  # fmt: skip
        assert sms.send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")["MessageId"]
    server.stub.assert_sent(service="pinpoint-sms-voice-v2", address=TO, body="hi")


def test_aws_cli_send_text_message(cli_env: dict[str, str], tmp_path: Path) -> None:
    aws = shutil.which("aws", path=str(Path(sys.executable).parent))
    if aws is None:
        pytest.skip("the AWS CLI is not installed next to the interpreter")
    with LoopbackServer() as server:
        server.stub.sms_v2.opt_out("+12065550111")
        argv = [aws, "pinpoint-sms-voice-v2", "send-text-message", "--region", "us-east-1",
                "--endpoint-url", server.url, "--destination-phone-number", TO,
                "--message-body", "hello from the CLI"]  # fmt: skip
        done = subprocess.run(argv, env=cli_env, capture_output=True, text=True, timeout=60)
        argv[argv.index(TO)] = "+12065550111"
        refused = subprocess.run(argv, env=cli_env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["MessageId"]
    server.stub.assert_sent(address=TO, body="hello from the CLI")
    assert refused.returncode != 0
    assert "ConflictException" in refused.stderr


def test_a_request_without_target_is_named() -> None:
    stub = PinpointStub()
    reply = stub.handle("POST", URL, {}, b"{}")
    assert json.loads(reply.body)["__type"] == "UnknownOperationException"
    assert b"X-Amz-Target" in reply.body


def test_aiobotocore_client_with_a_throttled_retry() -> None:
    pytest.importorskip("aiobotocore")
    import asyncio

    from aiobotocore.session import get_session

    from pytest_pinpoint import aio

    async def send() -> dict[str, object]:
        options = {"region_name": "us-east-1", "aws_access_key_id": "AKID",
                   "aws_secret_access_key": "SECRET"}  # fmt: skip
        async with get_session().create_client("pinpoint-sms-voice-v2", **options) as sms:
            out: dict[str, object] = await sms.send_text_message(
                DestinationPhoneNumber=TO, MessageBody="async hi"
            )
            return out

    stub = PinpointStub()
    aio.install(lambda: stub)
    try:
        stub.outcome("THROTTLED", address=TO, times=1)
        out = asyncio.run(send())
    finally:
        aio.uninstall()
    assert out["MessageId"]
    assert [m.status for m in stub.sent] == ["THROTTLED", "SUCCESSFUL"]
    stub.assert_sent(address=TO, body="async hi", status="SUCCESSFUL")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 300_000) | st.text("ab+1-/:. ", max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("NameVlus", max_size=5),
                                                                inner, max_size=3),
    max_leaves=6,
)  # fmt: skip


@st.composite
def _requests(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    from pytest_pinpoint.service.sms_v2 import OPERATIONS
    from pytest_pinpoint.service.unit import service_model

    operation = draw(st.sampled_from(sorted(OPERATIONS)))
    members = list(service_model("pinpoint-sms-voice-v2").operation_model(operation)
                   .input_shape.members)  # fmt: skip
    keys = st.sampled_from(members) if members else st.just("X")
    return operation, draw(st.dictionaries(keys, _JSON, max_size=4))


@settings(max_examples=150, deadline=None)
@given(_requests())
def test_fuzz_every_served_operation_answers_in_the_services_form(
    request: tuple[str, dict[str, object]],
) -> None:
    operation, body = request
    stub = PinpointStub()
    stub.sms_v2.add_phone_number("+12065550199")
    status, doc = post(stub, f"PinpointSMSVoiceV2.{operation}", json.dumps(body).encode())
    assert status in (200, 400), doc
    if status == 400:
        assert doc["__type"] in stub.calls[-1].error  # type: ignore[operator]
