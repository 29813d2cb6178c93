"""Examples/second: the native strategies vs hypothesis-jsonschema on the exported schema.

Every variant runs once per round, the rounds interleave the variants (a noisy neighbour slows
all of them alike), and each figure is the best round with the spread (worst..best) beside it.
Time is this process's CPU time (``time.process_time``): on a machine whose cores other jobs
share, wall time measures the neighbours as much as the code.

python benchmarks/bench_generate.py [--quick]
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.strategies import SearchStrategy


def examples_per_second(strategy: SearchStrategy[Any], count: int) -> float:
    """Draw ``count`` examples through the real engine, generate phase only."""
    seen = 0

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(value: Any) -> None:
        nonlocal seen
        seen += 1

    start = time.process_time()
    draw()
    return seen / (time.process_time() - start)


def _variants() -> dict[str, Callable[[], SearchStrategy[Any]]]:
    from pytest_pinpoint import request_schema
    from pytest_pinpoint.strategies import (
        invalid_send_messages_requests,
        invalid_send_users_messages_requests,
        send_messages_requests,
        send_users_messages_requests,
    )

    def jsonschema() -> SearchStrategy[Any]:
        from hypothesis_jsonschema import from_schema

        return from_schema(request_schema())

    return {
        "send_users_messages_requests()": send_users_messages_requests,
        "send_messages_requests()": send_messages_requests,
        "invalid_send_users_messages_requests()": invalid_send_users_messages_requests,
        "invalid_send_messages_requests()": invalid_send_messages_requests,
        "from_schema(request_schema())": jsonschema,
    }


def measure(
    rounds: int, count: int, slow_count: int
) -> tuple[dict[str, list[float]], dict[str, str]]:
    """Examples/second of every variant in every round (the jsonschema one draws fewer)."""
    rates: dict[str, list[float]] = {}
    errors: dict[str, str] = {}
    strategies = {name: make() for name, make in _variants().items()}
    for _ in range(rounds):
        for name, strategy in strategies.items():
            if name in errors:
                continue
            n = slow_count if name.startswith("from_schema") else count
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    rates.setdefault(name, []).append(examples_per_second(strategy, n))
                except Exception as exc:  # the known 0.23.1 / hypothesis >= 6.170.10 break
                    errors[name] = f"{type(exc).__name__}: {exc}"
                    rates.pop(name, None)
    return rates, errors


def run(quick: bool = False) -> dict[str, Any]:
    # The same number of examples for every variant: Hypothesis starts with small examples, so
    # a shorter run would flatter the slower one.
    rounds, count, slow_count = (2, 50, 50) if quick else (5, 100, 100)
    rates, errors = measure(rounds, count, slow_count)
    ours = rates["send_users_messages_requests()"]
    out: dict[str, Any] = {
        "rounds": rounds,
        "rates": {k: (min(v), max(v)) for k, v in rates.items()},
        "ours_per_s": max(ours),
        "jsonschema_per_s": None,
    }
    theirs = rates.get("from_schema(request_schema())")
    if theirs:
        out["jsonschema_per_s"] = max(theirs)
        # best against best, and the worst pairing of the spread
        out["ratio"] = (min(ours) / max(theirs), max(ours) / max(theirs))
    else:
        out["jsonschema_error"] = errors.get("from_schema(request_schema())", "did not run")
    return out


def main() -> None:
    result = run(quick="--quick" in sys.argv)
    print(f"{result['rounds']} interleaved rounds; examples/second, best (worst..best):")
    for name, (low, high) in result["rates"].items():
        print(f"  {name:<42} {high:8.1f}  ({low:.1f}..{high:.1f})")
    if "ratio" in result:
        low, high = result["ratio"]
        print(
            f"send_users_messages_requests() vs from_schema: {high:.1f}x best vs best "
            f"(worst round {low:.1f}x)"
        )
    else:
        print(f"hypothesis-jsonschema: {result['jsonschema_error']}")


if __name__ == "__main__":
    main()
