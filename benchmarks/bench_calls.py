"""Per-call cost of one `send_users_messages` through a real boto3 client, side by side."""

from __future__ import annotations

import copy
from typing import Any

from common import APP_ID, SEED_REQUEST, SEED_RESPONSE_BODY, dummy_aws_env, per_call


class _Raw:
    """The minimum botocore reads from a raw HTTP response."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Any:
        yield self._body


def _client() -> Any:
    import boto3

    return boto3.session.Session().client("pinpoint", region_name="us-west-2")


def floor(number: int) -> float:
    """botocore answered by a before-send handler with one pre-built response:
    serialize + sign + parse, nothing else."""
    from botocore.awsrequest import AWSResponse

    client = _client()
    headers = {
        "Content-Type": "application/json",
        "x-amzn-RequestId": "e0b12cf5-2359-11e9-bb0b-d5fb91876b25",
    }

    def answer(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, 200, headers, _Raw(SEED_RESPONSE_BODY))

    client.meta.events.register("before-send.pinpoint.SendUsersMessages", answer)
    return per_call(lambda: client.send_users_messages(**SEED_REQUEST), number=number)


def stubber(number: int) -> float:
    """botocore.stub.Stubber with one queued response per call (what a Stubber test does)."""
    import json

    from botocore.stub import Stubber

    client = _client()
    response = {"SendUsersMessageResponse": json.loads(SEED_RESPONSE_BODY)}
    stub = Stubber(client)
    stub.activate()

    def call() -> Any:
        stub.add_response("send_users_messages", copy.deepcopy(response), SEED_REQUEST)
        return client.send_users_messages(**SEED_REQUEST)

    return per_call(call, number=number)


def pinpoint_stub(
    number: int, request: dict[str, Any] | None = None, users: int = 0, endpoints: int = 1
) -> float:
    """The plugin's fake in strict mode: contract checks, rendering, outcomes, recording."""
    from pytest_pinpoint import PinpointStub

    request = request or SEED_REQUEST
    with PinpointStub(seed=0, contract="strict") as stub:
        for u in range(users):
            stub.add_user(
                f"user-{u}",
                endpoints={
                    f"e{k}": {"ChannelType": "SMS", "Address": f"+1206555{u:02d}{k:02d}"}
                    for k in range(endpoints)
                },
            )
        client = _client()

        def call() -> Any:
            stub.calls.clear()
            stub.sent.clear()
            return client.send_users_messages(**request)

        return per_call(call, number=number)


def moto_get_app(number: int) -> float:
    """moto does not implement send_users_messages (404 "not yet implemented"); its closest
    implemented Pinpoint call, get_app, stands in."""
    from moto import mock_aws

    with mock_aws():
        client = _client()
        app_id = client.create_app(CreateApplicationRequest={"Name": "bench"})[
            "ApplicationResponse"
        ]["Id"]
        return per_call(lambda: client.get_app(ApplicationId=app_id), number=number)


def scale_request(users: int) -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "SendUsersMessageRequest": {
            "MessageConfiguration": {
                "SMSMessage": {"Body": "Hello {{Name}}", "MessageType": "TRANSACTIONAL"}
            },
            "Users": {f"user-{u}": {"Substitutions": {"Name": [f"N{u}"]}} for u in range(users)},
        },
    }


def run(quick: bool = False) -> dict[str, Any]:
    dummy_aws_env()
    n = 300 if quick else 2000
    results = {
        "floor": floor(n),
        "stubber": stubber(n),
        "pinpoint_stub": pinpoint_stub(n),
        "moto_get_app": moto_get_app(n // 4),
    }
    scale: dict[str, float] = {}
    for users in (1, 10, 100):
        for endpoints in (1, 3):
            calls = max(20, n // (users * endpoints))
            scale[f"{users}x{endpoints}"] = pinpoint_stub(
                calls, scale_request(users), users, endpoints
            )
    results["scale"] = scale
    return results
