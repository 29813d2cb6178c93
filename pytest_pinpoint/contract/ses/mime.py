"""A Raw message (``RawMessage.Data``) read with the standard library's ``email`` package, and
the RawMessage rules: header and body, line length, the required header fields."""

from __future__ import annotations

import base64
import binascii
import email.parser
import email.policy
from email.message import Message
from typing import Any

from ..violation import Collector
from .limits import MAX_RAW_LINE, RAW_REQUIRED_HEADERS


def blob_bytes(value: Any) -> bytes | None:
    """A blob as boto3 gives it (bytes) or as the wire carries it (base64 text), else None."""
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return value.encode("utf-8", "surrogateescape")
    return None


def parse(data: bytes) -> Message:
    """The message as ``email`` reads it (compat32: no header is refused, defects noted)."""
    return email.parser.BytesParser(policy=email.policy.compat32).parsebytes(data)


def check_raw(data: bytes, path: str, c: Collector, *, has_from: bool) -> Message | None:
    """The RawMessage rules on ``data``; the parsed message, or None when it is not MIME."""
    normal = data.replace(b"\r\n", b"\n")
    head, blank, _body = normal.partition(b"\n\n")
    first = head.split(b"\n", 1)[0]
    if not blank or b":" not in first or first[:1] in (b" ", b"\t"):
        c.add(
            "ses-raw-mime",
            path,
            "is not a MIME message (expected header lines, one blank line, then the body)",
            data,
        )
        return None
    for number, line in enumerate(normal.split(b"\n"), start=1):
        # RFC 5321 counts the CRLF in its 1,000
        if len(line) + 2 > MAX_RAW_LINE:
            c.add(
                "ses-raw-line-length",
                path,
                f"line {number} has {len(line)} characters and its CRLF; at most "
                f"{MAX_RAW_LINE} are allowed (RFC 5321)",
                line[:40],
            )
            break
    message = parse(data)
    missing = [
        name
        for name in RAW_REQUIRED_HEADERS
        if message.get(name) is None and not (name == "From" and has_from)
    ]
    if missing:
        c.add(
            "ses-raw-headers",
            path,
            f"lacks the header field(s) {', '.join(missing)} (and FromEmailAddress is not given)",
        )
    return message
