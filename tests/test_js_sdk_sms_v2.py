"""The AWS SDK for JavaScript v3's SMS and voice v2 client (`@aws-sdk/client-pinpoint-sms-voice-v2`)
against the loopback server (issue 27): a text message sent from Node.js is answered in the
service's json 1.0 form and lands in the stub's record.

As in tests/test_js_sdk.py: a missing Node.js or SDK skips outside CI and fails in CI.
"""

from __future__ import annotations

from typing import Any

import pytest
from node_sdk import node_with, run_script

TO = "+12065550100"
FROM = "+12065550199"


@pytest.fixture(scope="module")
def node() -> str:
    return node_with("client-pinpoint-sms-voice-v2")


def test_javascript_sdk_sends_a_text_message(node: str, pinpoint_server: Any) -> None:
    out = run_script(node, "sms_v2.mjs", pinpoint_server.url, TO, FROM)

    stub = pinpoint_server.stub
    assert [c.operation for c in stub.calls] == ["SendTextMessage"]
    sent = stub.assert_sent(
        service="pinpoint-sms-voice-v2", channel="SMS", address=TO, body="Your code is 123456"
    )
    assert sent.origination == FROM
    assert sent.message_type == "TRANSACTIONAL"
    assert sent.tags == {"flow": "login"}
    assert sent.message_id == out["MessageId"]
