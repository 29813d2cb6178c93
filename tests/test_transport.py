"""Interception at the wire: what reaches the stub, what passes through, moto coexistence."""

from __future__ import annotations

from typing import Any

import boto3
import botocore.endpoint
import pytest

from pytest_pinpoint.errors import PinpointStubError
from pytest_pinpoint.interception import botocore as botocore_adapter
from pytest_pinpoint.interception import registry
from pytest_pinpoint.service.stub import PinpointStub

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
REQUEST = {
    "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
    "Users": {"testuser": {}},
}
# Created at import time, before any stub exists (like an app's module-level client).
# Collection runs before the env fixture, so its dummy credentials are given here.
EARLY_CLIENT = boto3.client(
    "pinpoint",
    region_name="us-east-1",
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)


def send(client: Any) -> dict[str, Any]:
    out: dict[str, Any] = client.send_users_messages(
        ApplicationId=APP_ID, SendUsersMessageRequest=REQUEST
    )
    return out


def test_module_level_client_created_before_the_stub() -> None:
    with PinpointStub() as stub:
        out = send(EARLY_CLIENT)
    entry = out["SendUsersMessageResponse"]["Result"]["testuser"]["testuserendpoint"]
    assert entry["DeliveryStatus"] == "SUCCESSFUL"
    assert len(stub.calls) == 1
    signed = stub.calls[0]
    assert signed.url.startswith("https://pinpoint.us-east-1.amazonaws.com/v1/apps/")


@pytest.mark.pinpoint_live  # no guard: with no stub left, requests go out as botocore sends them
def test_stubs_nest_and_with_none_left_requests_pass_through() -> None:
    from pytest_pinpoint import LoopbackServer

    assert not registry.guard_enabled()
    outer = PinpointStub().start()
    inner = PinpointStub().start()
    assert registry.current() is inner
    send(EARLY_CLIENT)
    inner.stop()
    assert registry.current() is outer
    send(EARLY_CLIENT)
    outer.stop()
    assert (len(outer.calls), len(inner.calls)) == (1, 1)
    assert registry.current() is None
    assert not registry.active()
    # The plugin keeps botocore patched for the session (registry.pin): with nothing active
    # the patched functions hand a Pinpoint request to botocore's own _send, here to a server.
    with LoopbackServer() as server:
        out = send(loopback_client(server.url))
    entry = out["SendUsersMessageResponse"]["Result"]["testuser"]["testuserendpoint"]
    assert entry["DeliveryStatus"] == "SUCCESSFUL"
    assert len(server.stub.calls) == 1
    assert (len(outer.calls), len(inner.calls)) == (1, 1)


def loopback_client(url: str) -> Any:
    return boto3.client(
        "pinpoint",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="a",
        aws_secret_access_key="b",
    )


@pytest.mark.pinpoint_live
def test_other_services_pass_through_the_pinned_patches() -> None:
    from botocore.config import Config
    from botocore.parsers import ResponseParserError

    from pytest_pinpoint import LoopbackServer

    with LoopbackServer() as server, PinpointStub() as stub:
        url = server.url
        sts = boto3.client(
            "sts",
            region_name="us-east-1",
            endpoint_url=url,
            aws_access_key_id="a",
            aws_secret_access_key="b",
            config=Config(retries={"total_max_attempts": 1}),
        )
        # STS's request reaches the server through botocore's _send (whose JSON 404 is not
        # the XML STS parses)
        with pytest.raises(ResponseParserError):
            sts.get_caller_identity()
    assert stub.calls == []
    assert [call.url for call in server.stub.calls] == [url + "/"]


# Outside pytest (a script: no plugin, no pin), the last stop restores botocore, and a request
# already inside a patched function when that happens finishes with the original it bound.
UNINSTALL_SCRIPT = """
import boto3, botocore.endpoint
from botocore.signers import RequestSigner
from pytest_pinpoint import LoopbackServer, PinpointStub
from pytest_pinpoint.interception import registry

endpoint = botocore.endpoint.Endpoint
ORIGINAL = {name: getattr(endpoint, name) for name in ("_send", "make_request")}
ORIGINAL_TIME, ORIGINAL_SIGN = botocore.endpoint.time, RequestSigner.sign
REQUEST = {"MessageConfiguration": {"SMSMessage": {"Body": "x"}}, "Users": {"testuser": {}}}

def send(client):
    out = client.send_users_messages(ApplicationId="a", SendUsersMessageRequest=REQUEST)
    return out["SendUsersMessageResponse"]["Result"]["testuser"]["testuserendpoint"]

def restored():
    return (
        all(getattr(endpoint, name) is f for name, f in ORIGINAL.items())
        and botocore.endpoint.time is ORIGINAL_TIME
        and RequestSigner.sign is ORIGINAL_SIGN
        and not registry.installed()
    )

client = boto3.client("pinpoint", region_name="us-east-1", aws_access_key_id="a",
                      aws_secret_access_key="b")
outer = PinpointStub().start()
inner = PinpointStub().start()
send(client)
inner.stop()
assert not restored(), "the outer stub is still active"
send(client)
outer.stop()
assert (len(outer.calls), len(inner.calls)) == (1, 1)
assert restored(), "the last stop must restore botocore"

with LoopbackServer() as server:
    loop = boto3.client("pinpoint", region_name="us-east-1", endpoint_url=server.url,
                        aws_access_key_id="a", aws_secret_access_key="b")
    for name in ORIGINAL:
        with PinpointStub():
            in_flight = getattr(endpoint, name)  # what a request inside botocore is running
        assert restored()
        setattr(endpoint, name, in_flight)
        try:
            assert send(loop)["DeliveryStatus"] == "SUCCESSFUL"  # went on to the server
        finally:
            setattr(endpoint, name, ORIGINAL[name])
    assert len(server.stub.calls) == 2
print("restored")
"""


def test_outside_pytest_the_last_stop_restores_botocore() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", UNINSTALL_SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "restored"


def test_unimplemented_operation_raises_naming_it() -> None:
    stub = PinpointStub().start()
    client = stub.client()
    with pytest.raises(client.exceptions.NotFoundException) as info:
        client.get_event_stream(ApplicationId=APP_ID)
    stub.stop()
    message = str(info.value)
    assert "does not model GetEventStream" in message
    assert "pinpoint_stub.respond('GetEventStream'" in message
    assert any("GetEventStream" in p for p in stub.problems())  # the teardown fails


def test_guard_without_stub_names_the_fixture() -> None:
    registry.set_guard(True)
    try:
        with pytest.raises(PinpointStubError) as info:
            send(EARLY_CLIENT)
        with pytest.raises(PinpointStubError, match="get_apps reached Pinpoint"):
            EARLY_CLIENT.get_apps()
    finally:
        registry.set_guard(False)
    assert str(info.value).startswith(
        "pytest-pinpoint: send_users_messages reached Pinpoint without the pinpoint_stub fixture"
    )


def test_moto_coexistence_s3_sts_and_pinpoint_in_one_test() -> None:
    moto = pytest.importorskip("moto")
    with moto.mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="pinpoint-stub-bucket")
        with PinpointStub() as stub:
            late = boto3.client("pinpoint", region_name="us-east-1")
            send(late)
            send(EARLY_CLIENT)
            # other services are still moto's, untouched by the stub
            assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["pinpoint-stub-bucket"]
            sts = boto3.client("sts", region_name="us-east-1")
            assert sts.get_caller_identity()["Account"] == "123456789012"
        assert len(stub.calls) == 2
        # without a stub, moto answers Pinpoint again (its "not yet implemented" 404)
        with pytest.raises(late.exceptions.ClientError, match="Not yet implemented"):
            send(late)


def test_moto_imported_after_the_stub_started(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("moto")
    # Simulate "moto imported later": drop our hold on it, then let the first call re-patch.
    with PinpointStub() as stub:
        botocore_adapter._unpatch_moto()
        import moto

        with moto.mock_aws():
            send(boto3.client("pinpoint", region_name="us-east-1"))
    assert len(stub.calls) == 1


def test_non_pinpoint_requests_pass_through(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_send(self: Any, request: Any) -> Any:
        seen.append(request.url)
        raise RuntimeError("stop here")

    monkeypatch.setattr(botocore.endpoint.Endpoint, "_send", fake_send)
    with PinpointStub() as stub:
        sts = boto3.client("sts", region_name="us-east-1")
        with pytest.raises(RuntimeError, match="stop here"):
            sts.get_caller_identity()
    assert seen == ["https://sts.us-east-1.amazonaws.com/"]
    assert stub.calls == []


def test_aiobotocore_clients_are_intercepted_too() -> None:
    pytest.importorskip("aiobotocore")
    import asyncio

    from aiobotocore.session import get_session

    async def scenario(stub: PinpointStub) -> tuple[dict[str, Any], str]:
        async with get_session().create_client("pinpoint", region_name="us-east-1") as client:
            out = await client.send_users_messages(
                ApplicationId=APP_ID, SendUsersMessageRequest=REQUEST
            )
            try:
                await client.get_event_stream(ApplicationId=APP_ID)
            except client.exceptions.NotFoundException as exc:
                return out, str(exc)
        raise AssertionError("get_event_stream reached past the stub")

    stub = PinpointStub().start()
    stub.fail("TooManyRequestsException", times=1)
    try:
        out, unimplemented = asyncio.run(scenario(stub))
    finally:
        stub.stop()
    assert out["ResponseMetadata"]["RetryAttempts"] == 1
    entry = out["SendUsersMessageResponse"]["Result"]["testuser"]["testuserendpoint"]
    assert entry["DeliveryStatus"] == "SUCCESSFUL"
    assert [c.attempt for c in stub.calls[:2]] == [1, 2]
    assert len(stub.retry_delays) == 1
    assert "GetEventStream" in unimplemented


BAD_REQUEST = {  # breaks sms-message-type-enum: a strict-mode 400
    "MessageConfiguration": {"SMSMessage": {"Body": "hi", "MessageType": "URGENT"}},
    "Users": {"testuser": {}},
}


@pytest.mark.parametrize("why", ["scripted BadRequestException", "strict-mode 400"])
def test_a_non_retried_error_leaves_no_backoff_for_a_later_sleep(
    monkeypatch: pytest.MonkeyPatch, why: str
) -> None:
    import time

    from botocore.exceptions import ClientError

    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)  # what botocore's real sleep calls
    with PinpointStub():  # keeps the interception installed (as the plugin's guard would)
        first = PinpointStub(fail_on_unused=False).start()
        if why.startswith("scripted"):
            first.fail("BadRequestException")
        with pytest.raises(ClientError, match="BadRequestException"):
            first.client().send_users_messages(
                ApplicationId=APP_ID,
                SendUsersMessageRequest=REQUEST if why.startswith("scripted") else BAD_REQUEST,
            )
        first.stop()
        # the next retry sleep botocore makes, for any service: slept, and recorded nowhere
        botocore.endpoint.time.sleep(0.25)
    assert first.retry_delays == []
    assert slept == [0.25]
