"""What an operation handler works with: the stub's parts, and the request it answers.

:class:`Service` bundles one stub's options, state, scripts and record (the stub facade owns
it), shared by the stub's units (:mod:`.unit`); ``state`` holds the lock, the clock and the
seeded IDs every unit uses, beside Pinpoint's own data, and each other unit keeps its own state
in :meth:`Service.unit_state`. :class:`Request` is one HTTP request after routing, its
parameters in boto3's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import model
from ..contract import Violation
from ..contract.silent import SilentPushCounter
from ..options import StubOptions
from .http import HttpReply, error_reply
from .record import Call, Record
from .scripted import Responses
from .scripts import Scripts
from .state import State

if TYPE_CHECKING:
    from .unit import Unit


@dataclass(eq=False)
class Service:
    options: StubOptions
    state: State
    scripts: Scripts = field(default_factory=Scripts)
    record: Record = field(default_factory=Record)
    # apns-silent-rate spans calls: the contract's counter, at the stub's rule severity
    silent: SilentPushCounter = field(init=False)

    def __post_init__(self) -> None:
        severities: Any = self.options.rule_severities  # checked by StubOptions
        self.silent = SilentPushCounter.from_severities(severities)

    responses: Responses = field(default_factory=Responses)  # respond() and unserved calls
    #: each unit's own state (service name -> what its ``new_state`` made), made when first used
    units: dict[str, Any] = field(default_factory=dict)

    def unit_state(self, unit: Unit) -> Any:
        """``unit``'s state in this stub, made on first use (callers hold ``state.lock``)."""
        found = self.units.get(unit.service)
        if found is None and unit.new_state is not None:
            found = self.units[unit.service] = unit.new_state()
        return found

    def call(
        self, request: Request, violations: list[Violation], request_id: str | None = None
    ) -> Call:
        """Record the call (caller holds the lock); count expected rules among new violations.
        ``request_id``: one the caller drew already (the send path stamps its messages)."""
        call, new = self.record.add_call(
            request.operation,
            request.method,
            request.url,
            request.headers,
            request.params,
            violations,
            request_id or self.state.request_id(),
            request.service,
        )
        if new and self.scripts.expected:
            self.scripts.note(new)
        return call

    def error(self, call: Call, code: str, message: str) -> HttpReply:
        """Pinpoint's error reply (rest-json), noted on the call."""
        reply = error_reply(code, message, call.request_id, call.operation or model.OPERATION_NAME)
        return self.failed(call, code, reply)

    def failed(self, call: Call, code: str, reply: HttpReply) -> HttpReply:
        """Note an error reply a unit built in its own protocol on the call; return it."""
        call.error = code
        call.status_code = reply.status
        return reply

    def reject(self, request: Request, code: str, message: str) -> HttpReply:
        """Record and answer an error before any operation logic ran."""
        with self.state.lock:
            return self.error(self.call(request, []), code, message)


@dataclass(slots=True)
class Request:
    """One routed request: ``params`` are boto3's keyword arguments (URI labels + payload)."""

    operation: str  # the model's name, "" when no route matched
    method: str
    url: str
    path: str
    headers: Mapping[str, str]  # the SDK retry headers (lower-case names)
    body: bytes
    params: dict[str, Any] = field(default_factory=dict)
    service: str = "pinpoint"  # botocore's name of the service the request is for
