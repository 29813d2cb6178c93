"""A ``pytest-pinpoint serve`` script: what a Python test scripts, as one JSON (or YAML) file.

``--script FILE`` at start-up and ``POST /_pinpoint/script`` later take the same document::

    {
      "contract": "warn",                      # strict | warn | off
      "seed": 1,
      "severities": {"apns-content-available": "warning"},
      "users": {"ada": {"ada-phone": {"ChannelType": "SMS", "Address": "+12065550100"}}},
      "templates": [{"name": "welcome", "kind": "SMSTemplate", "version": null}],
      "outcomes": [{"status": "OPT_OUT", "user": "ada", "times": null}],
      "failures": [{"error": "TooManyRequestsException", "times": 2}],
      "respond": [{"operation": "GetEventStream", "response": {"EventStream": {...}}}]
    }

Every key is optional. ``outcomes`` entries take ``outcome()``'s keywords, ``failures`` entries
``fail()``'s (``error`` is the code), ``respond`` entries ``respond()``'s; an operation may be
given by its model name or boto3 name, for any service the stub fakes. Each problem is reported
with its path in the document (``outcomes[0].times: ...``), never as a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import PinpointStubError
from .options import CONTRACT_MODES

OPTION_KEYS = ("contract", "seed", "severities")
SCRIPT_KEYS = ("users", "templates", "outcomes", "failures", "respond")
_ENTRY_KEYS: dict[str, tuple[str, ...]] = {
    "outcomes": (
        "status", "user", "endpoint", "address", "channel", "times", "status_code",
        "status_message", "updated_token",
    ),
    "failures": ("error", "times", "message", "operation"),
    "respond": ("operation", "response", "times"),
    "templates": ("name", "kind", "version", "content"),
}  # fmt: skip
_REQUIRED = {"outcomes": "status", "failures": "error", "respond": "operation", "templates": "name"}


class ScriptError(PinpointStubError):
    """A script that cannot be loaded: the message names the file and the path in it."""


@dataclass
class Script:
    """A checked script: stub options, and what to script on the stub made from them."""

    options: dict[str, Any] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)
    source: str = "<script>"

    def to_dict(self) -> dict[str, Any]:
        return {**self.options, **self.body}


def parse_text(text: str, source: str) -> Any:
    """JSON; YAML (``.yaml``/``.yml``) only where PyYAML is installed (it is not a dependency)."""
    if source.endswith((".yaml", ".yml")):
        try:
            import yaml  # type: ignore[import-untyped, unused-ignore]
        except ImportError:
            raise ScriptError(
                f"{source}: a YAML script needs PyYAML, which is not installed; write the "
                "script as JSON (or pip install pyyaml)"
            ) from None
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ScriptError(f"{source}: not YAML: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScriptError(
            f"{source}: not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None


def read_script(path: str) -> Script:
    try:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScriptError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return check_script(parse_text(text, path), path)


def _entries(data: Mapping[str, Any], key: str, source: str) -> list[dict[str, Any]]:
    entries = data.get(key, [])
    if not isinstance(entries, list):
        raise ScriptError(
            f"{source}: {key}: must be a list of objects, not {type(entries).__name__}"
        )
    for i, entry in enumerate(entries):
        where = f"{source}: {key}[{i}]"
        if not isinstance(entry, dict):
            raise ScriptError(f"{where}: must be an object, not {type(entry).__name__}")
        unknown = sorted(set(entry) - set(_ENTRY_KEYS[key]))
        if unknown:
            raise ScriptError(
                f"{where}: unknown key {unknown[0]!r} (expected: {', '.join(_ENTRY_KEYS[key])})"
            )
        if _REQUIRED[key] not in entry:
            raise ScriptError(f"{where}: {_REQUIRED[key]!r} is required")
    return entries


def check_script(data: Any, source: str = "<script>") -> Script:
    """The shape of a script (types and keys); the stub checks the values when it is applied."""
    if not isinstance(data, dict):
        raise ScriptError(f"{source}: a script is a JSON object, not {type(data).__name__}")
    unknown = sorted(set(data) - set(OPTION_KEYS) - set(SCRIPT_KEYS))
    if unknown:
        raise ScriptError(
            f"{source}: unknown key {unknown[0]!r} (expected: "
            f"{', '.join(OPTION_KEYS + SCRIPT_KEYS)})"
        )
    if "contract" in data and data["contract"] not in CONTRACT_MODES:
        yaml_bool = (
            " (YAML reads a bare off as false: quote it)" if data["contract"] is False else ""
        )
        raise ScriptError(
            f"{source}: contract: {data['contract']!r} is not one of "
            f"{', '.join(CONTRACT_MODES)}{yaml_bool}"
        )
    if "seed" in data and (not isinstance(data["seed"], int) or isinstance(data["seed"], bool)):
        raise ScriptError(f"{source}: seed: must be an integer, not {data['seed']!r}")
    for key in ("severities", "users"):
        if key in data and not isinstance(data[key], dict):
            raise ScriptError(f"{source}: {key}: must be an object, not {type(data[key]).__name__}")
    body: dict[str, Any] = {k: data[k] for k in ("users",) if k in data}
    for key in ("templates", "outcomes", "failures", "respond"):
        if key in data:
            body[key] = _entries(data, key, source)
    return Script({k: data[k] for k in OPTION_KEYS if k in data}, body, source)


def apply(script: Script, make_stub: Callable[..., Any], base: Mapping[str, Any]) -> Any:
    """A new stub from ``base`` options overridden by the script's, with its scripts given.
    Each value the stub refuses is reported with the entry that gave it."""
    source = script.source
    try:
        stub = make_stub(**{**base, **script.options})
    except PinpointStubError as exc:
        raise ScriptError(f"{source}: {exc}") from None
    for user_id, endpoints in script.body.get("users", {}).items():
        _call(f"{source}: users.{user_id}", stub.add_user, user_id, endpoints=endpoints)
    for i, entry in enumerate(script.body.get("templates", [])):
        entry = dict(entry)
        _call(f"{source}: templates[{i}]", stub.add_template, entry.pop("name"), **entry)
    for i, entry in enumerate(script.body.get("outcomes", [])):
        entry = dict(entry)
        _call(f"{source}: outcomes[{i}]", stub.outcome, entry.pop("status"), **entry)
    for i, entry in enumerate(script.body.get("failures", [])):
        entry = dict(entry)
        _call(f"{source}: failures[{i}]", stub.fail, entry.pop("error"), **entry)
    for i, entry in enumerate(script.body.get("respond", [])):
        entry = dict(entry)
        where = f"{source}: respond[{i}]"
        if "response" not in entry:
            raise ScriptError(f"{where}: 'response' is required (boto3's output shape)")
        _call(where, stub.respond, entry.pop("operation"), entry.pop("response"), **entry)
    return stub


def _call(where: str, method: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    try:
        method(*args, **kwargs)
    except PinpointStubError as exc:
        raise ScriptError(f"{where}: {exc}") from None
    except TypeError as exc:  # a keyword the method does not take, or a wrong type
        raise ScriptError(f"{where}: {exc}") from None
