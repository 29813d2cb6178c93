"""The engine: an in-process Amazon Pinpoint that answers ``SendUsersMessages`` over HTTP.

:meth:`PinpointStub.handle` is the single entry point: it takes the HTTP request botocore (or
the loopback server, or ``responses``) produced and returns the HTTP reply the rest-json service
would send. Everything else (users, templates, scripted outcomes and failures, the call log,
IDs and the clock) is state behind one lock.

Documented choices (seed 000_55cfda106dd42147.txt is the authority where it says something):

- A user the stub does not know gets one endpoint ``<user_id>endpoint`` (000's worked example).
  Its channel is the first of SMSMessage, EmailMessage, VoiceMessage, APNSMessage, GCMMessage,
  ADMMessage, BaiduMessage, DefaultPushNotificationMessage (GCM), DefaultMessage (SMS), then the
  SMS/Email/Voice/Push templates, present in the request; SMS when none is. Its address is
  ``+12345678900`` for SMS and voice (000's example), ``<user_id>@example.com`` for email and a
  64-hex-digit token derived from the user ID for push. With ``strict_users=True`` an unknown
  user gets an empty map in ``Result`` (the service found no endpoints to send to).
- A registered user's endpoints receive the message only when the request carries content for
  their channel (a channel message, the default message of its kind, or a template); the others
  are left out of ``Result``. An endpoint with ``OptOut: "ALL"`` answers OPT_OUT unless a script
  says otherwise.
- Outcomes naming a user or endpoint are checked against the registered users when they are
  registered (and again when a user is added later): a name that cannot exist raises
  PinpointStubError at once.
- A whole-call failure scripted with :meth:`PinpointStub.fail` is answered before contract
  checks reject the request; violations are still recorded (once per logical request).
- ``expect_violation`` keeps a rule out of the teardown check; strict mode still answers 400,
  as the service would. An expected rule that never occurred fails the teardown check like an
  unused outcome.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as _dt
import hashlib
import json
import random
import re
import threading
import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, fields
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal
from unittest import mock
from urllib.parse import unquote, urlsplit

from . import contract, model, render
from .contract import MESSAGE_ID_ALPHABET, MESSAGE_ID_LENGTH, STATUS_DETAILS, Template, Violation
from .errors import PinpointStubError

if TYPE_CHECKING:
    from typing_extensions import Self

ContractMode = Literal["strict", "warn", "off"]
CONTRACT_MODES: tuple[str, ...] = ("strict", "warn", "off")

# Payload limit of the service (a published quota, not stated in the seeds): larger bodies get
# 413 PayloadTooLargeException, the operation's declared error for it.
MAX_PAYLOAD_BYTES = 7 * 1024 * 1024
DEFAULT_CLOCK = _dt.datetime(2025, 1, 1, tzinfo=_dt.timezone.utc)
SEED_SMS_ADDRESS = "+12345678900"  # 000: the worked example's Address
DEFAULT_ENDPOINTS: dict[str, dict[str, str]] = {
    "e1": {"ChannelType": "SMS", "Address": "+12065550100", "OptOut": "NONE"}
}

# byte -> one of 36 characters (table lookup: the IDs are cheap and deterministic per seed)
_ID_TABLE = bytes(ord(MESSAGE_ID_ALPHABET[b % len(MESSAGE_ID_ALPHABET)]) for b in range(256))
_ATTEMPT = re.compile(r"attempt=(\d+)")
_SEND_PATH = re.compile(r"/v1/apps/([^/]+)/users-messages/?")

OutcomeRule = Callable[["SentMessage"], "str | None"]
OutcomeMap = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class HttpReply:
    """An HTTP response as the service would send it."""

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Call:
    """One HTTP request the stub answered (a retry is a Call of its own, same ``invocation``)."""

    params: dict[str, Any]
    response: dict[str, Any] | None
    error: str | None
    attempt: int
    status_code: int
    violations: list[Violation]
    request_id: str
    method: str
    url: str
    invocation: str | None = None


@dataclass
class SentMessage:
    """What one endpoint received in one successful call."""

    user: str
    endpoint: str
    channel: str
    address: str | None
    body: str | None
    title: str | None
    substitutions: dict[str, list[str]]
    priority: str | None
    push_type: str | None
    raw_content: str | None
    context: dict[str, str] | None
    status: str
    status_code: int
    status_message: str
    message_id: str | None
    request_id: str
    application_id: str = ""
    sent_at: _dt.datetime = DEFAULT_CLOCK


_MATCHABLE = tuple(f.name for f in fields(SentMessage))


@dataclass
class _Script:
    status: str | OutcomeRule
    user: str | None
    endpoint: str | None
    channel: str | None
    times: int | None
    status_code: int | None
    status_message: str | None
    used: int = 0

    def describe(self) -> str:
        status = getattr(self.status, "__name__", repr(self.status))
        where = [f"{k}={v!r}" for k in ("user", "endpoint", "channel") if (v := getattr(self, k))]
        times = "every call" if self.times is None else f"times={self.times}"
        return f"outcome({status}{''.join(', ' + w for w in where)}, {times}) used {self.used}x"


@dataclass
class _Failure:
    code: str
    times: int
    message: str | None
    used: int = 0


def _error_body(code: str, message: str, request_id: str) -> HttpReply:
    return HttpReply(
        status=model.error_statuses().get(code, 400),
        headers={
            "Content-Type": "application/json",
            "x-amzn-ErrorType": code,
            "x-amzn-RequestId": request_id,
        },
        body=json.dumps({"Message": message, "RequestID": request_id}).encode(),
    )


_HOUR = _dt.timedelta(hours=1)  # the window of apns-silent-rate
_SESSION_LOCK = threading.Lock()
_SESSION: Any = None


def _shared_session() -> Any:
    """One boto3 session for stub.client(): its loader caches the models (fast clients)."""
    global _SESSION
    if _SESSION is None:
        import boto3

        _SESSION = boto3.session.Session()
    return _SESSION


def _check_status(status: Any) -> str:
    current = contract.delivery_statuses()
    if isinstance(status, str) and status in current:
        return status
    if isinstance(status, str) and status in contract.LEGACY_DELIVERY_STATUSES:
        now = contract.LEGACY_DELIVERY_STATUSES[status]
        hint = f"use {now!r}" if now else f"no current value corresponds; use one of {current}"
        raise PinpointStubError(
            f"DeliveryStatus {status!r} is a legacy value (001_9558fa1aadf61a66.txt) that the "
            f"service no longer returns: {hint}"
        )
    raise PinpointStubError(
        f"DeliveryStatus {status!r} is not one of {', '.join(current)} (000_55cfda106dd42147.txt)"
    )


def _check_times(times: Any, what: str) -> None:
    if times is None and what == "outcome":
        return
    if isinstance(times, bool) or not isinstance(times, int) or times < 1:
        raise PinpointStubError(
            f"{what}(times={times!r}): times must be a positive integer"
            + (" or None (every call)" if what == "outcome" else "")
        )


def _channel_types() -> tuple[str, ...]:
    return model.enum_of("ChannelType")


def _default_address(user_id: str, channel: str) -> str:
    if channel in ("SMS", "VOICE"):
        return SEED_SMS_ADDRESS
    if channel == "EMAIL":
        return f"{user_id}@example.com"
    return hashlib.sha256(user_id.encode("utf-8", "surrogatepass")).hexdigest()


_SDK_HEADERS = ("amz-sdk-request", "amz-sdk-invocation-id")


def _sdk_headers(headers: Mapping[str, Any]) -> dict[str, str]:
    """The retry headers botocore sends (lower-case names: the fast path), as text."""
    found = {name: headers.get(name) for name in _SDK_HEADERS}
    if None in found.values():  # other clients may capitalise them
        found = {k.lower(): v for k, v in headers.items() if k.lower() in _SDK_HEADERS}
    return {
        k: v.decode("latin-1") if isinstance(v, bytes) else str(v)
        for k, v in found.items()
        if v is not None
    }


def _decode_blobs(body: dict[str, Any]) -> None:
    """RawEmail.Data travels base64 in JSON; the contract checks the bytes boto3 was given."""
    config = body.get("MessageConfiguration")
    email_msg = config.get("EmailMessage") if isinstance(config, dict) else None
    raw = email_msg.get("RawEmail") if isinstance(email_msg, dict) else None
    if isinstance(raw, dict) and isinstance(raw.get("Data"), str):
        # undecodable data is left as text: raw-email-mime reports it
        with contextlib.suppress(binascii.Error, ValueError):
            raw["Data"] = base64.b64decode(raw["Data"], validate=True)


def _matches(expected: Any, actual: Any) -> bool:
    if expected is mock.ANY:
        return True
    if callable(expected) and not isinstance(expected, type):
        try:
            return bool(expected(actual))
        except Exception:
            return False
    return bool(expected == actual)


class PinpointStub:
    """A fake Amazon Pinpoint for ``send_users_messages``; every botocore Pinpoint client
    talks to it while it is started (``with PinpointStub() as stub:`` or ``.start()``)."""

    def __init__(
        self,
        *,
        contract: ContractMode = "strict",
        seed: int = 0,
        severities: Mapping[str, str] | None = None,
        strict_users: bool = False,
        known_apps: Collection[str] | None = None,
        users: Mapping[str, Mapping[str, Mapping[str, Any]]] | None = None,
        outcomes: OutcomeMap | None = None,
        fail_on_unused: bool = True,
        clock: _dt.datetime | None = None,
    ) -> None:
        if contract not in CONTRACT_MODES:
            raise PinpointStubError(
                f"contract={contract!r}: must be one of {', '.join(CONTRACT_MODES)}"
            )
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise PinpointStubError(f"seed={seed!r}: must be an integer")
        try:
            self._severities = _contract_severities(severities)
        except ValueError as exc:
            raise PinpointStubError(f"severities: {exc}") from None
        if isinstance(known_apps, str) or (
            known_apps is not None and not isinstance(known_apps, Collection)
        ):
            raise PinpointStubError(
                f"known_apps={known_apps!r}: must be a collection of application IDs"
            )
        if users is not None and not isinstance(users, Mapping):
            raise PinpointStubError(
                f"users={users!r}: must map user IDs to {{endpoint_id: {{'ChannelType': ..., "
                "'Address': ...}}"
            )
        if outcomes is not None and not isinstance(outcomes, Mapping):
            raise PinpointStubError(
                f"outcomes={outcomes!r}: must map user IDs to {{endpoint_id: DeliveryStatus}}"
            )
        self.contract: ContractMode = contract
        self.seed = seed
        self.severities: dict[str, str] = dict(severities or {})
        self.strict_users = strict_users
        self.known_apps: frozenset[str] | None = (
            frozenset(known_apps) if known_apps is not None else None
        )
        self.fail_on_unused = fail_on_unused
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self._clock = _aware(clock) if clock is not None else DEFAULT_CLOCK
        self._stamp: tuple[_dt.datetime | None, str] = (None, "")
        self._users: dict[str, dict[str, dict[str, Any]]] = {}
        self._templates: list[Template] = []
        self._scripts: list[_Script] = []
        self._failures: list[_Failure] = []
        self._expected: dict[str, int] = {}
        self._invocations: set[str] = set()
        self._silent: dict[tuple[str, str, str], list[_dt.datetime]] = {}
        self._started = False
        self._stopped = False
        self.calls: list[Call] = []
        self.sent: list[SentMessage] = []
        self.violations: list[Violation] = []
        # botocore's retry backoff after a stubbed error, recorded instead of slept (transport)
        self.retry_delays: list[float] = []
        for user_id, endpoints in (users or {}).items():
            self.add_user(user_id, endpoints=endpoints)
        if outcomes:
            self.outcome(outcomes)

    # --- lifecycle --------------------------------------------------------------------------

    def start(self) -> Self:
        """Route every botocore Pinpoint request to this stub (until :meth:`stop`)."""
        from . import transport

        with self._lock:
            if self._started:
                return self
            self._started = True
            self._stopped = False
        transport.activate(self)
        return self

    def stop(self) -> None:
        from . import transport

        with self._lock:
            if not self._started:
                return
            self._started = False
            self._stopped = True
        transport.deactivate(self)

    def _check_live(self, what: str) -> None:
        if self._stopped:
            raise PinpointStubError(
                f"{what}: this PinpointStub was stopped (the test or `with` block that owned it "
                "ended); script a started stub, or start() it again"
            )

    @property
    def active(self) -> bool:
        return self._started

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
        if exc_type is None:
            self.verify()

    # --- configuration ----------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        endpoints: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        """Register a user and its endpoints ``{endpoint_id: {"ChannelType", "Address", ...}}``."""
        self._check_live(f"add_user({user_id!r})")
        if not isinstance(user_id, str) or not user_id:
            raise PinpointStubError(
                f"add_user: user_id must be a non-empty string, not {user_id!r}"
            )
        given = DEFAULT_ENDPOINTS if endpoints is None else endpoints
        if not isinstance(given, Mapping) or not given:
            raise PinpointStubError(
                f"add_user({user_id!r}): endpoints must be a non-empty mapping "
                "{endpoint_id: {'ChannelType': ..., 'Address': ...}}"
            )
        channels = _channel_types()
        checked: dict[str, dict[str, Any]] = {}
        for endpoint_id, conf in given.items():
            where = f"add_user({user_id!r}): endpoints[{endpoint_id!r}]"
            if not isinstance(endpoint_id, str) or not endpoint_id:
                raise PinpointStubError(f"{where}: an endpoint ID must be a non-empty string")
            if not isinstance(conf, Mapping):
                raise PinpointStubError(f"{where} must be a mapping, not {model.describe(conf)}")
            channel = conf.get("ChannelType")
            if channel not in channels:
                raise PinpointStubError(
                    f"{where}.ChannelType is {channel!r}; the model's ChannelType is one of "
                    f"{', '.join(channels)}"
                )
            address = conf.get("Address")
            if address is not None and not isinstance(address, str):
                raise PinpointStubError(f"{where}.Address must be a string, not {address!r}")
            checked[endpoint_id] = {"OptOut": "NONE", **dict(conf)}
        with self._lock:
            for script in self._scripts:
                if script.user == user_id and script.endpoint not in (None, *checked):
                    raise PinpointStubError(
                        f"add_user({user_id!r}): a scripted {script.describe()} names endpoint "
                        f"{script.endpoint!r}, which this user does not have "
                        f"(endpoints: {', '.join(checked)})"
                    )
            self._users[user_id] = checked

    def add_template(
        self, name: str, kind: str = "SMSTemplate", version: str | None = None
    ) -> None:
        """Register a message template (turns on the ``template-exists`` rule)."""
        self._check_live(f"add_template({name!r})")
        kinds = model.template_kinds()
        if kind not in kinds:
            raise PinpointStubError(f"add_template: kind {kind!r} is not one of {', '.join(kinds)}")
        with self._lock:
            self._templates.append(Template(kind, name, version))

    def outcome(
        self,
        status: str | OutcomeRule | OutcomeMap,
        *,
        user: str | None = None,
        endpoint: str | None = None,
        channel: str | None = None,
        times: int | None = None,
        status_code: int | None = None,
        status_message: str | None = None,
    ) -> None:
        """Script the DeliveryStatus of matching endpoints (first matching script wins).

        ``status`` is a current DeliveryStatus, a callable ``(SentMessage) -> status | None``
        (None: fall through to the next script), or ``{user: {endpoint: status}}`` (one-shot
        outcomes, e.g. drawn by a Hypothesis strategy). ``times=None``: every call.
        """
        self._check_live("outcome()")
        if isinstance(status, Mapping):
            for user_id, per_endpoint in status.items():
                if not isinstance(per_endpoint, Mapping):
                    raise PinpointStubError(
                        f"outcome(mapping): {user_id!r} must map endpoint IDs to statuses, "
                        f"not {model.describe(per_endpoint)}"
                    )
                for endpoint_id, value in per_endpoint.items():
                    self.outcome(value, user=user_id, endpoint=endpoint_id, times=1)
            return
        if not callable(status):
            status = _check_status(status)
        _check_times(times, "outcome")
        if channel is not None and channel not in _channel_types():
            raise PinpointStubError(
                f"outcome(channel={channel!r}): not one of {', '.join(_channel_types())}"
            )
        script = _Script(status, user, endpoint, channel, times, status_code, status_message)
        with self._lock:
            self._check_target(script)
            self._scripts.append(script)

    def _check_target(self, script: _Script) -> None:
        if script.user is None:
            return
        known = self._users.get(script.user)
        if known is None:
            if self.strict_users:
                raise PinpointStubError(
                    f"{script.describe()}: user {script.user!r} is not registered and the stub "
                    "is strict_users=True (add_user it first)"
                )
            default = f"{script.user}endpoint"
            if script.endpoint not in (None, default):
                raise PinpointStubError(
                    f"{script.describe()}: user {script.user!r} is not registered, so its only "
                    f"endpoint is {default!r}, not {script.endpoint!r} (add_user it first)"
                )
        elif script.endpoint is not None and script.endpoint not in known:
            raise PinpointStubError(
                f"{script.describe()}: user {script.user!r} has no endpoint "
                f"{script.endpoint!r} (endpoints: {', '.join(known)})"
            )

    def fail(self, error_code: str, *, times: int = 1, message: str | None = None) -> None:
        """Answer the next ``times`` requests with a modeled error (real status and body)."""
        self._check_live(f"fail({error_code!r})")
        codes = model.error_statuses()
        if error_code not in codes:
            listing = ", ".join(f"{k} ({v})" for k, v in sorted(codes.items(), key=lambda i: i[1]))
            raise PinpointStubError(
                f"fail({error_code!r}): not an error of SendUsersMessages; use one of {listing}"
            )
        _check_times(times, "fail")
        with self._lock:
            self._failures.append(_Failure(error_code, times, message))

    def expect_violation(self, rule_id: str) -> None:
        """The test means to break ``rule_id``: strict mode lets it through, teardown passes."""
        self._check_live(f"expect_violation({rule_id!r})")
        if rule_id not in contract.RULES:
            raise PinpointStubError(
                f"expect_violation({rule_id!r}): unknown rule; known rules: "
                + ", ".join(contract.RULE_IDS)
            )
        with self._lock:
            self._expected.setdefault(rule_id, 0)

    # --- clock ------------------------------------------------------------------------------

    @property
    def clock(self) -> _dt.datetime:
        return self._clock

    @clock.setter
    def clock(self, when: _dt.datetime) -> None:
        with self._lock:
            self._clock = _aware(when)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._clock += _dt.timedelta(seconds=seconds)

    # --- clients ----------------------------------------------------------------------------

    def client(self, **kwargs: Any) -> Any:
        """A boto3 Pinpoint client with dummy credentials (region us-east-1 unless given)."""
        options: dict[str, Any] = {
            "region_name": "us-east-1",
            "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
            "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            **kwargs,
        }
        with _SESSION_LOCK:  # client creation from one session is not thread-safe
            return _shared_session().client("pinpoint", **options)

    def responses(self, mock: Any = None) -> Any:
        """Answer ``requests`` calls to the Pinpoint REST API from this stub through the
        ``responses`` library (see :mod:`pytest_pinpoint.requests_adapter`); returns the mock."""
        from .requests_adapter import register

        return register(self, mock)

    # --- the HTTP entry point -------------------------------------------------------------------

    def handle(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> HttpReply:
        """Answer one HTTP request as the Pinpoint rest-json service would."""
        path = urlsplit(url).path
        lower = _sdk_headers(headers)
        match = _SEND_PATH.fullmatch(path)
        if match is None:
            op = model.operation_for(method, path)
            what = f"{op} ({method} {path})" if op else f"{method} {path}"
            return self._reject(
                method,
                url,
                lower,
                "NotFoundException",
                f"the pinpoint stub implements only SendUsersMessages "
                f"(POST {model.http_binding().uri}); {what} is not implemented",
                params={},
            )
        params: dict[str, Any] = {"ApplicationId": unquote(match.group(1))}
        if method.upper() != model.http_binding().method:
            return self._reject(
                method,
                url,
                lower,
                "MethodNotAllowedException",
                f"{method} is not allowed on {path}; SendUsersMessages is POST",
                params=params,
            )
        if len(body) > MAX_PAYLOAD_BYTES:
            return self._reject(
                method,
                url,
                lower,
                "PayloadTooLargeException",
                f"the request body is {len(body)} bytes; the service accepts at most "
                f"{MAX_PAYLOAD_BYTES} (service quota, not stated in the seed documents)",
                params=params,
            )
        try:
            doc = json.loads(body) if body else None
        except (ValueError, UnicodeDecodeError) as exc:
            return self._reject(
                method, url, lower, "BadRequestException", f"the body is not JSON: {exc}", params
            )
        if not isinstance(doc, dict):
            return self._reject(
                method,
                url,
                lower,
                "BadRequestException",
                f"the body must be a SendUsersMessageRequest object, not {model.describe(doc)}",
                params,
            )
        _decode_blobs(doc)
        params[model.http_binding().payload] = doc
        if self.contract == "off":
            violations: list[Violation] = []
        else:
            with self._lock:
                templates = list(self._templates) if self._templates else None
            violations = contract.validate_request(
                params, severities=self._severities, templates=templates
            )
        return self._send(method, url, lower, params, violations)

    def _message_id(self) -> str:
        return self._rng.randbytes(MESSAGE_ID_LENGTH).translate(_ID_TABLE).decode("ascii")

    def _request_id(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def _record(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        params: dict[str, Any],
        violations: list[Violation],
        request_id: str,
    ) -> Call:
        found = _ATTEMPT.search(headers.get("amz-sdk-request", ""))
        invocation = headers.get("amz-sdk-invocation-id")
        call = Call(
            params=params,
            response=None,
            error=None,
            attempt=int(found.group(1)) if found else 1,
            status_code=200,
            violations=violations,
            request_id=request_id,
            method=method,
            url=url,
            invocation=invocation,
        )
        self.calls.append(call)
        if invocation is None or invocation not in self._invocations:
            if invocation is not None:
                self._invocations.add(invocation)
            self.violations.extend(violations)
            for v in violations:
                if v.rule in self._expected:
                    self._expected[v.rule] += 1
        return call

    def _error(self, call: Call, code: str, message: str) -> HttpReply:
        reply = _error_body(code, message, call.request_id)
        call.error = code
        call.status_code = reply.status
        return reply

    def _reject(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        code: str,
        message: str,
        params: dict[str, Any],
    ) -> HttpReply:
        with self._lock:
            call = self._record(method, url, headers, params, [], self._request_id())
            return self._error(call, code, message)

    def _send(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        params: dict[str, Any],
        violations: list[Violation],
    ) -> HttpReply:
        app_id: str = params["ApplicationId"]
        body: dict[str, Any] = params["SendUsersMessageRequest"]
        with self._lock:
            call = self._record(method, url, headers, params, violations, self._request_id())
            for failure in self._failures:
                if failure.used < failure.times:
                    failure.used += 1
                    message = failure.message or f"scripted {failure.code} (pinpoint_stub.fail)"
                    return self._error(call, failure.code, message)
            if self.known_apps is not None and app_id not in self.known_apps:
                return self._error(
                    call,
                    "NotFoundException",
                    f"Application {app_id!r} not found (known applications: "
                    f"{', '.join(sorted(self.known_apps)) or 'none'})",
                )
            drafts = self._render(app_id, body, call.request_id)
            silent_violations = self._silent_rate(app_id, drafts)
            if silent_violations:
                call.violations = [*violations, *silent_violations]
                self.violations.extend(silent_violations)
                for v in silent_violations:
                    if v.rule in self._expected:
                        self._expected[v.rule] += 1
            if self.contract == "strict":
                # Expected or not, the service rejects it: expecting a rule only spares the
                # teardown check, so the app's error path still runs.
                blocking = [v for v in call.violations if v.severity == "error"]
                if blocking:
                    return self._error(
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
                sent = self._deliver(draft)
                entry: dict[str, Any] = {
                    "DeliveryStatus": sent.status,
                    "MessageId": sent.message_id,
                }
                entry["StatusCode"] = sent.status_code
                entry["StatusMessage"] = sent.status_message
                if sent.address is not None:
                    entry["Address"] = sent.address
                result[sent.user][sent.endpoint] = entry
                self.sent.append(sent)
            for draft in drafts:
                if draft.push_type == "background":
                    key = (app_id, draft.user, draft.endpoint)
                    recent = [t for t in self._silent.get(key, ()) if draft.sent_at - t < _HOUR]
                    self._silent[key] = [*recent, draft.sent_at]
            payload = {"ApplicationId": app_id, "RequestId": call.request_id, "Result": result}
            call.response = {"SendUsersMessageResponse": payload}
            return HttpReply(
                200,
                {"Content-Type": "application/json", "x-amzn-RequestId": call.request_id},
                json.dumps(payload).encode(),
            )

    def _endpoints_of(
        self, user_id: str, config: Mapping[str, Any], templates: Mapping[str, Any]
    ) -> dict[str, dict[str, Any]]:
        known = self._users.get(user_id)
        if known is not None:
            return known
        if self.strict_users:
            return {}
        channel = render.pick_channel(config, templates)
        return {
            f"{user_id}endpoint": {
                "ChannelType": channel,
                "Address": _default_address(user_id, channel),
                "OptOut": "NONE",
            }
        }

    def _render(self, app_id: str, body: dict[str, Any], request_id: str) -> list[SentMessage]:
        config = body.get("MessageConfiguration")
        config = config if isinstance(config, dict) else {}
        templates = body.get("TemplateConfiguration")
        templates = templates if isinstance(templates, dict) else {}
        users = body.get("Users")
        if not isinstance(users, dict):
            return []
        if self._stamp[0] != self._clock:
            self._stamp = (self._clock, render.format_creation_date(self._clock))
        stamp = self._stamp[1]
        drafts = []
        for user_id, user_conf in users.items():
            if not isinstance(user_id, str):
                continue
            conf = user_conf if isinstance(user_conf, dict) else {}
            context = conf.get("Context")
            for endpoint_id, endpoint in self._endpoints_of(user_id, config, templates).items():
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
                        sent_at=self._clock,
                    )
                )
        return drafts

    def _silent_rate(self, app_id: str, drafts: list[SentMessage]) -> list[Violation]:
        severity = self._severities.get(
            "apns-silent-rate", contract.RULES["apns-silent-rate"].severity
        )
        if severity == "off" or self.contract == "off":
            return []
        out = []
        window = _HOUR
        limit = contract.SILENT_PUSH_MAX_PER_HOUR
        for d in drafts:
            if d.push_type != "background":
                continue
            before = [
                t
                for t in self._silent.get((app_id, d.user, d.endpoint), ())
                if d.sent_at - t < window
            ]
            count = len(before) + 1
            if count > limit:
                out.append(
                    Violation(
                        "apns-silent-rate",
                        f'SendUsersMessageRequest.Users["{d.user}"]',
                        f"is silent push number {count} to endpoint {d.endpoint!r} within an "
                        f"hour (stub clock {render.format_creation_date(d.sent_at)}); Apple "
                        f"recommends at most {limit} per recipient per hour",
                        severity,
                        contract.RULES["apns-silent-rate"].limit,
                        str(count),
                    )
                )
        return out

    def _deliver(self, draft: SentMessage) -> SentMessage:
        status: str | None = None
        code: int | None = None
        message: str | None = None
        for script in self._scripts:
            if script.times is not None and script.used >= script.times:
                continue
            if script.user is not None and script.user != draft.user:
                continue
            if script.endpoint is not None and script.endpoint != draft.endpoint:
                continue
            if script.channel is not None and script.channel != draft.channel:
                continue
            if callable(script.status):
                try:
                    chosen = script.status(draft)
                except Exception as exc:  # the user's own rule: its error, its traceback
                    if hasattr(exc, "add_note"):
                        exc.add_note(f"raised by the pinpoint_stub rule {script.describe()}")
                    raise
                if chosen is None:
                    continue
                status = _check_status(chosen)
            else:
                status = script.status
            script.used += 1
            code, message = script.status_code, script.status_message
            break
        if status is None:
            opted_out = self._users.get(draft.user, {}).get(draft.endpoint, {}).get("OptOut")
            status = "OPT_OUT" if opted_out == "ALL" else "SUCCESSFUL"
        message_id = self._message_id()  # every endpoint result carries one (a key for apps)
        default_code, template = STATUS_DETAILS[status]
        draft.status = status
        draft.status_code = default_code if code is None else code
        draft.status_message = (
            template.format(message_id=message_id) if message is None else message
        )
        draft.message_id = message_id
        return draft

    # --- assertions -----------------------------------------------------------------------------

    def assert_sent(self, **match: Any) -> SentMessage:
        """Assert some endpoint received a message matching every given field; return it."""
        __tracebackhide__ = True
        _check_fields(match)
        with self._lock:
            sent = list(self.sent)
        for message in sent:
            if all(_matches(v, getattr(message, k)) for k, v in match.items()):
                return message
        raise AssertionError(_no_match(match, sent))

    def assert_not_sent(self, **match: Any) -> None:
        """Assert no endpoint received a message matching every given field."""
        __tracebackhide__ = True
        _check_fields(match)
        with self._lock:
            sent = list(self.sent)
        hits = [m for m in sent if all(_matches(v, getattr(m, k)) for k, v in match.items())]
        if hits:
            wanted = ", ".join(f"{k}={v!r}" for k, v in match.items())
            lines = "\n".join(f"  {_short(m)}" for m in hits)
            raise AssertionError(
                f"expected no message matching {wanted}; {len(hits)} sent:\n{lines}"
            )

    # --- teardown checks ------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What makes the test fail at teardown (empty when all is well)."""
        with self._lock:
            out = []
            if self.contract == "strict":
                bad = [
                    v
                    for v in self.violations
                    if v.severity == "error" and v.rule not in self._expected
                ]
                if bad:
                    out.append(
                        f"{len(bad)} contract violation(s) in send_users_messages requests "
                        "(contract=strict; the stub answered 400 BadRequestException, which the "
                        "code under test may have swallowed):\n"
                        + "\n".join(f"  {v}" for v in bad)
                        + "\n  (use pinpoint_stub.expect_violation(rule_id) if intended, or "
                        "@pytest.mark.pinpoint(contract='warn'))"
                    )
            if self.fail_on_unused:
                unused = [
                    s.describe()
                    for s in self._scripts
                    if s.used == 0 or (s.times is not None and s.used < s.times)
                ]
                unused += [
                    f"fail({f.code!r}, times={f.times}) used {f.used}x"
                    for f in self._failures
                    if f.used < f.times
                ]
                unused += [
                    f"expect_violation({rule!r}) never occurred"
                    for rule, seen in self._expected.items()
                    if seen == 0
                ]
                if unused:
                    out.append(
                        "scripted pinpoint_stub behaviour was not used up:\n"
                        + "\n".join(f"  {u}" for u in unused)
                        + "\n  (opt out with @pytest.mark.pinpoint(fail_on_unused=False) or "
                        "PinpointStub(fail_on_unused=False))"
                    )
            return out

    def verify(self) -> None:
        """Raise AssertionError listing every teardown problem."""
        __tracebackhide__ = True
        found = self.problems()
        if found:
            raise AssertionError("\n".join(found))

    def __repr__(self) -> str:
        state = "started" if self._started else "stopped"
        return (
            f"<PinpointStub {state} contract={self.contract} seed={self.seed} "
            f"calls={len(self.calls)} sent={len(self.sent)}>"
        )


def _contract_severities(
    severities: Mapping[str, str] | None,
) -> dict[str, contract.SeveritySetting]:
    return contract.check_severities(severities)


def _aware(when: _dt.datetime) -> _dt.datetime:
    if not isinstance(when, _dt.datetime):
        raise PinpointStubError(f"clock must be a datetime, not {when!r}")
    return when if when.tzinfo is not None else when.replace(tzinfo=_dt.timezone.utc)


def _check_fields(match: Mapping[str, Any]) -> None:
    unknown = [k for k in match if k not in _MATCHABLE]
    if unknown:
        raise PinpointStubError(
            f"unknown SentMessage field(s) {', '.join(unknown)}; fields: {', '.join(_MATCHABLE)}"
        )


def _short(message: SentMessage) -> str:
    keys = ("user", "endpoint", "channel", "address", "body", "title", "status")
    return " ".join(f"{k}={getattr(message, k)!r}" for k in keys)


def _no_match(match: Mapping[str, Any], sent: list[SentMessage]) -> str:
    wanted = ", ".join(f"{k}={v!r}" for k, v in match.items())
    if not sent:
        return f"no message matching {wanted}: nothing was sent"
    scored = []
    for message in sent:
        diffs = [k for k, v in match.items() if not _matches(v, getattr(message, k))]
        scored.append((len(diffs), message, diffs))
    scored.sort(key=lambda item: item[0])
    lines = []
    for _count, message, diffs in scored[:10]:
        differing = ", ".join(f"{k}={getattr(message, k)!r} (wanted {match[k]!r})" for k in diffs)
        lines.append(f"  {_short(message)}\n      differs: {differing}")
    more = f"\n  ... and {len(sent) - 10} more" if len(sent) > 10 else ""
    return (
        f"no message matching {wanted}; {len(sent)} sent, closest first:\n"
        + "\n".join(lines)
        + more
    )


__all__ = ["Call", "HttpReply", "PinpointStub", "SentMessage"]
