"""Who a request says it is: the Region it was signed for and the account its key names.

The ARNs the fake answers carry both. A SigV4 ``Authorization`` header names its scope
(``Credential=<key>/<date>/<region>/<service>/aws4_request``): its Region is the one the client
signed for, whatever host it sent to (the loopback server's is 127.0.0.1). The service derives
the account from the credentials; the fake cannot, so it follows the emulators' convention: an
access key ID of 12 digits is the account ID, any other key is Pinpoint's example account
(a guess: docs/contract.md, "What the fake guesses").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from .state import ACCOUNT_ID

DEFAULT_REGION = "us-east-1"
_SCOPE = re.compile(r"Credential=([^/\s,]+)/\d{8}/([a-z0-9-]+)/[^/\s,]+/aws4_request")
_ACCOUNT = re.compile(r"\d{12}")


def _scope(headers: Mapping[str, str]) -> tuple[str, str] | None:
    found = _SCOPE.search(headers.get("authorization", ""))
    return (found.group(1), found.group(2)) if found else None


def region_of(url: str, headers: Mapping[str, str] | None = None) -> str:
    """The signing Region; else ``pinpoint.<region>.amazonaws.com``'s; else us-east-1."""
    scope = _scope(headers or {})
    if scope is not None:
        return scope[1]
    parts = (urlsplit(url).hostname or "").split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "pinpoint" else DEFAULT_REGION


def account_of(headers: Mapping[str, str] | None = None) -> str:
    """A 12-digit access key ID as the account; else the example account 123456789012."""
    scope = _scope(headers or {})
    return scope[0] if scope is not None and _ACCOUNT.fullmatch(scope[0]) else ACCOUNT_ID


def arn(url: str, headers: Mapping[str, str], resource: str) -> str:
    """``arn:aws:mobiletargeting:<region>:<account>:<resource>`` for this request."""
    return f"arn:aws:mobiletargeting:{region_of(url, headers)}:{account_of(headers)}:{resource}"
