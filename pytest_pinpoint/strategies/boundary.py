"""Text for the app's own inputs, concentrated at and just past a limit.

Users do not know where the boundaries are; the contract does. A builder that cuts by
characters where the limit counts bytes (``order_id[:64]`` for a 64-byte APNs CollapseId), or
the reverse, fails on text that sits exactly there: the cut leaves 65 bytes, or a valid value is
rejected. ``st.text()`` rarely lands there in 100 examples; every example of
:func:`boundary_texts` does.
"""

from __future__ import annotations

import itertools

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from .texts import MULTIBYTE_CHARS

__all__ = ["boundary_texts"]

# The shapes of an example, simplest first (Hypothesis shrinks towards the first): exactly at
# the limit in bytes, one character crossing it in bytes, exactly at it in characters (more bytes
# when any character is multibyte), a few characters past it.
_KINDS = ("bytes-at", "bytes-past", "chars-at", "chars-past")


def _width(text: str) -> int:
    return len(text.encode("utf-8"))


def _fill(unit: list[str], budget: int, filler: str) -> str:
    """``unit`` repeated while it fits in ``budget`` bytes, then ``filler`` up to the budget."""
    out, size = [], 0
    for ch in itertools.cycle(unit):
        if size + _width(ch) > budget:
            break
        out.append(ch)
        size += _width(ch)
    step = _width(filler)
    while size + step <= budget:
        out.append(filler)
        size += step
    return "".join(out)


def _chars(unit: list[str], count: int) -> str:
    return "".join(itertools.islice(itertools.cycle(unit), count))


@st.composite
def _boundary(draw: DrawFn, limits: tuple[int, ...], alphabet: str, crossing: str) -> str:
    # Every kind draws the same choices, so the shrinker can move between kinds and lands on
    # the simplest failing one: "a" * 63 + "é" for a character cut at 64 bytes.
    limit = draw(st.sampled_from(limits))
    kind = draw(st.sampled_from(_KINDS))
    unit = draw(st.lists(st.sampled_from(alphabet), min_size=1, max_size=8))
    last = draw(st.sampled_from(crossing))  # multibyte when the alphabet has any
    over = draw(st.integers(0, 3)) % _width(last)
    more = draw(st.integers(1, 4))
    filler = min(alphabet, key=_width)
    if kind == "bytes-at":
        return _fill(unit, limit, filler)
    if kind == "bytes-past":
        # a prefix of limit - w + 1 .. limit bytes, then a w-byte character: limit + 1 .. limit + w
        text = _fill(unit, max(0, limit - _width(last) + 1 + over), filler) + last
        while _width(text) <= limit:  # an alphabet without 1-byte characters cannot be exact
            text += last
        return text
    if kind == "chars-at":
        return _chars(unit, limit - 1) + last
    return last + _chars(unit, limit - 1 + more)  # a cut to ``limit`` characters keeps ``last``


def boundary_texts(
    *,
    max_bytes: int | None = None,
    max_chars: int | None = None,
    alphabet: str | None = None,
) -> SearchStrategy[str]:
    """Text at and just past ``max_bytes`` (UTF-8) and/or ``max_chars`` (characters).

    Each example is one of: exactly the limit in bytes; one character (1 to 4 bytes) crossing
    it; exactly the limit in characters; 1 to 4 characters past it. The characters are 1- to
    4-byte UTF-8 (``alphabet`` replaces them), so character and byte counts differ: a builder
    that counts one where the limit counts the other is caught in nearly every 100-example run,
    and the shrunk example sits one character past the boundary (``"aaa…aé"``, 65 bytes).

    >>> from hypothesis import given
    >>> @given(boundary_texts(max_bytes=64))
    ... def test_collapse_id(order_id):
    ...     check_request(build_push_request(order_id))
    """
    limits = tuple(dict.fromkeys(x for x in (max_bytes, max_chars) if x is not None))
    if not limits:
        raise ValueError("boundary_texts needs max_bytes, max_chars or both")
    for name, value in (("max_bytes", max_bytes), ("max_chars", max_chars)):
        bad = isinstance(value, bool) or not isinstance(value, int) or value < 1
        if value is not None and bad:
            raise ValueError(f"boundary_texts: {name} must be a positive integer, not {value!r}")
    chars = MULTIBYTE_CHARS if alphabet is None else alphabet
    if not isinstance(chars, str) or not chars:
        raise ValueError(f"boundary_texts: alphabet must be a non-empty string, not {alphabet!r}")
    # The character that crosses a byte limit: a multibyte one when the alphabet has any.
    crossing = "".join(c for c in chars if _width(c) > 1) or chars
    return _boundary(limits, chars, crossing)
