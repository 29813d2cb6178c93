"""Another SDK against the loopback server (issue 13): the AWS SDK for JavaScript v3 registers an
endpoint, sends to its user and sends to an address, and the stub behind the server saw it all.

`make test` installs the SDK (`npm ci` in tests/js); Node.js comes with the machine. Outside CI a
missing Node.js or SDK skips the test with the reason; in CI it fails, so a missing install step
cannot pass unnoticed.
"""

from __future__ import annotations

from typing import Any

import pytest
from node_sdk import node_with, run_script

APP_ID = "611e3e3cdd47474c9c1399a505665b91"


@pytest.fixture(scope="module")
def node() -> str:
    return node_with("client-pinpoint")


def _run(node: str, url: str) -> dict[str, Any]:
    result: dict[str, Any] = run_script(node, "flow.mjs", url, APP_ID)
    return result


def test_javascript_sdk_registers_an_endpoint_and_sends(node: str, pinpoint_server: Any) -> None:
    out = _run(node, pinpoint_server.url)

    to_user = out["users"]["Result"]["js-user"]["js-endpoint"]
    assert to_user["DeliveryStatus"] == "SUCCESSFUL"
    assert to_user["Address"] == "+12065550123"  # the address the SDK registered
    assert to_user["StatusMessage"] == "MessageId: " + to_user["MessageId"]
    to_address = out["direct"]["Result"]["+12065550199"]
    assert to_address["DeliveryStatus"] == "SUCCESSFUL"
    assert to_address["StatusCode"] == 200

    stub = pinpoint_server.stub
    assert [c.operation for c in stub.calls] == [
        "UpdateEndpoint",
        "SendUsersMessages",
        "SendMessages",
    ]
    stub.assert_sent(user="js-user", address="+12065550123", body="Hello Ada")
    stub.assert_sent(operation="SendMessages", address="+12065550199", body="Hello Bob")
