"""The session report: what the suite simulated, and what it never did.

Every way into the fake (``pinpoint_stub``, ``pinpoint_stub_factory``, ``pinpoint_server``,
``pinpoint_server_session``) hands its stub to :func:`record` when it is torn down. The counts
come only from the stub's public record (``calls``, ``sent``, ``violations``), so they are the
same whichever adapter carried the request. Under xdist each worker sends its counts to the
controller through ``workeroutput``; the controller adds them up, so ``-n 2`` reports what a
serial run reports.

Nothing here runs for a suite that never used the plugin: no per-test hook is registered until
a session-scoped way in is set up, and the session hooks return at once when nothing was
recorded.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import pytest

from . import eos_report

# The option values; a PATH is anything else.
REPORT_NONE = "none"
REPORT_TERMINAL = "term"
# The key of the counts in xdist's workeroutput (a plain dict, as execnet requires).
WORKER_KEY = "pinpoint_report"
# Calls that reached the stub on a path the Pinpoint model does not route.
UNROUTED = "(not a Pinpoint operation)"
# The fixtures that are a way in; a test that requests one "used the stub".
SESSION_FIXTURES = frozenset({"pinpoint_stub_factory", "pinpoint_server_session"})
# JUnit XML properties (record_property style) of each test that used a stub.
PROPERTY_PREFIX = "pinpoint_"


class StubRecord(Protocol):
    """The public record of a stub, all the report reads."""

    @property
    def calls(self) -> Sequence[Any]: ...

    @property
    def sent(self) -> Sequence[Any]: ...

    @property
    def violations(self) -> Sequence[Any]: ...

    @property
    def options(self) -> Any: ...  # a StubOptions; ``contract`` and ``eos`` are all it reads


def _operation(call: Any) -> str:
    name = getattr(call, "operation", None)
    if name:
        return str(name)
    from . import model

    return model.operation_for(call.method, urlsplit(call.url).path) or UNROUTED


@dataclass
class Counts:
    """What one stub, one test or the whole session simulated."""

    tests: int = 0
    contract_stubber_tests: int = 0  # tests that activated a ContractStubber
    operations: Counter[str] = field(default_factory=Counter)  # calls per operation
    channels: Counter[str] = field(default_factory=Counter)  # messages per channel
    statuses: Counter[str] = field(default_factory=Counter)  # messages per DeliveryStatus
    errors: Counter[str] = field(default_factory=Counter)  # calls answered by a modeled error
    violations: Counter[str] = field(default_factory=Counter)  # per rule ID
    severities: dict[str, set[str]] = field(default_factory=dict)  # rule -> labels seen
    # "Operation Name" -> count: errors and statuses per operation, so one operation's 429 does
    # not hide that another never got one
    per_operation: Counter[str] = field(default_factory=Counter)

    @property
    def calls(self) -> int:
        return sum(self.operations.values())

    @property
    def messages(self) -> int:
        return sum(self.channels.values())

    def add_stub(self, stub: StubRecord) -> None:
        for call in stub.calls:
            self.operations[_operation(call)] += 1
            if call.error:
                self.errors[str(call.error)] += 1
                self.per_operation[f"{_operation(call)} {call.error}"] += 1
        for message in stub.sent:
            self.channels[str(message.channel)] += 1
            self.statuses[str(message.status)] += 1
            operation = getattr(message, "operation", "SendUsersMessages")
            self.per_operation[f"{operation} {message.status}"] += 1
        # an error-severity rule a warn-mode stub only recorded says so, or it reads as enforced
        mode = stub.options.contract
        for violation in stub.violations:
            self.violations[violation.rule] += 1
            label = str(violation.severity)
            if label == "error" and mode != "strict":
                label = f"error; contract={mode}"
            self.severities.setdefault(violation.rule, set()).add(label)

    def merge(self, other: Counts) -> None:
        self.tests += other.tests
        self.contract_stubber_tests += other.contract_stubber_tests
        for mine, theirs in zip(self._counters(), other._counters(), strict=True):
            mine.update(theirs)
        for rule, seen in other.severities.items():
            self.severities.setdefault(rule, set()).update(seen)

    def _counters(self) -> tuple[Counter[str], ...]:
        return (
            self.operations, self.channels, self.statuses, self.errors, self.violations,
            self.per_operation,
        )  # fmt: skip

    def to_wire(self) -> dict[str, Any]:
        """Plain data (xdist's workeroutput travels through execnet)."""
        return {
            "tests": self.tests,
            "contract_stubber_tests": self.contract_stubber_tests,
            "operations": dict(self.operations),
            "channels": dict(self.channels),
            "statuses": dict(self.statuses),
            "errors": dict(self.errors),
            "violations": dict(self.violations),
            "severities": {rule: sorted(seen) for rule, seen in self.severities.items()},
            "per_operation": dict(self.per_operation),
        }

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Counts:
        return cls(
            tests=int(data.get("tests", 0)),
            contract_stubber_tests=int(data.get("contract_stubber_tests", 0)),
            operations=Counter(data.get("operations", {})),
            channels=Counter(data.get("channels", {})),
            statuses=Counter(data.get("statuses", {})),
            errors=Counter(data.get("errors", {})),
            violations=Counter(data.get("violations", {})),
            severities={k: set(v) for k, v in data.get("severities", {}).items()},
            per_operation=Counter(data.get("per_operation", {})),
        )

    def properties(self) -> list[tuple[str, object]]:
        """This test's counts as JUnit XML properties (``item.user_properties``)."""
        props: list[tuple[str, object]] = [
            (f"{PROPERTY_PREFIX}calls", self.calls),
            (f"{PROPERTY_PREFIX}messages", self.messages),
        ]
        for name, counter in (
            ("statuses", self.statuses),
            ("errors", self.errors),
            ("violations", self.violations),
        ):
            if counter:
                props.append((f"{PROPERTY_PREFIX}{name}", _pairs(counter, sep="=", join=",")))
        return props


@dataclass(frozen=True)
class NotSimulated:
    """The names no test produced: DeliveryStatuses, and the used operations' declared errors."""

    statuses: tuple[str, ...]
    errors: dict[str, int]  # error shape -> HTTP status (botocore's model)
    #: operation -> its declared errors (and, for a send, the statuses) it never got
    by_operation: dict[str, list[str]] = field(default_factory=dict)


def not_simulated(counts: Counts) -> NotSimulated:
    from . import contract

    statuses = tuple(s for s in contract.delivery_statuses() if not counts.statuses[s])
    declared: dict[str, int] = {}
    for operation in counts.operations:
        if operation != UNROUTED:
            declared.update(_declared_errors(operation))
    errors = {name: declared[name] for name in sorted(declared) if not counts.errors[name]}
    by_operation: dict[str, list[str]] = {}
    for operation in sorted(counts.operations):
        if operation == UNROUTED:
            continue
        sends = operation in ("SendMessages", "SendUsersMessages")  # DeliveryStatus answers
        names = [*(contract.delivery_statuses() if sends else ()), *_declared_errors(operation)]
        by_operation[operation] = [n for n in names if not counts.per_operation[f"{operation} {n}"]]
    return NotSimulated(statuses, errors, by_operation)


def _declared_errors(operation: str) -> dict[str, int]:
    """The declared errors of ``operation`` in the first served service's model that has it
    (Pinpoint's first: its names win where two services share one)."""
    from . import model
    from .service.unit import service_model
    from .service.units import SERVED

    for service in SERVED:
        found = service_model(service)
        if operation in found.operation_names:
            return model.declared_errors(found.operation_model(operation))
    return {}


def _pairs(counter: Counter[str], *, sep: str = " ", join: str = ", ") -> str:
    return join.join(f"{name}{sep}{counter[name]}" for name in sorted(counter))


def _violations(counts: Counts) -> str:
    return ", ".join(
        f"{rule} {counts.violations[rule]} ({' / '.join(sorted(counts.severities.get(rule, ())))})"
        for rule in sorted(counts.violations)
    )


def to_json(counts: Counts, missing: NotSimulated) -> dict[str, Any]:
    """The JSON report (``--pinpoint-report=PATH``): counts, and the names never simulated."""
    return {
        "tests": counts.tests,
        "contract_stubber_tests": counts.contract_stubber_tests,
        "calls": counts.calls,
        "messages": counts.messages,
        "operations": dict(sorted(counts.operations.items())),
        "channels": dict(sorted(counts.channels.items())),
        "statuses": dict(sorted(counts.statuses.items())),
        "errors": dict(sorted(counts.errors.items())),
        "violations": dict(sorted(counts.violations.items())),
        "severities": {rule: sorted(counts.severities[rule]) for rule in sorted(counts.severities)},
        "not_simulated": {
            "statuses": list(missing.statuses),
            "errors": list(missing.errors),
            "by_operation": missing.by_operation,
        },
    }


def summary_lines(counts: Counts, missing: NotSimulated, verbosity: int) -> list[str]:
    """The terminal block under the ``pinpoint summary`` separator; ``-q`` gives two lines."""
    tests = f"{counts.tests} test{'s' if counts.tests != 1 else ''}"
    if counts.contract_stubber_tests:
        tests += f" ({counts.contract_stubber_tests} with ContractStubber)"
    never = [*missing.statuses, *missing.errors]
    if verbosity < 0:
        parts = [f"{tests}, {counts.calls} calls, {counts.messages} messages"]
        parts += [_pairs(counts.statuses)] if counts.statuses else []
        parts += [f"errors: {_pairs(counts.errors)}"] if counts.errors else []
        parts += [f"violations: {_violations(counts)}"] if counts.violations else []
        lines = ["; ".join(parts)]
        return lines + ([f"never simulated: {', '.join(never)}"] if never else [])
    lines = [
        f"{tests} used the stub: {counts.calls} calls, {counts.messages} messages",
        f"operations: {_pairs(counts.operations) or '-'}",
        f"channels:   {_pairs(counts.channels) or '-'}",
        f"statuses:   {_pairs(counts.statuses) or '-'}",
        f"errors:     {_pairs(counts.errors) or '-'}",
        f"violations: {_violations(counts) or '-'}",
    ]
    if missing.statuses:
        lines.append(f"never simulated, DeliveryStatus: {', '.join(missing.statuses)}")
    if missing.errors:
        errors = ", ".join(f"{name} ({code})" for name, code in missing.errors.items())
        lines.append(f"never simulated, call errors: {errors}")
    return lines


# --- options ------------------------------------------------------------------------------------


def report_target(config: pytest.Config) -> str:
    """``none``, ``term`` (the default) or the path of the JSON report."""
    value = config.getoption("pinpoint_report", None) or config.getini("pinpoint_report")
    return str(value or REPORT_TERMINAL).strip() or REPORT_TERMINAL


def required_names(config: pytest.Config) -> tuple[str, ...]:
    value = config.getoption("pinpoint_require_simulated", None)
    raw = value if value is not None else config.getini("pinpoint_require_simulated")
    return tuple(dict.fromkeys(n for n in re.split(r"[\s,]+", str(raw or "")) if n))


def check_required(names: Iterable[str]) -> None:
    """Refuse a name that is neither a DeliveryStatus nor any operation's declared error."""
    from . import contract, model

    known = set(contract.delivery_statuses())
    for operation in model.service_model().operation_names:
        known.update(model.error_statuses(operation))
    unknown = sorted(set(names) - known)
    if unknown:
        raise pytest.UsageError(
            f"pinpoint_require_simulated: {', '.join(unknown)} is neither a DeliveryStatus "
            f"({', '.join(contract.delivery_statuses())}) nor an error the Pinpoint API "
            "declares (AWS API reference: the operation's Errors, e.g. TooManyRequestsException)"
        )


# --- the session's state ------------------------------------------------------------------------


@dataclass
class _Item:
    counts: Counts
    props: list[tuple[str, object]]


_SESSION = pytest.StashKey["Collector"]()
_ITEM = pytest.StashKey[_Item]()


class Collector:
    """The session's counts; ``current`` is the test running now (for session-scoped ways in)."""

    def __init__(self) -> None:
        self.totals = Counts()
        self.current: pytest.Item | None = None
        self.tracking = False
        self.shown: tuple[Counts, NotSimulated] | None = None
        self.missing_required: tuple[str, ...] = ()
        self.eos = eos_report.EosCalls()  # calls past end of support (eos_report.py)
        self.counted: set[str] = set()  # node IDs of the tests counted in totals.tests
        self.stubber_tests: set[str] = set()  # ... of those that activated a ContractStubber

    def mark(self, item: pytest.Item) -> _Item:
        state = item.stash.get(_ITEM, None)
        if state is None:
            state = item.stash[_ITEM] = _Item(Counts(tests=1), [])
            self._count(item.nodeid)
        return state

    def _count(self, nodeid: str) -> None:
        if nodeid not in self.counted:  # a test with a stub and a ContractStubber is one test
            self.counted.add(nodeid)
            self.totals.tests += 1

    def contract_stubber(self, nodeid: str) -> None:
        if nodeid not in self.stubber_tests:
            self.stubber_tests.add(nodeid)
            self.totals.contract_stubber_tests += 1
            self._count(nodeid)

    def record(self, stub: StubRecord, item: pytest.Item | None) -> None:
        self.totals.add_stub(stub)
        self.eos.add(stub, item.nodeid if item is not None else None)
        if item is None:
            return
        state = self.mark(item)
        state.counts.add_stub(stub)
        # replace this test's properties in place (a test may hold several stubs)
        for prop in state.props:
            if prop in item.user_properties:
                item.user_properties.remove(prop)
        state.props = state.counts.properties()
        item.user_properties.extend(state.props)

    # per-test hooks, registered only once a session-scoped way in is set up
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self._enter(item)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Item) -> None:
        self._enter(item)

    def _enter(self, item: pytest.Item) -> None:
        self.current = item
        if SESSION_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            self.mark(item)


def collector(config: pytest.Config) -> Collector:
    found = config.stash.get(_SESSION, None)
    if found is None:
        found = config.stash[_SESSION] = Collector()
    return found


def record(config: pytest.Config, stub: StubRecord, node: object = None) -> None:
    """Add a torn-down stub's counts to the session (and to ``node``'s, when it is a test)."""
    item = node if isinstance(node, pytest.Item) else None
    collector(config).record(stub, item)


def record_contract_stubber(config: pytest.Config) -> None:
    """Count the running test as one that used a ``ContractStubber`` (pytest names the running
    test in ``PYTEST_CURRENT_TEST``: "path::name (call)")."""
    running = os.environ.get("PYTEST_CURRENT_TEST", "")
    if running:
        collector(config).contract_stubber(running.rsplit(" ", 1)[0])


def track(config: pytest.Config) -> None:
    """Follow the running test from now on: a session-scoped way in records to it."""
    found = collector(config)
    if not found.tracking:
        found.tracking = True
        config.pluginmanager.register(found, "pinpoint-report-tracker")


def record_current(config: pytest.Config, stub: StubRecord) -> None:
    """Record a stub to the test running now (``pinpoint_stub_factory``)."""
    found = collector(config)
    found.record(stub, found.current)


# --- session hooks (plugin.py delegates) ---------------------------------------------------------


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def sessionfinish(session: pytest.Session) -> None:
    config = session.config
    found = config.stash.get(_SESSION, None)
    if _is_worker(config):
        if found is not None:
            config.workeroutput[WORKER_KEY] = found.totals.to_wire()  # type: ignore[attr-defined]
            config.workeroutput[eos_report.WORKER_KEY] = found.eos.to_wire()  # type: ignore[attr-defined]
        return
    target = report_target(config)
    required = required_names(config)
    if found is None and not required and target in (REPORT_NONE, REPORT_TERMINAL):
        return  # the plugin was not used and nothing was asked of the report
    found = collector(config)
    counts = found.totals
    missing = not_simulated(counts)
    found.shown = (counts, missing)
    if target not in (REPORT_NONE, REPORT_TERMINAL):
        path = Path(config.invocation_params.dir, target)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {**to_json(counts, missing), **found.eos.to_json()}
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    simulated = set(counts.statuses) | set(counts.errors)
    found.missing_required = tuple(n for n in required if n not in simulated)
    if found.missing_required and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def testnodedown(node: Any) -> None:
    """xdist controller: add a finished worker's counts."""
    data = getattr(node, "workeroutput", {}).get(WORKER_KEY)
    if data:
        collector(node.config).totals.merge(Counts.from_wire(data))
    rows = getattr(node, "workeroutput", {}).get(eos_report.WORKER_KEY)
    if rows:
        collector(node.config).eos.merge(eos_report.EosCalls.from_wire(rows))


def terminal_summary(reporter: Any, config: pytest.Config) -> None:
    found = config.stash.get(_SESSION, None)
    if found is None or found.shown is None:
        return
    counts, missing = found.shown
    used = counts.tests or counts.calls
    if used and report_target(config) != REPORT_NONE:
        reporter.write_sep("=", "pinpoint summary")
        for line in summary_lines(counts, missing, reporter.config.get_verbosity()):
            reporter.write_line(line)
        mode = eos_report.session_mode(config)
        for line in found.eos.lines(mode, reporter.config.get_verbosity()):
            reporter.write_line(line, yellow=True)
    if found.missing_required:
        reporter.write_line(
            f"pinpoint: FAIL required to be simulated but never were: "
            f"{', '.join(found.missing_required)} (pinpoint_require_simulated); script them "
            "with pinpoint_stub.outcome(status, ...) or pinpoint_stub.fail(error, ...)",
            red=True,
            bold=True,
        )
