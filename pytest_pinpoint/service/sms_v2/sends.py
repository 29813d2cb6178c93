"""SendTextMessage, SendVoiceMessage, SendMediaMessage: checked, scripted, recorded, answered.

Order of judgement (a guess where the reference is silent, as for Pinpoint's sends): the
contract (strict: ValidationException, or the rule's own error), then the account's state (an
opted-out destination: ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT; the sandbox's
unverified destination: ConflictException DESTINATION_PHONE_NUMBER_NOT_VERIFIED; a spend limit
overridden to 0: ServiceQuotaExceededException), then the test's ``outcome()`` scripts. A send
that reached delivery is recorded in ``stub.sent`` with its status, whatever it answered; a
``DryRun`` is validated, recorded with ``dry_run=True``, and delivers nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from ...contract.sms_v2.check import Collector, check_send
from ...contract.sms_v2.parts import count
from ...contract.sms_v2.rules import ANSWERS
from .. import counterparts
from ..context import Request, Service
from ..http import HttpReply
from ..record import SentMessage
from . import events, origins, replies
from .state import SERVICE, Account, account


@dataclass(frozen=True)
class Send:
    operation: str
    channel: str  # the SentMessage channel: SMS, VOICE, MMS
    capability: str  # the NumberCapability the origination identity needs
    spend_limit: str  # the SpendLimitName that caps it
    spend_reason: str  # the ServiceQuotaExceededExceptionReason when it is reached


TEXT = Send("SendTextMessage", "SMS", "SMS", "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT",
            "MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT")  # fmt: skip
VOICE = Send("SendVoiceMessage", "VOICE", "VOICE", "VOICE_MESSAGE_MONTHLY_SPEND_LIMIT",
             "MONTHLY_SPEND_LIMIT_REACHED_FOR_VOICE")  # fmt: skip
MEDIA = Send("SendMediaMessage", "MMS", "MMS", "MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT",
             "MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA")  # fmt: skip


class Refused(NamedTuple):
    """Why a send that passed the contract is not delivered: the error it answers."""

    code: str
    reason: str | None
    message: str


_SCRIPTED = "scripted outcome {} (pinpoint_stub.outcome)"
#: a scripted DeliveryStatus -> the error the send answers (absent: accepted)
OUTCOME_ERRORS: dict[str, Refused] = {
    status: Refused(code, reason, _SCRIPTED.format(status))
    for status, code, reason in (
        ("OPT_OUT", "ConflictException", "DESTINATION_PHONE_NUMBER_OPTED_OUT"),
        ("THROTTLED", "ThrottlingException", None),
        ("PERMANENT_FAILURE", "ValidationException", "OTHER"),
        ("TEMPORARY_FAILURE", "InternalServerException", None),
        ("UNKNOWN_FAILURE", "InternalServerException", None),
        ("TIMEOUT", "InternalServerException", None),
    )
}


def _origin_rules(acct: Account, send: Send, params: dict[str, Any], c: Collector) -> None:
    value = params.get("OriginationIdentity")
    if not acct.declared or not isinstance(value, str) or not value:
        return  # until the test names any identity, the fake takes the one given
    origin = origins.find(acct, value)
    if origin is None:
        c.add("sms-v2-origination-exists", "OriginationIdentity",
              "names no phone number, sender ID or pool of the account", value)  # fmt: skip
    elif send.capability not in origin.capabilities:
        c.add("sms-v2-origination-capability", "OriginationIdentity",
              f"is a {origin.kind} without the {send.capability} capability (has: "
              f"{', '.join(sorted(origin.capabilities)) or 'none'})", value)  # fmt: skip


def _blocked(svc: Service, call: Any, send: Send, blocking: list[Any]) -> HttpReply:
    answers = {ANSWERS[v.rule] for v in blocking}
    if len(answers) == 1:
        answer = next(iter(answers))
        if answer.code != "ValidationException":
            message = "; ".join(map(str, blocking))
            return replies.fail(svc, call, answer.code, message, Reason=answer.reason)
    return replies.validation(svc, call, blocking, send.operation)


def _draft(svc: Service, send: Send, params: dict[str, Any], request_id: str) -> SentMessage:
    body = params.get("MessageBody")
    parts = count(body).parts if send is not VOICE and isinstance(body, str) else None
    context = params.get("Context")
    return SentMessage(
        user=None, endpoint=None, channel=send.channel,
        address=params.get("DestinationPhoneNumber"), body=body, title=None, substitutions={},
        priority=None, push_type=None, raw_content=None,
        context=dict(context) if isinstance(context, dict) else None,
        status="SUCCESSFUL", status_code=200, status_message="", message_id=None,
        request_id=request_id, sent_at=svc.state.clock, operation=send.operation,
        service=SERVICE, origination=params.get("OriginationIdentity"),
        message_type=params.get("MessageType"),
        configuration_set=params.get("ConfigurationSetName"),
        tags=dict(context) if isinstance(context, dict) else None, parts=parts,
        dry_run=params.get("DryRun") is True,
        data=_media(params) if send is MEDIA else None,
    )  # fmt: skip


def _media(params: dict[str, Any]) -> dict[str, str] | None:
    urls = params.get("MediaUrls")
    if not isinstance(urls, list):
        return None
    return {"MediaUrls": ",".join(map(str, urls))}


def _state_error(acct: Account, svc: Service, send: Send, params: dict[str, Any]) -> Refused | None:
    """The error the account's state gives this send, or None."""
    number = params.get("DestinationPhoneNumber")
    value = params.get("OriginationIdentity")
    origin = origins.find(acct, value) if isinstance(value, str) and value else None
    config = params.get("ConfigurationSetName")
    sets = acct.configuration_sets
    if sets and isinstance(config, str) and config.rsplit("/", 1)[-1] not in sets:
        return Refused("ResourceNotFoundException", None,
                f"the configuration set {config!r} does not exist (created: "
                f"{', '.join(sets)})")  # fmt: skip
    list_name = origin.opt_out_list if origin is not None else "Default"
    if acct.is_opted_out(list_name, number):
        return Refused("ConflictException", "DESTINATION_PHONE_NUMBER_OPTED_OUT",
                f"{number} is on the opt-out list {list_name!r}")  # fmt: skip
    if svc.options.sms_sandbox and not acct.is_verified(number):
        return Refused("ConflictException", "DESTINATION_PHONE_NUMBER_NOT_VERIFIED",
                f"the account is in the sandbox (sms_sandbox=True) and {number} is not a "
                "verified destination number (CreateVerifiedDestinationNumber, "
                "VerifyDestinationNumber)")  # fmt: skip
    if acct.spend_overrides.get(send.spend_limit) == 0:
        return Refused("ServiceQuotaExceededException", send.spend_reason,
                f"the {send.spend_limit} is 0 (a spend limit override)")  # fmt: skip
    return None


def handle(svc: Service, request: Request, send: Send) -> HttpReply:
    params = request.params
    contract = svc.options.contract
    with svc.state.lock:
        acct = account(svc)
        violations: list[Any] = []
        if contract != "off":
            severities: Any = svc.options.rule_severities
            violations = check_send(send.operation, params, severities)
            if acct.declared:
                c = Collector(severities)
                _origin_rules(acct, send, params, c)
                violations += c.out
        call = svc.call(request, violations)
        blocking = [v for v in violations if v.severity == "error"] if contract == "strict" else []
        if blocking:
            return _blocked(svc, call, send, blocking)
        return _deliver(svc, acct, call, send, params)


def _deliver(
    svc: Service, acct: Account, call: Any, send: Send, params: dict[str, Any]
) -> HttpReply:
    draft = _draft(svc, send, params, call.request_id)
    found = _state_error(acct, svc, send, params)
    if found is None and svc.scripts.outcomes:
        script = svc.scripts.choose(draft)
        if script is not None:
            counterparts.check(SERVICE, draft.status, script.describe(counted=False))
        found = OUTCOME_ERRORS.get(draft.status) if script is not None else None
    if found is not None:
        if draft.status == "SUCCESSFUL":
            draft.status = _status(found)
        draft.status_code = replies.status_of(send.operation, found.code)
        draft.status_message = found.message
        svc.record.sent.append(draft)
        return replies.fail(svc, call, found.code, found.message, Reason=found.reason)
    draft.message_id = svc.state.request_id()
    svc.record.sent.append(draft)
    if not draft.dry_run and acct.configuration_sets:
        events.emit(acct, draft, int(svc.state.clock.timestamp() * 1000))
    call.response = {"MessageId": draft.message_id}
    return replies.ok({"MessageId": draft.message_id}, call.request_id)


def _status(refused: Refused) -> str:
    """The DeliveryStatus a state error stands for in the record."""
    if refused.reason == "DESTINATION_PHONE_NUMBER_OPTED_OUT":
        return "OPT_OUT"
    return "THROTTLED" if refused.code == "ThrottlingException" else "PERMANENT_FAILURE"


HANDLERS = {
    send.operation: (lambda svc, request, send=send: handle(svc, request, send))
    for send in (TEXT, VOICE, MEDIA)
}
