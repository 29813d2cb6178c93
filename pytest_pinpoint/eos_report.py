"""The end-of-support section of the session report: every call the suite made to an Amazon
Pinpoint feature past end of support (:mod:`pytest_pinpoint.eos`), with how many app calls, the
tests that made them and what AWS names instead.

:mod:`.report` owns the session (its ``Collector`` adds each torn-down stub here) and the
xdist merge (each worker sends :meth:`EosCalls.to_wire` beside its counts; the controller
merges them), so ``-n 2`` lists what a serial run lists. A stub made with ``eos="off"`` is not
listed; the others (``warn``, ``error``) are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from . import eos
from .options import EOS_MODES

#: The key of the rows in xdist's workeroutput.
WORKER_KEY = "pinpoint_eos"
#: The "test" of a stub that outlives its tests (``pinpoint_server_session``).
SESSION_STUB = "(session-scoped stub)"
#: Tests named per row in the terminal (all of them with -v, and always in the JSON report).
SHOWN_TESTS = 3


@dataclass
class Listed:
    """One entry of :mod:`.eos` the suite called: how often, from which tests."""

    entry: eos.EosEntry
    count: int = 0
    tests: set[str] = field(default_factory=set)

    def to_json(self) -> dict[str, Any]:
        e = self.entry
        return {
            "operation": e.operation,
            "count": self.count,
            "tests": sorted(self.tests),
            "replacement": e.replacement,
            "source": e.source,
            "inferred": e.inferred,
            "family": e.family,
        }


@dataclass
class EosCalls:
    """The session's calls past end of support, by entry name."""

    listed: dict[str, Listed] = field(default_factory=dict)

    def add(self, stub: Any, test: str | None) -> None:
        """A torn-down stub's calls (its public ``calls`` and ``options.eos``)."""
        if stub.options.eos == "off":
            return
        for name, use in eos.uses(stub.calls).items():
            listed = self.listed.setdefault(name, Listed(use.entry))
            listed.count += use.count
            listed.tests.add(test or SESSION_STUB)

    def merge(self, other: EosCalls) -> None:
        for name, theirs in other.listed.items():
            mine = self.listed.setdefault(name, Listed(theirs.entry))
            mine.count += theirs.count
            mine.tests.update(theirs.tests)

    def to_wire(self) -> list[dict[str, Any]]:
        """The JSON rows, sorted by operation (plain data: execnet carries it)."""
        return [self.listed[name].to_json() for name in sorted(self.listed)]

    @classmethod
    def from_wire(cls, rows: list[dict[str, Any]]) -> EosCalls:
        found = cls()
        for row in rows:
            entry = eos.EosEntry(
                row["operation"], True, row["replacement"], row["source"], row["inferred"],
                row["family"],
            )  # fmt: skip
            found.listed[entry.operation] = Listed(entry, int(row["count"]), set(row["tests"]))
        return found

    def to_json(self) -> dict[str, Any]:
        """The JSON report's part (``--pinpoint-report=PATH``)."""
        return {"end_of_support": self.to_wire()}

    def lines(self, mode: str, verbosity: int) -> list[str]:
        """The terminal lines under the ``pinpoint summary`` separator."""
        calls = sum(listed.count for listed in self.listed.values())
        head = f"end of support ({eos.END_OF_SUPPORT}; eos={mode})"
        if verbosity < 0:
            names = ", ".join(f"{n} {self.listed[n].count}" for n in sorted(self.listed))
            return [f"{head}: {names}"] if self.listed else []
        if not self.listed:
            return [f"{head}: -"]
        out = [f"{head}: {calls} call{'s' if calls != 1 else ''} to {len(self.listed)} "
               "feature(s) AWS no longer supports"]  # fmt: skip
        for name in sorted(self.listed):
            listed = self.listed[name]
            tests = sorted(listed.tests)
            shown = tests if verbosity > 0 else tests[:SHOWN_TESTS]
            more = f", +{len(tests) - len(shown)} more" if len(shown) < len(tests) else ""
            out.append(f"  {name} {listed.count}x ({', '.join(shown)}{more})")
            out.append(f"    -> {listed.entry.replacement}")
        return out


def session_mode(config: pytest.Config) -> str:
    """The session's default mode (checked at configure time by the plugin)."""
    mode = str(config.getoption("pinpoint_eos", None) or config.getini("pinpoint_eos")).strip()
    return mode if mode in EOS_MODES else "warn"
