"""`validate_request` throughput on one core."""

from __future__ import annotations

from typing import Any

from common import SEED_REQUEST, large_request, per_call


def run(quick: bool = False) -> dict[str, Any]:
    from pytest_pinpoint import validate_request

    big = large_request(100)
    assert validate_request(SEED_REQUEST) == []
    assert validate_request(big) == []
    seed = per_call(lambda: validate_request(SEED_REQUEST), number=2000 if quick else 20000)
    large = per_call(lambda: validate_request(big), number=50 if quick else 500)
    return {"seed_per_s": 1 / seed, "large_per_s": 1 / large}
