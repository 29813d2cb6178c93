"""TemplateConfiguration: in-app templates (SendMessages) and templates the test registered."""

from __future__ import annotations

from typing import Any, NamedTuple

from .limits import SEND_MESSAGES
from .violation import Collector
from .walk import text


class Template(NamedTuple):
    """A message template the request may name (``kind`` is e.g. ``"SMSTemplate"``).

    ``version=None`` registers the template's active version: any requested version matches.
    """

    kind: str
    name: str
    version: str | None = None


def check_templates(
    tc: dict[str, Any],
    path: str,
    templates: list[Template] | None,
    operation: str,
    c: Collector,
) -> None:
    # 000: TemplateConfiguration.InAppTemplate "The InApp template object is not supported for
    # SendMessages." Nothing is said of SendUsersMessages: no rule there.
    if operation == SEND_MESSAGES and tc.get("InAppTemplate") is not None:
        c.add(
            "in-app-template",
            f"{path}.InAppTemplate",
            "is not supported for SendMessages (send_messages rejects in-app templates)",
        )
    if templates is None:
        return
    for kind, ref in tc.items():
        if kind == "InAppTemplate" or not isinstance(ref, dict):
            continue
        name = text(ref, "Name")
        if name is None:
            continue
        version = text(ref, "Version")
        same = [t for t in templates if t.kind == kind and t.name == name]
        if not same:
            known = sorted(t.name for t in templates if t.kind == kind)
            c.add(
                "template-exists",
                f"{path}.{kind}.Name",
                f"no {kind} named {name!r} is registered (registered: "
                f"{', '.join(map(repr, known)) or 'none'})",
                name,
            )
        elif version is not None and not any(t.version in (None, version) for t in same):
            versions = sorted(str(t.version) for t in same)
            c.add(
                "template-exists",
                f"{path}.{kind}.Version",
                f"{kind} {name!r} has no version {version!r} (registered: {', '.join(versions)})",
                version,
            )


# The boto3 call that creates each kind of template (what the app would have run).
_CREATE_CALL = {
    "SMSTemplate": "create_sms_template",
    "EmailTemplate": "create_email_template",
    "VoiceTemplate": "create_voice_template",
    "PushTemplate": "create_push_template",
    "InAppTemplate": "create_in_app_template",
}


def check_unknown_templates(tc: dict[str, Any], path: str, c: Collector) -> None:
    """``template-unknown``: the request names templates while the test has none (the fake
    then sends no template content; once any template is known, ``template-exists`` judges)."""
    for kind, ref in tc.items():
        name = text(ref, "Name") if isinstance(ref, dict) else None
        if name is None:
            continue
        create = _CREATE_CALL.get(kind, "create_*_template")
        c.add(
            "template-unknown",
            f"{path}.{kind}.Name",
            f"names the {kind} {name!r}, which the app never created and the test never "
            "registered, so the fake has no content of it to send (a body of None where the "
            f"request has none); the service needs an existing template: run the app's {create}, "
            "or register it with "
            f"pinpoint_stub.add_template({name!r}, {kind!r}, content={{'Body': ...}})",
            name,
        )
