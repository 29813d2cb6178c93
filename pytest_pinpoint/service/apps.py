"""Applications (projects): CreateApp, GetApp, GetApps, DeleteApp.

The app's own ``create_app`` gives a 32-digit lowercase hex ``Id`` from the stub's seeded IDs
(the same on every run) and an ``Arn`` in the request's signing Region and account
(:mod:`.signer`). Once the test created an app (or listed ``known_apps``), a call naming
another ApplicationId answers NotFoundException; until then every ID is accepted, as before.
Deleting an app deletes its endpoints.

Quota: "Projects: 100 per Region" (https://docs.aws.amazon.com/pinpoint/latest/developerguide/
quotas.html); the 101st CreateApp answers BadRequestException (the service's exact answer is not
documented: our choice).
"""

from __future__ import annotations

from typing import Any

from .context import Request, Service
from .http import HttpReply
from .shapes import check_input, reply
from .signer import arn

MAX_APPS = 100  # quotas.html: "Projects: up to 100 per Region"


def create_app(svc: Service, request: Request) -> HttpReply:
    problem = check_input(request.operation, request.params)
    body = request.params.get("CreateApplicationRequest") or {}
    with svc.state.lock:
        call = svc.call(request, [])
        if problem is not None:
            return svc.error(call, "BadRequestException", f"CreateApplicationRequest.{problem}")
        if not isinstance(body.get("Name"), str) or not body["Name"]:
            given = "Name" in body  # botocore let an empty string through: it was given
            problem = "is empty; it must be at least 1 character" if given else "is required"
            return svc.error(
                call, "BadRequestException", f"CreateApplicationRequest.Name: {problem}"
            )
        if len(svc.state.apps) >= MAX_APPS:
            return svc.error(
                call,
                "BadRequestException",
                f"the stub already has {len(svc.state.apps)} applications; the quota is "
                f"{MAX_APPS} projects per Region (Amazon Pinpoint quotas)",
            )
        app_id = svc.state.app_id()
        app: dict[str, Any] = {
            "Arn": arn(request.url, request.headers, f"apps/{app_id}"),
            "Id": app_id,
            "Name": body["Name"],
            "tags": dict(body.get("tags") or {}),
            "CreationDate": svc.state.timestamp(),
        }
        svc.state.apps[app_id] = app
        return reply(call, dict(app))


def _found(svc: Service, request: Request) -> tuple[Any, dict[str, Any] | None, HttpReply | None]:
    call = svc.call(request, [])
    app_id = request.params.get("ApplicationId", "")
    app = svc.state.apps.get(app_id)
    if app is None:
        known = ", ".join(sorted(svc.state.apps)) or "none created"
        return (
            call,
            None,
            svc.error(
                call, "NotFoundException", f"Application {app_id!r} not found (apps: {known})"
            ),
        )
    return call, app, None


def get_app(svc: Service, request: Request) -> HttpReply:
    with svc.state.lock:
        call, app, error = _found(svc, request)
        return error if error is not None else reply(call, dict(app or {}))


def delete_app(svc: Service, request: Request) -> HttpReply:
    with svc.state.lock:
        call, app, error = _found(svc, request)
        if error is not None:
            return error
        svc.state.remove_app(request.params["ApplicationId"])
        return reply(call, dict(app or {}))


def get_apps(svc: Service, request: Request) -> HttpReply:
    """Every created app in creation order, one page (PageSize honoured; Token is an index)."""
    with svc.state.lock:
        call = svc.call(request, [])
        apps = list(svc.state.apps.values())
        size = request.params.get("PageSize")
        token = request.params.get("Token")
        start = int(token) if isinstance(token, str) and token.isdigit() else 0
        count = int(size) if isinstance(size, str) and size.isdigit() and int(size) > 0 else 0
        end = start + count if count else len(apps)
        payload: dict[str, Any] = {"Item": [dict(a) for a in apps[start:end]]}
        if end < len(apps):
            payload["NextToken"] = str(end)
        return reply(call, payload)
