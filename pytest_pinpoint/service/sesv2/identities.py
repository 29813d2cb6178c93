"""Email identities: CreateEmailIdentity, GetEmailIdentity, ListEmailIdentities,
DeleteEmailIdentity. An address or a domain; verified at once unless the ``ses_identities``
option scripted its status (``{"example.com": "PENDING"}``). Creating one declares identities:
from then on a sender must be verified."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from ..context import Request, Service
from ..http import HttpReply
from .pages import PageError, listing, page
from .replies import error, ok
from .state import VERIFIED, Identity, SesState, of


def _dkim(identity: Identity) -> dict[str, Any]:
    digest = hashlib.sha1(identity.name.encode()).hexdigest()
    status = identity.status if identity.kind == "DOMAIN" else "NOT_STARTED"
    return {
        "SigningEnabled": identity.kind == "DOMAIN",
        "Status": status,
        "Tokens": [digest[i : i + 32] for i in (0, 4, 8)] if identity.kind == "DOMAIN" else [],
        "SigningAttributesOrigin": "AWS_SES",
    }


def _scripted_status(svc: Service, name: str) -> str:
    declared = getattr(svc.options, "ses_identities", None)
    if isinstance(declared, Mapping):
        return str(declared.get(name, VERIFIED))
    return VERIFIED


def create(svc: Service, request: Request) -> HttpReply:
    name = str(request.params.get("EmailIdentity", "")).lower()
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        if not name:
            return error(svc, call, "BadRequestException", "EmailIdentity is required.")
        if name in state.identities:
            return error(svc, call, "AlreadyExistsException", f"Identity {name} already exists.")
        identity = Identity(
            name,
            _scripted_status(svc, name),
            list(request.params.get("Tags") or []),
            request.params.get("ConfigurationSetName"),
        )
        state.identities[name] = identity
        state.identities_declared = True
        return ok(
            call,
            {
                "IdentityType": identity.kind,
                "VerifiedForSendingStatus": identity.status == VERIFIED,
                "DkimAttributes": _dkim(identity),
            },
        )


def _found(svc: Service, state: SesState, request: Request) -> Identity | None:
    return state.identities.get(str(request.params.get("EmailIdentity", "")).lower())


def get(svc: Service, request: Request) -> HttpReply:
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        identity = _found(svc, state, request)
        if identity is None:
            name = request.params.get("EmailIdentity")
            return error(svc, call, "NotFoundException", f"Identity {name} does not exist.")
        return ok(
            call,
            {
                "IdentityType": identity.kind,
                "FeedbackForwardingStatus": True,
                "VerifiedForSendingStatus": identity.status == VERIFIED,
                "DkimAttributes": _dkim(identity),
                "Policies": {},
                "Tags": identity.tags,
                "VerificationStatus": identity.status,
                **(
                    {"ConfigurationSetName": identity.configuration_set}
                    if identity.configuration_set
                    else {}
                ),
            },
        )


def list_identities(svc: Service, request: Request) -> HttpReply:
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        try:
            chunk, token = page(
                sorted(state.identities.values(), key=lambda i: i.name), request.params
            )
        except PageError as exc:
            return error(svc, call, "BadRequestException", str(exc))
        entries = [
            {
                "IdentityType": i.kind,
                "IdentityName": i.name,
                "SendingEnabled": i.status == VERIFIED,
                "VerificationStatus": i.status,
            }
            for i in chunk
        ]
        return ok(call, listing("EmailIdentities", entries, token))


def delete(svc: Service, request: Request) -> HttpReply:
    with svc.state.lock:
        state = of(svc)
        call = svc.call(request, [])
        identity = _found(svc, state, request)
        if identity is None:
            name = request.params.get("EmailIdentity")
            return error(svc, call, "NotFoundException", f"Identity {name} does not exist.")
        del state.identities[identity.name]
        return ok(call, {})


HANDLERS = {
    "CreateEmailIdentity": create,
    "GetEmailIdentity": get,
    "ListEmailIdentities": list_identities,
    "DeleteEmailIdentity": delete,
}
