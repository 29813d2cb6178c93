"""SendEmail and SendBulkEmail: the contract, the sender's identity (and, in the sandbox, the
recipients'), the content of each message, each recipient's outcome, the record.

One :class:`SentMessage` per recipient (To, then Cc, then Bcc), all with the call's one
MessageId, as SES answers one MessageId per message. A recipient's outcome: a script
(``outcome(..., address=)``) first, else the suppression list (not delivered, as SES
documents), else a template's Rendering Failure, else delivered. ``THROTTLED`` answers the
whole call 429 TooManyRequestsException, which botocore retries.
"""

from __future__ import annotations

from typing import Any

from ...contract.ses.limits import MAILBOX_SIMULATOR_DOMAIN, NOT_VERIFIED
from ...contract.ses.send import address_of, recipients, validate_send
from ...contract.violation import Collector, Violation
from .. import counterparts
from ..context import Request, Service
from ..http import HttpReply
from ..record import Call, SentMessage
from . import content as build
from . import events
from .replies import error, ok
from .state import SesState, Suppressed, of

# SentMessage.status (Pinpoint's DeliveryStatus, which outcome() scripts) -> the SES event
EVENTS = {
    "SUCCESSFUL": "Delivery",
    "PERMANENT_FAILURE": "Bounce: Permanent/General",
    "TEMPORARY_FAILURE": "DeliveryDelay",
    "OPT_OUT": "Bounce: Permanent/OnAccountSuppressionList",
    "UNKNOWN_FAILURE": "Reject",
    "DUPLICATE": "Delivery",
}


def check_contract(svc: Service, operation: str, params: dict[str, Any]) -> list[Violation]:
    if svc.options.contract == "off":
        return []
    overrides: Any = svc.options.rule_severities
    return validate_send(operation, params, overrides)


def blocking_error(
    svc: Service, call: Call, operation: str, violations: list[Violation]
) -> HttpReply | None:
    blocking = [v for v in violations if v.severity == "error"]
    if svc.options.contract != "strict" or not blocking:
        return None
    return error(
        svc,
        call,
        "BadRequestException",
        f"{operation} request breaks {len(blocking)} documented rule(s) (pytest-pinpoint "
        "contract=strict):\n" + "\n".join(map(str, blocking)),
    )


def refusal(
    svc: Service, state: SesState, region: str, senders: list[str | None], to: list[str]
) -> str | None:
    """MessageRejected's message when an identity is not verified, else None: the From and
    feedback forwarding addresses (once identities are declared), and in the sandbox the
    recipients."""
    where = (region or "us-east-1").upper()
    if state.identities_declared:
        failed = [address_of(s) for s in senders if s and not state.verified(s)]
        if failed:
            return f"{NOT_VERIFIED} {where}: {', '.join(failed)}"
    if getattr(svc.options, "ses_sandbox", False):
        failed = [
            address_of(a)
            for a in to
            if not address_of(a).lower().endswith("@" + MAILBOX_SIMULATOR_DOMAIN)
            and not state.verified(a)
        ]
        if failed:
            return f"{NOT_VERIFIED} {where}: {', '.join(failed)} (the account is in the sandbox)"
    return None


def region_of(request: Request) -> str:
    host = request.url.split("://", 1)[-1].split("/", 1)[0]
    parts = host.split(".")
    return parts[1] if len(parts) > 3 and parts[0] == "email" else ""


def rendering_violations(svc: Service, email: build.Email, path: str) -> list[Violation]:
    if email.failure is None or svc.options.contract == "off":
        return []
    overrides: Any = svc.options.rule_severities
    c = Collector(overrides)
    c.add("ses-rendering-failure", path, f"does not render: {email.failure}", email.template)
    return c.out


def make_drafts(
    svc: Service,
    call: Call,
    operation: str,
    email: build.Email,
    sender: str | None,
    to: list[str],
    params: dict[str, Any],
    message_id: str,
) -> list[SentMessage]:
    tags = {
        str(t.get("Name")): str(t.get("Value"))
        for t in params.get("EmailTags") or ()
        if isinstance(t, dict)
    } or None
    return [
        SentMessage(
            user=None,
            endpoint=None,
            channel="EMAIL",
            address=address_of(address),
            body=email.text,
            title=email.subject,
            substitutions={},
            priority=None,
            push_type=None,
            raw_content=email.raw,
            context=None,
            status="SUCCESSFUL",
            status_code=200,
            status_message="Delivery",
            message_id=message_id,
            request_id=call.request_id,
            sent_at=svc.state.clock,
            operation=operation,
            service="sesv2",
            origination=sender,
            headers=email.headers,
            html_body=email.html,
            configuration_set=params.get("ConfigurationSetName"),
            tags=tags,
            template=email.template,
            template_data=email.template_data,
        )
        for address in to
    ]


def decide(svc: Service, state: SesState, email: build.Email, draft: SentMessage) -> None:
    """A recipient's outcome: a script, the suppression list, a rendering failure, delivery."""
    script = svc.scripts.choose(draft) if svc.scripts.outcomes else None
    if script is not None:
        counterparts.check("sesv2", draft.status, script.describe(counted=False))
    if script is None:
        if draft.address is not None and draft.address.lower() in state.suppressed:
            draft.status = "OPT_OUT"
        elif email.failure is not None:
            draft.status = "PERMANENT_FAILURE"
            draft.status_message = f"Rendering Failure: {email.failure}"
            return
    if script is not None and script.status_message is not None:
        draft.status_message = script.status_message
    else:
        draft.status_message = EVENTS.get(draft.status, draft.status)
    if draft.status == "PERMANENT_FAILURE" and draft.address is not None:
        # the account-level suppression list takes hard bounces (its default reasons)
        key = draft.address.lower()
        state.suppressed.setdefault(key, Suppressed(key, "BOUNCE", svc.state.clock))


def deliver(
    svc: Service, state: SesState, email: build.Email, drafts: list[SentMessage], region: str
) -> bool:
    """Decide every draft and record them with their events; False (nothing sent) when one is
    THROTTLED."""
    for draft in drafts:
        decide(svc, state, email, draft)
    if any(d.status == "THROTTLED" for d in drafts):
        return False
    svc.record.sent.extend(drafts)
    state.sent_last_24_hours += len(drafts)
    rendered = email.failure is None or any(d.status != "PERMANENT_FAILURE" for d in drafts)
    events.publish(state, drafts, region, None if rendered else email.failure)
    return True


def unknown_set(state: SesState, params: dict[str, Any]) -> str | None:
    """NotFoundException's message for a configuration set the test never created (checked
    once it created any), else None."""
    name = params.get("ConfigurationSetName")
    if name is None or not state.configuration_sets or name in state.configuration_sets:
        return None
    return f"Configuration set <{name}> does not exist."


def _email(state: SesState, params: dict[str, Any]) -> build.Email:
    given = params.get("Content")
    content: dict[str, Any] = given if isinstance(given, dict) else {}
    kinds = {k: v for k, v in content.items() if isinstance(v, dict)}
    if "Raw" in kinds:
        return build.raw(kinds["Raw"])
    if "Template" in kinds:
        part = kinds["Template"]
        return build.templated(state, part, part.get("TemplateData"))
    return build.simple(kinds.get("Simple", {}))


def send_email(svc: Service, request: Request) -> HttpReply:
    params = request.params
    violations = check_contract(svc, "SendEmail", params)
    with svc.state.lock:
        state = of(svc)
        try:
            email: build.Email | None = _email(state, params)
        except build.ContentError as exc:
            email, problem = None, exc
        if email is not None:
            violations += rendering_violations(svc, email, "Content.Template")
        call = svc.call(request, violations)
        blocked = blocking_error(svc, call, "SendEmail", violations)
        if blocked is not None:
            return blocked
        if email is None:
            return error(svc, call, problem.code, str(problem))
        missing = unknown_set(state, params)
        if missing is not None:
            return error(svc, call, "NotFoundException", missing)
        sender = params.get("FromEmailAddress") or email.from_header
        to = recipients(params.get("Destination")) or email.recipients
        senders = [sender, params.get("FeedbackForwardingEmailAddress")]
        refused = refusal(svc, state, region_of(request), senders, to)
        if refused is not None:
            return error(svc, call, "MessageRejected", refused)
        message_id = svc.state.message_id()
        drafts = make_drafts(svc, call, "SendEmail", email, sender, to, params, message_id)
        if not deliver(svc, state, email, drafts, region_of(request)):
            return error(svc, call, "TooManyRequestsException", "Maximum sending rate exceeded.")
        return ok(call, {"MessageId": message_id})
