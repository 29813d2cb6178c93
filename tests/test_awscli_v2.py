"""The real AWS CLI v2 (seed 000 is its page) against ``pytest-pinpoint serve``, with the page's
worked example. Debian's ``awscli`` package is v2 (.ci/run installs it); the v1 from PyPI sits
next to the venv's Python and is driven by test_awscli.py. Skipped where no v2 is installed,
except in CI (CI=true), where a missing v2 is a failure."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from seed_example import assert_documented_result
from test_awscli import APP_ID, SEED_BODY, URL_LINE, first_line

BIN_DIR = os.path.dirname(sys.executable)


def aws_v2() -> str:
    """The first ``aws`` on PATH (or /usr/bin) outside this venv that is version 2."""
    dirs = [d for d in os.environ.get("PATH", "").split(os.pathsep) if d and d != BIN_DIR]
    for candidate in {shutil.which("aws", path=d) for d in [*dirs, "/usr/bin"]} - {None}:
        assert candidate is not None
        try:
            done = subprocess.run(
                [candidate, "--version"], capture_output=True, text=True, timeout=60, check=False
            )
        except OSError:
            continue
        if (done.stdout + done.stderr).startswith("aws-cli/2."):
            return candidate
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but no AWS CLI v2 is installed (.ci/run installs Debian's awscli)")
    pytest.skip("no AWS CLI v2 here (apt-get install awscli); CI runs this test")


def test_cli_v2_runs_the_pages_worked_example_against_serve(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    aws = aws_v2()
    myfile = tmp_path / "myfile.json"
    myfile.write_text(json.dumps(SEED_BODY, indent=4))  # "Contents of myfile.json"
    report = tmp_path / "report.json"
    env = {**cli_env, "AWS_PAGER": ""}  # v2 pages its output through less by default
    server = subprocess.Popen(
        [sys.executable, "-m", "pytest_pinpoint.cli", "serve", "--report", str(report)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        match = URL_LINE.search(first_line(server))
        assert match, "no URL on the banner's first line"
        # the page's command line, plus --endpoint-url
        done = subprocess.run(
            [aws, "pinpoint", "send-users-messages", "--application-id", APP_ID,
             "--send-users-message-request", f"file://{myfile}", "--region", "us-west-2",
             "--endpoint-url", match.group(1)],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=20)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    assert done.returncode == 0, done.stderr
    response = json.loads(done.stdout)["SendUsersMessageResponse"]
    assert response["ApplicationId"] == APP_ID
    assert_documented_result(response["Result"]["testuser"]["testuserendpoint"])
    assert server.returncode == 0, err
    assert "stopped after 1 call\n" in out
    written = json.loads(report.read_text())
    assert written["operations"] == {"SendUsersMessages": 1}
    assert written["statuses"] == {"SUCCESSFUL": 1}
