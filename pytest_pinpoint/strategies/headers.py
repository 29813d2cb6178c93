"""Email headers sized after rendering: up to 15, names up to 126 characters, values filled to
exactly 870 characters for the recipient with the longest substitutions (AWS CLI v2 reference,
send-users-messages, SimpleEmail.Headers)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from ..contract.limits import (
    DEFAULT,
    MAX_EMAIL_HEADERS,
    MAX_HEADER_NAME_LENGTH,
    MAX_HEADER_VALUE_LENGTH,
)
from ..contract.variables import CREATION_DATE, merge_substitutions, rendered_length
from .texts import CHARS, FIELD_NAME_CHARS, VAR_REFS, either, pad, padded

Context = dict[str, list[str]]


def contexts(cfg: Mapping[str, Any], recipients: Iterable[Any]) -> list[Context]:
    """The variables each recipient renders a header with: DefaultMessage < EmailMessage <
    the recipient's own Substitutions."""
    base = merge_substitutions(
        (cfg.get(DEFAULT) or {}).get("Substitutions"),
        (cfg.get("EmailMessage") or {}).get("Substitutions"),
    )
    out = [base]  # a recipient without Substitutions of its own renders with the message's
    for conf in recipients:
        if isinstance(conf.get("Substitutions"), dict):
            out.append(merge_substitutions(base, conf["Substitutions"]))
    return out


def worst_length(value: str, ctxs: list[Context]) -> int:
    return max(rendered_length(value, ctx) for ctx in ctxs)


_NAMES = either(
    st.sampled_from(("X-Campaign", "X-Entity-Ref-ID", "List-Unsubscribe", "X-Tags")),
    padded(
        st.text(FIELD_NAME_CHARS, min_size=1, max_size=6).map(lambda s: "X-" + s),
        either(st.integers(3, MAX_HEADER_NAME_LENGTH), st.just(MAX_HEADER_NAME_LENGTH)),
    ),
)
_TOKENS = st.lists(
    either(VAR_REFS, st.just(CREATION_DATE), st.text(CHARS, min_size=1, max_size=12)),
    min_size=1,
    max_size=4,
)
_FILL_SEEDS = st.text(CHARS, min_size=1, max_size=4)
_FILL_MODES = st.sampled_from(("none", "some", "full"))
_PER_MILLE = st.integers(0, 1000)
_COUNTS = either(st.integers(0, MAX_EMAIL_HEADERS), st.just(MAX_EMAIL_HEADERS))


Draft = tuple[str, list[str]]


def draw_drafts(draw: DrawFn) -> list[Draft]:
    """Header names and the tokens of their values, before the values are sized: the request's
    variables get their values first (:mod:`.variables`), then :func:`size_headers` fits them."""
    return [(draw(_NAMES), draw(_TOKENS)) for _ in range(draw(_COUNTS))]


def _size(draw: DrawFn, draft: Draft, ctxs: list[Context]) -> dict[str, str]:
    name, tokens = draft
    tokens = list(tokens)
    value = "".join(tokens)
    while tokens and worst_length(value, ctxs) > MAX_HEADER_VALUE_LENGTH:
        tokens.pop()
        value = "".join(tokens)
    budget = MAX_HEADER_VALUE_LENGTH - worst_length(value, ctxs)
    # Literal padding renders 1:1, so the value can be filled to exactly 870 after rendering.
    mode = draw(_FILL_MODES)
    fill = 0 if mode == "none" else budget if mode == "full" else budget * draw(_PER_MILLE) // 1000
    if fill:
        value += pad(draw(_FILL_SEEDS), fill)
    return {"Name": name, "Value": value}


def size_headers(draw: DrawFn, drafts: list[Draft], ctxs: list[Context]) -> list[dict[str, str]]:
    return [_size(draw, draft, ctxs) for draft in drafts]
