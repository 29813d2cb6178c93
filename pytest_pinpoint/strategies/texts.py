"""The leaves every request is built from: alphabets, IDs, addresses, bodies, substitutions.

Free text never contains braces, so it never forms a ``{{Variable}}`` or ``{CreationDate}`` by
accident (rendered lengths stay exactly what the generator computed). A fixed alphabet of 1- to
4-byte UTF-8 characters: readable counterexamples, and half the cost of drawing from all of
Unicode.
"""

from __future__ import annotations

import base64
import email.message
import email.policy
from collections.abc import Iterable
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ..contract.limits import ADM_MD5_DIGEST_BYTES, MAX_COLLAPSE_ID_BYTES

CHARS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?'\"-_/@#%&()[]<>+=*"
    "éüßøñçÅЖжλΩ€中文日本語한국😀🎉"
)
# Alphabets are given to st.text as strings: Hypothesis then draws a whole string as one choice,
# where an alphabet strategy (st.sampled_from) costs a draw and a "one more?" choice per
# character. That was most of the generation time.
TEXT = st.text(CHARS, min_size=1, max_size=24)
SHORT = st.text(CHARS, max_size=12)
# 1, 2, 3 and 4 bytes in UTF-8, the 1-byte ones first (shrinking lands on them).
MULTIBYTE_CHARS = "aZ9-_éßЖ€中😀"
NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-"
# RFC 5322 field-name characters are printable ASCII except ':' and space.
FIELD_NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."

VARIABLES = ("FirstName", "City", "Code", "Link", "Plan")
# The value a valid request gives a variable it references that no Substitutions level filled
# (rule substitution-missing): short and readable in a counterexample.
VARIABLE_VALUES = {
    "FirstName": "Ana",
    "City": "Lyon",
    "Code": "1234",
    "Link": "ex.co/a",
    "Plan": "Pro",
}
# Variables no valid request uses: the substitution-missing breaker references one of them.
UNSET_VARIABLES = ("Coupon", "LastName", "OrderId")
VAR_REFS = st.sampled_from([f"{{{{{v}}}}}" for v in VARIABLES])
BOOLS = st.booleans()

# The seed's worked example (AWS CLI v2 reference, send-users-messages, myfile.json): strategies
# shrink towards one SMS message with a Body sent to user "testuser".
SEED_CHANNEL = "SMSMessage"
SEED_USER = "testuser"


def either(*strategies: SearchStrategy[Any]) -> SearchStrategy[Any]:
    """``st.one_of`` for fixed, non-empty branches: ~40% cheaper per draw (no per-draw filter).

    Shrinks towards the first branch, like ``one_of``.
    """
    index = st.integers(0, len(strategies) - 1)

    @st.composite
    def pick(draw: DrawFn) -> Any:
        return draw(strategies[draw(index)])

    return pick()


def record(
    required: dict[str, SearchStrategy[Any]],
    optional: dict[str, SearchStrategy[Any]] | None = None,
    extras: tuple[SearchStrategy[dict[str, Any]], ...] = (),
) -> SearchStrategy[dict[str, Any]]:
    """``st.fixed_dictionaries`` for generated requests, at a fraction of the cost per draw;
    ``extras`` are strategies of dicts merged into the result (later keys win).

    Hypothesis' fixed_dictionaries draws each optional key's presence one choice at a time and
    then shuffles the pairs (a choice per key), and merging parts through ``st.tuples(...).map``
    adds two draws a part: most of the generation time of a request. Here one integer is the set
    of optional keys present (it shrinks to 0: none), parts merge in the same draw, and key
    order is the model's, as boto3 users write it.
    """
    fixed = tuple(required.items())
    maybe = tuple((optional or {}).items())
    mask = st.integers(0, 2 ** len(maybe) - 1)

    @st.composite
    def draw_record(draw: DrawFn) -> dict[str, Any]:
        out = {key: draw(strategy) for key, strategy in fixed}
        present = draw(mask) if maybe else 0
        for i, (key, strategy) in enumerate(maybe):
            if present >> i & 1:
                out[key] = draw(strategy)
        for extra in extras:
            out.update(draw(extra))
        return out

    return draw_record()


def maps(
    keys: SearchStrategy[Any],
    values: SearchStrategy[Any],
    *,
    min_size: int = 0,
    max_size: int,
) -> SearchStrategy[dict[Any, Any]]:
    """``st.dictionaries`` without its unique-key bookkeeping: a repeated key keeps the last
    value (the map may come out smaller, never empty when ``min_size >= 1``)."""
    return st.lists(st.tuples(keys, values), min_size=min_size, max_size=max_size).map(dict)


def pad(seed: str, length: int, filler: str = "x") -> str:
    """``seed`` repeated to exactly ``length`` characters: long values without long draws."""
    unit = seed or filler
    return (unit * (length // len(unit) + 1))[:length]


def padded(seed: SearchStrategy[str], lengths: SearchStrategy[int]) -> SearchStrategy[str]:
    return st.builds(pad, seed, lengths)


def names(min_size: int = 0, max_size: int = 12) -> SearchStrategy[str]:
    """Lowercase ASCII names: map keys, template names, URL paths."""
    return st.text(NAME_CHARS, min_size=min_size, max_size=max_size)


APP_IDS = st.integers(0, 2**128 - 1).map(lambda n: f"{n:032x}")  # 32 hex digits, like the seed
# A blank ID (what the text shrinks to) stands for the seed's user: one draw per ID, and
# examples shrink to "testuser".
USER_IDS = st.text(CHARS, max_size=16).map(lambda s: s if s.strip() else SEED_USER)
ENDPOINT_IDS = names(max_size=12).map(lambda s: s or f"{SEED_USER}endpoint")
URLS = names().map(lambda s: f"https://example.com/{s}?n={len(s)}")
EMAILS = st.builds("{}@example.com".format, names(1, 12))
E164 = st.integers(1, 10**15 - 1).map(lambda n: f"+{n}")  # "+" and 1-15 digits
DEVICE_TOKENS = st.binary(min_size=32, max_size=32).map(bytes.hex)  # an APNs-style token

# Bodies, Substitutions and string maps are parsed from a few wide draws instead of one draw
# per entry and per part: a 40-character string costs about what one integer costs, and
# entries drawn one at a time were most of the generation time. They shrink to {} (or one
# character): the integers to 0, the strings to "".
_VAR_MARKS = "".join(chr(0xE000 + i) for i in range(len(VARIABLES)))  # private use: not in CHARS
_EXPAND = str.maketrans({m: f"{{{{{v}}}}}" for m, v in zip(_VAR_MARKS, VARIABLES, strict=True)})


def _chunks(text: str, count: int) -> list[str]:
    size = -(-len(text) // count) if count else 0
    return [text[i * size : (i + 1) * size] for i in range(count)]


def _substitutions(present: int, text: str, longest: int) -> dict[str, list[str]]:
    """The variables whose bit is set in ``present``, values cut from ``text`` (a ';' in a
    value makes a second one); the first value is padded to ``longest`` when that is longer
    (long values test rendered lengths)."""
    chosen = [v for i, v in enumerate(VARIABLES) if present >> i & 1]
    out = {
        v: chunk.split(";", 1) for v, chunk in zip(chosen, _chunks(text, len(chosen)), strict=True)
    }
    if out:
        first = next(iter(out.values()))
        if longest > len(first[0]):
            first[0] = pad(first[0], longest)
    return out


def _string_map(text: str) -> dict[str, str]:
    """Up to 3 entries (the length decides how many), each chunk split into key and value."""
    out = {}
    for i, chunk in enumerate(_chunks(text, len(text) % 4)):
        half = (len(chunk) + 1) // 2
        out[chunk[:half].strip() or f"key{i}"] = chunk[half:]
    return out


BODIES = st.text(CHARS + _VAR_MARKS, min_size=1, max_size=48).map(lambda s: s.translate(_EXPAND))
SUBSTITUTIONS = st.builds(
    _substitutions,
    st.integers(0, 2 ** len(VARIABLES) - 1),
    st.text(CHARS, max_size=40),
    st.integers(0, 300),
)
STRING_MAPS = st.text(CHARS, max_size=40).map(_string_map)


def cut_bytes(chars: Iterable[str], limit: int, *, cross: bool = False) -> str:
    """The longest prefix of ``chars`` within ``limit`` UTF-8 bytes; with ``cross``, plus the
    character that crosses the limit (``limit + 1`` to ``limit + 4`` bytes) when there is one."""
    out, size = [], 0
    for ch in chars:
        size += len(ch.encode("utf-8"))
        if size > limit:
            if cross:
                out.append(ch)
            break
        out.append(ch)
    return "".join(out)


def collapse_ids() -> SearchStrategy[str]:
    """Multibyte CollapseIds of at most 64 bytes, often within a few bytes of the limit."""
    near = st.text(MULTIBYTE_CHARS, min_size=MAX_COLLAPSE_ID_BYTES, max_size=MAX_COLLAPSE_ID_BYTES)
    return either(st.text(MULTIBYTE_CHARS, min_size=1, max_size=8), near).map(
        lambda chars: cut_bytes(chars, MAX_COLLAPSE_ID_BYTES)
    )


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def md5s() -> SearchStrategy[str]:
    size = ADM_MD5_DIGEST_BYTES
    return st.binary(min_size=size, max_size=size).map(b64)


def mime(sender: str, to: str, subject: str, text: str) -> bytes:
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(text)
    return msg.as_bytes()


# RawEmail: bytes holding a real MIME message (boto3 base64-encodes it on the wire)
RAW_EMAILS = record({"Data": st.builds(mime, EMAILS, EMAILS, TEXT, TEXT)})


def json_objects() -> SearchStrategy[dict[str, Any]]:
    scalars = either(st.integers(-1000, 1000), SHORT, BOOLS)
    return maps(names(max_size=8), scalars, max_size=3)
