"""The HTTP vocabulary every way in shares: the reply, request bodies, error bodies, loopback.

The one home of these helpers: the service builds its replies here, the interception adapters
(botocore, aiobotocore, ``responses``) read request bodies here, and the live-send guard and the
loopback server ask here whether an address stays on this machine.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, Protocol
from urllib.parse import urlsplit

from .. import model

JSON = "application/json"
# What a 500 carries when the stub itself raised: there is no request ID to give.
NO_REQUEST_ID = "00000000-0000-0000-0000-000000000000"
# the retry headers, and the signature whose scope names the signing Region (signer.py)
_SDK_HEADERS = ("amz-sdk-request", "amz-sdk-invocation-id", "authorization")

# orjson reads and writes the send path's bodies several times faster than the json module
# (benchmarks/PROFILE.md); it is a dependency on CPython, and json serves where it is missing.
_orjson_loads: Callable[[bytes], Any] | None
_orjson_dumps: Callable[[Any], bytes] | None
try:
    from orjson import dumps as _orjson_dumps
    from orjson import loads as _orjson_loads
except ImportError:  # pragma: no cover - PyPy, or a platform without a wheel
    _orjson_loads = _orjson_dumps = None
# orjson reads an integer beyond 64 bits as a float, where json keeps it an int (and the
# contract's type rule judges it): a body with such a number is read by json.
_LONG_DIGITS = 19
_LONG_NUMBER = re.compile(rb"\d{%d}" % _LONG_DIGITS)
_DIGITS = b"0123456789"


def loads_json(body: bytes) -> Any:
    """A request body as :func:`json.loads` reads it (raises ``ValueError`` as it does)."""
    if _orjson_loads is not None and (
        # fewer than 19 digits in all cannot make a long number: most bodies skip the search
        len(body) - len(body.translate(None, _DIGITS)) < _LONG_DIGITS
        or _LONG_NUMBER.search(body) is None
    ):
        try:
            return _orjson_loads(body)
        except ValueError:
            pass  # what orjson refuses (NaN, a BOM, UTF-16, lone surrogates): json decides
    return json.loads(body)


def dumps_json(payload: dict[str, Any]) -> bytes:
    """A reply body: the JSON of a payload the service built (str keys, str/int values)."""
    if _orjson_dumps is not None:
        try:
            return _orjson_dumps(payload)
        except TypeError:
            pass  # a lone surrogate in a string the request gave: json escapes it (\\udXXX)
    return json.dumps(payload).encode()


class HttpReply(NamedTuple):
    """An HTTP response as the service would send it (a named tuple: built once per request,
    at a third of a frozen dataclass's cost)."""

    status: int
    headers: dict[str, str]
    body: bytes


_new_tuple = tuple.__new__


class Handler(Protocol):
    """What the adapters answer from: ``PinpointStub.handle``."""

    #: the AWS services it fakes (botocore's names)
    services: frozenset[str]

    def handle(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes
    ) -> HttpReply: ...


def json_reply(payload: Any, request_id: str, status: int = 200) -> HttpReply:
    headers = {"Content-Type": JSON, "x-amzn-RequestId": request_id}
    try:  # dumps_json, inlined: once per reply
        body = _orjson_dumps(payload) if _orjson_dumps is not None else dumps_json(payload)
    except TypeError:
        body = dumps_json(payload)  # what orjson refuses: json decides
    # tuple.__new__: a named tuple's own __new__ is a Python function (a call per reply)
    return _new_tuple(HttpReply, (status, headers, body))


def error_reply(code: str, message: str, request_id: str, operation: str) -> HttpReply:
    """A modeled error as rest-json sends it: ``x-amzn-ErrorType`` and ``{Message, RequestID}``.

    The status is the one the model declares for ``code`` on ``operation`` (400 otherwise).
    """
    return HttpReply(
        status=model.error_statuses(operation).get(code, 400),
        headers={"Content-Type": JSON, "x-amzn-ErrorType": code, "x-amzn-RequestId": request_id},
        body=dumps_json({"Message": message, "RequestID": request_id}),
    )


def internal_error_reply(exc: BaseException) -> HttpReply:
    """The 500 a server answers when the stub raised (the client sees the bug, not a hang)."""
    message = f"pytest-pinpoint: the stub raised {type(exc).__name__}: {exc}"
    return HttpReply(
        500,
        {"Content-Type": JSON, "x-amzn-ErrorType": "InternalServerErrorException"},
        json.dumps({"Message": message, "RequestID": NO_REQUEST_ID}).encode(),
    )


def body_bytes(body: Any) -> bytes:
    """The bytes of an HTTP request body as botocore, aiobotocore or requests hold it."""
    if body is None:
        return b""
    if isinstance(body, bytes | bytearray):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    if hasattr(body, "read"):  # a file-like body: read it and rewind for a retry
        data = body.read()
        if hasattr(body, "seek"):
            body.seek(0)
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    # an iterable of chunks (a generator given as requests' data=)
    return b"".join(c.encode("utf-8") if isinstance(c, str) else bytes(c) for c in body)


def sdk_headers(headers: Mapping[str, Any]) -> dict[str, str]:
    """The retry headers the SDK sent (lower-case names), as text, read through the mapping's
    own interface (botocore's HeadersDict is case-insensitive; other clients' may not be)."""
    found = {name: headers.get(name) for name in _SDK_HEADERS}
    if None in found.values():  # a case-sensitive mapping may capitalise them
        found = {k.lower(): v for k, v in headers.items() if k.lower() in _SDK_HEADERS}
    return {name: _text(value) for name, value in found.items() if value is not None}


def _text(value: Any) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def is_loopback_host(host: str) -> bool:
    """``localhost``, ``127.0.0.0/8`` or ``::1`` (brackets allowed): never another machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str) -> bool:
    """A local endpoint (``pytest-pinpoint serve``, the pinpoint_server fixture) keeps every
    message on this machine, so the live-send guard lets it through."""
    return is_loopback_host(urlsplit(url).hostname or "")
