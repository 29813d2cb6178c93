"""`validate_request` throughput on one core: the seed request and a large one, interleaved."""

from __future__ import annotations

from typing import Any

from common import SEED_REQUEST, interleave, large_request, timed


def run(quick: bool = False) -> dict[str, Any]:
    from pytest_pinpoint import validate_request

    big = large_request(100)
    assert validate_request(SEED_REQUEST) == []
    assert validate_request(big) == []
    rounds = 3 if quick else 7
    samples = interleave(
        {
            "seed": timed(lambda: validate_request(SEED_REQUEST), 1000 if quick else 5000),
            "large": timed(lambda: validate_request(big), 20 if quick else 100),
        },
        rounds,
    )

    def per_s(s: list[float]) -> dict[str, float]:
        ordered = sorted(s)
        return {
            "best": 1 / ordered[0],
            "median": 1 / ordered[len(ordered) // 2],
            "worst": 1 / ordered[-1],
        }

    seed, large = per_s(samples["seed"]), per_s(samples["large"])
    return {"rounds": rounds, "seed_per_s": seed, "large_per_s": large}
