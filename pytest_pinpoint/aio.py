"""The fake behind aiobotocore: asyncio apps that send with ``session.create_client("pinpoint")``.

aiobotocore's endpoint overrides botocore's ``Endpoint._send`` with a coroutine of its own, so the
botocore interception (``transport.py``) never sees its requests. :func:`install` patches
``aiobotocore.endpoint.AioEndpoint._send`` at class level, the same place in the pipeline:
after serialization and signing, before any socket. A Pinpoint request is answered from
:meth:`PinpointStub.handle` with an ``AioAWSResponse`` whose raw stream has the async ``read()``
aiobotocore awaits; aiobotocore then parses it, retries and raises modeled errors itself.

After a stubbed error, the retry backoff aiobotocore computes is recorded in
``stub.retry_delays`` instead of being slept (as ``transport.py`` does for botocore), so
scripted throttling keeps async tests fast. Requests to other services are untouched.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .errors import PinpointStubError
from .transport import body_bytes

if TYPE_CHECKING:
    from .fake import PinpointStub

ENDPOINT_PREFIX = "pinpoint"  # the model's endpointPrefix, as AioEndpoint._endpoint_prefix

StubGetter = Callable[[], "PinpointStub | None"]

_lock = threading.Lock()
_getters: list[StubGetter] = []  # one per install(); the newest one with a stub wins
_originals: dict[tuple[type[Any], str], Any] = {}
# Set by a stubbed error reply, read by the backoff sleep that follows it in the same task.
_backoff_for: contextvars.ContextVar[PinpointStub | None] = contextvars.ContextVar(
    "pytest_pinpoint_aio_backoff_for", default=None
)


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


def current_stub() -> PinpointStub | None:
    """The stub the newest install() with a stub answers from, or None."""
    for getter in reversed(list(_getters)):
        stub = getter()
        if stub is not None:
            return stub
    return None


def _guard_message(request: Any) -> str | None:
    # The plugin's live-send guard (transport.py) covers asyncio clients too: with no stub,
    # a Pinpoint send must not reach AWS from a test that forgot the fixture.
    import sys

    transport = sys.modules.get(f"{__package__}.transport")
    if transport is None or not transport.guard_enabled():
        return None
    message: str = transport.GUARD_MESSAGE.format(
        operation=transport._operation_name(request.method, request.url)
    )
    return message


def _patched_send(original: Any) -> Callable[[Any, Any], Any]:
    # The original is bound here, not looked up per call: an uninstall() racing an in-flight
    # request cannot pull it away.
    async def _send(self: Any, request: Any) -> Any:
        if getattr(self, "_endpoint_prefix", None) != ENDPOINT_PREFIX:
            return await original(self, request)
        stub = current_stub()
        if stub is None:
            message = _guard_message(request)
            if message is not None:
                raise PinpointStubError(message)
            return await original(self, request)
        from aiobotocore.awsrequest import AioAWSResponse

        reply = stub.handle(
            request.method, request.url, dict(request.headers.items()), body_bytes(request.body)
        )
        _backoff_for.set(stub if reply.status >= 400 else None)
        # aiobotocore's own HTTP session hands botocore lower-cased header names.
        headers = {k.lower(): v for k, v in reply.headers.items()}
        return AioAWSResponse(request.url, reply.status, headers, _AsyncRawBody(reply.body))

    return _send


def _patched_sleep(original: Any) -> Callable[[Any, float], Any]:
    async def _sleep(self: Any, sleep_amount: float) -> None:
        stub = _backoff_for.get()
        if stub is not None:
            _backoff_for.set(None)
            stub.retry_delays.append(sleep_amount)
            return
        await original(self, sleep_amount)

    return _sleep


def _aio_endpoint() -> type[Any]:
    from aiobotocore.endpoint import AioEndpoint

    cls: type[Any] = AioEndpoint
    return cls


def _sleep_classes() -> list[type[Any]]:
    import aiobotocore.endpoint

    classes = [_aio_endpoint()]
    anyio_endpoint = getattr(aiobotocore.endpoint, "AnyioEndpoint", None)
    if anyio_endpoint is not None and "_sleep" in vars(anyio_endpoint):
        classes.append(anyio_endpoint)
    return classes


def _patch() -> None:
    try:
        endpoint = _aio_endpoint()
    except ImportError:
        raise PinpointStubError(
            "pytest_pinpoint.aio needs aiobotocore (pip install aiobotocore)"
        ) from None
    _originals[(endpoint, "_send")] = original = vars(endpoint)["_send"]
    endpoint._send = _patched_send(original)
    for cls in _sleep_classes():
        _originals[(cls, "_sleep")] = original = vars(cls)["_sleep"]
        cls._sleep = _patched_sleep(original)


def _unpatch() -> None:
    for (cls, name), original in _originals.items():
        setattr(cls, name, original)
    _originals.clear()


def install(get_stub: StubGetter) -> None:
    """Answer aiobotocore Pinpoint requests from ``get_stub()`` while it returns a stub.

    Reference-counted: every install() needs one uninstall(); the class is patched once, by
    the first, and restored by the last. While ``get_stub()`` returns None, requests go to the
    original ``_send`` (or fail, when the plugin's live-send guard is on).
    """
    if not callable(get_stub):
        raise PinpointStubError(
            f"aio.install(get_stub): get_stub must be callable, not {get_stub!r}"
        )
    with _lock:
        if not _getters:
            _patch()
        _getters.append(get_stub)


def uninstall(get_stub: StubGetter | None = None) -> None:
    """Undo one install() (``get_stub``'s, or the newest); the last one restores aiobotocore.

    Calling it with nothing installed is a no-op.
    """
    with _lock:
        if not _getters:
            return
        if get_stub is None:
            _getters.pop()
        elif get_stub in _getters:
            # the newest registration of that getter
            del _getters[len(_getters) - 1 - _getters[::-1].index(get_stub)]
        else:
            return
        if not _getters:
            _unpatch()


def installed() -> bool:
    return bool(_originals)
