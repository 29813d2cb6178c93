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
