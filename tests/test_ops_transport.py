"""The app's own calls through every way in: the loopback server with the AWS CLI, raw HTTP,
``responses``, the pytest fixture (pytester), and many threads through one stub."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
import responses

from pytest_pinpoint import PinpointStub
from pytest_pinpoint.interception.responses import register
from pytest_pinpoint.interception.server import LoopbackServer

BASE = "https://pinpoint.us-east-1.amazonaws.com"
BIN_DIR = os.path.dirname(sys.executable)


def aws(server: LoopbackServer, env: dict[str, str], *args: str) -> Any:
    path = shutil.which("aws", path=BIN_DIR)
    if path is None:
        pytest.skip("the AWS CLI is not installed next to python (pip install -e '.[dev]')")
    argv = [path, "pinpoint", *args, "--region", "us-east-1", "--endpoint-url", server.url]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else None


def test_aws_cli_flow_against_the_server(cli_env: dict[str, str]) -> None:
    with LoopbackServer() as server:
        app = aws(server, cli_env, "create-app", "--create-application-request", "Name=notify")
        app_id = app["ApplicationResponse"]["Id"]
        request = {"ChannelType": "SMS", "Address": "+12065550111", "User": {"UserId": "alice"}}
        aws(server, cli_env, "update-endpoint", "--application-id", app_id,
            "--endpoint-id", "phone", "--endpoint-request", json.dumps(request))  # fmt: skip
        got = aws(server, cli_env, "get-user-endpoints", "--application-id", app_id,
                  "--user-id", "alice")  # fmt: skip
        assert [e["Address"] for e in got["EndpointsResponse"]["Item"]] == ["+12065550111"]
        body = {"MessageConfiguration": {"SMSMessage": {"Body": "hi"}}, "Users": {"alice": {}}}
        sent = aws(server, cli_env, "send-users-messages", "--application-id", app_id,
                   "--send-users-message-request", json.dumps(body))  # fmt: skip
        result = sent["SendUsersMessageResponse"]["Result"]["alice"]
        assert result["phone"]["Address"] == "+12065550111"
        stream = {"ApplicationId": app_id, "DestinationStreamArn": "arn:s", "RoleArn": "arn:r"}
        server.stub.respond("GetEventStream", {"EventStream": stream})
        got = aws(server, cli_env, "get-event-stream", "--application-id", app_id)
        assert got["EventStream"] == stream
    assert server.errors == []
    assert [c.operation for c in server.stub.calls] == [
        "CreateApp", "UpdateEndpoint", "GetUserEndpoints", "SendUsersMessages", "GetEventStream",
    ]  # fmt: skip


def test_raw_http_junk_to_every_served_operation_is_a_4xx() -> None:
    """Malformed bodies and labels through the server: modeled errors, never a 500."""
    import http.client
    from urllib.parse import urlsplit

    from pytest_pinpoint import model
    from pytest_pinpoint.service import router

    junk = [b"", b"{", b"[]", b"null", b'{"Item": 5}', b'{"ChannelType": 1, "User": []}',
            b'{"Item": [{"Id": 1}, null]}', b'{"Name": {}}', b'{"Body": ["x"]}']  # fmt: skip
    with LoopbackServer(fail_on_unused=False) as server:
        parts = urlsplit(server.url)
        for op in router.OPERATIONS:
            binding = model.http_binding(op)
            path = (binding.uri.split("?")[0].replace("{application-id}", "a")
                    .replace("{endpoint-id}", "e").replace("{user-id}", "u")
                    .replace("{template-name}", "t"))  # fmt: skip
            for body in junk:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                conn.request(binding.method, path + "?version=%ff&create-new-version=x", body)
                status = conn.getresponse().status
                conn.close()
                assert status < 500, (op, body)
    assert server.errors == []


def test_responses_adapter_serves_the_app_calls() -> None:
    stub = PinpointStub(fail_on_unused=False)
    with responses.RequestsMock() as rsps:
        register(stub, rsps)
        made = requests.post(f"{BASE}/v1/apps", json={"Name": "n"}, timeout=5)
        assert made.status_code == 201
        app_id = made.json()["Id"]
        url = f"{BASE}/v1/apps/{app_id}/endpoints/e1"
        put = requests.put(url, json={"ChannelType": "SMS", "Address": "+1206555"}, timeout=5)
        assert put.status_code == 202
        assert requests.get(url, timeout=5).json()["Address"] == "+1206555"
        missing = requests.get(f"{BASE}/v1/apps/{app_id}/eventstream", timeout=5)
        assert missing.status_code == 404
    assert any("GetEventStream" in p for p in stub.problems())


def test_threads_registering_and_sending_lose_nothing() -> None:
    threads, per_thread = 8, 50
    with PinpointStub(seed=1) as stub:
        client = stub.client()
        app_id = client.create_app(CreateApplicationRequest={"Name": "a"})["ApplicationResponse"]
        app_id = app_id["Id"]
        barrier = threading.Barrier(threads)

        def work(t: int) -> int:
            barrier.wait()
            delivered = 0
            for i in range(per_thread):
                user = f"u{t}-{i}"
                client.update_endpoint(
                    ApplicationId=app_id, EndpointId=f"e{t}-{i}",
                    EndpointRequest={"ChannelType": "SMS", "Address": f"+1206{t:02d}{i:05d}",
                                     "User": {"UserId": user}},
                )  # fmt: skip
                reply = client.send_users_messages(
                    ApplicationId=app_id,
                    SendUsersMessageRequest={
                        "MessageConfiguration": {"SMSMessage": {"Body": "x"}},
                        "Users": {user: {}},
                    },
                )
                delivered += len(reply["SendUsersMessageResponse"]["Result"][user])
            return delivered

        with ThreadPoolExecutor(threads) as pool:
            counts = list(pool.map(work, range(threads)))
    assert counts == [per_thread] * threads
    assert len(stub.sent) == threads * per_thread
    assert len(stub.endpoints()) == threads * per_thread
    assert len({s.address for s in stub.sent}) == threads * per_thread
    assert len(stub.calls) == 1 + 2 * threads * per_thread


APP = """
import boto3
from botocore.exceptions import ClientError

CLIENT = boto3.client("pinpoint", region_name="us-east-1")

def stream_or_none(app_id):
    try:
        return CLIENT.get_event_stream(ApplicationId=app_id)["EventStream"]
    except ClientError:
        return None  # the app swallows the error
"""


@pytest.mark.pinpoint_live
def test_unscripted_operation_fails_the_test_by_name(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(app=APP)
    pytester.syspathinsert()
    pytester.makepyfile(
        test_app="""
        import app

        def test_swallowed(pinpoint_stub):
            assert app.stream_or_none("a") is None

        def test_scripted(pinpoint_stub):
            stream = {"ApplicationId": "a", "DestinationStreamArn": "s", "RoleArn": "r"}
            pinpoint_stub.respond("get_event_stream", {"EventStream": stream})
            assert app.stream_or_none("a") == stream
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*the app called GetEventStream (1x)*respond('GetEventStream'*"])


def test_aiobotocore_registers_and_reads_back() -> None:
    pytest.importorskip("aiobotocore")
    import asyncio

    from aiobotocore.session import get_session

    async def scenario() -> list[str]:
        session = get_session()
        async with session.create_client(
            "pinpoint",
            region_name="us-east-1",
            aws_access_key_id="AKIDEXAMPLE",
            aws_secret_access_key="secret",
        ) as client:
            app = await client.create_app(CreateApplicationRequest={"Name": "a"})
            app_id = app["ApplicationResponse"]["Id"]
            await client.update_endpoint(
                ApplicationId=app_id,
                EndpointId="e1",
                EndpointRequest={"ChannelType": "SMS", "Address": "+1206", "User": {"UserId": "u"}},
            )
            got = await client.get_user_endpoints(ApplicationId=app_id, UserId="u")
            return [e["Id"] for e in got["EndpointsResponse"]["Item"]]

    with PinpointStub() as stub:
        assert asyncio.run(scenario()) == ["e1"]
    assert [c.operation for c in stub.calls] == ["CreateApp", "UpdateEndpoint", "GetUserEndpoints"]
