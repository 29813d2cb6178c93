"""aiobotocore clients answered by the stub (pytest_pinpoint.aio)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "aiobotocore", reason="aiobotocore is a dev dependency (pip install -e '.[dev]')"
)

from aiobotocore.endpoint import AioEndpoint
from aiobotocore.session import get_session
from botocore.exceptions import ClientError
from seed_example import assert_documented_result

from pytest_pinpoint import aio
from pytest_pinpoint.errors import PinpointStubError
from pytest_pinpoint.interception import registry
from pytest_pinpoint.interception.server import LoopbackServer
from pytest_pinpoint.service.stub import PinpointStub

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
# The worked example of 000_55cfda106dd42147.txt.
SEED_REQUEST = {
    "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
    "Users": {"testuser": {}},
}


@pytest.fixture(autouse=True)
def no_aws_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_RETRY_MODE", "AWS_MAX_ATTEMPTS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def stub() -> Iterator[PinpointStub]:
    stub = PinpointStub()  # engine only: not start()ed, so botocore is not patched
    aio.install(lambda: stub)
    try:
        yield stub
    finally:
        aio.uninstall()
    assert not aio.installed()


async def send(service: str = "pinpoint", endpoint_url: str | None = None, **kwargs: Any) -> Any:
    session = get_session()
    options: dict[str, Any] = {
        "region_name": "us-west-2",
        "aws_access_key_id": "AKIDEXAMPLE",
        "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    }
    if endpoint_url is not None:
        options["endpoint_url"] = endpoint_url
    async with session.create_client(service, **options) as client:
        if service == "pinpoint":
            return await client.send_users_messages(
                ApplicationId=APP_ID, SendUsersMessageRequest=SEED_REQUEST, **kwargs
            )
        return await client.list_configuration_sets()


def test_seed_example(stub: PinpointStub) -> None:
    response = asyncio.run(send())
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["ResponseMetadata"]["RetryAttempts"] == 0
    body = response["SendUsersMessageResponse"]
    assert body["ApplicationId"] == APP_ID
    assert body["RequestId"] == stub.calls[0].request_id
    result = body["Result"]["testuser"]["testuserendpoint"]
    assert_documented_result(result)
    [call] = stub.calls
    assert call.params == {"ApplicationId": APP_ID, "SendUsersMessageRequest": SEED_REQUEST}
    assert call.url.startswith("https://pinpoint.us-west-2.amazonaws.com/v1/apps/")
    assert [(s.user, s.endpoint, s.status) for s in stub.sent] == [
        ("testuser", "testuserendpoint", "SUCCESSFUL")
    ]


def test_throttled_then_success_is_retried_without_sleeping(stub: PinpointStub) -> None:
    stub.fail("TooManyRequestsException")
    response = asyncio.run(send())
    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    assert [(c.attempt, c.error) for c in stub.calls] == [
        (1, "TooManyRequestsException"),
        (2, None),
    ]
    assert len(stub.retry_delays) == 1  # the backoff was recorded, not slept


def test_modeled_error_is_raised(stub: PinpointStub) -> None:
    stub.fail("BadRequestException", message="scripted")
    with pytest.raises(ClientError) as info:
        asyncio.run(send())
    assert info.value.response["Error"]["Code"] == "BadRequestException"
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert info.value.response["Error"]["Message"] == "scripted"


def test_scripted_outcome(stub: PinpointStub) -> None:
    stub.outcome("PERMANENT_FAILURE", user="testuser")
    response = asyncio.run(send())
    result = response["SendUsersMessageResponse"]["Result"]["testuser"]["testuserendpoint"]
    assert result["DeliveryStatus"] == "PERMANENT_FAILURE"


def test_contract_violation_is_a_bad_request(stub: PinpointStub) -> None:
    with pytest.raises(ClientError, match="BadRequestException"):
        asyncio.run(
            _send_request({"MessageConfiguration": {"SMSMessage": {"Body": "x"}}, "Users": {}})
        )
    assert stub.violations
    assert {v.rule for v in stub.violations} == {"users-empty"}


async def _send_request(request: dict[str, Any]) -> Any:
    session = get_session()
    async with session.create_client(
        "pinpoint",
        region_name="us-west-2",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
    ) as client:
        return await client.send_users_messages(
            ApplicationId=APP_ID, SendUsersMessageRequest=request
        )


@pytest.mark.pinpoint_live  # the plugin's live-send guard would (rightly) stop this send
def test_without_a_stub_the_original_send_runs() -> None:
    # get_stub() -> None: the request really goes out, here to a loopback server.
    idle = PinpointStub()
    aio.install(lambda: None)
    try:
        with LoopbackServer() as server:
            response = asyncio.run(send(endpoint_url=server.url))
    finally:
        aio.uninstall()
    assert response["SendUsersMessageResponse"]["ApplicationId"] == APP_ID
    assert len(server.stub.calls) == 1
    assert idle.calls == []


def test_other_services_are_not_intercepted(stub: PinpointStub) -> None:
    # The Pinpoint Email API is rest-json too, but its endpoint prefix is "email".
    with LoopbackServer() as server, pytest.raises(ClientError) as info:
        asyncio.run(send("pinpoint-email", endpoint_url=server.url))
    assert info.value.response["Error"]["Code"] == "NotFoundException"
    assert stub.calls == []
    [call] = server.stub.calls  # the request went through the socket to the server
    assert call.url.endswith("/v1/email/configuration-sets")


def test_guard_blocks_live_sends_without_a_stub() -> None:
    aio.install(lambda: None)
    was_on = registry.guard_enabled()
    registry.set_guard(True)
    try:
        # the real endpoint: the guard raises before any socket (a loopback URL is let
        # through, as for botocore: pytest-pinpoint serve keeps the message on this machine)
        with pytest.raises(PinpointStubError, match="send_users_messages reached Pinpoint"):
            asyncio.run(send())
    finally:
        registry.set_guard(was_on)
        aio.uninstall()


def test_newest_install_with_a_stub_wins() -> None:
    first, second = PinpointStub(), PinpointStub()
    current: list[PinpointStub | None] = [second]
    aio.install(lambda: first)
    aio.install(lambda: current[0])
    try:
        asyncio.run(send())
        current[0] = None  # falls back to the older registration
        asyncio.run(send())
    finally:
        aio.uninstall()
        aio.uninstall()
    assert (len(first.calls), len(second.calls)) == (1, 1)


def test_install_is_reference_counted_and_uninstall_restores() -> None:
    original_send = vars(AioEndpoint)["_send"]
    original_sleep = vars(AioEndpoint)["_sleep"]
    getter = lambda: None  # noqa: E731
    aio.install(getter)
    aio.install(getter)
    assert vars(AioEndpoint)["_send"] is not original_send
    patched = vars(AioEndpoint)["_send"]
    aio.uninstall(getter)
    assert aio.installed()
    assert vars(AioEndpoint)["_send"] is patched  # patched once, not twice
    aio.uninstall(getter)
    assert not aio.installed()
    assert vars(AioEndpoint)["_send"] is original_send
    assert vars(AioEndpoint)["_sleep"] is original_sleep
    aio.uninstall()  # nothing installed: a no-op
    aio.uninstall(getter)
    assert vars(AioEndpoint)["_send"] is original_send


def test_install_needs_a_callable() -> None:
    with pytest.raises(PinpointStubError, match="must be callable"):
        aio.install(PinpointStub())  # type: ignore[arg-type]
    assert not aio.installed()
