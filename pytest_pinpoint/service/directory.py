"""Where the send pipeline reads stored templates: one small accessor per question, over the
template registry in :mod:`.state` (recipients are read from its endpoint registry by
``messages.py`` and ``send_messages.py``). Callers hold the state lock."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .state import State


def template(state: State, kind: str, ref: Any) -> Mapping[str, Any] | None:
    """The stored content of ``TemplateConfiguration[kind]`` (``{"Name", "Version"}``), or None
    (a template registered without content, or not stored: it renders nothing)."""
    if not isinstance(ref, Mapping) or not isinstance(ref.get("Name"), str):
        return None
    version = ref.get("Version")
    found = state.template(kind, ref["Name"], version if isinstance(version, str) else None)
    return found.content if found is not None else None
