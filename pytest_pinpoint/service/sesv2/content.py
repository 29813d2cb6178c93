"""What one SES v2 message says: its subject, text and HTML bodies and headers, from Simple,
Raw (MIME, read with the standard library's ``email`` package) or Template content (a stored
template or inline TemplateContent, rendered with SES's Handlebars subset)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from ...contract.ses import mime
from ...contract.ses.send import raw_recipients
from .handlebars import RenderingFailure, render
from .state import SesState


class ContentError(Exception):
    """A send the service answers with an error (``code``): an unknown template ..."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Email:
    subject: str | None = None
    text: str | None = None
    html: str | None = None
    headers: dict[str, str] | None = None
    template: str | None = None
    template_data: str | None = None
    raw: str | None = None  # a Raw message, as text
    from_header: str | None = None
    recipients: list[str] = field(default_factory=list)  # a Raw message's To/Cc/Bcc
    failure: str | None = None  # why the template did not render (a Rendering Failure)


def _data(part: Any) -> str | None:
    value = part.get("Data") if isinstance(part, dict) else None
    return value if isinstance(value, str) else None


def _headers(given: Any) -> dict[str, str] | None:
    if not isinstance(given, list) or not given:
        return None
    return {str(h.get("Name")): str(h.get("Value")) for h in given if isinstance(h, dict)}


def simple(part: dict[str, Any]) -> Email:
    given = part.get("Body")
    body: dict[str, Any] = given if isinstance(given, dict) else {}
    return Email(
        subject=_data(part.get("Subject")),
        text=_data(body.get("Text")),
        html=_data(body.get("Html")),
        headers=_headers(part.get("Headers")),
    )


def _first(message: Message, kind: str) -> str | None:
    for sub in message.walk():
        if sub.get_content_type() == kind and not sub.is_multipart():
            payload = sub.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload.decode(sub.get_content_charset() or "utf-8", "replace")
    return None


def raw(part: dict[str, Any]) -> Email:
    data = mime.blob_bytes(part.get("Data")) or b""
    message = mime.parse(data)
    return Email(
        subject=message.get("Subject"),
        text=_first(message, "text/plain"),
        html=_first(message, "text/html"),
        headers={k: str(v) for k, v in message.items()} or None,
        raw=data.decode("utf-8", "replace"),
        from_header=message.get("From"),
        recipients=raw_recipients(message),
    )


def template_source(state: SesState, part: dict[str, Any]) -> tuple[str | None, dict[str, str]]:
    """The template's name (None: inline) and its content, or ContentError NotFoundException."""
    inline = part.get("TemplateContent")
    if isinstance(inline, dict):
        return None, inline
    name = part.get("TemplateName") or str(part.get("TemplateArn") or "").rpartition("/")[2]
    found = state.templates.get(name)
    if found is None:
        raise ContentError("NotFoundException", f"Template {name} does not exist.")
    return name, found


def templated(state: SesState, part: dict[str, Any], data: str | None) -> Email:
    """The template rendered with ``data`` (a Rendering Failure is noted, not raised)."""
    name, content = template_source(state, part)
    email = Email(template=name, template_data=data, headers=_headers(part.get("Headers")))
    try:
        values = json.loads(data) if data else {}
    except ValueError:
        values = None
    if not isinstance(values, dict):
        email.failure = "Template data is not a JSON object."
        return email
    try:
        email.subject = render(content.get("Subject") or "", values)
        email.text = render(content["Text"], values) if content.get("Text") else None
        email.html = render(content["Html"], values) if content.get("Html") else None
    except RenderingFailure as exc:
        email.failure = str(exc)
    return email
