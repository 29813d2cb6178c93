"""``SendUsersMessages``: check, render per endpoint, decide each outcome, record, answer.

The order of the pipeline is the service's: a scripted whole-call failure answers first (its
violations are still recorded), then an unknown application, then (strict mode) a request that
breaks an error-severity rule answers 400; otherwise every endpoint of every user gets its
rendered message and its DeliveryStatus (scripted, OPT_OUT for an opted-out endpoint, or
SUCCESSFUL), each with a MessageId.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
from typing import Any

from .. import contract, model, render
from ..contract import STATUS_DETAILS, Violation
from .context import Request, Service
from .http import HttpReply, json_reply
from .record import SentMessage

OPERATION = model.OPERATION_NAME  # "SendUsersMessages"


def decode_blobs(body: dict[str, Any]) -> None:
    """RawEmail.Data travels base64 in JSON; the contract checks the bytes boto3 was given."""
    config = body.get("MessageConfiguration")
    email_msg = config.get("EmailMessage") if isinstance(config, dict) else None
    raw = email_msg.get("RawEmail") if isinstance(email_msg, dict) else None
    if isinstance(raw, dict) and isinstance(raw.get("Data"), str):
        # undecodable data is left as text: raw-email-mime reports it
        with contextlib.suppress(binascii.Error, ValueError):
            raw["Data"] = base64.b64decode(raw["Data"], validate=True)


def send_users_messages(svc: Service, request: Request) -> HttpReply:
    params = request.params
    decode_blobs(params["SendUsersMessageRequest"])
    options = svc.options
    violations: list[Violation] = []
    if options.contract != "off":
        with svc.state.lock:
            templates = list(svc.state.templates) if svc.state.templates else None
        violations = contract.validate_request(
            params,
            severities=options.rule_severities,
            templates=templates,
        )
    with svc.state.lock:
        return _send(svc, request, violations)


def _send(svc: Service, request: Request, violations: list[Violation]) -> HttpReply:
    app_id: str = request.params["ApplicationId"]
    body: dict[str, Any] = request.params["SendUsersMessageRequest"]
    options = svc.options
    call = svc.call(request, violations)
    failure = svc.scripts.next_failure()
    if failure is not None:
        message = failure.message or f"scripted {failure.code} (pinpoint_stub.fail)"
        return svc.error(call, failure.code, message)
    known = options.known_apps
    if known is not None and app_id not in known:
        listing = ", ".join(sorted(known)) or "none"
        return svc.error(
            call,
            "NotFoundException",
            f"Application {app_id!r} not found (known applications: {listing})",
        )
    drafts = _render(svc, app_id, body, call.request_id)
    silent = svc.silent.check(app_id, drafts, options.rule_severities, options.contract)
    if silent:
        call.violations = [*violations, *silent]
        svc.record.violations.extend(silent)
        svc.scripts.note(silent)
    if options.contract == "strict":
        # Expected or not, the service rejects it: expecting a rule only spares the teardown
        # check, so the app's error path still runs.
        blocking = [v for v in call.violations if v.severity == "error"]
        if blocking:
            return svc.error(
                call,
                "BadRequestException",
                f"send_users_messages request breaks {len(blocking)} documented "
                "rule(s) (pytest-pinpoint contract=strict):\n"
                + "\n".join(str(v) for v in blocking),
            )
    result: dict[str, dict[str, Any]] = {}
    users = body.get("Users")
    for user_id in users if isinstance(users, dict) else ():
        result[str(user_id)] = {}
    for draft in drafts:
        _deliver(svc, draft)
        entry: dict[str, Any] = {
            "DeliveryStatus": draft.status,
            "MessageId": draft.message_id,
            "StatusCode": draft.status_code,
            "StatusMessage": draft.status_message,
        }
        if draft.address is not None:
            entry["Address"] = draft.address
        result[draft.user][draft.endpoint] = entry
        svc.record.sent.append(draft)
    svc.silent.count(app_id, drafts)
    payload = {"ApplicationId": app_id, "RequestId": call.request_id, "Result": result}
    call.response = {"SendUsersMessageResponse": payload}
    return json_reply(payload, call.request_id)


def _render(svc: Service, app_id: str, body: dict[str, Any], request_id: str) -> list[SentMessage]:
    config = body.get("MessageConfiguration")
    config = config if isinstance(config, dict) else {}
    templates = body.get("TemplateConfiguration")
    templates = templates if isinstance(templates, dict) else {}
    users = body.get("Users")
    if not isinstance(users, dict):
        return []
    state = svc.state
    stamp = state.creation_date()
    strict_users = svc.options.strict_users
    drafts = []
    for user_id, user_conf in users.items():
        if not isinstance(user_id, str):
            continue
        conf = user_conf if isinstance(user_conf, dict) else {}
        context = conf.get("Context")
        for endpoint_id, endpoint in state.endpoints_of(
            user_id, config, templates, strict_users, app_id
        ).items():
            channel = endpoint["ChannelType"]
            if not render.has_content(channel, config, templates):
                continue
            r = render.render_endpoint(channel, config, conf, stamp)
            drafts.append(
                SentMessage(
                    user=user_id,
                    endpoint=endpoint_id,
                    channel=channel,
                    address=endpoint.get("Address"),
                    body=r.body,
                    title=r.title,
                    substitutions=r.substitutions,
                    priority=r.priority,
                    push_type=r.push_type,
                    raw_content=r.raw_content,
                    context=dict(context) if isinstance(context, dict) else None,
                    status="SUCCESSFUL",
                    status_code=200,
                    status_message="",
                    message_id=None,
                    request_id=request_id,
                    application_id=app_id,
                    sent_at=state.clock,
                    operation=OPERATION,
                )
            )
    return drafts


def _deliver(svc: Service, draft: SentMessage) -> None:
    """Decide ``draft``'s status (scripted, opted out, or SUCCESSFUL) and give it a MessageId."""
    script = svc.scripts.choose(draft)
    code = message = None
    if script is not None:
        code, message = script.status_code, script.status_message
    elif svc.state.opted_out(draft.user, draft.endpoint):
        draft.status = "OPT_OUT"
    message_id = svc.state.message_id()  # every endpoint result carries one (a key for apps)
    default_code, template = STATUS_DETAILS[draft.status]
    draft.status_code = default_code if code is None else code
    draft.status_message = template.format(message_id=message_id) if message is None else message
    draft.message_id = message_id
