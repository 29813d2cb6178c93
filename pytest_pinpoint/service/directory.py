"""Where the send pipeline reads recipients and templates: one small accessor per question,
over the endpoint and template registries in :mod:`.state`. Callers hold the state lock."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .state import State

Endpoint = Mapping[str, Any]


def user_endpoints(state: State, app_id: str, user_id: str) -> dict[str, Endpoint] | None:
    """A registered user's endpoints ``{endpoint_id: endpoint}`` (inactive ones included), or
    None for a user never registered (a user registered and since deleted has none)."""
    if user_id not in state.seen_users:
        return None
    return {r.id: r.data for r in state.endpoints_of_user(app_id, user_id) if r.channel}


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


def opted_out(endpoint: Endpoint) -> bool:
    return bool(endpoint.get("OptOut") == "ALL")


def active(endpoint: Endpoint) -> bool:
    """Inactive endpoints are not messaged (CONTRACT.md "Endpoints and apps")."""
    return bool(endpoint.get("EndpointStatus", "ACTIVE") != "INACTIVE")
