"""Operations the fake does not model: scripted answers, and the record of unserved calls.

``stub.respond(operation, response, times=1)`` answers an operation with a response checked
against the model's output shape when it is scripted; ``stub.fail(code, operation=...)`` for
such an operation answers one of its declared errors. An operation with neither a handler nor a
script answers NotFoundException (what a client can parse) and is remembered here, so the test
fails at teardown naming it, even when the app caught the error.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from typing import Any

from .. import model
from ..errors import PinpointStubError
from .shapes import problems
from .unit import service_model


def _json_default(value: Any) -> Any:
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        import base64

        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def response_body(operation: str, response: dict[str, Any], service: str = "pinpoint") -> bytes:
    """The JSON body of a boto3-shaped output: its payload member (rest-json), or the whole
    output (json)."""
    out = service_model(service).operation_model(operation).output_shape
    payload = (out.serialization.get("payload") or "") if out is not None else ""
    doc = response.get(payload, {}) if payload else response
    return json.dumps(doc, default=_json_default).encode()


@dataclass
class Scripted:
    """One scripted answer: a response (boto3's output shape) or a declared error."""

    operation: str
    response: dict[str, Any] | None
    error: str | None
    message: str | None
    times: int | None  # None: every call
    service: str = "pinpoint"  # botocore's name of the service the operation belongs to
    used: int = 0

    def describe(self) -> str:
        what = (
            f"fail({self.error!r}, operation={self.operation!r}"
            if self.error
            else (f"respond({self.operation!r}, ...")
        )
        times = "every call" if self.times is None else f"times={self.times}"
        return f"{what}, {times}) used {self.used}x"


#: Who reads the advice for an unserved operation: a Python test (``pinpoint_stub.respond``) or
#: a CLI / other-language user of ``pytest-pinpoint serve`` (a script file or the control API).
AUDIENCES = ("test", "serve")


def how_to_script(operation: str, audience: str, code: str = "NotFoundException") -> str:
    """How the reader scripts ``operation``, in the terms of the tool they hold."""
    if audience == "serve":
        return (
            f'add {{"respond": [{{"operation": "{operation}", "response": {{...}}}}]}} to the '
            "--script file, or POST that JSON to /_pinpoint/script on the server"
        )
    from botocore import xform_name

    return (
        f"pinpoint_stub.respond({operation!r}, {{...}}) (boto3 name {xform_name(operation)!r}) or "
        f"pinpoint_stub.fail({code!r}, operation={operation!r})"
    )


def when_it_fails(audience: str) -> str:
    """Where an unserved call is reported."""
    if audience == "serve":
        return "GET /_pinpoint/problems lists it until it is scripted"
    return "the test fails at teardown until it is scripted"


class Responses:
    """The scripted answers of one stub and the unserved operations it saw (callers hold the
    stub's lock)."""

    def __init__(self) -> None:
        self.scripts: list[Scripted] = []
        self.unserved: dict[str, int] = {}  # operation -> calls answered NotFoundException
        self.unserved_codes: dict[str, str] = {}  # operation -> another unit's error for it
        self.audience = "test"  # one of AUDIENCES: the serve command sets "serve"

    def add(self, script: Scripted) -> None:
        self.scripts.append(script)

    def take(self, operation: str, service: str = "pinpoint") -> Scripted | None:
        for script in self.scripts:
            if (
                script.operation == operation
                and script.service == service
                and (script.times is None or script.used < script.times)
            ):
                script.used += 1
                return script
        return None

    def note_unserved(self, operation: str, code: str = "NotFoundException") -> None:
        self.unserved[operation] = self.unserved.get(operation, 0) + 1
        if code != "NotFoundException":
            self.unserved_codes[operation] = code

    def unused(self) -> list[str]:
        return [
            s.describe()
            for s in self.scripts
            if s.used == 0 or (s.times is not None and s.used < s.times)
        ]

    def problems(self) -> list[str]:
        """One teardown problem per unserved operation, saying how to script it; an operation
        whose scripts ran out says so, with the counts."""
        found = []
        for op, n in self.unserved.items():
            code = self.unserved_codes.get(op, "NotFoundException")
            scripted = [s for s in self.scripts if s.operation == op and s.times is not None]
            if scripted:
                times = sum(s.times or 0 for s in scripted)
                found.append(
                    f"{op} was scripted {times} time{'s' * (times != 1)} and called "
                    f"{times + n} times: the {n} call{'s' * (n != 1)} after the script ran out "
                    f"answered {code}, which the code under test may have "
                    f"swallowed; raise times= on {scripted[-1].describe()} (times=None answers "
                    "every call)"
                )
                continue
            found.append(
                f"the app called {op} ({n}x), which pytest-pinpoint does not model: it answered "
                f"{code}, which the code under test may have swallowed; script it "
                f"with {how_to_script(op, self.audience, code)}"
            )
        return found


def check_response(operation: str, response: Any, service: str = "pinpoint") -> dict[str, Any]:
    """A response for ``respond``: boto3's output shape for ``operation``, or PinpointStubError
    naming the path that does not fit the model."""
    where = f"respond({operation!r})"
    if not isinstance(response, dict):
        raise PinpointStubError(
            f"{where}: the response must be a dict in boto3's output shape, not "
            f"{model.describe(response)}"
        )
    given = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    found = problems(model.output_node(service_model(service).operation_model(operation)), given)
    if found:
        raise PinpointStubError(
            f"{where}: the response does not fit the model's {operation} output "
            f"(botocore's service model, {service}):\n  " + "\n  ".join(found)
        )
    try:
        response_body(operation, given, service)
    except (TypeError, ValueError) as exc:
        raise PinpointStubError(f"{where}: the response cannot be sent as JSON: {exc}") from None
    return given
