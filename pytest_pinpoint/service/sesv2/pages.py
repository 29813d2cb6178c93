"""Pagination as SES v2 lists answer it: ``PageSize`` items from ``NextToken`` on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")


class PageError(ValueError):
    """A NextToken this listing never gave (BadRequestException)."""


def page(
    items: Sequence[T], params: dict[str, Any], default: int = 100
) -> tuple[list[T], str | None]:
    """The page ``params`` asks for and the token of the next one (None: the last page)."""
    size = params.get("PageSize")
    size = size if isinstance(size, int) and size > 0 else default
    token = params.get("NextToken")
    start = 0
    if token:
        if not str(token).isdigit():
            raise PageError(f"NextToken {token!r} was not given by this listing")
        start = int(token)
    chunk = list(items[start : start + size])
    more = start + size < len(items)
    return chunk, str(start + size) if more else None


def listing(member: str, entries: list[Any], token: str | None) -> dict[str, Any]:
    """A list operation's answer: ``entries`` under ``member``, and the NextToken when more
    pages follow (SES omits it on the last page)."""
    out: dict[str, Any] = {member: entries}
    if token:
        out["NextToken"] = token
    return out
