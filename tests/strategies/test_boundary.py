"""boundary_texts: every example sits at or just past the limit, and a character cut where the
limit counts bytes is caught in nearly every default run."""

from __future__ import annotations

import pytest
from hypothesis import Phase, find, given, seed, settings
from hypothesis import strategies as st

from pytest_pinpoint.strategies import boundary_texts

from .support import run

LIMIT = 64


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


@pytest.mark.parametrize(
    ("max_bytes", "max_chars"), [(64, None), (None, 126), (64, 870), (1, None)]
)
def test_every_example_sits_at_or_just_past_a_limit(
    max_bytes: int | None, max_chars: int | None
) -> None:
    kinds: set[str] = set()

    def check(text: str) -> None:
        near = []
        if max_bytes is not None:
            near += [
                ("bytes-at", _bytes(text) == max_bytes),
                ("bytes-past", 0 < _bytes(text) - max_bytes <= 4),
            ]
            near += [
                ("chars-at-byte-limit", len(text) == max_bytes),
                ("chars-past-byte-limit", 0 < len(text) - max_bytes <= 4),
            ]
        if max_chars is not None:
            near += [
                ("chars-at", len(text) == max_chars),
                ("chars-past", 0 < len(text) - max_chars <= 4),
            ]
            near += [
                ("bytes-at-char-limit", _bytes(text) == max_chars),
                ("bytes-past-char-limit", 0 < _bytes(text) - max_chars <= 4),
            ]
        hits = [name for name, ok in near if ok]
        assert hits, (text, len(text), _bytes(text))
        kinds.update(hits)

    run(boundary_texts(max_bytes=max_bytes, max_chars=max_chars), check, 200, derandomize=True)
    if max_bytes is not None:
        assert {"bytes-at", "bytes-past", "chars-at-byte-limit", "chars-past-byte-limit"} <= kinds
    if max_chars is not None:
        assert {"chars-at", "chars-past"} <= kinds


def test_multibyte_characters_of_every_width() -> None:
    widths: set[int] = set()
    run(
        boundary_texts(max_bytes=LIMIT),
        lambda t: widths.update(map(_bytes, t)),
        100,
        derandomize=True,
    )
    assert widths == {1, 2, 3, 4}


def test_a_character_cut_is_caught_in_at_least_19_of_20_seeded_default_runs() -> None:
    """The measurement of benchmarks/bench_boundary.py, as a count (20/20 when written)."""

    def caught(run_seed: int) -> bool:
        @seed(run_seed)
        @settings(database=None, deadline=None, phases=[Phase.explicit, Phase.generate])
        @given(boundary_texts(max_bytes=LIMIT))
        def test_builder(order_id: str) -> None:
            assert _bytes(order_id[:LIMIT]) <= LIMIT

        try:
            test_builder()
        except AssertionError:
            return True
        return False

    assert sum(caught(n) for n in range(20)) >= 19


def test_shrinks_to_one_character_past_the_limit() -> None:
    smallest = find(
        boundary_texts(max_bytes=LIMIT),
        lambda t: _bytes(t[:LIMIT]) > LIMIT,
        settings=settings(database=None),
    )
    assert _bytes(smallest) == LIMIT + 1
    assert smallest[:-1] == "a" * (len(smallest) - 1)


def test_alphabet_and_arguments() -> None:
    run(boundary_texts(max_chars=10, alphabet="中"), lambda t: set(t) <= {"中"}, 30)
    # no 1-byte character to fill with: at or below the limit, and past it
    run(boundary_texts(max_bytes=10, alphabet="中"), lambda t: _bytes(t) <= 13, 30)
    with pytest.raises(ValueError, match="needs max_bytes, max_chars or both"):
        boundary_texts()
    with pytest.raises(ValueError, match="max_bytes must be a positive integer, not 0"):
        boundary_texts(max_bytes=0)
    with pytest.raises(ValueError, match="alphabet must be a non-empty string"):
        boundary_texts(max_chars=3, alphabet="")


def test_plain_text_rarely_gets_there() -> None:
    """The contrast: st.text() mostly stays far below a 64-byte limit."""
    sizes: list[int] = []
    run(st.text(), lambda t: sizes.append(_bytes(t)), 100, derandomize=True)
    assert sum(s > LIMIT for s in sizes) < 50
