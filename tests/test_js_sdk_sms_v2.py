"""The AWS SDK for JavaScript v3's SMS and voice v2 client (`@aws-sdk/client-pinpoint-sms-voice-v2`)
against the loopback server (issue 27): a text message sent from Node.js is answered in the
service's json 1.0 form and lands in the stub's record.

As in tests/test_js_sdk.py: a missing Node.js or SDK skips outside CI and fails in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

JS = Path(__file__).parent / "js"
TO = "+12065550100"
FROM = "+12065550199"


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    sdk = JS / "node_modules" / "@aws-sdk" / "client-pinpoint-sms-voice-v2"
    if found is None or not sdk.is_dir():
        reason = "needs Node.js and the JavaScript SDK (`make js`: npm ci in tests/js)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def test_javascript_sdk_sends_a_text_message(node: str, pinpoint_server: Any) -> None:
    done = subprocess.run(
        [node, str(JS / "sms_v2.mjs"), pinpoint_server.url, TO, FROM],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)

    stub = pinpoint_server.stub
    assert [c.operation for c in stub.calls] == ["SendTextMessage"]
    sent = stub.assert_sent(
        service="pinpoint-sms-voice-v2", channel="SMS", address=TO, body="Your code is 123456"
    )
    assert sent.origination == FROM
    assert sent.message_type == "TRANSACTIONAL"
    assert sent.tags == {"flow": "login"}
    assert sent.message_id == out["MessageId"]
