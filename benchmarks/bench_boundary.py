"""How often a default 100-example run catches a character cut where the limit counts bytes.

The builder under test: ``collapse_id = order_id[:64]``, checked with
``len(collapse_id.encode()) <= 64`` (APNs CollapseId: "can't exceed 64 bytes", AWS CLI v2
reference, send-users-messages). Over 20 seeds (``@seed(n)``, no example database), count the
runs that fail, for ``boundary_texts(max_bytes=64)`` and for ``st.text()``.

python benchmarks/bench_boundary.py
"""

from __future__ import annotations

from typing import Any

from hypothesis import Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

SEEDS = 20
LIMIT = 64


def collapse_id(order_id: str) -> str:
    return order_id[:LIMIT]  # the bug: characters, where APNs counts bytes


def caught(strategy: SearchStrategy[str], run_seed: int) -> bool:
    """One default run (100 examples), without the shrink phase: it does not change whether
    the run fails, only how small the reported example is."""

    @seed(run_seed)
    @settings(database=None, deadline=None, phases=[Phase.explicit, Phase.generate])
    @given(strategy)
    def test_builder(order_id: str) -> None:
        assert len(collapse_id(order_id).encode()) <= LIMIT

    try:
        test_builder()
    except AssertionError:
        return True
    return False


def catch_counts(seeds: int = SEEDS) -> dict[str, int]:
    from pytest_pinpoint.strategies import boundary_texts

    strategies = {
        "boundary_texts(max_bytes=64)": boundary_texts(max_bytes=LIMIT),
        "st.text()": st.text(),
    }
    return {name: sum(caught(s, n) for n in range(seeds)) for name, s in strategies.items()}


def run(quick: bool = False) -> dict[str, Any]:
    return {"seeds": SEEDS, "caught": catch_counts()}


if __name__ == "__main__":
    for name, count in catch_counts().items():
        print(f"{name}: caught in {count}/{SEEDS} seeded 100-example runs")
