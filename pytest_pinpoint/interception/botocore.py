"""The botocore adapter: interception at the wire, after botocore serialized and signed a
request, before any socket.

``botocore.endpoint.Endpoint._send`` is patched at class level, so clients created before the
stub (at import time, by other sessions) are covered too. A request is a messaging request when
the client's own service name (and, for SNS, the operation) says so
(:mod:`pytest_pinpoint.messaging`): ``make_request`` notes it in a ContextVar that ``_send`` of
the same call reads. Every other request passes through untouched. botocore then parses the
stub's HTTP reply itself, so retries, modeled exceptions, ``RetryAttempts`` and event handlers
run as in production.

- ``Endpoint.make_request`` is wrapped to end the call's backoff state (retried or not) and to
  patch moto or aiobotocore when they are imported after the stub started.
- ``botocore.endpoint.time`` is shimmed: a retry sleep after a stubbed error is recorded on the
  stub (``stub.retry_delays``) instead of slept; every other sleep is real.
- ``RequestSigner.sign`` (patched on the first messaging request): a client made without
  credentials would fail to sign before the stub sees anything; nothing leaves the process,
  so dummy credentials are honest here. A request the guard would stop is stopped here.
- moto's ``mock_aws`` answers every ``*.amazonaws.com`` URL from a ``before-send`` handler that
  runs before ``_send``: while a stub is active it lets the services the stub serves through
  to it, and keeps the rest (an unserved messaging API under ``mock_aws`` reaches moto).

Every patch binds the original it replaces when it is made, so a request already inside a
patched function when the last stub stops finishes with the original (no lookup that an
uninstall could pull away).
"""

from __future__ import annotations

import importlib.abc
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from .. import messaging
from .hooks import CURRENT_CALL, DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY, Hooks, messaging_call

TARGET = "botocore.endpoint"
_MOTO_MODULE = "moto.core.botocore_stubber"

# (owner, attribute) -> the original, for uninstall only: patched functions never read it.
_originals: dict[tuple[str, str], tuple[Any, Any]] = {}
_lock = threading.Lock()  # patching: install, uninstall and the signer's first request


class _RawBody:
    """What botocore's AWSResponse reads the body from (``stream()``; ``read()`` as a file).

    A plain class: a subclass of ``io.BytesIO`` costs a Python-level ``__init__`` lookup per
    reply, and the stub's whole body is in memory anyway (one chunk)."""

    __slots__ = ("_body",)

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, amt: int = 2**16, decode_content: bool | None = None) -> Iterator[bytes]:
        body = self.read()
        if body:
            yield body

    def read(self, amt: int | None = None) -> bytes:
        body = self._body
        if amt is None or amt < 0 or amt >= len(body):
            self._body = b""
            return body
        self._body = body[amt:]
        return body[:amt]


def _send(original: Any, hooks: Hooks) -> Callable[[Any, Any], Any]:
    from botocore.awsrequest import AWSResponse  # botocore is imported: this patches it

    answer = hooks.answer

    def _send(self: Any, request: Any) -> Any:
        call = CURRENT_CALL.get()
        if call is not None:
            reply = answer(request, call.service, call.operation)
            if reply is not None:
                return AWSResponse(request.url, reply.status, reply.headers, _RawBody(reply.body))
        return original(self, request)

    return _send


def _make_request(original: Any, hooks: Hooks) -> Callable[[Any, Any, Any], Any]:
    call_done, modules_changed = hooks.call_done, hooks.modules_changed

    def make_request(self: Any, operation_model: Any, request_dict: Any) -> Any:
        call = messaging_call(operation_model, request_dict.get("body"))
        if call is None:
            return original(self, operation_model, request_dict)
        if ("RequestSigner", "sign") not in _originals:
            _patch_signer(hooks)
        if call.service == "pinpoint":
            # the client holds the model already: the stub need not load it a second time
            _adopt_model(operation_model)
        modules_changed()  # moto or aiobotocore imported after the stub started?
        token = CURRENT_CALL.set(call)
        try:
            return original(self, operation_model, request_dict)
        finally:
            CURRENT_CALL.reset(token)
            call_done()  # a non-retried error leaves no backoff pending for a later sleep

    return make_request


def _adopt_model(operation_model: Any) -> None:
    from .. import model

    model.adopt_service_model(operation_model.service_model)


class _TimeShim:
    """``botocore.endpoint.time``: sleeps for real unless the delay follows a stubbed error."""

    def __init__(self, real: Any, backoff: Callable[[float], bool]) -> None:
        self._real = real
        self._backoff = backoff

    def sleep(self, seconds: float) -> None:
        if not self._backoff(seconds):
            self._real.sleep(seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _patch(owner: Any, name: str, key: str, build: Callable[[Any], Any]) -> None:
    original = getattr(owner, name)
    _originals[(key, name)] = (owner, original)
    setattr(owner, name, build(original))


def _patch_signer(hooks: Hooks) -> None:
    # On the first Pinpoint request, never from inside botocore's own import.
    from botocore.signers import RequestSigner

    sign_dummy = hooks.sign_dummy

    def build(original: Any) -> Any:
        def sign(self: Any, operation_name: str, request: Any, *args: Any, **kwargs: Any) -> Any:
            if self._credentials is None:
                service = str(self._service_id.hyphenize())  # botocore's service name
                if (
                    service in messaging.SERVICES
                    and messaging.is_message(service, operation_name, request.data)
                    # the guard speaks before signing (raises), else a stub answers
                    and sign_dummy(service, operation_name, request.method, request.url)
                ):
                    from botocore.credentials import Credentials

                    signing = request.context.setdefault("signing", {})
                    dummy = Credentials(DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY)
                    signing.setdefault("request_credentials", dummy)
            return original(self, operation_name, request, *args, **kwargs)

        return sign

    with _lock:  # two first requests at once must not wrap the signer twice
        if ("RequestSigner", "sign") not in _originals and _originals:
            _patch(RequestSigner, "sign", "RequestSigner", build)


def _patch_moto(hooks: Hooks) -> None:
    module = sys.modules.get(_MOTO_MODULE)
    if module is None or ("moto", "__call__") in _originals:
        return
    serves = hooks.serves

    def build(original: Any) -> Any:
        def __call__(stub_self: Any, event_name: str, request: Any, **kwargs: Any) -> Any:
            # "before-send.<service>.<Operation>": a service the stub serves is answered in
            # Endpoint._send; moto keeps every other one (unserved messaging APIs included)
            if serves(event_name.split(".", 2)[1] if event_name.count(".") >= 1 else ""):
                return None
            return original(stub_self, event_name, request, **kwargs)

        return __call__

    _patch(module.BotocoreStubber, "__call__", "moto", build)


def moto_pending() -> bool:
    """moto is loaded and not yet told to let Pinpoint through (checked per Pinpoint call)."""
    return _MOTO_MODULE in sys.modules and ("moto", "__call__") not in _originals


def _unpatch_moto() -> None:
    with _lock:
        found = _originals.pop(("moto", "__call__"), None)
        if found is not None:
            found[0].__call__ = found[1]


def install(hooks: Hooks, on_import: Callable[[], None]) -> None:
    """Patch botocore now if it is loaded, or arm an import hook that calls ``on_import`` the
    moment ``botocore.endpoint`` is imported. Idempotent; also patches moto when it appears."""
    module: Any = sys.modules.get(TARGET)
    if module is None or not hasattr(module, "Endpoint"):
        _hook.arm(on_import)
        return
    _hook.disarm()
    with _lock:
        if not _originals:
            endpoint = module.Endpoint
            _patch(module, "time", "module", lambda real: _TimeShim(real, hooks.backoff))
            _patch(endpoint, "_send", "Endpoint", lambda original: _send(original, hooks))
            _patch(endpoint, "make_request", "Endpoint", lambda o: _make_request(o, hooks))
        _patch_moto(hooks)


def uninstall() -> None:
    _hook.disarm()
    with _lock:
        for (_key, name), (owner, original) in reversed(list(_originals.items())):
            setattr(owner, name, original)
        _originals.clear()


def installed() -> bool:
    return bool(_originals)


def armed() -> bool:
    """Whether the import hook waits for ``botocore.endpoint``."""
    return _hook in sys.meta_path


class _ArmOnImport(importlib.abc.MetaPathFinder):
    """A meta-path finder that patches botocore the moment ``botocore.endpoint`` is imported.

    The live-send guard must hold even when a test imports boto3 inside its body, and the
    plugin must not import botocore itself (start-up cost for suites that never touch AWS).
    """

    def __init__(self) -> None:
        self.on_import: Callable[[], None] | None = None

    def arm(self, on_import: Callable[[], None]) -> None:
        self.on_import = on_import
        if self not in sys.meta_path:
            sys.meta_path.insert(0, self)

    def disarm(self) -> None:
        if self in sys.meta_path:
            sys.meta_path.remove(self)

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != TARGET or self.on_import is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _ThenSync(spec.loader, self.on_import)
                return spec
        return None


class _ThenSync(importlib.abc.Loader):
    def __init__(self, loader: Any, on_import: Callable[[], None]) -> None:
        self._loader = loader
        self._on_import = on_import

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self._loader.exec_module(module)
        sys.modules[module.__name__] = module
        self._on_import()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


_hook = _ArmOnImport()
