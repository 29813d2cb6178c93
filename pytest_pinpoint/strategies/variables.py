"""Every ``{{Variable}}`` a request references gets a value (rule ``substitution-missing``).

The contract reports a variable that renders empty for some recipient: no value in
``DefaultMessage.Substitutions``, in the Substitutions of the message holding the text, nor in the
Substitutions of every recipient that gets the text (AWS CLI v2 reference, send-users-messages,
``Users.Substitutions``; developer guide, message variables). :func:`cover_variables` gives each
such variable a value, judging more strictly than the contract does: every recipient counts,
whatever its channel, RawContent or overrides, and a request without recipients needs a
message-level value. So a request it has covered stays covered when a breaker later adds a
recipient, clears an override or removes the Users.

Type-tolerant: a breaker may have put a value of the wrong type anywhere; those are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..contract.limits import DEFAULT, SEND_MESSAGES
from ..contract.variables import VARIABLE

__all__ = ["cover_variables"]

_RECIPIENTS = {SEND_MESSAGES: ("Addresses", "Endpoints")}
_USERS = ("Users",)
_OVERRIDES = ("BodyOverride", "TitleOverride")
_EMAIL_PARTS = ("Subject", "TextPart", "HtmlPart")


def _dict(parent: Any, key: str) -> dict[str, Any] | None:
    value = parent.get(key) if isinstance(parent, dict) else None
    return value if isinstance(value, dict) else None


def _named(holder: Any) -> set[str]:
    """The variables ``holder["Substitutions"]`` gives a value (a list holding a string)."""
    subs = _dict(holder, "Substitutions")
    if subs is None:
        return set()
    return {
        k
        for k, v in subs.items()
        if isinstance(v, list | tuple) and any(isinstance(x, str) for x in v)
    }


def _message_texts(msg: dict[str, Any]) -> Iterator[Any]:
    """Body, Title, the email parts and header values: every text the contract reads."""
    for key in ("Body", "Title"):
        yield msg.get(key)
    simple = _dict(msg, "SimpleEmail")
    if simple is None:
        return
    for part in _EMAIL_PARTS:
        yield (_dict(simple, part) or {}).get("Data")
    headers = simple.get("Headers")
    for header in headers if isinstance(headers, list | tuple) else ():
        yield header.get("Value") if isinstance(header, dict) else None


def _referenced(texts: Iterator[Any]) -> set[str]:
    return {name for t in texts if isinstance(t, str) and "{{" in t for name in VARIABLE.findall(t)}


def _give(holder: dict[str, Any], names: set[str], value: Callable[[str], list[str]]) -> None:
    subs = holder.setdefault("Substitutions", {})
    if isinstance(subs, dict):
        for name in sorted(names):
            subs[name] = value(name)


def cover_variables(
    body: Any,
    operation: str,
    value: Callable[[str], list[str]],
    *,
    standalone: bool = False,
    recipients_first: bool = False,
) -> None:
    """Give ``value(name)`` to every variable of ``body`` (a request body of ``operation``) that
    could render empty for a recipient: at the level of the text that references it (the channel
    message, or the recipient whose override it is). ``standalone``: the MessageConfiguration
    must hold for any recipient, so the recipients' own values do not count.
    ``recipients_first``: a channel message's variables go to every recipient instead (values
    that exist only per recipient, a case a run of random draws reaches about once in 150)."""
    if not isinstance(body, dict):
        return
    recipients = [
        conf
        for member in _RECIPIENTS.get(operation, _USERS)
        for conf in (_dict(body, member) or {}).values()
        if isinstance(conf, dict)
    ]
    own = [] if standalone else [_named(r) for r in recipients]
    cfg = _dict(body, "MessageConfiguration") or {}
    defaults = _named(cfg.get(DEFAULT))
    for msg in cfg.values():
        if not isinstance(msg, dict):
            continue
        names = _referenced(_message_texts(msg)) - defaults - _named(msg)
        if own:  # a value in every recipient's own Substitutions is enough
            names = {n for n in names if any(n not in mine for mine in own)}
        if names and own and recipients_first:
            for conf, mine in zip(recipients, own, strict=True):
                _give(conf, names - mine, value)
                mine.update(names)
        elif names:
            _give(msg, names, value)
    for conf in recipients:
        names = _referenced(conf.get(k) for k in _OVERRIDES) - defaults - _named(conf)
        if names:
            _give(conf, names, value)
