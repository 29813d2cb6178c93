"""Email templates: CreateEmailTemplate, GetEmailTemplate, UpdateEmailTemplate,
DeleteEmailTemplate, ListEmailTemplates, TestRenderEmailTemplate (the MIME message SES would
build, or BadRequestException saying which variable the data lacks: a guess, docs/sesv2.md)."""

from __future__ import annotations

import json
from email.message import EmailMessage
from typing import Any

from ..context import Request, Service
from ..http import HttpReply
from .handlebars import RenderingFailure, parse, render
from .pages import PageError, listing, page
from .replies import error, ok
from .state import of


def _content(params: dict[str, Any]) -> tuple[dict[str, str] | None, str | None]:
    """The TemplateContent given, and why it is refused (None: accepted)."""
    content = params.get("TemplateContent")
    if not isinstance(content, dict):
        return None, "TemplateContent is required."
    for part in ("Subject", "Text", "Html"):
        source = content.get(part)
        if isinstance(source, str):
            try:
                parse(source)
            except RenderingFailure as exc:
                return None, f"Template {part} is not valid: {exc}"
    return {k: str(v) for k, v in content.items() if isinstance(v, str)}, None


def create(svc: Service, request: Request) -> HttpReply:
    name = str(request.params.get("TemplateName", ""))
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        content, refused = _content(request.params)
        if content is None:
            return error(svc, call, "BadRequestException", refused or "")
        if name in state.templates:
            return error(svc, call, "AlreadyExistsException", f"Template {name} already exists.")
        state.templates[name] = content
        state.template_tags[name] = list(request.params.get("Tags") or [])
        state.template_created[name] = svc.state.clock
        return ok(call, {})


def _missing(svc: Service, call: Any, name: str) -> HttpReply:
    return error(svc, call, "NotFoundException", f"Template {name} does not exist.")


def get(svc: Service, request: Request) -> HttpReply:
    name = str(request.params.get("TemplateName", ""))
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        if name not in state.templates:
            return _missing(svc, call, name)
        return ok(
            call,
            {
                "TemplateName": name,
                "TemplateContent": dict(state.templates[name]),
                "Tags": state.template_tags.get(name, []),
            },
        )


def update(svc: Service, request: Request) -> HttpReply:
    name = str(request.params.get("TemplateName", ""))
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        if name not in state.templates:
            return _missing(svc, call, name)
        content, refused = _content(request.params)
        if content is None:
            return error(svc, call, "BadRequestException", refused or "")
        state.templates[name] = content
        return ok(call, {})


def delete(svc: Service, request: Request) -> HttpReply:
    name = str(request.params.get("TemplateName", ""))
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        if name not in state.templates:
            return _missing(svc, call, name)
        del state.templates[name]
        state.template_tags.pop(name, None)
        state.template_created.pop(name, None)
        return ok(call, {})


def list_templates(svc: Service, request: Request) -> HttpReply:
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        try:
            chunk, token = page(sorted(state.templates), request.params, default=10)
        except PageError as exc:
            return error(svc, call, "BadRequestException", str(exc))
        clock = svc.state.clock
        entries = [
            {"TemplateName": n, "CreatedTimestamp": state.template_created.get(n, clock)}
            for n in chunk
        ]
        return ok(call, listing("TemplatesMetadata", entries, token))


def test_render(svc: Service, request: Request) -> HttpReply:
    name = str(request.params.get("TemplateName", ""))
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        if name not in state.templates:
            return _missing(svc, call, name)
        content = state.templates[name]
        try:
            data = json.loads(str(request.params.get("TemplateData", "")))
        except ValueError as exc:
            return error(svc, call, "BadRequestException", f"TemplateData is not JSON: {exc}")
        if not isinstance(data, dict):
            return error(svc, call, "BadRequestException", "TemplateData is not a JSON object.")
        try:
            parts = {k: render(v, data) for k, v in content.items()}
        except RenderingFailure as exc:
            return error(svc, call, "BadRequestException", str(exc))
        return ok(call, {"RenderedTemplate": _mime(parts)})


def _mime(parts: dict[str, str]) -> str:
    message = EmailMessage()
    message["Subject"] = parts.get("Subject", "")
    if "Text" in parts:
        message.set_content(parts["Text"])
    if "Html" in parts:
        if "Text" in parts:
            message.add_alternative(parts["Html"], subtype="html")
        else:
            message.set_content(parts["Html"], subtype="html")
    return message.as_string()


HANDLERS = {
    "CreateEmailTemplate": create,
    "GetEmailTemplate": get,
    "UpdateEmailTemplate": update,
    "DeleteEmailTemplate": delete,
    "ListEmailTemplates": list_templates,
    "TestRenderEmailTemplate": test_render,
}
