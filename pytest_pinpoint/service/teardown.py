"""What makes a test fail at teardown: one stub's broken rules, unused scripts, unserved
operations and, with ``eos="error"``, its calls to features past end of support."""

from __future__ import annotations

from .. import eos
from . import record
from .context import Service


def problems(svc: Service) -> list[str]:
    """Every teardown problem of the stub ``svc`` belongs to (empty when all is well)."""
    with svc.state.lock:
        ended = eos.problems(svc.record.calls, svc.options.eos)  # [] unless eos="error"
        scripts, responses = svc.scripts, svc.responses
        if not (
            svc.record.violations
            or scripts.outcomes
            or scripts.failures
            or scripts.expected
            or responses.scripts
            or responses.unserved
        ):
            return ended  # nothing scripted, nothing broken: the common teardown
        found = record.problems(
            svc.record.violations,
            scripts.expected,
            scripts.unused(svc.record.sent) + responses.unused(),
            strict=svc.options.contract == "strict",
            fail_on_unused=svc.options.fail_on_unused,
        )
        return found + responses.problems() + ended
