"""What a test scripted: per-endpoint outcomes, whole-call failures, expected violations.

The first matching outcome script wins; a callable script returning None falls through to the
next. A script that can never match (a user that cannot have that endpoint) is refused when it
is given, not discovered at teardown. Everything unused is reported by :meth:`Scripts.unused`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import contract, model
from ..errors import PinpointStubError
from .state import Endpoints

if TYPE_CHECKING:
    from ..contract import Violation
    from .record import SentMessage

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
    used: int = 0

    def describe(self) -> str:
        status = getattr(self.status, "__name__", repr(self.status))
        where = [f"{k}={v!r}" for k in ("user", "endpoint", "channel") if (v := getattr(self, k))]
        times = "every call" if self.times is None else f"times={self.times}"
        return f"outcome({status}{''.join(', ' + w for w in where)}, {times}) used {self.used}x"

    def matches(self, draft: SentMessage) -> bool:
        return (
            (self.times is None or self.used < self.times)
            and (self.user is None or self.user == draft.user)
            and (self.endpoint is None or self.endpoint == draft.endpoint)
            and (self.channel is None or self.channel == draft.channel)
        )


@dataclass
class Failure:
    code: str
    times: int
    message: str | None
    used: int = 0


def check_status(status: Any) -> str:
    """A current DeliveryStatus, or PinpointStubError naming the legacy or unknown value."""
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


def check_times(times: Any, what: str) -> None:
    if times is None and what == "outcome":
        return
    if isinstance(times, bool) or not isinstance(times, int) or times < 1:
        raise PinpointStubError(
            f"{what}(times={times!r}): times must be a positive integer"
            + (" or None (every call)" if what == "outcome" else "")
        )


def check_channel(channel: str | None) -> None:
    channels = model.enum_of("ChannelType")
    if channel is not None and channel not in channels:
        raise PinpointStubError(f"outcome(channel={channel!r}): not one of {', '.join(channels)}")


def check_error(error_code: str, operation: str) -> None:
    codes = model.error_statuses(operation)
    if error_code not in codes:
        listing = ", ".join(f"{k} ({v})" for k, v in sorted(codes.items(), key=lambda i: i[1]))
        raise PinpointStubError(
            f"fail({error_code!r}): not an error of {operation}; use one of {listing}"
        )


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

    def check_new_user(self, user_id: str, endpoints: Endpoints) -> None:
        for script in self.outcomes:
            if script.user == user_id and script.endpoint not in (None, *endpoints):
                raise PinpointStubError(
                    f"add_user({user_id!r}): a scripted {script.describe()} names endpoint "
                    f"{script.endpoint!r}, which this user does not have "
                    f"(endpoints: {', '.join(endpoints)})"
                )

    def next_failure(self) -> Failure | None:
        """The scripted failure that answers this request (used up one by one), if any."""
        for failure in self.failures:
            if failure.used < failure.times:
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
            script.used += 1
            return script
        return None

    def note(self, violations: Iterable[Violation]) -> None:
        """Count the occurrences of expected rules."""
        for v in violations:
            if v.rule in self.expected:
                self.expected[v.rule] += 1

    def unused(self) -> list[str]:
        out = [
            s.describe()
            for s in self.outcomes
            if s.used == 0 or (s.times is not None and s.used < s.times)
        ]
        out += [
            f"fail({f.code!r}, times={f.times}) used {f.used}x"
            for f in self.failures
            if f.used < f.times
        ]
        out += [
            f"expect_violation({r!r}) never occurred" for r, n in self.expected.items() if n == 0
        ]
        return out
