"""Message variables: how a text renders, and ``substitution-missing``.

- A variable is written ``{{Name}}`` and renders as the first value of its Substitutions list; a
  variable with no value renders as the empty string (what the service sends).
- ``{CreationDate}`` renders as ``YYYY-MM-DDTHH:MM:SS.SSSZ``, 24 characters (000:
  SimpleEmail.Headers.Value).
- Substitutions merge ``DefaultMessage`` < channel message < recipient (000: Users.Substitutions,
  "the variables specified in this map take precedence over all other variables").

This module is the home of that arithmetic; the fake's renderer can import it from here.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .limits import ACTION_CHANNELS, CHANNEL_MESSAGE, DEFAULT, PUSH_CHANNEL_TYPES, PUSH_DEFAULT
from .recipients import Recipient
from .violation import Collector

VARIABLE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
CREATION_DATE = "{CreationDate}"
# 000: "renders as YYYY-MM-DDTHH:MM:SS.SSSZ and is 24 characters in length"
CREATION_DATE_LENGTH = 24

Substitutions = Mapping[str, Sequence[str]]


def format_creation_date(when: _dt.datetime) -> str:
    """``2026-11-23T09:30:00.000Z``: always 24 characters."""
    when = when.astimezone(_dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def merge_substitutions(*layers: Any) -> dict[str, list[str]]:
    """Later layers win. Layers of the wrong shape are skipped (the walk reports them)."""
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
    """Length after rendering (an unresolved variable counts as empty, as the service sends it)."""
    return len(render_text(text, substitutions, "x" * CREATION_DATE_LENGTH))


# --- substitution-missing ------------------------------------------------------------------------

_PUSH_MEMBERS = frozenset((*ACTION_CHANNELS, PUSH_DEFAULT))
_SHOWN = 3


def _text_fields(cfg: dict[str, Any], path: str) -> list[tuple[str, str, str, str]]:
    """``(member, path, text, kind)`` of every body/title/subject/header holding ``{{``."""
    out: list[tuple[str, str, str, str]] = []
    for member, msg in cfg.items():
        if not isinstance(msg, dict):
            continue
        if member in _PUSH_MEMBERS:
            if msg.get("RawContent"):
                continue  # it overrides the channel's Body and Title (raw-content-overrides)
            title = msg.get("Title")
            if isinstance(title, str) and "{{" in title:
                out.append((member, f"{path}.{member}.Title", title, "title"))
        body = msg.get("Body")
        if isinstance(body, str) and "{{" in body:
            out.append((member, f"{path}.{member}.Body", body, "body"))
        simple = msg.get("SimpleEmail") if member == "EmailMessage" else None
        if isinstance(simple, dict):
            out += _email_fields(simple, f"{path}.{member}.SimpleEmail")
    return out


def _email_fields(simple: dict[str, Any], spath: str) -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    for part, kind in (("Subject", "title"), ("TextPart", "body"), ("HtmlPart", "body")):
        content = simple.get(part)
        data = content.get("Data") if isinstance(content, dict) else None
        if isinstance(data, str) and "{{" in data:
            out.append(("EmailMessage", f"{spath}.{part}.Data", data, kind))
    headers = simple.get("Headers")
    for i, header in enumerate(headers if isinstance(headers, list | tuple) else ()):
        value = header.get("Value") if isinstance(header, dict) else None
        if isinstance(value, str) and "{{" in value:
            out.append(("EmailMessage", f"{spath}.Headers[{i}].Value", value, "header"))
    return out


def _subs(cfg: dict[str, Any], member: str) -> Any:
    """``cfg[member].Substitutions`` when the member is an object (a wrong type is the walker's
    ``type`` violation, never an exception here)."""
    message = cfg.get(member)
    return message.get("Substitutions") if isinstance(message, dict) else None


def _pool(cfg: dict[str, Any], member: str | None) -> set[str]:
    """Names with a message-level value for a field of ``member`` (``None``: any member's).

    DefaultMessage and DefaultPushNotificationMessage reach every channel that falls back to
    them, so their fields count every message's Substitutions (no false alarm on a fallback).
    """
    layers: list[Any] = [_subs(cfg, DEFAULT)]
    if member in (None, DEFAULT, PUSH_DEFAULT):
        layers += [m.get("Substitutions") for m in cfg.values() if isinstance(m, dict)]
    else:
        if member in _PUSH_MEMBERS:
            layers.append(_subs(cfg, PUSH_DEFAULT))
        layers.append(_subs(cfg, member))
    return {
        name for layer in layers if isinstance(layer, dict) for name in layer if _has(layer, name)
    }


def _reaches(member: str, r: Recipient) -> bool:
    if r.channel is None or member == DEFAULT:
        return True
    if member == PUSH_DEFAULT:
        return r.channel in PUSH_CHANNEL_TYPES
    return CHANNEL_MESSAGE.get(r.channel) == member


def _rendered_for(r: Recipient, kind: str) -> bool:
    """False where the recipient's RawContent or override replaces the field."""
    conf = r.conf
    if conf.get("RawContent"):
        return False
    if kind == "body":
        return not conf.get("BodyOverride")
    if kind == "title":
        return not conf.get("TitleOverride")
    return True


def _has(subs: Any, name: str) -> bool:
    values = subs.get(name) if isinstance(subs, dict) else None
    return isinstance(values, list | tuple) and any(isinstance(v, str) for v in values)


def _judged(names: Iterable[str], known: frozenset[str] | None) -> list[str]:
    # Without ``known``, dotted names (User.UserAttributes.X, Attributes.X) come from endpoint
    # data this check cannot see: not judged. With it, the caller knows what it can fill.
    out = []
    for name in dict.fromkeys(names):
        if known is None:
            if "." not in name:
                out.append(name)
        elif name not in known:
            out.append(name)
    return out


def _who(missing: list[Recipient]) -> str:
    if len(missing) == 1:
        return missing[0].describe()
    shown = ", ".join(repr(r.key) for r in missing[:_SHOWN])
    more = f" and {len(missing) - _SHOWN} more" if len(missing) > _SHOWN else ""
    return f"{missing[0].kind}s {shown}{more}"


def check_substitutions(
    cfg: dict[str, Any] | None,
    path: str,
    recipients: list[Recipient],
    known: frozenset[str] | None,
    c: Collector,
) -> None:
    """``substitution-missing``: a ``{{Variable}}`` no Substitutions level gives a value to."""
    checks = _text_fields(cfg, path) if cfg else []
    for r in recipients:
        for key, kind in (("BodyOverride", "body"), ("TitleOverride", "title")):
            value = r.conf.get(key)
            if isinstance(value, str) and "{{" in value and not r.conf.get("RawContent"):
                checks.append(("", f"{r.path}.{key}", value, kind))
    if not checks:
        return
    pools: dict[str, set[str]] = {}
    for member, fpath, value, kind in checks:
        names = _judged(VARIABLE.findall(value), known)
        if not names:
            continue
        pool = pools.get(member)
        if pool is None:
            pool = pools[member] = _pool(cfg or {}, member or None)
        if member:
            targets = [r for r in recipients if _reaches(member, r) and _rendered_for(r, kind)]
            if recipients and not targets:
                continue  # rendered for no one
        else:
            targets = [r for r in recipients if fpath.startswith(f"{r.path}.")]
        for name in names:
            if name in pool:
                continue
            missing = [r for r in targets if not _has(r.conf.get("Substitutions"), name)]
            if targets and not missing:
                continue
            who = _who(missing) if missing else "the request names no recipient"
            c.add(
                "substitution-missing",
                fpath,
                f"{{{{{name}}}}} has no value in any Substitutions (DefaultMessage, the channel "
                f"message, or {who}): it renders as an empty string",
                name,
            )
