"""``stub.client()``: a boto3 Pinpoint client with dummy credentials, from one shared session."""

from __future__ import annotations

import threading
from typing import Any

_SESSION_LOCK = threading.Lock()
_SESSION: Any = None


def _shared_session() -> Any:
    """One boto3 session for every stub's clients: its loader caches the models (fast clients)."""
    global _SESSION
    if _SESSION is None:
        import boto3

        _SESSION = boto3.session.Session()
    return _SESSION


def pinpoint_client(**kwargs: Any) -> Any:
    """A boto3 Pinpoint client with dummy credentials (region us-east-1 unless given)."""
    options: dict[str, Any] = {
        "region_name": "us-east-1",
        "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
        "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        **kwargs,
    }
    with _SESSION_LOCK:  # client creation from one session is not thread-safe
        return _shared_session().client("pinpoint", **options)
