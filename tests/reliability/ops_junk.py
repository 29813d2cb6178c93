"""Malformed input for the app's own calls (apps, endpoints, templates): one valid request per
served operation, a random path of it replaced with junk, sent through boto3 (parameter
validation off) and through the loopback server. Internal errors (a traceback from inside
pytest_pinpoint, or a 5xx) must be 0."""

from __future__ import annotations

import http.client
import json
import random
from typing import Any

from .junk import Mutator, ours, paths, replace

APP = "611e3e3cdd47474c9c1399a505665b91"
ENDPOINT = {
    "ChannelType": "SMS",
    "Address": "+12065550100",
    "Attributes": {"a": ["1"]},
    "User": {"UserId": "u", "UserAttributes": {"n": ["x"]}},
    "OptOut": "NONE",
    "EndpointStatus": "ACTIVE",
    "Metrics": {"m": 1.0},
}
# boto3 method -> valid kwargs (every operation the fake serves besides the sends)
VALID: dict[str, dict[str, Any]] = {
    "create_app": {"CreateApplicationRequest": {"Name": "n", "tags": {"k": "v"}}},
    "get_app": {"ApplicationId": APP},
    "get_apps": {"PageSize": "2", "Token": "0"},
    "delete_app": {"ApplicationId": APP},
    "update_endpoint": {"ApplicationId": APP, "EndpointId": "e", "EndpointRequest": ENDPOINT},
    "update_endpoints_batch": {
        "ApplicationId": APP,
        "EndpointBatchRequest": {"Item": [{**ENDPOINT, "Id": "e2"}]},
    },
    "get_endpoint": {"ApplicationId": APP, "EndpointId": "e"},
    "get_user_endpoints": {"ApplicationId": APP, "UserId": "u"},
    "delete_endpoint": {"ApplicationId": APP, "EndpointId": "e"},
    "delete_user_endpoints": {"ApplicationId": APP, "UserId": "u"},
    "create_sms_template": {
        "TemplateName": "t",
        "SMSTemplateRequest": {"Body": "b {{X}}", "DefaultSubstitutions": '{"X": "1"}'},
    },
    "update_sms_template": {
        "TemplateName": "t",
        "SMSTemplateRequest": {"Body": "c"},
        "CreateNewVersion": True,
        "Version": "1",
    },
    "get_sms_template": {"TemplateName": "t", "Version": "1"},
    "delete_sms_template": {"TemplateName": "t", "Version": "2"},
    "create_email_template": {
        "TemplateName": "t",
        "EmailTemplateRequest": {"Subject": "s", "TextPart": "t", "Headers": [{"Name": "a"}]},
    },
    "create_push_template": {
        "TemplateName": "t",
        "PushNotificationTemplateRequest": {"Default": {"Body": "b"}, "GCM": {"Body": "g"}},
    },
    "create_voice_template": {"TemplateName": "t", "VoiceTemplateRequest": {"Body": "b"}},
    "get_voice_template": {"TemplateName": "t"},
    "delete_email_template": {"TemplateName": "t"},
}


def junk_kwargs(rng: random.Random, mutator: Mutator) -> tuple[str, dict[str, Any]]:
    method = rng.choice(sorted(VALID))
    kwargs = VALID[method]
    path = rng.choice(paths(kwargs)[1:])  # never the whole kwargs
    return method, replace(kwargs, path, mutator.junk())


def ops_boto3_internal_errors(seed: int, n: int) -> list[BaseException]:
    """``n`` junk calls through a boto3 client into one stub: the exceptions from inside
    pytest_pinpoint (botocore's own serializer refusing junk is not ours)."""
    from botocore.config import Config
    from botocore.exceptions import ClientError

    from pytest_pinpoint import PinpointStub, PinpointStubError

    rng, mutator = random.Random(seed), Mutator(seed)
    internal: list[BaseException] = []
    stub = PinpointStub(contract="strict", fail_on_unused=False).start()
    try:
        client = stub.client(config=Config(parameter_validation=False, retries={"max_attempts": 1}))
        for i in range(n):
            method, kwargs = junk_kwargs(rng, mutator)
            if i % 4 == 0:  # valid calls too, so later junk meets existing state
                kwargs = VALID[method]
            try:
                getattr(client, method)(**kwargs)
            except (ClientError, PinpointStubError):
                pass
            except Exception as exc:
                if ours(exc):
                    internal.append(exc)
    finally:
        stub.stop()
    return internal


def ops_server_internal_errors(seed: int, n: int) -> list[str]:
    """``n`` junk bodies to every served operation's route through the loopback server: every
    answer must be a modeled 2xx/4xx with a JSON body."""
    from pytest_pinpoint import LoopbackServer, model
    from pytest_pinpoint.service import router

    rng, mutator = random.Random(seed), Mutator(seed)
    labels = {"{application-id}": APP, "{endpoint-id}": "e", "{user-id}": "u"}
    found: list[str] = []
    with LoopbackServer(fail_on_unused=False) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        for _ in range(n):
            op = rng.choice(router.OPERATIONS)
            binding = model.http_binding(op)
            path = binding.uri.split("?")[0].replace("{template-name}", "t")
            for label, value in labels.items():
                path = path.replace(label, value)
            body = mutator.raw_bytes() if rng.random() < 0.5 else json.dumps(
                replace(ENDPOINT, rng.choice(paths(ENDPOINT)), mutator.junk()), allow_nan=True
            ).encode()  # fmt: skip
            query = rng.choice(["", "?version=%ff", "?create-new-version=maybe&page-size=-1"])
            try:
                conn.request(binding.method, path + query, body=body)
                resp = conn.getresponse()
                payload = resp.read()
                if resp.status >= 500:
                    found.append(f"{op}: {resp.status} {payload[:200]!r}")
                json.loads(payload)
            except Exception as exc:
                found.append(f"{op}: {type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.close()
        found += [f"server handler: {exc!r}" for exc in server.errors]
    return found
