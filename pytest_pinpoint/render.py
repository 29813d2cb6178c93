"""How Pinpoint renders a message for one endpoint (seed 000_55cfda106dd42147.txt).

- Message variables are written ``{{Name}}`` and render as the first value of their
  Substitutions list; a variable with no value renders as the empty string.
- ``{CreationDate}`` renders as ``YYYY-MM-DDTHH:MM:SS.SSSZ``, 24 characters
  (000: SimpleEmail.Headers.Value).
- Substitutions merge ``DefaultMessage`` < channel message < ``Users[id]``
  (000: Users.Substitutions, "the variables specified in this map take precedence over all
  other variables").
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

VARIABLE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
CREATION_DATE = "{CreationDate}"
CREATION_DATE_LENGTH = (
    24  # 000: "renders as YYYY-MM-DDTHH:MM:SS.SSSZ and is 24 characters in length"
)

Substitutions = Mapping[str, Sequence[str]]


def format_creation_date(when: _dt.datetime) -> str:
    """``2026-11-23T09:30:00.000Z``: always 24 characters."""
    when = when.astimezone(_dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def merge_substitutions(*layers: Any) -> dict[str, list[str]]:
    """Later layers win. Layers of the wrong shape are skipped (the contract reports them)."""
    merged: dict[str, list[str]] = {}
    for layer in layers:
        if isinstance(layer, Mapping):
            for key, values in layer.items():
                if isinstance(key, str) and isinstance(values, list | tuple):
                    merged[key] = [v for v in values if isinstance(v, str)]
    return merged


def render_text(text: str, substitutions: Substitutions, creation_date: str | None = None) -> str:
    """Replace ``{{Name}}`` from the substitutions and ``{CreationDate}`` with a timestamp."""
    if "{{" in text:

        def _value(match: re.Match[str]) -> str:
            values = substitutions.get(match.group(1))
            return values[0] if values else ""

        text = VARIABLE.sub(_value, text)
    if CREATION_DATE in text:
        stamp = creation_date if creation_date is not None else "0" * CREATION_DATE_LENGTH
        text = text.replace(CREATION_DATE, stamp)
    return text


def rendered_length(text: str, substitutions: Substitutions) -> int:
    """Length after rendering, without building a timestamp."""
    return len(render_text(text, substitutions, "x" * CREATION_DATE_LENGTH))
