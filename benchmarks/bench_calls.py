"""Per-call cost through a real boto3 client: the variants are called in turn, one call at a
time (`common.paired`), in many short rounds; the best round and the spread are reported.

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
    paired,
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
SMS_V2 = "pinpoint-sms-voice-v2"
SEND_TEXT_REQUEST: dict[str, Any] = {
    "DestinationPhoneNumber": SMS_ADDRESS,
    "OriginationIdentity": "+12065550199",
    "MessageBody": "hello, how are you?",
    "MessageType": "TRANSACTIONAL",
}
SEND_TEXT_RESPONSE_BODY = json.dumps({"MessageId": "0d1f4f9e-6c1a-4b5e-9c3a-2f7e8d9b0a11"}).encode()


class _Raw:
    """The minimum botocore reads from a raw HTTP response."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Any:
        yield self._body


def _client(service: str = "pinpoint") -> Any:
    import boto3

    return boto3.session.Session().client(service, region_name="us-west-2")


def floor_client(operation: str, body: bytes, service: str = "pinpoint") -> Any:
    """A client whose `operation` is answered by a before-send handler with one pre-built
    response: serialize + sign + parse, nothing else."""
    from botocore.awsrequest import AWSResponse

    client = _client(service)
    content_type = "application/x-amz-json-1.0" if service == SMS_V2 else "application/json"
    headers = {
        "Content-Type": content_type,
        "x-amzn-RequestId": "e0b12cf5-2359-11e9-bb0b-d5fb91876b25",
    }

    def answer(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, 200, headers, _Raw(body))

    event_name = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register(f"before-send.{event_name}.{operation}", answer)
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


def stub_call(stub: Any, send: Callable[..., Any], request: dict[str, Any]) -> Callable[[], Any]:
    """One stubbed call; its record is emptied after it (so the call that made the records pays
    for freeing them, not the next variant in turn) and does not grow across calls."""

    def call() -> Any:
        try:
            return send(**request)
        finally:
            stub.calls.clear()
            stub.sent.clear()

    return call


def core_round(
    client: Any,
    calls: dict[str, Callable[[], Any]],
    number: int,
    sink: dict[str, list[float]],
) -> Callable[[], float]:
    """A round of the floor(s), Stubber and the stub's send(s), called in turn one call at a
    time under one started strict stub. The floor's client then passes the interception's
    wrappers too (about 1 µs of a 500 µs call): the stub's ratio reads up to 0.3% low."""
    from pytest_pinpoint import PinpointStub

    def measure() -> float:
        with PinpointStub(seed=0, contract="strict") as stub:
            every = dict(calls)
            every["pinpoint_stub"] = stub_call(stub, client.send_users_messages, SEED_REQUEST)
            if "floor_send_messages" in calls:
                every["send_messages"] = stub_call(
                    stub, client.send_messages, SEND_MESSAGES_REQUEST
                )
            for call in every.values():
                call()  # the first call after start pays one-time patching: not per call
            for name, seconds in paired(every, number).items():
                sink.setdefault(name, []).append(seconds)
        return 0.0

    return measure


def sms_round(
    sms: Any, floor: Callable[[], Any], number: int, sink: dict[str, list[float]]
) -> Callable[[], float]:
    """SMS v2's floor and send, paired in their own block of each round, as the scale pairs are:
    in the Pinpoint block their other code paths moved the Pinpoint ratios by about 5%."""
    from pytest_pinpoint import PinpointStub

    def measure() -> float:
        with PinpointStub(seed=0, contract="strict") as stub:
            every = {
                "floor_send_text_message": floor,
                "send_text_message": stub_call(stub, sms.send_text_message, SEND_TEXT_REQUEST),
            }
            for call in every.values():
                call()
            for name, seconds in paired(every, number).items():
                sink.setdefault(name, []).append(seconds)
        return 0.0

    return measure


def scale_round(client: Any, number: int, sink: dict[str, list[float]]) -> Callable[[], float]:
    """10 and 100 users with 1 or 3 SMS endpoints each, in turn under one stub: users `a-N`
    have one endpoint, users `b-N` three."""
    from pytest_pinpoint import PinpointStub

    def measure() -> float:
        with PinpointStub(seed=0, contract="strict") as stub:
            for u in range(100):
                stub.add_user(f"a-{u}", endpoints=_sms_endpoints(u, 1))
                stub.add_user(f"b-{u}", endpoints=_sms_endpoints(100 + u, 3))
            for users in (10, 100):  # pairs of like size: a big call leaves cold caches
                calls = {
                    f"scale_{users}x{count}": stub_call(
                        stub, client.send_users_messages, scale_request(users, prefix)
                    )
                    for count, prefix in ((1, "a"), (3, "b"))
                }
                for call in calls.values():
                    call()
                for name, seconds in paired(calls, number).items():
                    sink.setdefault(name, []).append(seconds)
        return 0.0

    return measure


def _sms_endpoints(n: int, count: int) -> dict[str, dict[str, str]]:
    # endpoint IDs are unique within an application: a shared ID would move to the next user
    return {
        f"e{n}-{k}": {"ChannelType": "SMS", "Address": f"+1206555{n:03d}{k:02d}"}
        for k in range(count)
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


def scale_request(users: int, prefix: str = "user") -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "SendUsersMessageRequest": {
            "MessageConfiguration": {
                "SMSMessage": {"Body": "Hello {{Name}}", "MessageType": "TRANSACTIONAL"}
            },
            "Users": {
                f"{prefix}-{u}": {"Substitutions": {"Name": [f"N{u}"]}} for u in range(users)
            },
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
    # many short rounds, each calling the variants in turn: noise lands on all of them alike
    n, rounds = (50, 3) if quick else (60, 12)
    floor_users = floor_client("SendUsersMessages", SEED_RESPONSE_BODY)
    floor_messages = floor_client("SendMessages", SEND_MESSAGES_RESPONSE_BODY)
    floor_text = floor_client("SendTextMessage", SEND_TEXT_RESPONSE_BODY, SMS_V2)
    client = _client()
    calls: dict[str, Callable[[], Any]] = {
        "floor": lambda: floor_users.send_users_messages(**SEED_REQUEST),
        "stubber": stubber_call(),
    }
    skipped = send_messages_served(client)
    if skipped is None:
        calls["floor_send_messages"] = lambda: floor_messages.send_messages(**SEND_MESSAGES_REQUEST)
    samples: dict[str, list[float]] = {}
    variants = {
        "core": core_round(client, calls, n, samples),
        "sms_v2": sms_round(
            _client(SMS_V2),
            lambda: floor_text.send_text_message(**SEND_TEXT_REQUEST),
            n,
            samples,
        ),
        "scale": scale_round(client, max(3, n // 20), samples),
        "moto_get_app": moto_get_app(n),  # imports moto: made last
    }
    samples["moto_get_app"] = interleave(variants, rounds)["moto_get_app"]
    return summarize(samples, skipped)


def summarize(samples: dict[str, list[float]], skipped: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {name: spread(s) for name, s in samples.items()}
    out["rounds"] = len(samples["floor"])
    out["vs_floor"] = ratios(samples["pinpoint_stub"], samples["floor"])
    out["stubber_vs_floor"] = ratios(samples["stubber"], samples["floor"])
    out["send_text_message_vs_floor"] = ratios(
        samples["send_text_message"], samples["floor_send_text_message"]
    )
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
