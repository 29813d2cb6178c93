"""What a test scripted: per-endpoint outcomes, whole-call failures, expected violations.

The first matching outcome script wins; a callable script returning None falls through to the
next. A script that can never match (a user that cannot have that endpoint) is refused when it
is given, not discovered at teardown. Everything unused is reported by :meth:`Scripts.unused`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import contract, model
from ..contract.validate import BOTO3_NAMES
from ..errors import PinpointStubError
from ..options import check_outcome_map
from .state import Endpoints

if TYPE_CHECKING:
    from ..contract import Violation
    from .record import SentMessage
    from .unit import Unit

OutcomeRule = Callable[["SentMessage"], "str | None"]


@dataclass
class OutcomeScript:
    status: str | OutcomeRule
    user: str | None
    endpoint: str | None
    channel: str | None
    times: int | None
    status_code: int | None
    status_message: str | None
    used: int = 0  # the calls it decided a message of (times counts calls, as for fail)
    address: str | None = None
    updated_token: str | None = None
    last_call: str = ""  # the request ID of the last call it decided a message of

    def describe(self, *, counted: bool = True) -> str:
        """The script as written; ``counted``: with its use count (at teardown, not when it is
        refused at scripting time, before any call could use it)."""
        status = getattr(self.status, "__name__", repr(self.status))
        keys = ("user", "endpoint", "address", "channel", "updated_token")
        where = [f"{k}={v!r}" for k in keys if (v := getattr(self, k))]
        times = "every call" if self.times is None else f"times={self.times}"
        used = f" used {self.used}x" if counted else ""
        return f"outcome({status}{''.join(', ' + w for w in where)}, {times}){used}"

    def matches(self, draft: SentMessage) -> bool:
        return (
            (self.times is None or self.used < self.times or self.last_call == draft.request_id)
            and (self.user is None or self.user == draft.user)
            and (self.endpoint is None or self.endpoint == draft.endpoint)
            and (self.channel is None or self.channel == draft.channel)
            and (self.address is None or self.address == draft.address)
        )

    def take(self, draft: SentMessage) -> None:
        """Count the call of ``draft`` as one of the script's uses (once per call)."""
        if self.last_call != draft.request_id:
            self.last_call = draft.request_id
            self.used += 1

    def why_unused(self, sent: list[SentMessage]) -> str:
        """Which matcher no sent message passed (as ``responses`` explains a miss)."""
        left = sent
        for key in ("user", "endpoint", "address", "channel"):
            wanted = getattr(self, key)
            if wanted is None:
                continue
            kept = [m for m in left if getattr(m, key) == wanted]
            if not kept:
                seen = sorted({str(getattr(m, key)) for m in left})
                return f"no message had {key}={wanted!r} ({key}s sent: {', '.join(seen) or 'none'})"
            left = kept
        if not sent:
            return "no message was sent"
        return f"{len(left)} message(s) matched, in {self.used} call(s)"


@dataclass
class Failure:
    code: str
    times: int | None  # None: every call
    message: str | None
    used: int = 0
    operation: str | None = None  # the model name; None: any send operation

    def describe(self) -> str:
        times = "every call" if self.times is None else f"times={self.times}"
        where = f", operation={self.operation!r}" if self.operation else ""
        return f"fail({self.code!r}{where}, {times}) used {self.used}x"


def check_status(status: Any) -> str:
    """A current DeliveryStatus, or PinpointStubError naming the legacy or unknown value."""
    current = contract.delivery_statuses()
    if isinstance(status, str) and status in current:
        return status
    if isinstance(status, str) and status in contract.LEGACY_DELIVERY_STATUSES:
        now = contract.LEGACY_DELIVERY_STATUSES[status]
        hint = f"use {now!r}" if now else f"no current value corresponds; use one of {current}"
        raise PinpointStubError(
            f"DeliveryStatus {status!r} is a legacy value (AWS CLI v1 command reference, "
            f"send-users-messages, DeliveryStatus) that the service no longer returns: {hint}"
        )
    raise PinpointStubError(
        f"DeliveryStatus {status!r} is not one of {', '.join(current)} (AWS CLI v2 command "
        "reference, send-users-messages, EndpointMessageResult.DeliveryStatus)"
    )


def check_times(times: Any, what: str) -> None:
    if times is None:
        return
    if isinstance(times, bool) or not isinstance(times, int) or times < 1:
        raise PinpointStubError(
            f"{what}(times={times!r}): times must be a positive integer or None (every call)"
        )


def check_updated_token(token: Any, channel: str | None) -> None:
    """000: UpdatedToken is reported "for push notifications that are sent through the GCM
    channel"; a script giving it for another channel could never be produced."""
    if token is None:
        return
    if not isinstance(token, str) or not token:
        raise PinpointStubError(f"outcome(updated_token={token!r}): must be a non-empty string")
    if channel not in (None, "GCM"):
        raise PinpointStubError(
            f"outcome(updated_token=..., channel={channel!r}): UpdatedToken is reported only "
            "for the GCM channel (AWS CLI v2 command reference, send-users-messages, "
            "EndpointMessageResult.UpdatedToken)"
        )


def check_channel(channel: str | None) -> None:
    channels = model.enum_of("ChannelType")
    if channel is not None and channel not in channels:
        raise PinpointStubError(f"outcome(channel={channel!r}): not one of {', '.join(channels)}")


def check_error(error_code: str, operation: str, unit: Unit) -> None:
    codes = unit.error_statuses(operation)
    if error_code not in codes:
        listing = ", ".join(f"{k} ({v})" for k, v in sorted(codes.items(), key=lambda i: i[1]))
        raise PinpointStubError(
            f"fail({error_code!r}): not an error of {operation}; use one of {listing}"
        )


def send_operation(operation: Any) -> str | None:
    """The model name of a send operation given by its model or boto3 name (None: any)."""
    if operation is None:
        return None
    names = {n: n for n in BOTO3_NAMES}
    names.update({boto3: n for n, boto3 in BOTO3_NAMES.items()})
    if operation not in names:
        raise PinpointStubError(
            f"fail(operation={operation!r}): not a send operation this stub scripts; use one of "
            + ", ".join(sorted(names))
        )
    return names[operation]


def scripts_from_map(data: Mapping[str, Any]) -> list[OutcomeScript]:
    """One-shot scripts from ``{user: {endpoint: status}}`` or ``{address: status}``, all
    checked before any is returned (so a bad entry registers nothing)."""
    scripts = []
    for key, value in data.items():
        if isinstance(value, Mapping):
            for user_id, per_endpoint in check_outcome_map(
                {key: value}, "outcome(mapping)"
            ).items():
                for endpoint_id, status in per_endpoint.items():
                    checked = status if callable(status) else check_status(status)
                    scripts.append(
                        OutcomeScript(checked, user_id, endpoint_id, None, 1, None, None)
                    )
        elif isinstance(value, str) or callable(value):
            checked = value if callable(value) else check_status(value)
            scripts.append(
                OutcomeScript(checked, None, None, None, 1, None, None, address=str(key))
            )
        else:
            raise PinpointStubError(
                f"outcome(mapping)[{key!r}] must be {{endpoint_id: status}} (a user) or a "
                f"DeliveryStatus (an address), not {type(value).__name__}"
            )
    return scripts


class Scripts:
    """The scripts of one stub (callers hold the stub's lock)."""

    def __init__(self) -> None:
        self.outcomes: list[OutcomeScript] = []
        self.failures: list[Failure] = []
        self.expected: dict[str, int] = {}  # rule ID -> times it occurred

    def check_target(
        self, script: OutcomeScript, users: dict[str, Endpoints], strict_users: bool
    ) -> None:
        """Refuse a script naming a user/endpoint pair that cannot exist."""
        if script.user is None:
            return
        known = users.get(script.user)
        if known is None:
            if strict_users:
                raise PinpointStubError(
                    f"{script.describe(counted=False)}: user {script.user!r} is not registered "
                    "and the stub is strict_users=True (add_user it first)"
                )
            default = f"{script.user}endpoint"
            if script.endpoint not in (None, default):
                raise PinpointStubError(
                    f"{script.describe(counted=False)}: user {script.user!r} is not registered, "
                    f"so its only endpoint is {default!r}, not {script.endpoint!r} "
                    "(add_user it first)"
                )
        elif script.endpoint is not None and script.endpoint not in known:
            raise PinpointStubError(
                f"{script.describe(counted=False)}: user {script.user!r} has no endpoint "
                f"{script.endpoint!r} (endpoints: {', '.join(known)})"
            )

    def check_new_user(self, user_id: str, endpoints: Endpoints) -> None:
        for script in self.outcomes:
            if script.user == user_id and script.endpoint not in (None, *endpoints):
                raise PinpointStubError(
                    f"add_user({user_id!r}): a scripted {script.describe(counted=False)} names "
                    f"endpoint {script.endpoint!r}, which this user does not have "
                    f"(endpoints: {', '.join(endpoints)})"
                )

    def next_failure(self, operation: str) -> Failure | None:
        """The scripted failure that answers this request of ``operation`` (used up one by
        one; ``times=None`` answers every call), if any."""
        for failure in self.failures:
            if failure.operation not in (None, operation):
                continue
            if failure.times is None or failure.used < failure.times:
                failure.used += 1
                return failure
        return None

    def choose(self, draft: SentMessage) -> OutcomeScript | None:
        """The script deciding ``draft``'s status (its ``used`` counted), or None."""
        for script in self.outcomes:
            if not script.matches(draft):
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
                draft.status = check_status(chosen)
            else:
                draft.status = script.status
            script.take(draft)
            return script
        return None

    def note(self, violations: Iterable[Violation]) -> None:
        """Count the occurrences of expected rules."""
        for v in violations:
            if v.rule in self.expected:
                self.expected[v.rule] += 1

    def unused(self, sent: list[SentMessage]) -> list[str]:
        """Every script that did less than it was given to do, and why (``sent``: what the
        stub sent, which the outcome matchers are explained against)."""
        out = [
            f"{s.describe()}: {s.why_unused(sent)}"
            for s in self.outcomes
            if s.used == 0 or (s.times is not None and s.used < s.times)
        ]
        out += [
            f.describe()
            for f in self.failures
            if f.used == 0 or (f.times is not None and f.used < f.times)
        ]
        out += [
            f"expect_violation({r!r}) never occurred" for r, n in self.expected.items() if n == 0
        ]
        return out
