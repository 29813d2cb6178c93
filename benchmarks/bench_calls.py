"""Per-call cost through a real boto3 client, every variant interleaved round by round.

Variants: the canned before-send floor (botocore serializes, signs and parses; a pre-built
response answers), botocore's Stubber, `PinpointStub` in strict mode for both send operations,
moto's get_app; and the marginal cost per endpoint message (100 users x 1 vs x 3 endpoints).

moto registers a before-send handler on every client created after it is imported, so all the
other clients are made first and moto is imported last.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from common import (
    APP_ID,
    SEED_REQUEST,
    SEED_RESPONSE_BODY,
    dummy_aws_env,
    interleave,
    ratios,
    spread,
    timed,
)

SMS_ADDRESS = "+12065550100"
SEND_MESSAGES_REQUEST: dict[str, Any] = {
    "ApplicationId": APP_ID,
    "MessageRequest": {
        "Addresses": {SMS_ADDRESS: {"ChannelType": "SMS"}},
        "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
    },
}
SEND_MESSAGES_RESPONSE_BODY = json.dumps(
    {
        "ApplicationId": APP_ID,
        "RequestId": "e0b12cf5-2359-11e9-bb0b-d5fb91876b25",
        "Result": {
            SMS_ADDRESS: {
                "DeliveryStatus": "SUCCESSFUL",
                "MessageId": "7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",
                "StatusCode": 200,
                "StatusMessage": "MessageId: 7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",
            }
        },
    }
).encode()
NOT_SERVED = "n/a: not served yet"


class _Raw:
    """The minimum botocore reads from a raw HTTP response."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Any:
        yield self._body


def _client() -> Any:
    import boto3

    return boto3.session.Session().client("pinpoint", region_name="us-west-2")


def floor_client(operation: str, body: bytes) -> Any:
    """A client whose `operation` is answered by a before-send handler with one pre-built
    response: serialize + sign + parse, nothing else."""
    from botocore.awsrequest import AWSResponse

    client = _client()
    headers = {
        "Content-Type": "application/json",
        "x-amzn-RequestId": "e0b12cf5-2359-11e9-bb0b-d5fb91876b25",
    }

    def answer(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, 200, headers, _Raw(body))

    client.meta.events.register(f"before-send.pinpoint.{operation}", answer)
    return client


def stubber_call() -> Callable[[], Any]:
    """botocore.stub.Stubber with one queued response per call (what a Stubber test does)."""
    from botocore.stub import Stubber

    client = _client()
    response = {"SendUsersMessageResponse": json.loads(SEED_RESPONSE_BODY)}
    stub = Stubber(client)
    stub.activate()

    def call() -> Any:
        stub.add_response("send_users_messages", copy.deepcopy(response), SEED_REQUEST)
        return client.send_users_messages(**SEED_REQUEST)

    return call


def stubbed(
    client: Any, method: str, request: dict[str, Any], number: int, **options: Any
) -> Callable[[], float]:
    """A variant: a fresh strict `PinpointStub` per round (started, timed, stopped), so no
    other variant ever runs under an active stub."""
    from pytest_pinpoint import PinpointStub

    users: dict[str, int] = options.pop("endpoints_per_user", {})

    def call_of(stub: Any) -> Callable[[], Any]:
        send = getattr(client, method)

        def call() -> Any:
            stub.calls.clear()
            stub.sent.clear()
            return send(**request)

        return call

    def measure() -> float:
        with PinpointStub(seed=0, contract="strict", **options) as stub:
            for user, count in users.items():
                stub.add_user(user, endpoints=_sms_endpoints(user, count))
            call = call_of(stub)
            call()  # the first call after start pays one-time patching: not a per-call cost
            return timed(call, number)()

    return measure


def _sms_endpoints(user: str, count: int) -> dict[str, dict[str, str]]:
    n = int(user.rsplit("-", 1)[1])
    return {
        f"e{k}": {"ChannelType": "SMS", "Address": f"+1206555{n:02d}{k:02d}"} for k in range(count)
    }


def send_messages_served(client: Any) -> str | None:
    """None when PinpointStub answers SendMessages, else the reason it cannot be measured."""
    from pytest_pinpoint import PinpointStub

    try:
        with PinpointStub(seed=0, contract="strict"):
            client.send_messages(**SEND_MESSAGES_REQUEST)
    except Exception as exc:  # 404 / not implemented / a stub error: not served yet
        return f"{NOT_SERVED} ({type(exc).__name__})"
    return None


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


def moto_get_app(number: int) -> Callable[[], float]:
    """moto has no send_users_messages (404 "not yet implemented"); its closest implemented
    Pinpoint call, get_app, stands in. One mock_aws per round, like the stub's."""
    from moto import mock_aws

    def measure() -> float:
        with mock_aws():
            client = _client()
            response = client.create_app(CreateApplicationRequest={"Name": "bench"})
            app_id = response["ApplicationResponse"]["Id"]
            return timed(lambda: client.get_app(ApplicationId=app_id), number)()

    return measure


def run(quick: bool = False) -> dict[str, Any]:
    dummy_aws_env()
    # many short rounds: every variant gets its share of the machine's quiet moments
    n, rounds = (100, 4) if quick else (100, 15)
    floor_users = floor_client("SendUsersMessages", SEED_RESPONSE_BODY)
    floor_messages = floor_client("SendMessages", SEND_MESSAGES_RESPONSE_BODY)
    client = _client()
    variants: dict[str, Callable[[], float]] = {
        "floor": timed(lambda: floor_users.send_users_messages(**SEED_REQUEST), n),
        "stubber": timed(stubber_call(), n),
        "pinpoint_stub": stubbed(client, "send_users_messages", SEED_REQUEST, n),
    }
    skipped = send_messages_served(client)
    if skipped is None:
        variants["floor_send_messages"] = timed(
            lambda: floor_messages.send_messages(**SEND_MESSAGES_REQUEST), n
        )
        variants["send_messages"] = stubbed(client, "send_messages", SEND_MESSAGES_REQUEST, n)
    for users, endpoints in ((10, 1), (10, 3), (100, 1), (100, 3)):
        variants[f"scale_{users}x{endpoints}"] = stubbed(
            client,
            "send_users_messages",
            scale_request(users),
            max(5, n // (users * endpoints)),
            endpoints_per_user={f"user-{u}": endpoints for u in range(users)},
        )
    variants["moto_get_app"] = moto_get_app(n // 2)  # imports moto: last
    samples = interleave(variants, rounds)
    return summarize(samples, skipped)


def summarize(samples: dict[str, list[float]], skipped: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {name: spread(s) for name, s in samples.items()}
    out["vs_floor"] = ratios(samples["pinpoint_stub"], samples["floor"])
    out["stubber_vs_floor"] = ratios(samples["stubber"], samples["floor"])
    out["moto_vs_stub"] = ratios(samples["moto_get_app"], samples["pinpoint_stub"])
    if skipped is None:
        out["send_messages_vs_floor"] = ratios(
            samples["send_messages"], samples["floor_send_messages"]
        )
    else:
        out["send_messages_skipped"] = skipped
    for users in (10, 100):
        one, three = samples[f"scale_{users}x1"], samples[f"scale_{users}x3"]
        per_round = sorted((b - a) / (2 * users) for a, b in zip(one, three, strict=True))
        out[f"marginal_{users}"] = {
            "best": (min(three) - min(one)) / (2 * users),
            "low": per_round[0],
            "high": per_round[-1],
        }
    return out
