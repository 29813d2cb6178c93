"""The one send path of ``send_users_messages`` and ``send_messages``.

It goes one way, under the state's lock: resolve the recipients once -> render each one's
message -> check the contract (the request, the variables its recipients can fill, the
cross-call silent-push count) -> record the call -> decide (a scripted whole-call failure;
in strict mode, a 400 naming the broken rules) -> each recipient's outcome -> record what was
sent -> the reply. Rendering comes before the check because two rules read what a recipient
gets (the variables an endpoint fills, the pushes that are silent).

What differs between the two operations is only who the recipients are and how the answer is
keyed: a :class:`SendOperation` brings those two functions (``messages.py``,
``send_messages.py``); everything else happens here once.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import render
from ..contract import Violation
from ..contract.templates import check_unknown_templates
from ..contract.validate import BOTO3_NAMES, BodyHints, check_wire_request
from ..contract.violation import Collector
from . import delivery, directory, undeliverable
from .context import Request, Service
from .delivery import Draft
from .http import HttpReply, json_reply
from .recipient import Recipient
from .record import SentMessage

Recipients = Callable[[Service, str, dict[str, Any]], list[Recipient]]
Answer = Callable[[dict[str, Any], list[SentMessage]], dict[str, Any]]
Handler = Callable[[Service, Request], HttpReply]


@dataclass(frozen=True)
class SendOperation:
    name: str  # the model's ("SendMessages")
    payload: str  # the request payload member ("MessageRequest")
    response: str  # the response payload member ("MessageResponse")
    recipients: Recipients  # who the request reaches (caller holds the lock)
    answer: Answer  # the Result maps of the response, from the delivered messages

    @property
    def boto3_name(self) -> str:
        return BOTO3_NAMES[self.name]

    @property
    def handler(self) -> Handler:
        """The router's handler of this operation."""
        return functools.partial(send, op=self)


def decode_blobs(body: dict[str, Any]) -> None:
    """RawEmail.Data travels base64 in JSON; the contract checks the bytes boto3 was given."""
    config = body.get("MessageConfiguration")
    email_msg = config.get("EmailMessage") if isinstance(config, dict) else None
    raw = email_msg.get("RawEmail") if isinstance(email_msg, dict) else None
    if isinstance(raw, dict) and isinstance(raw.get("Data"), str):
        # undecodable data is left as text: raw-email-mime reports it
        with contextlib.suppress(binascii.Error, ValueError):
            raw["Data"] = base64.b64decode(raw["Data"], validate=True)


def _variables(
    svc: Service, recipients: list[Recipient], body: dict[str, Any], raw: bytes, escaped: bool
) -> set[str]:
    """Names the fake can fill besides Substitutions: templates' DefaultSubstitutions and the
    recipients' endpoint fields (``Attributes.X``, ``User.UserAttributes.X`` ...)."""
    names: set[str] = set()
    # Only the endpoint fields the request's texts name matter to the rule: walk just those
    # (a name JSON had to escape is matched against the whole endpoint instead).
    named = render.VARIABLE.findall(raw.decode("utf-8", "replace"))
    hidden = escaped or any("\\" in n for n in named)
    only = None if hidden else render.variable_prefixes(named)
    refs = body.get("TemplateConfiguration")
    for kind, ref in refs.items() if isinstance(refs, dict) else ():
        stored = directory.template(svc.state, kind, ref)
        channel = next(iter(render.TEMPLATE_CHANNELS.get(kind, ())), "SMS")
        names.update(render.template_message(channel, stored)[1])
    for recipient in recipients:
        record = recipient.record
        if record is None:
            continue
        if only is not None and "Id" not in only and record.keys().isdisjoint(only):
            continue  # the texts name none of this endpoint's fields: nothing to add
        names.update(render.endpoint_variables(record, recipient.endpoint, only))
    return names


def send(svc: Service, request: Request, op: SendOperation) -> HttpReply:
    body: dict[str, Any] = request.params[op.payload]
    hints = BodyHints.of(request.body)
    if hints.raw_email:
        decode_blobs(body)
    with svc.state.lock:
        return _answer(svc, request, op, hints)


def _check(
    svc: Service,
    request: Request,
    op: SendOperation,
    hints: BodyHints,
    recipients: list[Recipient],
    drafts: list[Draft],
) -> list[Violation]:
    """Every contract rule the request breaks, the cross-call silent-push count included."""
    state = svc.state
    body: dict[str, Any] = request.params[op.payload]
    templates = state.templates or None  # template-exists judges only when the test has some
    variables = None
    if hints.variables:
        variables = frozenset(_variables(svc, recipients, body, request.body, hints.escaped))
    severities: Any = svc.options.rule_severities  # checked by StubOptions
    violations = check_wire_request(
        request.params, op.name, severities, templates, variables, hints
    )
    violations += undeliverable.recipient_violations(recipients, op.payload, severities)
    tc = body.get("TemplateConfiguration")
    if templates is None and isinstance(tc, dict) and tc:  # the test manages no template
        c = Collector(severities)
        check_unknown_templates(tc, f"{op.payload}.TemplateConfiguration", c)
        violations += c.out
    # apns-silent-rate counts silent pushes only (the counter skips every other message)
    pushes = _silent_pushes(drafts)
    if pushes:
        violations += svc.silent.check(request.params["ApplicationId"], pushes, state.clock)
    return violations


def _silent_pushes(drafts: list[Draft]) -> list[SentMessage]:
    return [d.message for d in drafts if d.message.push_type == "background"]


def _answer(svc: Service, request: Request, op: SendOperation, hints: BodyHints) -> HttpReply:
    app_id: str = request.params["ApplicationId"]  # an unknown one was answered by the router
    body: dict[str, Any] = request.params[op.payload]
    contract = svc.options.contract
    request_id = svc.state.request_id()
    recipients = op.recipients(svc, app_id, body)
    drafts = delivery.render_all(svc, app_id, body, recipients, request_id, op.name)
    violations = _check(svc, request, op, hints, recipients, drafts) if contract != "off" else []
    call = svc.call(request, violations, request_id)
    failure = svc.scripts.next_failure(op.name) if svc.scripts.failures else None
    if failure is not None:
        message = failure.message or f"scripted {failure.code} (pinpoint_stub.fail)"
        return svc.error(call, failure.code, message)
    blocking = [v for v in violations if v.severity == "error"] if contract == "strict" else []
    if blocking:
        # Expected or not, the service rejects it: expecting a rule only spares the teardown
        # check, so the app's error path still runs.
        return svc.error(
            call,
            "BadRequestException",
            f"{op.boto3_name} request breaks {len(blocking)} documented "
            "rule(s) (pytest-pinpoint contract=strict):\n" + "\n".join(map(str, blocking)),
        )
    delivery.deliver_all(svc, drafts, undeliverable.blocked(drafts, violations))
    sent = [d.message for d in drafts]
    svc.record.sent.extend(sent)
    pushes = _silent_pushes(drafts)
    if pushes and contract != "off":
        svc.silent.record(app_id, pushes, svc.state.clock)
    payload = {"ApplicationId": app_id, "RequestId": request_id, **op.answer(body, sent)}
    call.response = {op.response: payload}
    return json_reply(payload, request_id)
