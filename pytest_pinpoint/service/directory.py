"""Where the send pipeline reads recipients and templates: one small accessor per question.

The endpoint registry (``state.endpoints_of_user``, ``state.endpoint``, ``state.template``)
belongs to the apps/endpoints area; until a state offers it, these read what ``add_user`` and
``add_template`` stored. Each function prefers the registry API when the state has it, so the
switch is a deletion here, not a change in the pipeline. Callers hold the state lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .state import State

Endpoint = Mapping[str, Any]


def user_endpoints(state: State, app_id: str, user_id: str) -> dict[str, Endpoint] | None:
    """A registered user's endpoints ``{endpoint_id: endpoint}``, or None when unknown."""
    api = getattr(state, "endpoints_of_user", None)
    if api is not None:
        found = api(app_id, user_id)
        return dict(found) if found is not None else None
    users = state.users.get(user_id)
    return dict(users) if users is not None else None


def endpoint(state: State, app_id: str, endpoint_id: str) -> tuple[str | None, Endpoint] | None:
    """``(user_id, endpoint)`` of a registered endpoint ID, or None when unknown."""
    api = getattr(state, "endpoint", None)
    if api is not None:
        found = api(app_id, endpoint_id)
        if found is None:
            return None
        user = found.get("User")
        user_id = user.get("UserId") if isinstance(user, Mapping) else None
        return (user_id if isinstance(user_id, str) else None), found
    for user_id, endpoints in state.users.items():
        if endpoint_id in endpoints:
            return user_id, endpoints[endpoint_id]
    return None


def template(state: State, kind: str, ref: Any) -> Mapping[str, Any] | None:
    """The stored content of ``TemplateConfiguration[kind]`` (``{"Name", "Version"}``), or None
    (a template registered without content, or not stored: it renders nothing)."""
    if not isinstance(ref, Mapping) or not isinstance(ref.get("Name"), str):
        return None
    api = getattr(state, "template", None)
    if api is None:
        return None
    version = ref.get("Version")
    found = api(kind, ref["Name"], version if isinstance(version, str) else None)
    return found if isinstance(found, Mapping) else None


def opted_out(endpoint: Endpoint) -> bool:
    return bool(endpoint.get("OptOut") == "ALL")


def active(endpoint: Endpoint) -> bool:
    """Inactive endpoints are not messaged (CONTRACT.md "Endpoints and apps")."""
    return bool(endpoint.get("EndpointStatus", "ACTIVE") != "INACTIVE")
