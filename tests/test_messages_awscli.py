"""``aws pinpoint send-messages --endpoint-url`` against the loopback server (issue 13)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_pinpoint.interception.server import LoopbackServer

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
PHONE = "+12065550142"
BODY = {
    "Addresses": {PHONE: {"ChannelType": "SMS", "Substitutions": {"Code": ["4711"]}}},
    "Endpoints": {"phone": {}},
    "MessageConfiguration": {"SMSMessage": {"Body": "code {{Code}}"}},
}


def test_aws_cli_send_messages_prints_the_documented_shape(tmp_path: Path) -> None:
    aws = shutil.which("aws", path=os.path.dirname(sys.executable))
    if aws is None:
        pytest.skip("the AWS CLI is not installed next to this Python (pip install -e '.[dev]')")
    request = tmp_path / "request.json"
    request.write_text(json.dumps(BODY))
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="example",
        AWS_CONFIG_FILE=str(tmp_path / "none"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
        AWS_EC2_METADATA_DISABLED="true",
    )
    with LoopbackServer() as server:
        server.stub.add_user("u1", {"phone": {"ChannelType": "SMS", "Address": "+12065550100"}})
        argv = [
            aws, "pinpoint", "send-messages", "--application-id", APP_ID,
            "--message-request", f"file://{request}", "--region", "us-west-2",
            "--endpoint-url", server.url,
        ]  # fmt: skip
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        response = json.loads(done.stdout)["MessageResponse"]
        assert response["ApplicationId"] == APP_ID
        assert set(response) == {"ApplicationId", "RequestId", "Result", "EndpointResult"}
        entry = response["Result"][PHONE]
        assert entry["DeliveryStatus"] == "SUCCESSFUL"
        assert re.fullmatch(r"[0-9a-z]{40}", entry["MessageId"])
        assert response["EndpointResult"]["phone"]["Address"] == "+12065550100"
        server.stub.assert_sent(address=PHONE, body="code 4711", operation="SendMessages")
