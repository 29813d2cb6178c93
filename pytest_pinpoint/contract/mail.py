"""Email (EmailMessage): header names and limits (a value counted after rendering), RawEmail
MIME."""

from __future__ import annotations

import base64
import binascii
import contextlib
import email.parser
import email.policy
import re
from typing import Any

from .limits import (
    DEFAULT,
    HEADER_NAME,
    MAX_EMAIL_HEADERS,
    MAX_HEADER_NAME_LENGTH,
    MAX_HEADER_VALUE_LENGTH,
)
from .recipients import Recipient
from .variables import CREATION_DATE, CREATION_DATE_LENGTH, merge_substitutions, rendered_length
from .violation import Collector
from .walk import obj, text

_MIME_HEADER = re.compile(rb"^[!-9;-~]+:", re.MULTILINE)


def check_email(cfg: dict[str, Any], path: str, recipients: list[Recipient], c: Collector) -> None:
    email_msg = obj(cfg, "EmailMessage")
    if email_msg is None:
        return
    raw_email = obj(email_msg, "RawEmail")
    if raw_email is not None and "Data" in raw_email:
        _check_mime(raw_email["Data"], f"{path}.EmailMessage.RawEmail.Data", c)
    simple = obj(email_msg, "SimpleEmail")
    headers = simple.get("Headers") if simple is not None else None
    if isinstance(headers, list | tuple):
        _check_headers(
            cfg, email_msg, headers, f"{path}.EmailMessage.SimpleEmail.Headers", recipients, c
        )


def _contexts(
    cfg: dict[str, Any], email_msg: dict[str, Any], recipients: list[Recipient]
) -> tuple[dict[str, list[str]], list[tuple[str, dict[str, list[str]]]]]:
    """The message-level variables, and each email recipient's effective ones.

    A recipient without Substitutions of its own renders with the message-level ones, so the
    message-level rendering only counts when some recipient uses it.
    """
    base = merge_substitutions(
        (obj(cfg, DEFAULT) or {}).get("Substitutions"), email_msg.get("Substitutions")
    )
    out: list[tuple[str, dict[str, list[str]]]] = []
    for r in recipients:
        if r.channel not in (None, "EMAIL"):
            continue
        own = r.conf.get("Substitutions")
        out.append(
            (r.describe(), merge_substitutions(base, own) if isinstance(own, dict) else base)
        )
    return base, out


def _check_headers(
    cfg: dict[str, Any],
    email_msg: dict[str, Any],
    headers: list[Any] | tuple[Any, ...],
    hpath: str,
    recipients: list[Recipient],
    c: Collector,
) -> None:
    if len(headers) > MAX_EMAIL_HEADERS:
        c.add(
            "email-headers-max",
            hpath,
            f"has {len(headers)} headers; at most {MAX_EMAIL_HEADERS} are allowed",
            len(headers),
        )
    base, contexts = _contexts(cfg, email_msg, recipients)
    for i, header in enumerate(headers):
        if not isinstance(header, dict):
            continue
        name = text(header, "Name")
        if name is not None and not HEADER_NAME.fullmatch(name):
            c.add(
                "email-header-name-syntax",
                f"{hpath}[{i}].Name",
                f"{name!r} is not a header field name: at least one printable US-ASCII "
                "character (33-126), no colon, no space (RFC 5322 2.2; Amazon SES API v2 "
                "reference, MessageHeader.Name)",
                name,
            )
        if name is not None and len(name) > MAX_HEADER_NAME_LENGTH:
            c.add(
                "email-header-name-length",
                f"{hpath}[{i}].Name",
                f"has {len(name)} characters; at most {MAX_HEADER_NAME_LENGTH} are allowed",
                name,
            )
        value = text(header, "Value")
        if value is not None:
            _check_value(value, f"{hpath}[{i}].Value", base, contexts, c)


def _check_value(
    value: str,
    vpath: str,
    base: dict[str, list[str]],
    contexts: list[tuple[str, dict[str, list[str]]]],
    c: Collector,
) -> None:
    worst, who = -1, None
    if "{{" in value and contexts:
        base_length: int | None = None
        for label, subs in contexts:
            if subs is base:  # rendered once for all recipients without variables of their own
                if base_length is None:
                    base_length = rendered_length(value, base)
                length = base_length
            else:
                length = rendered_length(value, subs)
            if length > worst:
                worst, who = length, label
    else:
        worst = rendered_length(value, base)
    if worst > MAX_HEADER_VALUE_LENGTH:
        detail = f" for {who}" if who is not None else ""
        creation = (
            f" ({CREATION_DATE} renders as {CREATION_DATE_LENGTH} characters)"
            if CREATION_DATE in value
            else ""
        )
        c.add(
            "email-header-value-length",
            vpath,
            f"renders to {worst} characters{detail}{creation}; at most "
            f"{MAX_HEADER_VALUE_LENGTH} are allowed",
            value,
        )


def _looks_mime(data: bytes) -> bool:
    head, _sep, _ = data.replace(b"\r\n", b"\n").partition(b"\n\n")
    if not _MIME_HEADER.match(head):
        return False
    msg = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(data, headersonly=True)
    return len(msg.keys()) > 0 and not msg.defects


def _check_mime(data: Any, path: str, c: Collector) -> None:
    if isinstance(data, bytearray):
        data = bytes(data)
    if isinstance(data, str):
        try:
            raw = data.encode("utf-8", "surrogateescape")
        except UnicodeError:
            raw = b""
        candidates = [raw]
        with contextlib.suppress(binascii.Error, ValueError):  # the wire / AWS CLI form
            candidates.append(base64.b64decode(data, validate=True))
    elif isinstance(data, bytes):
        candidates = [data]
    else:
        return  # the type rule reports it
    if not any(_looks_mime(candidate) for candidate in candidates if candidate):
        c.add(
            "raw-email-mime",
            path,
            "is not a MIME message (expected header lines, a blank line, then the body)",
            data,
        )
