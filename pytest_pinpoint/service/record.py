"""What the stub saw and did: every call, every message sent, every violation; the assertions
over them and the teardown problems.

A retry is a :class:`Call` of its own (same ``invocation``); its violations are recorded once
per logical request, so a rule broken by a request botocore retried counts once.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from ..contract import Violation
from ..errors import PinpointStubError
from ..options import DEFAULT_CLOCK

_ATTEMPT = re.compile(r"attempt=(\d+)")


@dataclass(slots=True)
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
    operation: str = ""  # the model's operation name ("SendUsersMessages"); "" when unknown
    service: str = "pinpoint"  # botocore's name of the service it was for


@dataclass(slots=True)
class SentMessage:
    """What one recipient (a user's endpoint, an endpoint ID or an address) received in one
    answered call. ``user`` is None for an address (and an endpoint with no UserId);
    ``endpoint`` is None for an address of ``send_messages``. ``body`` and ``title`` are as
    rendered; for a RawContent push, what its payload shows (``raw_content`` has it whole)."""

    user: str | None
    endpoint: str | None
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
    operation: str = "SendUsersMessages"
    data: dict[str, str] | None = None  # the push message's Data (push channels)
    updated_token: str | None = None  # scripted UpdatedToken (GCM only, as documented)
    service: str = "pinpoint"  # botocore's name of the service that sent it
    #: who it is from: an origination number, sender ID or pool (SMS, voice), a From address
    origination: str | None = None
    message_type: str | None = None  # TRANSACTIONAL / PROMOTIONAL (SMS)
    headers: dict[str, str] | None = None  # email headers, as rendered
    html_body: str | None = None  # an email's HTML part, as rendered (``body`` is the text)
    configuration_set: str | None = None
    tags: dict[str, str] | None = None  # message tags (SES), or an SMS v2 send's Context
    template: str | None = None  # the template it was rendered from
    template_data: str | None = None  # the template data it was given (SES: a JSON string)
    parts: int | None = None  # message parts an SMS is billed as
    dry_run: bool = False  # validated, not sent (SMS v2 DryRun)
    #: Pinpoint: the MessageConfiguration member it was sent from (SMSMessage, APNSMessage, the
    #: default push message or DefaultMessage), as the app wrote it: every field the app set
    channel_message: dict[str, Any] | None = None


_MATCHABLE = tuple(f.name for f in fields(SentMessage))


def _attempt(header: str) -> int:
    """The attempt number of ``amz-sdk-request`` (botocore: ``attempt=2; max=5``); 1 without."""
    if header.startswith("attempt="):  # botocore's form: no search needed
        digits = header[8:].partition(";")[0]
        if digits.isdigit():
            return int(digits)
    found = _ATTEMPT.search(header)
    return int(found.group(1)) if found else 1


class Record:
    """The calls, messages and violations of one stub (callers hold the stub's lock)."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.sent: list[SentMessage] = []
        self.violations: list[Violation] = []
        self._invocations: set[str] = set()

    def add_call(
        self,
        operation: str,
        method: str,
        url: str,
        headers: Mapping[str, str],
        params: dict[str, Any],
        violations: list[Violation],
        request_id: str,
        service: str = "pinpoint",
    ) -> tuple[Call, list[Violation]]:
        """Record a call; return it and the violations that are new (not a retry's)."""
        invocation = headers.get("amz-sdk-invocation-id")
        sdk_request = headers.get("amz-sdk-request", "")
        attempt = 1 if sdk_request == "attempt=1" else _attempt(sdk_request)  # most requests
        # positional, in Call's field order (once per request: half the cost of keywords)
        call = Call(
            params, None, None, attempt, 200, violations, request_id, method, url, invocation,
            operation, service,
        )  # fmt: skip
        self.calls.append(call)
        if invocation is not None:
            if invocation in self._invocations:
                return call, []
            self._invocations.add(invocation)
        self.violations.extend(violations)
        return call, violations


# --- assertions -----------------------------------------------------------------------------


def _matches(expected: Any, actual: Any) -> bool:
    # unittest.mock costs ~50 ms to import: a test that passes mock.ANY has imported it already
    mock = sys.modules.get("unittest.mock")
    if mock is not None and expected is mock.ANY:
        return True
    if callable(expected) and not isinstance(expected, type):
        try:
            return bool(expected(actual))
        except Exception:
            return False
    return bool(expected == actual)


def check_fields(match: Mapping[str, Any]) -> None:
    unknown = [k for k in match if k not in _MATCHABLE]
    if unknown:
        raise PinpointStubError(
            f"unknown SentMessage field(s) {', '.join(unknown)}; fields: {', '.join(_MATCHABLE)}"
        )


def _hits(sent: list[SentMessage], match: Mapping[str, Any]) -> list[SentMessage]:
    return [m for m in sent if all(_matches(v, getattr(m, k)) for k, v in match.items())]


def assert_sent(sent: list[SentMessage], match: Mapping[str, Any]) -> SentMessage:
    """The first message matching every given field, or AssertionError listing the closest."""
    __tracebackhide__ = True
    check_fields(match)
    hits = _hits(sent, match)
    if hits:
        return hits[0]
    raise AssertionError(_no_match(match, sent))


def assert_delivered(sent: list[SentMessage], match: Mapping[str, Any]) -> SentMessage:
    """The first message matching every given field whose status is SUCCESSFUL; else
    AssertionError: the matching messages that were not delivered (with their status and
    StatusMessage), or the closest messages when none matched."""
    __tracebackhide__ = True
    check_fields(match)
    if "status" in match:
        raise PinpointStubError(
            "assert_delivered(status=...): it asserts status 'SUCCESSFUL' itself; to match "
            "another status, use assert_sent(status=...)"
        )
    hits = _hits(sent, match)
    for message in hits:
        if message.status == "SUCCESSFUL":
            return message
    if not hits:
        raise AssertionError(_no_match(match, sent))
    wanted = ", ".join(f"{k}={v!r}" for k, v in match.items())
    lines = "\n".join(f"  {_short(m)}\n      StatusMessage: {m.status_message!r}" for m in hits)
    raise AssertionError(
        f"{len(hits)} message(s) matching {wanted} were sent, none delivered (status "
        f"SUCCESSFUL):\n{lines}"
    )


def assert_not_sent(sent: list[SentMessage], match: Mapping[str, Any]) -> None:
    __tracebackhide__ = True
    check_fields(match)
    hits = _hits(sent, match)
    if hits:
        wanted = ", ".join(f"{k}={v!r}" for k, v in match.items())
        lines = "\n".join(f"  {_short(m)}" for m in hits)
        raise AssertionError(f"expected no message matching {wanted}; {len(hits)} sent:\n{lines}")


def _short(message: SentMessage) -> str:
    keys = (
        "service", "operation", "user", "endpoint", "channel", "address", "body", "title", "status"
    )  # fmt: skip
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


# --- teardown -----------------------------------------------------------------------------------


def problems(
    violations: list[Violation],
    expected: Mapping[str, int],
    unused: list[str],
    *,
    strict: bool,
    fail_on_unused: bool,
) -> list[str]:
    """What makes the test fail at teardown (empty when all is well)."""
    out = []
    bad = [v for v in violations if v.severity == "error" and v.rule not in expected]
    if strict and bad:
        out.append(
            f"{len(bad)} contract violation(s) in send requests "
            "(contract=strict; the stub answered 400 BadRequestException, or "
            "ValidationException for SMS v2, which the code under test may have swallowed):\n"
            + "\n".join(f"  {v}" for v in bad)
            + "\n  (use pinpoint_stub.expect_violation(rule_id) if intended, or "
            "@pytest.mark.pinpoint(contract='warn'))"
        )
    if fail_on_unused and unused:
        out.append(
            "scripted pinpoint_stub behaviour was not used up:\n"
            + "\n".join(f"  {u}" for u in unused)
            + "\n  (opt out with @pytest.mark.pinpoint(fail_on_unused=False) or "
            "PinpointStub(fail_on_unused=False))"
        )
    return out
