"""The one send path of ``send_users_messages`` and ``send_messages``.

validate (outside the lock) -> record the Call -> a scripted whole-call failure -> an unknown
application -> render each recipient's message -> the cross-call silent-push count -> (strict
mode) a 400 naming the broken rules -> each recipient's outcome -> record -> the reply.

What differs between the two operations is only who the recipients are and how the answer is
keyed: a :class:`SendOperation` brings those two functions (``messages.py``,
``send_messages.py``); everything else happens here once.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import render
from ..contract import Violation
from ..contract.validate import BOTO3_NAMES, check_wire_request
from . import delivery, directory
from .context import Request, Service
from .delivery import Target
from .http import HttpReply, json_reply
from .record import SentMessage

Targets = Callable[[Service, str, dict[str, Any]], list[Target]]
Answer = Callable[[dict[str, Any], list[SentMessage]], dict[str, Any]]
# the recipients the contract check resolved, with the registry version they were read at
Resolved = tuple[int, list[Target]] | None


@dataclass(frozen=True)
class SendOperation:
    name: str  # the model's ("SendMessages")
    payload: str  # the request payload member ("MessageRequest")
    response: str  # the response payload member ("MessageResponse")
    targets: Targets  # who the request reaches (caller holds the lock)
    answer: Answer  # the Result maps of the response, from the delivered drafts

    @property
    def boto3_name(self) -> str:
        return BOTO3_NAMES[self.name]


def decode_blobs(body: dict[str, Any]) -> None:
    """RawEmail.Data travels base64 in JSON; the contract checks the bytes boto3 was given."""
    config = body.get("MessageConfiguration")
    email_msg = config.get("EmailMessage") if isinstance(config, dict) else None
    raw = email_msg.get("RawEmail") if isinstance(email_msg, dict) else None
    if isinstance(raw, dict) and isinstance(raw.get("Data"), str):
        # undecodable data is left as text: raw-email-mime reports it
        with contextlib.suppress(binascii.Error, ValueError):
            raw["Data"] = base64.b64decode(raw["Data"], validate=True)


def _variables(svc: Service, targets: list[Target], body: dict[str, Any], raw: bytes) -> set[str]:
    """Names the fake can fill besides Substitutions: templates' DefaultSubstitutions and the
    recipients' endpoint fields (``Attributes.X``, ``User.UserAttributes.X`` ...)."""
    names: set[str] = set()
    # Only the endpoint fields the request's texts name matter to the rule: walk just those
    # (a name JSON had to escape is matched against the whole endpoint instead).
    named = render.VARIABLE.findall(raw.decode("utf-8", "replace"))
    escaped = raw.find(b"\\u") >= 0 or any("\\" in n for n in named)  # names the text hides
    only = None if escaped else render.variable_prefixes(named)
    refs = body.get("TemplateConfiguration")
    for kind, ref in refs.items() if isinstance(refs, dict) else ():
        stored = directory.template(svc.state, kind, ref)
        channel = next(iter(render.TEMPLATE_CHANNELS.get(kind, ())), "SMS")
        names.update(render.template_message(channel, stored)[1])
    for _, endpoint, _, _, _, record, _, _ in targets:
        if record is None:
            continue
        # the keys view walks the shorter side; a frozenset walks every key of a dict
        if only is not None and "Id" not in only and record.keys().isdisjoint(only):
            continue  # the texts name none of this endpoint's fields: nothing to add
        names.update(render.endpoint_variables(record, endpoint, only))
    return names


def send(svc: Service, request: Request, op: SendOperation) -> HttpReply:
    params = request.params
    body: dict[str, Any] = params[op.payload]
    raw = request.body
    # bytes.find, not `in`: `in` first tries the operand as an int and raises and clears a
    # TypeError for every bytes operand (a few µs per request)
    escaped = raw.find(b"\\u") >= 0  # JSON may spell any character so
    if escaped or raw.find(b"RawEmail") >= 0:  # member names as written
        decode_blobs(body)
    options = svc.options
    violations: list[Violation] = []
    resolved: Resolved = None
    if options.contract != "off":
        variables = templates = None
        state = svc.state
        # only a request with variables needs the names ({{ may also hide in a \\u escape);
        # most stubs know no template and most requests have none: no lock, no list
        named = escaped or raw.find(b"{{") >= 0
        if named or state.template_store or state.extra_templates:
            with state.lock:
                templates = state.templates or None
                if named:
                    targets = op.targets(svc, params.get("ApplicationId", ""), body)
                    resolved = (state.endpoints_version, targets)
                    variables = frozenset(_variables(svc, targets, body, raw))
        severities: Any = options.rule_severities  # checked by StubOptions
        violations = check_wire_request(params, op.name, severities, templates, variables, raw)
    with svc.state.lock:
        return _answer(svc, request, op, violations, resolved)


def _answer(
    svc: Service,
    request: Request,
    op: SendOperation,
    violations: list[Violation],
    resolved: Resolved,
) -> HttpReply:
    app_id: str = request.params["ApplicationId"]
    body: dict[str, Any] = request.params[op.payload]
    options = svc.options
    call = svc.call(request, violations)
    failure = svc.scripts.next_failure(op.name) if svc.scripts.failures else None
    if failure is not None:
        message = failure.message or f"scripted {failure.code} (pinpoint_stub.fail)"
        return svc.error(call, failure.code, message)
    # an unknown ApplicationId was answered by the router (state.app_exists)
    if resolved is not None and resolved[0] == svc.state.endpoints_version:
        targets = resolved[1]  # the registry did not change since the contract check
    else:
        targets = op.targets(svc, app_id, body)
    rendered = delivery.render_all(svc, app_id, body, targets, call.request_id, op.name)
    drafts = rendered[0]
    # apns-silent-rate counts silent pushes only (the counter skips every other message)
    pushes = rendered[2]
    if pushes and options.contract != "off":
        silent = svc.silent.check(app_id, pushes, svc.state.clock)
        if silent:
            call.violations = [*call.violations, *silent]
            svc.record.violations.extend(silent)
            svc.scripts.note(silent)
    if call.violations and options.contract == "strict":
        # Expected or not, the service rejects it: expecting a rule only spares the teardown
        # check, so the app's error path still runs.
        blocking = [v for v in call.violations if v.severity == "error"]
        if blocking:
            return svc.error(
                call,
                "BadRequestException",
                f"{op.boto3_name} request breaks {len(blocking)} documented "
                "rule(s) (pytest-pinpoint contract=strict):\n"
                + "\n".join(str(v) for v in blocking),
            )
    delivery.deliver_all(svc, rendered)
    svc.record.sent.extend(drafts)
    if pushes and options.contract != "off":
        svc.silent.record(app_id, pushes, svc.state.clock)
    payload = {"ApplicationId": app_id, "RequestId": call.request_id, **op.answer(body, drafts)}
    call.response = {op.response: payload}
    return json_reply(payload, call.request_id)
