"""Message templates: Create/Get/Update/Delete for SMS, email, push and voice templates.

Versions as the API reference documents them (https://docs.aws.amazon.com/pinpoint/latest/
apireference/templates-template-name-template-type-active-version.html and each template
resource's ``version`` parameter): creating a template makes version 1, its active version;
an update "overwrites the latest existing version of the template, unless you choose to create
a new version" (``create-new-version``); a ``version`` given to an update must be the latest;
a get without ``version`` returns the active version; a delete without ``version`` deletes the
template with all its versions. ``TemplateConfiguration`` rendering reads these records through
``State.template(kind, name, version)``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .context import Request, Service
from .http import HttpReply
from .shapes import check_input, message_body, reply
from .signer import arn
from .state import TemplateRecord, TemplateVersions


class Family(NamedTuple):
    kind: str  # the TemplateConfiguration member
    member: str  # the Create/Update request member
    type: str  # TemplateType in responses and the ARN


FAMILIES: dict[str, Family] = {
    "Sms": Family("SMSTemplate", "SMSTemplateRequest", "SMS"),
    "Email": Family("EmailTemplate", "EmailTemplateRequest", "EMAIL"),
    "Push": Family("PushTemplate", "PushNotificationTemplateRequest", "PUSH"),
    "Voice": Family("VoiceTemplate", "VoiceTemplateRequest", "VOICE"),
}


def family_of(operation: str) -> Family:
    """``CreateSmsTemplate`` -> the SMS family."""
    for verb in ("Create", "Get", "Update", "Delete"):
        if operation.startswith(verb) and operation.endswith("Template"):
            return FAMILIES[operation[len(verb) : -len("Template")]]
    raise KeyError(operation)


def _arn(request: Request, family: Family, name: str) -> str:
    return arn(request.url, request.headers, f"templates/{name}/{family.type}")


def _start(svc: Service, request: Request) -> tuple[Any, Family, str, HttpReply | None]:
    """Record the call and check its input (callers hold the lock)."""
    call = svc.call(request, [])
    family = family_of(request.operation)
    name = request.params.get("TemplateName", "")
    problem = check_input(request.operation, request.params)
    error = svc.error(call, "BadRequestException", problem) if problem else None
    return call, family, name, error


def create_template(svc: Service, request: Request) -> HttpReply:
    with svc.state.lock:
        call, family, name, error = _start(svc, request)
        if error is not None:
            return error
        store = svc.state.template_store
        if (family.kind, name) in store:
            return svc.error(call, "BadRequestException", f"Template {name!r} already exists")
        now = svc.state.timestamp()
        content = dict(request.params[family.member])
        store[(family.kind, name)] = TemplateVersions(
            [TemplateRecord(family.kind, name, "1", content, now, now)], "1"
        )
        payload = {
            "Arn": _arn(request, family, name),
            "Message": "Created",
            "RequestID": call.request_id,
        }
        return reply(call, payload)


def _missing(svc: Service, call: Any, name: str, version: str | None) -> HttpReply:
    what = f"template {name!r}" + (f" version {version!r}" if version else "")
    return svc.error(call, "NotFoundException", f"Resource not found: {what}")


def get_template(svc: Service, request: Request) -> HttpReply:
    with svc.state.lock:
        call, family, name, error = _start(svc, request)
        if error is not None:
            return error
        version = request.params.get("Version")
        record = svc.state.template(family.kind, name, version)
        if record is None:
            return _missing(svc, call, name, version)
        payload = {
            **record.content,
            "Arn": _arn(request, family, name),
            "CreationDate": record.created,
            "LastModifiedDate": record.modified,
            "TemplateName": name,
            "TemplateType": family.type,
            "Version": record.version,
            "tags": dict(record.content.get("tags") or {}),
        }
        return reply(call, payload)


def update_template(svc: Service, request: Request) -> HttpReply:
    with svc.state.lock:
        call, family, name, error = _start(svc, request)
        if error is not None:
            return error
        entry = svc.state.template_store.get((family.kind, name))
        if entry is None:
            return _missing(svc, call, name, None)
        latest = entry.versions[-1]
        version = request.params.get("Version")
        if version is not None and version != latest.version:
            return svc.error(
                call,
                "BadRequestException",
                f"Version: {version!r} is not the latest version of {name!r} "
                f"({latest.version!r}); an update must name the latest version",
            )
        now = svc.state.timestamp()
        content = dict(request.params[family.member])
        if request.params.get("CreateNewVersion"):
            number = str(max(int(r.version) for r in entry.versions) + 1)
            entry.versions.append(TemplateRecord(family.kind, name, number, content, now, now))
        else:
            entry.versions[-1] = TemplateRecord(
                family.kind, name, latest.version, content, latest.created, now
            )
        return message_body(call, "Accepted")


def delete_template(svc: Service, request: Request) -> HttpReply:
    with svc.state.lock:
        call, family, name, error = _start(svc, request)
        if error is not None:
            return error
        store = svc.state.template_store
        entry = store.get((family.kind, name))
        version = request.params.get("Version")
        if entry is None or (
            version is not None and all(r.version != version for r in entry.versions)
        ):
            return _missing(svc, call, name, version)
        if version is None:
            del store[(family.kind, name)]
        else:
            entry.versions = [r for r in entry.versions if r.version != version]
            if not entry.versions:
                del store[(family.kind, name)]
            elif entry.active == version:
                entry.active = entry.versions[-1].version
        return message_body(call, "Accepted")


HANDLERS = {
    f"{verb}{prefix}Template": handler
    for prefix in FAMILIES
    for verb, handler in (
        ("Create", create_template),
        ("Get", get_template),
        ("Update", update_template),
        ("Delete", delete_template),
    )
}
