"""The serve command's control API: what a CLI or JavaScript suite reads and resets over HTTP.

Requests under the reserved prefix ``/_pinpoint`` (no AWS API path starts with it) never reach
the fake; everything answers JSON:

- ``GET /_pinpoint``: the services and operations served, and the routes below.
- ``GET /_pinpoint/sent``, ``/calls``, ``/violations``: the record, oldest first.
- ``GET /_pinpoint/problems``: what would fail a Python test at teardown (unused scripts,
  unserved operations, contract errors); empty when all is well.
- ``POST /_pinpoint/reset``: a fresh stub made from the start-up options and script.
- ``GET /_pinpoint/script``: the script in force; ``POST /_pinpoint/script`` (a script document,
  :mod:`pytest_pinpoint.serve_script`): a fresh stub with that script instead. A bad script
  answers 400 with the problem and leaves the stub in force untouched.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as _dt
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..serve_script import Script, ScriptError, apply, check_script

PREFIX = "/_pinpoint"
ROUTES = ("sent", "calls", "violations", "problems", "reset", "script")


@dataclass
class ControlReply:
    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "application/json"),)


def _default(value: Any) -> Any:
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return str(value)


def _json(status: int, data: Any) -> ControlReply:
    return ControlReply(status, json.dumps(data, default=_default, ensure_ascii=False).encode())


class Control:
    """The control API over one server: it swaps the server's stub on reset or a new script."""

    def __init__(
        self,
        get_stub: Callable[[], Any],
        set_stub: Callable[[Any], None],
        make_stub: Callable[..., Any],
        options: Mapping[str, Any],
        script: Script | None = None,
    ) -> None:
        self._get, self._set, self._make = get_stub, set_stub, make_stub
        self._options = dict(options)
        self._script = script or Script()
        self._lock = threading.Lock()  # one swap at a time

    def fresh(self, script: Script | None = None) -> Any:
        """A stub from the start-up options and ``script`` (default: the one in force)."""
        return apply(script or self._script, self._make, self._options)

    def handle(self, method: str, path: str, body: bytes) -> ControlReply:
        name = path[len(PREFIX) :].strip("/")
        if name == "":
            stub = self._get()
            return _json(200, {"served": served(stub), "routes": [f"{PREFIX}/{r}" for r in ROUTES]})
        if name not in ROUTES:
            return _json(404, {"Message": f"{path}: not a control route ({', '.join(ROUTES)})"})
        writes = name in ("reset", "script") and method == "POST"
        if method != ("POST" if name == "reset" else "GET") and not writes:
            allowed = "POST" if name == "reset" else "GET or POST" if name == "script" else "GET"
            return _json(405, {"Message": f"{method} {path}: use {allowed}"})
        if name == "reset":
            with self._lock:
                self._set(self.fresh())
            return _json(200, {"reset": True})
        if name == "script":
            return self._script_route(method, body)
        stub = self._get()
        if name == "problems":
            return _json(200, stub.problems())
        return _json(200, list(getattr(stub, name)))

    def _script_route(self, method: str, body: bytes) -> ControlReply:
        if method == "GET":
            return _json(200, self._script.to_dict())
        try:
            script = check_script(json.loads(body or b"{}"), "POST /_pinpoint/script")
            with self._lock:
                stub = self.fresh(script)
                self._script = script
                self._set(stub)
        except json.JSONDecodeError as exc:
            return _json(400, {"Message": f"POST /_pinpoint/script: not JSON: {exc.msg}"})
        except ScriptError as exc:
            return _json(400, {"Message": str(exc)})
        return _json(200, {"loaded": script.to_dict()})


def served(stub: Any) -> dict[str, list[str]]:
    """Service -> the operations the fake answers from its state (``respond`` adds others)."""
    from ..service import units

    return {u.service: sorted(u.served) for u in units.load_all() if u.service in stub.services}
