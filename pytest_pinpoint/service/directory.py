"""Where the send pipeline reads recipients and templates: one small accessor per question,
over the endpoint and template registries in :mod:`.state`. Callers hold the state lock."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .state import State

Endpoint = Mapping[str, Any]


def endpoint(state: State, app_id: str, endpoint_id: str) -> tuple[str | None, Endpoint] | None:
    """``(user_id, endpoint)`` of a registered endpoint ID, or None when unknown."""
    found = state.endpoint(app_id, endpoint_id)
    return None if found is None else (found.user_id, found.data)


def template(state: State, kind: str, ref: Any) -> Mapping[str, Any] | None:
    """The stored content of ``TemplateConfiguration[kind]`` (``{"Name", "Version"}``), or None
    (a template registered without content, or not stored: it renders nothing)."""
    if not isinstance(ref, Mapping) or not isinstance(ref.get("Name"), str):
        return None
    version = ref.get("Version")
    found = state.template(kind, ref["Name"], version if isinstance(version, str) else None)
    return found.content if found is not None else None
