"""SES v2 over real HTTP: the AWS CLI v2 (``aws sesv2 ...``) against the loopback server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from pytest_pinpoint import LoopbackServer

BIN_DIR = os.path.dirname(sys.executable)


def aws(
    server: LoopbackServer, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    path = shutil.which("aws", path=BIN_DIR)
    if path is None:
        pytest.skip(f"'aws' is not installed next to {sys.executable} (pip install -e '.[dev]')")
    argv = [path, "sesv2", *args, "--region", "us-east-1", "--endpoint-url", server.url]
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.slow  # the AWS CLI starts in ~2 s a call
def test_identity_template_and_send_flow(cli_env: dict[str, str]) -> None:
    with LoopbackServer() as server:
        created = aws(server, cli_env, "create-email-identity", "--email-identity", "shop.example")
        assert created.returncode == 0, created.stderr
        assert json.loads(created.stdout)["IdentityType"] == "DOMAIN"
        content = json.dumps({"Subject": "Hi {{name}}", "Text": "Hello {{name}}"})
        made = aws(
            server,
            cli_env,
            "create-email-template",
            "--template-name",
            "hi",
            "--template-content",
            content,
        )
        assert made.returncode == 0, made.stderr
        template = {"TemplateName": "hi", "TemplateData": json.dumps({"name": "Ada"})}
        sent = aws(
            server,
            cli_env,
            "send-email",
            "--from-email-address",
            "app@shop.example",
            "--destination",
            json.dumps({"ToAddresses": ["ada@example.org"]}),
            "--content",
            json.dumps({"Template": template}),
        )
        assert sent.returncode == 0, sent.stderr
        message_id = json.loads(sent.stdout)["MessageId"]
        refused = aws(
            server,
            cli_env,
            "send-email",
            "--from-email-address",
            "app@other.example",
            "--destination",
            json.dumps({"ToAddresses": ["ada@example.org"]}),
            "--content",
            json.dumps({"Template": template}),
        )
        assert refused.returncode != 0
        assert "MessageRejected" in refused.stderr
        suppressed = aws(
            server,
            cli_env,
            "put-suppressed-destination",
            "--email-address",
            "gone@example.org",
            "--reason",
            "BOUNCE",
        )
        assert suppressed.returncode == 0, suppressed.stderr
    sent_message = server.stub.assert_sent(address="ada@example.org", title="Hi Ada")
    assert sent_message.message_id == message_id
    assert sent_message.body == "Hello Ada"
