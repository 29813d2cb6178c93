"""Examples/second: our native strategy vs hypothesis-jsonschema on the exported schema."""

from __future__ import annotations

import time
import warnings
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.strategies import SearchStrategy


def examples_per_second(strategy: SearchStrategy[Any], count: int) -> float:
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

    start = time.perf_counter()
    draw()
    return seen / (time.perf_counter() - start)


def run(quick: bool = False) -> dict[str, Any]:
    from pytest_pinpoint import request_schema
    from pytest_pinpoint.strategies import send_users_messages_requests

    count = 100 if quick else 500
    ours = examples_per_second(send_users_messages_requests(), count)
    try:
        from hypothesis_jsonschema import from_schema

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = examples_per_second(from_schema(request_schema()), count)
    except Exception as exc:  # the known 0.23.1 / hypothesis >= 6.170.10 break, reported as such
        return {
            "ours_per_s": ours,
            "jsonschema_per_s": None,
            "jsonschema_error": f"{type(exc).__name__}: {exc}",
        }
    return {"ours_per_s": ours, "jsonschema_per_s": theirs}
