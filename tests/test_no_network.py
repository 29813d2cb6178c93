"""The suite's own socket guard (tests/conftest.py) is on: a connect to a non-loopback address
fails before any packet is sent, and loopback still works."""

from __future__ import annotations

import socket

import pytest


def test_non_loopback_connect_is_blocked() -> None:
    with socket.socket() as s, pytest.raises(OSError, match="must not use the network"):
        s.connect(("203.0.113.7", 443))  # TEST-NET-3: documentation-only, never routed


def test_a_real_boto3_send_without_stub_never_leaves(monkeypatch: pytest.MonkeyPatch) -> None:
    import boto3

    from pytest_pinpoint import PinpointStubError

    client = boto3.client("pinpoint", region_name="us-east-1")
    with pytest.raises(PinpointStubError, match="without the pinpoint_stub fixture"):
        client.send_users_messages(
            ApplicationId="a",
            SendUsersMessageRequest={
                "MessageConfiguration": {"SMSMessage": {"Body": "x"}},
                "Users": {"u": {}},
            },
        )


def test_loopback_is_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
