"""End to end over real HTTP: the AWS CLI and the ``pytest-pinpoint serve`` command."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from seed_example import assert_documented_result

from pytest_pinpoint.interception.server import LoopbackServer

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
# Contents of myfile.json in 000_55cfda106dd42147.txt.
SEED_BODY = {
    "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
    "Users": {"testuser": {}},
}
BIN_DIR = os.path.dirname(sys.executable)
URL_LINE = re.compile(r"serving at (http://127\.0\.0\.1:\d+) ")


def tool(name: str) -> str:
    path = shutil.which(name, path=BIN_DIR)
    if path is None:
        pytest.skip(f"{name!r} is not installed next to {sys.executable} (pip install -e '.[dev]')")
    return path


@pytest.fixture
def myfile(tmp_path: Path) -> Path:
    path = tmp_path / "myfile.json"
    path.write_text(json.dumps(SEED_BODY, indent=2))
    return path


def send_users_messages(
    server: LoopbackServer, myfile: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    # The seed's command line, plus --endpoint-url.
    argv = [
        tool("aws"),
        "pinpoint",
        "send-users-messages",
        "--application-id",
        APP_ID,
        "--send-users-message-request",
        f"file://{myfile}",
        "--region",
        "us-west-2",
        "--endpoint-url",
        server.url,
    ]
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)


def test_aws_cli_seed_example(myfile: Path, cli_env: dict[str, str]) -> None:
    with LoopbackServer() as server:
        done = send_users_messages(server, myfile, cli_env)
    assert done.returncode == 0, done.stderr
    response = json.loads(done.stdout)["SendUsersMessageResponse"]
    assert response["ApplicationId"] == APP_ID
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", response["RequestId"]
    )
    result = response["Result"]["testuser"]["testuserendpoint"]
    assert_documented_result(result)
    [call] = server.stub.calls
    assert call.params == {"ApplicationId": APP_ID, "SendUsersMessageRequest": SEED_BODY}


def test_aws_cli_scripted_failure(myfile: Path, cli_env: dict[str, str]) -> None:
    with LoopbackServer() as server:
        server.stub.fail("BadRequestException", message="scripted by the test")
        done = send_users_messages(server, myfile, cli_env)
    assert done.returncode != 0
    assert "BadRequestException" in done.stderr
    assert "SendUsersMessages" in done.stderr
    assert done.stdout == ""
    assert len(server.stub.calls) == 1  # a 400 is not retried


def first_line(proc: subprocess.Popen[str], timeout: float = 30) -> str:
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    stdout = proc.stdout
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        pytest.fail(f"no output from {proc.args!r} within {timeout}s")


def post_seed_example(url: str) -> dict[str, object]:
    # A plain SigV4-free POST: in this process the plugin may intercept boto3 Pinpoint calls.
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(
            "POST",
            f"/v1/apps/{APP_ID}/users-messages",
            body=json.dumps(SEED_BODY),
            headers={"Content-Type": "application/json"},
        )
        resp = conn.getresponse()
        assert resp.status == 200
        data: dict[str, object] = json.loads(resp.read())
        return data
    finally:
        conn.close()


def run_server(
    argv: list[str], env: dict[str, str], stop: signal.Signals
) -> tuple[str, dict[str, object]]:
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = first_line(proc)
        match = URL_LINE.search(line)
        assert match, (
            f"unexpected first line {line!r}; stderr: {proc.stderr.read() if proc.stderr else ''}"
        )
        data = post_seed_example(match.group(1))
        proc.send_signal(stop)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert err == ""
    assert "stopped after 1 call\n" in out
    return line, data


def test_serve_command_answers_and_stops_on_ctrl_c(tmp_path: Path, cli_env: dict[str, str]) -> None:
    outcomes = tmp_path / "outcomes.json"
    outcomes.write_text(json.dumps({"testuser": {"testuserendpoint": "OPT_OUT"}}))
    argv = [tool("pytest-pinpoint"), "serve", "--port", "0", "--seed", "5"]
    _, data = run_server([*argv, "--outcomes", str(outcomes)], cli_env, signal.SIGINT)
    result = data["Result"]["testuser"]["testuserendpoint"]  # type: ignore[index]
    assert result["DeliveryStatus"] == "OPT_OUT"


def test_serve_command_stops_on_sigterm(cli_env: dict[str, str]) -> None:
    code = (
        "import argparse, sys; from pytest_pinpoint.cli import serve_command; "
        "sys.exit(serve_command(argparse.Namespace(host='127.0.0.1', port=0, seed=None, "
        "outcomes=None, contract='warn')))"
    )
    line, data = run_server([sys.executable, "-c", code], cli_env, signal.SIGTERM)
    assert line.endswith("(Ctrl-C to stop)\n")
    assert data["ApplicationId"] == APP_ID
