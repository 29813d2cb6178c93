"""LoopbackServer: a real HTTP server on 127.0.0.1 over the stub's engine."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from seed_example import assert_documented_result

from pytest_pinpoint.cli import serve_command
from pytest_pinpoint.errors import PinpointStubError
from pytest_pinpoint.interception.server import LoopbackServer, server_fixture
from pytest_pinpoint.service.router import MAX_PAYLOAD_BYTES
from pytest_pinpoint.service.stub import PinpointStub

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
PATH = f"/v1/apps/{APP_ID}/users-messages"
# The worked example of 000_55cfda106dd42147.txt (myfile.json).
SEED_BODY = {
    "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
    "Users": {"testuser": {}},
}


def request(
    url: str, method: str = "POST", path: str = PATH, body: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        if body is None and method == "POST":
            body = json.dumps(SEED_BODY).encode()
        headers = {"Content-Type": "application/json"}
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def server_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t is not threading.main_thread()}


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    yield from server_fixture()


def test_seed_example_round_trips(server: LoopbackServer) -> None:
    status, headers, body = request(server.url)
    assert status == 200
    assert headers["content-type"].startswith("application/json")
    data = json.loads(body)
    assert data["ApplicationId"] == APP_ID
    result = data["Result"]["testuser"]["testuserendpoint"]
    assert_documented_result(result)
    assert len(server.stub.calls) == 1
    assert server.stub.calls[0].params == {
        "ApplicationId": APP_ID,
        "SendUsersMessageRequest": SEED_BODY,
    }


def test_url_is_loopback_with_the_bound_port(server: LoopbackServer) -> None:
    parts = urlsplit(server.url)
    assert parts.scheme == "http"
    assert parts.hostname == "127.0.0.1"
    assert parts.port == server.port != 0


def test_concurrent_clients_each_get_an_answer() -> None:
    threads_before = server_threads()
    clients, per_client = 8, 100
    failures: list[str] = []
    message_ids: list[str] = []
    lock = threading.Lock()
    with LoopbackServer() as server:

        def client() -> None:
            for _ in range(per_client):
                try:
                    status, _, body = request(server.url)
                    mid = json.loads(body)["Result"]["testuser"]["testuserendpoint"]["MessageId"]
                except Exception as exc:  # collected, asserted below in the main thread
                    with lock:
                        failures.append(repr(exc))
                    continue
                with lock:
                    message_ids.append(mid)
                    if status != 200:
                        failures.append(f"status {status}")

        workers = [threading.Thread(target=client) for _ in range(clients)]
        started = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - started
        stub = server.stub
    assert failures == []
    assert len(message_ids) == clients * per_client
    assert len(stub.calls) == clients * per_client
    assert len(set(message_ids)) == clients * per_client
    assert server_threads() == threads_before, "stop() left server threads running"
    assert elapsed < 30


def test_bad_json_is_a_bad_request_exception(server: LoopbackServer) -> None:
    status, headers, body = request(server.url, body=b'{"MessageConfiguration": ')
    assert status == 400
    assert headers["x-amzn-errortype"].startswith("BadRequestException")
    data = json.loads(body)
    assert set(data) >= {"Message", "RequestID"}


def test_get_on_the_operation_path_is_405(server: LoopbackServer) -> None:
    status, headers, body = request(server.url, method="GET")
    assert status == 405
    assert headers["x-amzn-errortype"].startswith("MethodNotAllowedException")
    assert "Message" in json.loads(body)
    assert [c.error for c in server.stub.calls] == ["MethodNotAllowedException"]


def test_unknown_path_is_404_like_the_service(server: LoopbackServer) -> None:
    status, headers, body = request(server.url, path="/v1/apps/x/campaigns")
    assert status == 404
    assert headers["x-amzn-errortype"].startswith("NotFoundException")
    assert set(json.loads(body)) >= {"Message", "RequestID"}


def test_oversize_body_is_413(server: LoopbackServer) -> None:
    limit = MAX_PAYLOAD_BYTES
    users = {"u": {"Substitutions": {"x": ["y" * (limit + 1)]}}}
    body = json.dumps({"MessageConfiguration": {"SMSMessage": {"Body": "b"}}, "Users": users})
    status, headers, _ = request(server.url, body=body.encode())
    assert status == 413
    assert headers["x-amzn-errortype"].startswith("PayloadTooLargeException")


def test_scripted_failure_goes_over_the_wire(server: LoopbackServer) -> None:
    server.stub.fail("TooManyRequestsException")
    status, headers, _ = request(server.url)
    assert status == 429
    assert headers["x-amzn-errortype"].startswith("TooManyRequestsException")
    assert request(server.url)[0] == 200


def test_a_stub_that_raises_answers_500_and_is_recorded() -> None:
    class Broken(PinpointStub):
        def handle(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("engine bug")

    with LoopbackServer(Broken()) as server:
        status, headers, body = request(server.url)
    assert status == 500
    assert headers["x-amzn-errortype"] == "InternalServerErrorException"
    assert "RuntimeError: engine bug" in json.loads(body)["Message"]
    assert [repr(e) for e in server.errors] == ["RuntimeError('engine bug')"]


def test_given_stub_is_used_and_not_activated() -> None:
    stub = PinpointStub(seed=7)
    with LoopbackServer(stub) as server:
        assert server.stub is stub
        assert request(server.url)[0] == 200
        assert not stub.active  # the engine answers; botocore interception stays off
    assert len(stub.calls) == 1


def test_stub_options_create_the_stub() -> None:
    a = LoopbackServer(seed=3).stub
    b = LoopbackServer(seed=3).stub
    assert a is not b
    assert isinstance(a, PinpointStub)


def test_stub_and_options_together_are_refused() -> None:
    with pytest.raises(PinpointStubError, match="not both"):
        LoopbackServer(PinpointStub(), seed=1)


@pytest.mark.parametrize("host", ["0.0.0.0", "10.1.2.3", "example.com", "::", ""])
def test_non_loopback_host_is_refused(host: str) -> None:
    with pytest.raises(PinpointStubError, match="not a loopback address"):
        LoopbackServer(host=host)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "127.0.0.2", "::1"])
def test_loopback_hosts_are_accepted(host: str) -> None:
    try:
        server = LoopbackServer(host=host).start()
    except PinpointStubError:  # 127.0.0.2 and ::1 are not configured everywhere
        pytest.skip(f"cannot bind {host} here")
    with server:
        assert server.url.startswith("http://[::1]:" if host == "::1" else f"http://{host}:")
        assert request(server.url)[0] == 200


def test_chunked_request_body(server: LoopbackServer) -> None:
    # Some SDKs stream the body without a Content-Length.
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    payload = json.dumps(SEED_BODY).encode()
    try:
        conn.request("POST", PATH, body=iter([payload[:10], payload[10:]]), encode_chunked=True)
        resp = conn.getresponse()
        assert resp.status == 200, resp.read()
    finally:
        conn.close()
    assert server.stub.calls[0].params["SendUsersMessageRequest"] == SEED_BODY


def test_requests_share_a_kept_alive_connection(server: LoopbackServer) -> None:
    # HTTP/1.1 clients (botocore's urllib3 pool, the SDKs) reuse one connection.
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    body = json.dumps(SEED_BODY).encode()
    try:
        conn.request("POST", PATH, body=body)
        first = conn.getresponse()
        assert (first.status, first.getheader("Connection")) == (200, None)
        first.read()
        sock = conn.sock
        conn.request("POST", PATH, body=body)
        second = conn.getresponse()
        assert second.status == 200, second.read()
        second.read()
        assert conn.sock is sock  # the same socket answered both
    finally:
        conn.close()
    assert len(server.stub.calls) == 2


def test_a_chunked_request_closes_its_connection(server: LoopbackServer) -> None:
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    payload = json.dumps(SEED_BODY).encode()
    try:
        conn.request("POST", PATH, body=iter([payload]), encode_chunked=True)
        resp = conn.getresponse()
        assert (resp.status, resp.getheader("Connection")) == (200, "close")
    finally:
        conn.close()


def test_absolute_form_request_target(server: LoopbackServer) -> None:
    # What a client configured to use the server as an HTTP proxy sends.
    target = f"http://pinpoint.us-west-2.amazonaws.com{PATH}"
    assert request(server.url, path=target)[0] == 200
    assert server.stub.calls[0].url == target


def test_query_string_and_encoded_application_id_reach_the_stub(server: LoopbackServer) -> None:
    assert request(server.url, path="/v1/apps/my%20app/users-messages?x=1")[0] == 200
    [call] = server.stub.calls
    assert call.params["ApplicationId"] == "my app"
    assert call.url == f"{server.url}/v1/apps/my%20app/users-messages?x=1"


def test_port_in_use_is_a_clear_error(server: LoopbackServer) -> None:
    with pytest.raises(PinpointStubError, match=f"cannot listen on 127.0.0.1:{server.port}"):
        LoopbackServer(port=server.port).start()


def test_stop_closes_the_socket_and_joins_threads() -> None:
    before = server_threads()
    server = LoopbackServer().start()
    port = server.port
    assert server.running
    assert request(server.url)[0] == 200
    server.stop()
    assert not server.running
    assert server_threads() == before
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    server.stop()  # idempotent


def test_stop_does_not_wait_for_an_idle_client() -> None:
    before = server_threads()
    server = LoopbackServer().start()
    idle = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    try:
        # Once the handler has registered the connection, stop() must unblock it.
        deadline = time.monotonic() + 5
        while len(server_threads() - before) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        started = time.perf_counter()
        server.stop()
        assert time.perf_counter() - started < 2
    finally:
        idle.close()
    assert server_threads() == before


def test_stop_does_not_wait_for_a_kept_alive_client() -> None:
    before = server_threads()
    server = LoopbackServer().start()
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("POST", PATH, body=json.dumps(SEED_BODY).encode())
        conn.getresponse().read()  # answered; the connection stays open and idle
        server.stop()
        assert server_threads() == before
    finally:
        conn.close()


def test_stop_reports_a_request_stuck_in_the_stub(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    entered = threading.Event()

    class Stuck(PinpointStub):
        def handle(self, *args: Any, **kwargs: Any) -> Any:
            entered.set()
            release.wait(10)
            return super().handle(*args, **kwargs)

    monkeypatch.setattr("pytest_pinpoint.interception.server._JOIN_TIMEOUT", 0.2)
    server = LoopbackServer(Stuck()).start()
    answers: list[int] = []
    client = threading.Thread(target=lambda: answers.append(request(server.url)[0]))
    client.start()
    assert entered.wait(5)
    try:
        with pytest.raises(PinpointStubError, match=r"still being handled after 0\.2s"):
            server.stop()
    finally:
        release.set()
        client.join(10)
    assert answers == [200]  # the request in flight was not cut off


def test_stop_lets_a_request_in_flight_finish() -> None:
    release = threading.Event()
    entered = threading.Event()

    class Slow(PinpointStub):
        def handle(self, *args: Any, **kwargs: Any) -> Any:
            entered.set()
            release.wait(10)
            return super().handle(*args, **kwargs)

    server = LoopbackServer(Slow()).start()
    answers: list[int] = []
    client = threading.Thread(target=lambda: answers.append(request(server.url)[0]))
    client.start()
    assert entered.wait(5)
    releaser = threading.Thread(target=lambda: (time.sleep(0.05), release.set()))
    releaser.start()
    server.stop()  # returns only after the handler answered
    assert release.is_set()
    releaser.join()
    client.join(10)
    assert answers == [200]


def test_start_twice_is_an_error(server: LoopbackServer) -> None:
    with pytest.raises(PinpointStubError, match="already started"):
        server.start()


def test_url_before_start_is_an_error() -> None:
    with pytest.raises(PinpointStubError, match="not started"):
        _ = LoopbackServer().url


def test_server_fixture_stops_on_close() -> None:
    gen = server_fixture(seed=1)
    server = next(gen)
    assert server.running
    gen.close()
    assert not server.running


# -- serve_command: bad input exits 2 with one line; the happy path runs in test_awscli.py --


def serve_args(**overrides: Any) -> Any:
    import argparse

    values = {"host": "127.0.0.1", "port": 0, "seed": None, "outcomes": None, "contract": None}
    values.update(overrides)
    return argparse.Namespace(**values)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected an object"),
        ('{"u1": "SUCCESSFUL"}', "['u1'] must be an object"),
        ('{"u1": {"e1": 200}}', "['u1']['e1'] must be a DeliveryStatus string"),
    ],
)
def test_serve_bad_outcomes_file_is_one_line_exit_2(
    tmp_path: Any, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "outcomes.json"
    if content is not None:
        path.write_text(content)
    assert serve_command(serve_args(outcomes=str(path))) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("pytest-pinpoint serve: error: --outcomes ")
    assert message in err


def test_serve_non_loopback_host_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve_command(serve_args(host="0.0.0.0")) == 2
    assert "not a loopback address" in capsys.readouterr().err
