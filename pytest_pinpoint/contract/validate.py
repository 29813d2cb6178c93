"""The public checks: ``validate_request`` / ``validate_response`` and their assertion helpers.

Both send operations are recognised from the payload key (``SendUsersMessageRequest`` or
``MessageRequest``), from a bare body (``Users`` -> SendUsersMessages; ``Addresses`` or
``Endpoints`` -> SendMessages), or from ``operation=``. A bare body is checked exactly as the
same body wrapped in boto3 kwargs: its paths carry the payload name as prefix
(``SendUsersMessageRequest.Users``), so a violation reads the same either way. Never raises on
any input: whatever is wrong comes back as a :class:`Violation`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from .. import model
from .limits import (
    ACTION_CHANNELS,
    OPERATIONS,
    PUSH_DEFAULT,
    REQUEST_PAYLOAD,
    RESPONSE_PAYLOAD,
    SEND_MESSAGES,
    SEND_USERS_MESSAGES,
)
from .mail import check_email
from .push import check_push
from .recipients import (
    check_addresses,
    check_recipient_content,
    check_users,
    recipients_of,
)
from .response import check_response
from .rules import RULE_IDS, RULES
from .sms import check_sms_body, check_sms_voice
from .templates import Template, check_templates
from .variables import check_substitutions
from .violation import Collector, SeveritySetting, Violation, check_severities
from .walk import walk

BOTO3_NAMES = {SEND_USERS_MESSAGES: "send_users_messages", SEND_MESSAGES: "send_messages"}
_WRAPPERS = frozenset(("ApplicationId", *REQUEST_PAYLOAD.values()))


def _check_operation(operation: str | None) -> None:
    if operation is not None and operation not in OPERATIONS:
        raise ValueError(f"operation must be one of {', '.join(OPERATIONS)}, not {operation!r}")


def request_operation(params: Any, operation: str | None = None) -> str:
    """The send operation ``params`` is for (kwargs or a bare body); ``operation`` wins."""
    _check_operation(operation)
    if operation is not None:
        return operation
    if isinstance(params, dict):
        if "SendUsersMessageRequest" in params:
            return SEND_USERS_MESSAGES
        if "MessageRequest" in params or (
            ("Addresses" in params or "Endpoints" in params) and "ApplicationId" not in params
        ):
            return SEND_MESSAGES
    return SEND_USERS_MESSAGES


def is_bare_body(params: Any) -> bool:
    """A request body without its boto3 wrapper (the AWS CLI's request file)."""
    return isinstance(params, dict) and _WRAPPERS.isdisjoint(params)


def validate_request(
    params: Any,
    *,
    severities: Mapping[str, str] | None = None,
    templates: Iterable[Template] | None = None,
    operation: str | None = None,
    variables: Iterable[str] | None = None,
) -> list[Violation]:
    """Check a ``send_users_messages`` or ``send_messages`` request against the contract.

    ``params`` is boto3 kwargs (``{"ApplicationId", "SendUsersMessageRequest"}`` or
    ``{"ApplicationId", "MessageRequest"}``) or a bare body of either. ``severities`` raises,
    lowers or turns off rules (``{"action-url": "error", "origination-e164": "off"}``).
    ``templates`` turns on ``template-exists``. ``variables`` names message variables the
    caller can fill from elsewhere (template defaults, endpoint attributes): with it, every
    other ``{{Name}}`` without a value is ``substitution-missing``; without it, dotted names
    (``User.UserAttributes.X``) are not judged. Never raises on any ``params``.
    """
    c = Collector(check_severities(severities))
    op = request_operation(params, operation)
    payload = REQUEST_PAYLOAD[op]
    template_list = list(templates) if templates is not None else None
    known = frozenset(variables) if variables is not None else None
    try:
        if not isinstance(params, dict):
            c.add(
                "type",
                "request",
                f"the request must be an object with ApplicationId and {payload} (or the "
                f"{payload} body alone), not {model.describe(params)}",
                params,
            )
        elif is_bare_body(params):
            node = model.request_node(op).members[payload]
            if walk(node, params, payload, c):
                _check_body(params, payload, op, template_list, known, c, EVERY)
        elif walk(model.request_node(op), params, "", c):
            body = params.get(payload)
            if isinstance(body, dict):
                _check_body(body, payload, op, template_list, known, c, EVERY)
    except RecursionError:
        c.add("type", payload, "is nested too deeply to check")
    return c.out


class BodyHints(NamedTuple):
    """What the raw JSON text of a send says about the request, read once per request.

    JSON may spell any character as a ``\\u`` escape; without one, member names and ``{{`` are
    in the text as written, so a body without ``{{`` has no message variable to check, one
    without ``RawContent`` no RawContent, one without ``RawEmail`` no raw email to decode.
    """

    variables: bool  # the text may hold a {{Variable}}
    raw_content: bool  # ... a RawContent member
    raw_email: bool  # ... a RawEmail member
    escaped: bool  # it holds a \\u escape: names may be hidden in it

    @classmethod
    def of(cls, raw: bytes) -> BodyHints:
        # bytes.find, not `in`: `in` tries a bytes operand as an int first (and raises)
        escaped = raw.find(b"\\u") >= 0
        return cls(
            variables=escaped or raw.find(b"{{") >= 0,
            raw_content=escaped or raw.find(b"RawContent") >= 0,
            raw_email=escaped or raw.find(b"RawEmail") >= 0,
            escaped=escaped,
        )


#: the hints of a request known only as a value (validate_request): it may hold anything
EVERY = BodyHints(variables=True, raw_content=True, raw_email=True, escaped=True)


def check_wire_request(
    params: dict[str, Any],
    operation: str,
    overrides: Mapping[str, SeveritySetting],
    templates: list[Template] | None,
    variables: frozenset[str] | None,
    hints: BodyHints,
) -> list[Violation]:
    """:func:`validate_request` for the fake's send path: ``params`` are the router's boto3
    kwargs, ``overrides`` were checked once (StubOptions), ``hints`` read off the raw body."""
    c = Collector(overrides)
    payload = REQUEST_PAYLOAD[operation]
    try:
        if walk(model.request_node(operation), params, "", c):
            body = params.get(payload)
            if isinstance(body, dict):
                _check_body(body, payload, operation, templates, variables, c, hints)
    except RecursionError:
        c.add("type", payload, "is nested too deeply to check")
    return c.out


def _check_body(
    body: dict[str, Any],
    path: str,
    operation: str,
    templates: list[Template] | None,
    known: frozenset[str] | None,
    c: Collector,
    hints: BodyHints,
) -> None:
    skip_variables, skip_raw = not hints.variables, not hints.raw_content
    cfg = body.get("MessageConfiguration")
    if not isinstance(cfg, dict):
        cfg = None
    # only three checks read the recipients: RawContent, substitutions and email's
    wanted = not (skip_raw and skip_variables) or (cfg is not None and "EmailMessage" in cfg)
    recipients = recipients_of(body, path, operation) if wanted else []
    if operation == SEND_USERS_MESSAGES:
        users = body.get("Users")
        if isinstance(users, dict):
            check_users(users, path, c)
    else:
        addresses = body.get("Addresses")
        if isinstance(addresses, dict) and addresses:
            check_addresses(addresses, f"{path}.Addresses", c)
    if not skip_raw:
        check_recipient_content(recipients, cfg, c)
    mpath = f"{path}.MessageConfiguration"
    if cfg is not None:  # only the channels the request has, in the order violations read
        if not _PUSH_MEMBERS.isdisjoint(cfg):
            check_push(cfg, mpath, c)
        if "SMSMessage" in cfg or "VoiceMessage" in cfg:
            check_sms_voice(cfg, mpath, c)
            sms = cfg.get("SMSMessage")
            if isinstance(sms, dict) and sms.get("Body") == "":  # rare: no recipient list else
                who = recipients if wanted else recipients_of(body, path, operation)
                check_sms_body(body, cfg, mpath, who, c)
        if "EmailMessage" in cfg:
            check_email(cfg, mpath, recipients, c)
    if not skip_variables:
        check_substitutions(cfg, mpath, recipients, known, c)
    tc = body.get("TemplateConfiguration")
    if isinstance(tc, dict):
        check_templates(tc, f"{path}.TemplateConfiguration", templates, operation, c)


# MessageConfiguration members that the push check reads (each check also returns at once
# without its members: asking only when they are there changes no result, only the cost)
_PUSH_MEMBERS = frozenset((PUSH_DEFAULT, *ACTION_CHANNELS))


def response_operation(data: Any, operation: str | None = None) -> str:
    _check_operation(operation)
    if operation is not None:
        return operation
    if isinstance(data, dict) and RESPONSE_PAYLOAD[SEND_MESSAGES] in data:
        return SEND_MESSAGES
    return SEND_USERS_MESSAGES


def validate_response(
    data: Any, *, severities: Mapping[str, str] | None = None, operation: str | None = None
) -> list[Violation]:
    """Check a ``send_users_messages`` or ``send_messages`` response (the dict boto3 returns,
    or the CLI's JSON); the operation is recognised from its payload key.

    ``ResponseMetadata`` is ignored. Never raises on any ``data``.
    """
    c = Collector(check_severities(severities))
    op = response_operation(data, operation)
    payload = RESPONSE_PAYLOAD[op]
    if not isinstance(data, dict):
        c.add(
            "type",
            "response",
            f"the response must be an object with {payload}, not {model.describe(data)}",
            data,
        )
        return c.out
    data = {k: v for k, v in data.items() if k != "ResponseMetadata"}
    try:
        check_response(data, op, c)
    except RecursionError:
        c.add("type", payload, "is nested too deeply to check")
    return c.out


def errors(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if v.severity == "error"]


def format_violations(violations: Iterable[Violation]) -> str:
    return "\n".join(f"  {v}" for v in violations)


def assert_valid_request(
    params: Any,
    *,
    severities: Mapping[str, str] | None = None,
    templates: Iterable[Template] | None = None,
    operation: str | None = None,
    variables: Iterable[str] | None = None,
) -> None:
    """Raise AssertionError listing every error-severity violation as ``path: message [rule]``.

    Accepts what :func:`validate_request` accepts (kwargs or a bare body, either operation).
    """
    __tracebackhide__ = True
    found = errors(
        validate_request(
            params,
            severities=severities,
            templates=templates,
            operation=operation,
            variables=variables,
        )
    )
    if found:
        name = BOTO3_NAMES[request_operation(params, operation)]
        raise AssertionError(
            f"{name} request breaks {len(found)} documented rule(s):\n" + format_violations(found)
        )


def assert_valid_response(
    data: Any, *, severities: Mapping[str, str] | None = None, operation: str | None = None
) -> None:
    """Raise AssertionError listing every error-severity violation of a response."""
    __tracebackhide__ = True
    found = errors(validate_response(data, severities=severities, operation=operation))
    if found:
        name = BOTO3_NAMES[response_operation(data, operation)]
        raise AssertionError(
            f"{name} response breaks {len(found)} documented rule(s):\n" + format_violations(found)
        )


@functools.lru_cache(maxsize=1)
def rules_table() -> str:
    """The catalog as aligned text (``pytest-pinpoint rules``)."""
    width = max(map(len, RULE_IDS))
    lines = []
    for r in RULES.values():
        only = f" [{r.operations[0]} only]" if len(r.operations) == 1 else ""
        lines.append(f"{r.id:<{width}}  {r.severity:<7}  {r.summary}{only}  ({r.source})")
    return "\n".join(lines)
