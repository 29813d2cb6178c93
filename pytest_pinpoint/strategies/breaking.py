"""The registry of rule breakers, and what every breaker needs to find its spot in a request.

A breaker takes a valid request (boto3 kwargs of either send operation) and changes it so that
exactly one documented rule is broken, at or just past its boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from .. import model

Breaker = Callable[[DrawFn, dict[str, Any]], None]
USERS = model.OPERATION_NAME
MESSAGES = model.SEND_MESSAGES
BOTH = frozenset((USERS, MESSAGES))
# The member of each operation's input that carries the request body.
BODY_KEYS = {USERS: "SendUsersMessageRequest", MESSAGES: "MessageRequest"}


@dataclass(frozen=True)
class Break:
    """How to break one rule: the channel the base request must carry (in which form), and the
    operations the rule applies to."""

    need: str | None
    form: str
    fn: Breaker
    operations: frozenset[str]


BREAKERS: dict[str, Break] = {}


def breaks(
    rule: str, need: str | None = None, form: str = "any", operations: Collection[str] = BOTH
) -> Callable[[Breaker], Breaker]:
    def register(fn: Breaker) -> Breaker:
        BREAKERS[rule] = Break(need, form, fn, frozenset(operations))
        return fn

    return register


def operation_of(params: dict[str, Any]) -> str:
    return MESSAGES if BODY_KEYS[MESSAGES] in params else USERS


def body(params: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = params[BODY_KEYS[operation_of(params)]]
    return found


def cfg(params: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = body(params)["MessageConfiguration"]
    return found


def recipients(params: dict[str, Any]) -> dict[str, Any]:
    """Users, or the first non-empty of Addresses and Endpoints."""
    b = body(params)
    for key in ("Users", "Addresses", "Endpoints"):
        if b.get(key):
            found: dict[str, Any] = b[key]
            return found
    raise AssertionError("a valid request always has a recipient")


def every_recipient(params: dict[str, Any]) -> list[dict[str, Any]]:
    """The configuration of every user, address and endpoint of the request."""
    b = body(params)
    return [conf for key in ("Users", "Addresses", "Endpoints") for conf in b.get(key, {}).values()]


def recipient(draw: DrawFn, params: dict[str, Any]) -> dict[str, Any]:
    """One recipient's configuration (a user's, an address's or an endpoint's)."""
    every = recipients(params)
    conf: dict[str, Any] = every[draw(st.sampled_from(sorted(every)))]
    return conf


Spot = tuple[tuple[Any, ...], model.Node, Any]


def present(node: model.Node, value: Any, path: tuple[Any, ...] = ()) -> list[Spot]:
    """Every (path, node, value) of a request, walking the model beside the value."""
    found = [(path, node, value)]
    if node.type == "structure" and isinstance(value, dict):
        for k, v in value.items():
            if k in node.members:
                found += present(node.members[k], v, (*path, k))
    elif node.type == "map" and isinstance(value, dict) and node.value is not None:
        for k, v in value.items():
            found += present(node.value, v, (*path, k))
    elif node.type == "list" and isinstance(value, list) and node.member is not None:
        for i, v in enumerate(value):
            found += present(node.member, v, (*path, i))
    return found


def spots(params: dict[str, Any]) -> list[Spot]:
    return present(model.request_node(operation_of(params)), params)


def set_path(params: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = params
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def off_by_case(values: Collection[str]) -> SearchStrategy[str]:
    cased = sorted(
        {f(v) for v in values for f in (str.lower, str.title, str.swapcase)} - set(values)
    )
    return st.sampled_from(cased)
