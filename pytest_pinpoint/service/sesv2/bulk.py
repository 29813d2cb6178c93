"""SendBulkEmail: one templated message per entry (its ReplacementTemplateData, else the
default's), one BulkEmailEntryResult per entry in order, each with its own MessageId or the
documented per-entry status (MESSAGE_REJECTED for an unverified sandbox recipient,
ACCOUNT_THROTTLED for a THROTTLED outcome)."""

from __future__ import annotations

from typing import Any

from ...contract.ses.send import recipients
from ..context import Request, Service
from ..http import HttpReply
from . import content as build
from .replies import error, ok
from .send import (
    blocking_error,
    check_contract,
    deliver,
    make_drafts,
    refusal,
    region_of,
    rendering_violations,
    unknown_set,
)
from .state import of


def _entry_email(state: Any, template: dict[str, Any], entry: dict[str, Any]) -> build.Email:
    replacement = (entry.get("ReplacementEmailContent") or {}).get("ReplacementTemplate") or {}
    data = replacement.get("ReplacementTemplateData") or template.get("TemplateData")
    email = build.templated(state, template, data)
    headers = entry.get("ReplacementHeaders")
    if isinstance(headers, list) and headers:
        email.headers = {**(email.headers or {}), **(build._headers(headers) or {})}
    return email


def send_bulk(svc: Service, request: Request) -> HttpReply:
    params = request.params
    violations = check_contract(svc, "SendBulkEmail", params)
    template = (params.get("DefaultContent") or {}).get("Template") or {}
    entries = [e for e in params.get("BulkEmailEntries") or () if isinstance(e, dict)]
    with svc.state.lock:
        state = of(svc)
        try:
            emails = [_entry_email(state, template, entry) for entry in entries]
        except build.ContentError as exc:
            emails, problem = [], exc
        for i, email in enumerate(emails):
            violations += rendering_violations(svc, email, f"BulkEmailEntries[{i}]")
        call = svc.call(request, violations)
        blocked = blocking_error(svc, call, "SendBulkEmail", violations)
        if blocked is not None:
            return blocked
        if entries and not emails:
            return error(svc, call, problem.code, str(problem))
        missing = unknown_set(state, params)
        if missing is not None:
            return error(svc, call, "NotFoundException", missing)
        sender = params.get("FromEmailAddress")
        refused = refusal(
            svc,
            state,
            region_of(request),
            [sender, params.get("FeedbackForwardingEmailAddress")],
            [],
        )
        if refused is not None:
            return error(svc, call, "MessageRejected", refused)
        results = [
            _entry(svc, call, state, request, email, entry, params)
            for email, entry in zip(emails, entries, strict=True)
        ]
        return ok(call, {"BulkEmailEntryResults": results})


def _entry(
    svc: Service,
    call: Any,
    state: Any,
    request: Request,
    email: build.Email,
    entry: dict[str, Any],
    params: dict[str, Any],
) -> dict[str, Any]:
    to = recipients(entry.get("Destination"))
    sender = params.get("FromEmailAddress")
    refused = refusal(svc, state, region_of(request), [], to)
    if refused is not None:
        return {"Status": "MESSAGE_REJECTED", "Error": refused}
    tags = [*(params.get("DefaultEmailTags") or ()), *(entry.get("ReplacementTags") or ())]
    given = {"EmailTags": tags, "ConfigurationSetName": params.get("ConfigurationSetName")}
    message_id = svc.state.message_id()
    drafts = make_drafts(svc, call, "SendBulkEmail", email, sender, to, given, message_id)
    if not deliver(svc, state, email, drafts, region_of(request)):
        return {"Status": "ACCOUNT_THROTTLED", "Error": "Maximum sending rate exceeded."}
    return {"Status": "SUCCESS", "MessageId": message_id}
