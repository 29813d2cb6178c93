"""Interception at the wire: after botocore serialized and signed a request, before any socket.

While a :class:`~pytest_pinpoint.fake.PinpointStub` is started (or the plugin's live-send guard
is on), ``botocore.endpoint.Endpoint._send`` is patched at class level, so clients created
before the stub (at import time, by other sessions) are covered too. Requests of any other
service pass through untouched. botocore then parses the stub's HTTP reply itself, so retries,
modeled exceptions, ``RetryAttempts`` and event handlers run as in production.

moto's ``mock_aws`` answers every ``*.amazonaws.com`` URL from a ``before-send`` handler (404
"Not yet implemented" for send_users_messages), which runs before ``_send``. While a stub is
active, moto's handler is told to let Pinpoint requests through to the stub; every other service
stays with moto.

botocore's retry decisions run for real, but the backoff it computes after a stubbed error is
recorded in ``stub.retry_delays`` instead of slept (``botocore.endpoint.time`` is shimmed; the
shim sleeps for real for anything else), so scripted throttling keeps tests fast.

aiobotocore's ``AioEndpoint`` overrides ``_send`` with a coroutine: when aiobotocore is imported,
the interception is extended to it through :mod:`pytest_pinpoint.aio` (answering from the same
current stub, under the same guard).
"""

from __future__ import annotations

import functools
import importlib.abc
import io
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .errors import PinpointStubError

if TYPE_CHECKING:
    from .fake import PinpointStub

ENDPOINT_PREFIX = "pinpoint"  # botocore Endpoint._endpoint_prefix (the model's endpointPrefix)
_MOTO_MODULE = "moto.core.botocore_stubber"
_MOTO_EVENT_PREFIX = "before-send.pinpoint."
_AIO_MODULE = "aiobotocore.endpoint"

_lock = threading.RLock()
_active: tuple[PinpointStub, ...] = ()  # replaced, never mutated: readers need no lock
_guard = False
_originals: dict[str, Any] = {}
_moto_original: Any = None
_tls = threading.local()

GUARD_MESSAGE = (
    "pytest-pinpoint: {operation} reached Pinpoint without the pinpoint_stub fixture; use the "
    "fixture, or mark the test @pytest.mark.pinpoint_live / set pinpoint_allow_live = true for "
    "real integration suites"
)


class _RawBody(io.BytesIO):
    """What botocore's AWSResponse reads the body from (``stream()`` and ``read()``)."""

    def stream(self, amt: int = 2**16, decode_content: bool | None = None) -> Iterator[bytes]:
        while True:
            chunk = self.read(amt)
            if not chunk:
                return
            yield chunk


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


def _operation_name(method: str, url: str) -> str:
    from urllib.parse import urlsplit

    from botocore import xform_name

    from .model import operation_for

    op = operation_for(method, urlsplit(url).path)
    return xform_name(op) if op else f"a Pinpoint request ({method} {url})"


def _is_loopback(url: str) -> bool:
    """A local endpoint (``pytest-pinpoint serve``, the pinpoint_server fixture) keeps every
    message on this machine, so the live-send guard lets it through."""
    import ipaddress
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _answer(request: Any) -> Any:
    """The stub's reply to a Pinpoint request, or None when the request may go out."""
    active = _active
    if not active:
        if _guard and not _is_loopback(request.url):
            raise PinpointStubError(
                GUARD_MESSAGE.format(operation=_operation_name(request.method, request.url))
            )
        return None
    stub = active[-1]
    reply = stub.handle(
        request.method, request.url, dict(request.headers.items()), body_bytes(request.body)
    )
    _tls.backoff_for = stub if reply.status >= 400 else None
    return reply


def _patched_send(self: Any, request: Any) -> Any:
    if self._endpoint_prefix == ENDPOINT_PREFIX:
        reply = _answer(request)
        if reply is not None:
            from botocore.awsrequest import AWSResponse

            return AWSResponse(request.url, reply.status, reply.headers, _RawBody(reply.body))
    return _originals["_send"](self, request)


@functools.lru_cache(maxsize=1)
def _pinpoint_signing_name() -> str:
    from . import model

    return str(model.service_model().signing_name)  # "mobiletargeting"


def _patch_signer() -> None:
    # Called on the first Pinpoint request, never from inside botocore's own import.
    if "sign" in _originals or not _originals:
        return
    from botocore.signers import RequestSigner

    _originals["sign"] = RequestSigner.sign
    RequestSigner.sign = _patched_sign


def _patched_sign(self: Any, operation_name: str, request: Any, *args: Any, **kwargs: Any) -> Any:
    # A client made without credentials (at import time, in CI) would fail to sign before the
    # stub sees anything; nothing leaves the process, so dummy credentials are honest here.
    if _active and self._credentials is None and self._signing_name == _pinpoint_signing_name():
        from botocore.credentials import Credentials

        signing = request.context.setdefault("signing", {})
        signing.setdefault("request_credentials", Credentials("AKIAPINPOINTSTUB0000", "dummy"))
    return _originals["sign"](self, operation_name, request, *args, **kwargs)


def _patched_make_request(self: Any, operation_model: Any, request_dict: Any) -> Any:
    if self._endpoint_prefix == ENDPOINT_PREFIX and "sign" not in _originals:
        with _lock:
            _patch_signer()
    # moto or aiobotocore may be imported after the stub started: patch on the first call.
    if self._endpoint_prefix == ENDPOINT_PREFIX and (
        (_moto_original is None and _MOTO_MODULE in sys.modules)
        or (_active and not _originals.get("aio") and _AIO_MODULE in sys.modules)
    ):
        with _lock:
            if _originals:
                _patch_moto()
                _patch_aio()
    return _originals["make_request"](self, operation_model, request_dict)


class _TimeShim:
    """``botocore.endpoint.time``: sleeps for real unless the delay follows a stubbed error."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def sleep(self, seconds: float) -> None:
        stub = getattr(_tls, "backoff_for", None)
        if stub is None:
            self._real.sleep(seconds)
            return
        _tls.backoff_for = None
        stub.retry_delays.append(seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _patch_moto() -> None:
    global _moto_original
    module = sys.modules.get(_MOTO_MODULE)
    if module is None or _moto_original is not None:
        return
    cls = module.BotocoreStubber
    original = cls.__call__

    def __call__(stub_self: Any, event_name: str, request: Any, **kwargs: Any) -> Any:
        if _active and event_name.startswith(_MOTO_EVENT_PREFIX):
            return None  # the pinpoint stub answers in Endpoint._send
        return original(stub_self, event_name, request, **kwargs)

    _moto_original = original
    cls.__call__ = __call__


def _patch_aio() -> None:
    # Only while a stub is active: pytest_pinpoint.aio stays opt-in for guard-only sessions.
    if _originals.get("aio") or not _active or _AIO_MODULE not in sys.modules:
        return
    from . import aio

    aio.install(current)
    _originals["aio"] = True


def _unpatch_aio() -> None:
    if _originals.pop("aio", None):
        from . import aio

        aio.uninstall(current)


def _unpatch_moto() -> None:
    global _moto_original
    module = sys.modules.get(_MOTO_MODULE)
    if module is not None and _moto_original is not None:
        module.BotocoreStubber.__call__ = _moto_original
    _moto_original = None


def _install() -> None:
    if _originals:
        return
    import botocore.endpoint  # noqa: F401  (loaded; may still be binding to its package)

    # sys.modules, not the package attribute: the import hook runs before botocore.endpoint
    # is bound on botocore.
    module: Any = sys.modules["botocore.endpoint"]
    Endpoint = module.Endpoint
    _originals["time"] = module.time
    module.time = _TimeShim(module.time)
    _originals["_send"] = Endpoint._send
    _originals["make_request"] = Endpoint.make_request
    Endpoint._send = _patched_send
    Endpoint.make_request = _patched_make_request
    _patch_moto()
    _patch_aio()


def _uninstall() -> None:
    if not _originals:
        return
    import botocore.endpoint
    from botocore.endpoint import Endpoint

    botocore.endpoint.time = _originals.pop("time")
    Endpoint._send = _originals.pop("_send")
    Endpoint.make_request = _originals.pop("make_request")
    if "sign" in _originals:
        from botocore.signers import RequestSigner

        RequestSigner.sign = _originals.pop("sign")
    _unpatch_moto()
    _unpatch_aio()


class _ArmOnImport:
    """A meta-path finder that patches botocore the moment ``botocore.endpoint`` is imported.

    The live-send guard must hold even when a test imports boto3 inside its body, and the
    plugin must not import botocore itself (start-up cost for suites that never touch AWS).
    """

    TARGET = "botocore.endpoint"

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self.TARGET:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _ThenSync(spec.loader)
                return spec
        return None


class _ThenSync(importlib.abc.Loader):
    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self._loader.exec_module(module)
        sys.modules[module.__name__] = module
        with _lock:
            _sync()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


_hook = _ArmOnImport()


def _sync() -> None:
    if (_active or _guard) and _ArmOnImport.TARGET not in sys.modules:
        if _hook not in sys.meta_path:  # patch botocore when it arrives, not before
            sys.meta_path.insert(0, _hook)
        return
    if _hook in sys.meta_path:
        sys.meta_path.remove(_hook)
    if _active or _guard:
        _install()
        if _active:
            _patch_aio()
        else:
            _unpatch_aio()
    else:
        _uninstall()


def activate(stub: PinpointStub) -> None:
    """Route Pinpoint requests to ``stub`` (the most recently activated stub wins)."""
    global _active
    with _lock:
        _active = (*_active, stub)
        _sync()


def deactivate(stub: PinpointStub) -> None:
    global _active
    with _lock:
        remaining = list(_active)
        if stub in remaining:
            remaining.reverse()
            remaining.remove(stub)
            remaining.reverse()
        _active = tuple(remaining)
        _sync()


def active() -> bool:
    """Whether any stub is intercepting Pinpoint requests right now."""
    return bool(_active)


def current() -> PinpointStub | None:
    active = _active
    return active[-1] if active else None


def set_guard(enabled: bool) -> None:
    """Turn the live-send guard on or off: with no stub active, a Pinpoint request raises."""
    global _guard
    with _lock:
        _guard = enabled
        _sync()


def guard_enabled() -> bool:
    return _guard


def installed() -> bool:
    return bool(_originals)
