"""The aiobotocore adapter: asyncio apps that send with ``session.create_client("pinpoint")``.

aiobotocore's endpoint overrides botocore's ``Endpoint._send`` with a coroutine of its own, so
the botocore adapter never sees its requests. This one patches ``AioEndpoint._send`` at class
level, the same place in the pipeline: after serialization and signing, before any socket. A
Pinpoint request is answered with an ``AioAWSResponse`` whose raw stream has the async
``read()`` aiobotocore awaits; aiobotocore then parses it, retries and raises modeled errors.

``_sleep`` (on ``AioEndpoint`` and ``AnyioEndpoint``) asks the registry's backoff hook first,
so a retry delay after a stubbed error is recorded on the stub instead of slept;
``_send_request`` ends the call's backoff state, retried or not. Each patch binds the original
it replaces, so an uninstall racing an in-flight request cannot pull it away.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from .. import messaging
from ..errors import PinpointStubError
from .hooks import CURRENT_CALL, DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY, Hooks, messaging_call

MODULE = "aiobotocore.endpoint"

_lock = threading.Lock()
_originals: dict[tuple[type[Any], str], Any] = {}


class _AsyncRawBody:
    """The ``raw`` of an ``AioAWSResponse``: aiobotocore awaits ``raw.read()`` for the body."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    async def read(self, amt: int | None = None) -> bytes:
        end = len(self._data) if amt is None or amt < 0 else self._pos + amt
        chunk = self._data[self._pos : end]
        self._pos += len(chunk)
        return chunk

    def close(self) -> None:
        self._pos = len(self._data)


def _send(original: Any, hooks: Hooks) -> Callable[[Any, Any], Any]:
    answer = hooks.answer

    async def _send(self: Any, request: Any) -> Any:
        call = CURRENT_CALL.get()
        reply = answer(request, call.service, call.operation) if call is not None else None
        if reply is None:
            return await original(self, request)
        from aiobotocore.awsrequest import AioAWSResponse

        # aiobotocore's own HTTP session hands botocore lower-cased header names.
        headers = {k.lower(): v for k, v in reply.headers.items()}
        return AioAWSResponse(request.url, reply.status, headers, _AsyncRawBody(reply.body))

    return _send


def _send_request(original: Any, hooks: Hooks) -> Callable[..., Any]:
    call_done = hooks.call_done

    async def _send_request(self: Any, request_dict: Any, operation_model: Any) -> Any:
        call = messaging_call(operation_model, request_dict.get("body"))
        if call is None:
            return await original(self, request_dict, operation_model)
        token = CURRENT_CALL.set(call)  # the task's own context: _send reads it
        try:
            return await original(self, request_dict, operation_model)
        finally:
            CURRENT_CALL.reset(token)
            call_done()

    return _send_request


def _sleep(original: Any, hooks: Hooks) -> Callable[[Any, float], Any]:
    backoff = hooks.backoff

    async def _sleep(self: Any, sleep_amount: float) -> None:
        if not backoff(sleep_amount):
            await original(self, sleep_amount)

    return _sleep


def _sign(original: Any, hooks: Hooks) -> Callable[..., Any]:
    """A client without credentials is signed with dummy ones while a stub answers it, as the
    botocore adapter does (aiobotocore's signer is a coroutine of its own)."""
    sign_dummy = hooks.sign_dummy

    async def sign(self: Any, operation_name: str, request: Any, *args: Any, **kw: Any) -> Any:
        service = _service(self) if self._credentials is None else ""
        if (
            service in messaging.SERVICES
            and messaging.is_message(service, operation_name, request.data)
            and sign_dummy(service, operation_name, request.method, request.url)
        ):
            from aiobotocore.credentials import AioCredentials

            signing = request.context.setdefault("signing", {})
            signing.setdefault(
                "request_credentials", AioCredentials(DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY)
            )
        return await original(self, operation_name, request, *args, **kw)

    return sign


def _service(signer: Any) -> str:
    """botocore's service name of the signer's client (its hyphenated service ID)."""
    service_id = getattr(signer, "_service_id", None)
    return str(service_id.hyphenize()) if service_id is not None else ""


def check_available() -> None:
    """PinpointStubError (not an ImportError deep in a test) when aiobotocore is missing."""
    try:
        import aiobotocore.endpoint  # noqa: F401
    except ImportError:
        raise PinpointStubError(
            "pytest_pinpoint.aio needs aiobotocore (pip install aiobotocore)"
        ) from None


def install(hooks: Hooks) -> None:
    """Patch aiobotocore (already imported by the caller's check); idempotent."""
    module: Any = sys.modules.get(MODULE)
    with _lock:
        if _originals or module is None:
            return
        endpoint = module.AioEndpoint
        targets = [(endpoint, "_send", _send), (endpoint, "_send_request", _send_request)]
        for cls in (endpoint, getattr(module, "AnyioEndpoint", None)):
            if cls is not None and "_sleep" in vars(cls):
                targets.append((cls, "_sleep", _sleep))
        import aiobotocore.signers as signers  # aiobotocore.endpoint is loaded: so is this

        if "sign" in vars(signers.AioRequestSigner):
            targets.append((signers.AioRequestSigner, "sign", _sign))
        for cls, name, build in targets:
            _originals[(cls, name)] = original = vars(cls)[name]
            setattr(cls, name, build(original, hooks))


def uninstall() -> None:
    with _lock:
        for (cls, name), original in _originals.items():
            setattr(cls, name, original)
        _originals.clear()


def installed() -> bool:
    return bool(_originals)
