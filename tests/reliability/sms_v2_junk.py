"""Malformed input for the SMS and voice v2 unit (issue 27): one valid request per served
operation, a random path of it replaced with junk, through a boto3 `pinpoint-sms-voice-v2`
client (parameter validation off) into a strict stub, and junk bodies and targets through the
loopback server. Internal errors (a traceback from inside pytest_pinpoint, a 5xx, a body that is
not json 1.0's JSON) must be 0."""

from __future__ import annotations

import http.client
import json
import random
from typing import Any

from botocore import xform_name

from .junk import Mutator, ours, paths, replace

SERVICE = "pinpoint-sms-voice-v2"
TO, FROM = "+12065550100", "+12065550199"
POOL = "pool-0123456789abcdef0123456789abcdef"
VERIFIED = "verifieddestinationnumber-0123456789abcdef0123456789abcdef"
ALL = ("SMS", "VOICE", "MMS")  # the capabilities of FROM: every send may use it
SEND = {"DestinationPhoneNumber": TO, "OriginationIdentity": FROM, "MessageBody": "hi"}
# model operation -> valid kwargs (every operation the unit serves)
VALID: dict[str, dict[str, Any]] = {
    "SendTextMessage": SEND
    | {
        "MessageType": "TRANSACTIONAL",
        "Context": {"k": "v"},
        "TimeToLive": 300,
        "MaxPrice": "0.10",
    },
    "SendVoiceMessage": SEND
    | {"MessageBody": "<speak>hi</speak>", "MessageBodyTextType": "SSML", "VoiceId": "JOANNA"},
    "SendMediaMessage": SEND | {"MediaUrls": ["s3://bucket/cat.png"]},
    "RequestPhoneNumber": {
        "IsoCountryCode": "US",
        "MessageType": "TRANSACTIONAL",
        "NumberCapabilities": ["SMS", "VOICE"],
        "NumberType": "TOLL_FREE",
    },
    "DescribePhoneNumbers": {"PhoneNumberIds": [FROM], "MaxResults": 5},
    "UpdatePhoneNumber": {"PhoneNumberId": FROM, "SelfManagedOptOutsEnabled": True},
    "ReleasePhoneNumber": {"PhoneNumberId": FROM},
    "RequestSenderId": {"SenderId": "MYCO", "IsoCountryCode": "GB"},
    "DescribeSenderIds": {"SenderIds": [{"SenderId": "MYCO", "IsoCountryCode": "GB"}]},
    "CreatePool": {"OriginationIdentity": FROM, "MessageType": "TRANSACTIONAL"},
    "DescribePools": {"PoolIds": [POOL]},
    "AssociateOriginationIdentity": {"PoolId": POOL, "OriginationIdentity": FROM},
    "DisassociateOriginationIdentity": {"PoolId": POOL, "OriginationIdentity": FROM},
    "DeletePool": {"PoolId": POOL},
    "CreateOptOutList": {"OptOutListName": "list"},
    "PutOptedOutNumber": {"OptOutListName": "list", "OptedOutNumber": TO},
    "DeleteOptedOutNumber": {"OptOutListName": "list", "OptedOutNumber": TO},
    "DescribeOptedOutNumbers": {"OptOutListName": "list", "OptedOutNumbers": [TO]},
    "DescribeOptOutLists": {"OptOutListNames": ["list"]},
    "PutKeyword": {"OriginationIdentity": FROM, "Keyword": "HELP", "KeywordMessage": "help"},
    "DescribeKeywords": {"OriginationIdentity": FROM, "Keywords": ["HELP"]},
    "CreateConfigurationSet": {"ConfigurationSetName": "set"},
    "DescribeConfigurationSets": {"ConfigurationSetNames": ["set"]},
    "CreateEventDestination": {
        "ConfigurationSetName": "set",
        "EventDestinationName": "dest",
        "MatchingEventTypes": ["ALL"],
        "SnsDestination": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:events"},
    },
    "DeleteConfigurationSet": {"ConfigurationSetName": "set"},
    "CreateVerifiedDestinationNumber": {"DestinationPhoneNumber": TO},
    "SendDestinationNumberVerificationCode": {
        "VerifiedDestinationNumberId": VERIFIED,
        "VerificationChannel": "TEXT",
    },
    "VerifyDestinationNumber": {
        "VerifiedDestinationNumberId": VERIFIED,
        "VerificationCode": "123456",
    },
    "DescribeVerifiedDestinationNumbers": {"DestinationPhoneNumbers": [TO]},
    "DescribeSpendLimits": {"MaxResults": 5},
    "SetTextMessageSpendLimitOverride": {"MonthlyLimit": 10},
    "SetVoiceMessageSpendLimitOverride": {"MonthlyLimit": 10},
    "SetMediaMessageSpendLimitOverride": {"MonthlyLimit": 10},
}


def junk_kwargs(rng: random.Random, mutator: Mutator) -> tuple[str, dict[str, Any]]:
    operation = rng.choice(sorted(VALID))
    kwargs = VALID[operation]
    path = rng.choice(paths(kwargs)[1:])  # never the whole kwargs
    return operation, replace(kwargs, path, mutator.junk())


def sms_v2_boto3_internal_errors(seed: int, n: int) -> list[BaseException]:
    """``n`` junk calls (every fourth one valid, so junk meets state) through a boto3 client
    into one strict stub: the exceptions from inside pytest_pinpoint."""
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError

    from pytest_pinpoint import PinpointStub, PinpointStubError

    rng, mutator = random.Random(seed), Mutator(seed)
    internal: list[BaseException] = []
    config = Config(parameter_validation=False, retries={"max_attempts": 1})
    stub = PinpointStub(contract="strict", fail_on_unused=False).start()
    stub.sms_v2.add_phone_number(
        FROM, capabilities=ALL
    )  # the valid requests' origination identity exists
    try:
        client = boto3.session.Session().client(SERVICE, region_name="us-east-1", config=config)
        for i in range(n):
            operation, kwargs = junk_kwargs(rng, mutator)
            if i % 4 == 0:
                kwargs = VALID[operation]
            try:
                getattr(client, xform_name(operation))(**kwargs)
            except (ClientError, PinpointStubError):
                pass
            except Exception as exc:
                if ours(exc):
                    internal.append(exc)
            stub.calls.clear()
            stub.sent.clear()
    finally:
        stub.stop()
    return internal


def _target(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.1:
        return rng.choice(["", "PinpointSMSVoiceV2.", "PinpointSMSVoiceV2.NoSuchThing", "\u00ff"])
    if pick < 0.15:  # an operation of the model the unit does not serve
        return "PinpointSMSVoiceV2.DescribeRegistrations"
    return "PinpointSMSVoiceV2." + rng.choice(sorted(VALID))


def _body(rng: random.Random, mutator: Mutator, target: str) -> bytes:
    if rng.random() < 0.4:
        return mutator.raw_bytes()
    kwargs = VALID.get(target.partition(".")[2], SEND)
    junk = replace(kwargs, rng.choice(paths(kwargs)), mutator.junk())
    return json.dumps(junk, allow_nan=True, default=repr).encode()


def sms_v2_server_internal_errors(seed: int, n: int) -> list[str]:
    """``n`` junk json 1.0 requests through the loopback server: every answer must be a
    2xx/4xx with a JSON body."""
    from pytest_pinpoint import LoopbackServer

    rng, mutator = random.Random(seed), Mutator(seed)
    found: list[str] = []
    with LoopbackServer(contract="strict", fail_on_unused=False) as server:
        server.stub.sms_v2.add_phone_number(FROM, capabilities=ALL)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        for _ in range(n):
            target = _target(rng)
            headers = {
                "Content-Type": "application/x-amz-json-1.0",
                "X-Amz-Target": target.encode("utf-8").decode("latin-1"),
                "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/"
                "sms-voice/aws4_request, SignedHeaders=host, Signature=0",
            }
            try:
                conn.request("POST", "/", body=_body(rng, mutator, target), headers=headers)
                resp = conn.getresponse()
                payload = resp.read()
                if resp.status >= 500:
                    found.append(f"{target}: {resp.status} {payload[:200]!r}")
                json.loads(payload)
            except Exception as exc:
                found.append(f"{target}: {type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            server.stub.calls.clear()
            server.stub.sent.clear()
        conn.close()
        found += [f"server handler: {exc!r}" for exc in server.errors]
    return found
