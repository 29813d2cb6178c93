"""The one registry of active stubs, the live-send guard and the retry-backoff recording.

Entries are started stubs (``PinpointStub.start``) and stub getters (``pytest_pinpoint.aio
.install``); the newest entry that yields a stub answers. The state is one immutable snapshot,
replaced under the lock and read without it, so the per-request path is a tuple read.

The registry installs the adapters while anything needs them (a stub, a getter, or the plugin's
guard) and hands them :class:`~.hooks.Hooks`; it removes them when nothing does. botocore is
never imported here: when it is not loaded yet, the botocore adapter arms an import hook. A
:func:`pin` (the pytest plugin holds one from its first stub or guard to the end of the session)
keeps botocore patched while nothing is active, so a test's ``start``/``stop`` only replaces the
snapshot: with no stub and no guard the patched functions pass every request through.

Backoff: botocore (and aiobotocore) compute a retry delay after a stubbed error and sleep it;
the adapters ask :func:`_backoff` first, which records the delay on the stub that answered,
instead of sleeping. One ContextVar carries "the stub whose error reply this thread/task saw",
cleared when the client call ends (retried or not), so nothing leaks into a later call.
"""

from __future__ import annotations

import contextvars
import sys
import threading
from collections.abc import Callable
from typing import Any

from .. import messaging
from ..errors import PinpointStubError
from ..service import units
from ..service.http import Handler, HttpReply, body_bytes, is_loopback_url
from . import aio as aio_adapter
from . import botocore as botocore_adapter
from .hooks import Hooks

GUARD_MESSAGE = (
    "pytest-pinpoint: {operation} reached {title} without the pinpoint_stub fixture; use the "
    "fixture, or mark the test @pytest.mark.pinpoint_live / set pinpoint_allow_live = true for "
    "real integration suites"
)

StubGetter = Callable[[], Any]


class _Getter:
    """A registered ``get_stub`` (its own entry, even when the same callable comes twice)."""

    __slots__ = ("get",)

    def __init__(self, get: StubGetter) -> None:
        self.get = get


_lock = threading.RLock()
# (the newest entry when it is a stub, every entry, whether any entry is a getter, guard)
_snapshot: tuple[Any, tuple[Any, ...], bool, bool] = (None, (), False, False)
_pins = 0  # pin() - unpin(): while > 0, botocore stays patched (read under the lock only)
_backoff_for: contextvars.ContextVar[Any] = contextvars.ContextVar(
    "pytest_pinpoint_backoff_for", default=None
)


def _stub() -> Handler | None:
    """The newest started stub, or the newest getter's stub."""
    top, entries, walk, _guard = _snapshot
    if top is not None:
        return top  # type: ignore[no-any-return]
    if walk:
        for entry in reversed(entries):
            stub = entry.get() if isinstance(entry, _Getter) else entry
            if stub is not None:
                return stub  # type: ignore[no-any-return]
    return None


def _stop(stub: Handler | None, service: str, operation: str, method: str, url: str) -> None:
    """Raise the guard's error for a messaging request no stub answers, unless it stays here."""
    if (stub is None and not _snapshot[3]) or is_loopback_url(url):
        return  # no guard (a live suite), or a loopback endpoint: it may go out
    if stub is None and service in units.SERVED:
        from botocore import xform_name  # a botocore request is being sent: it is loaded

        title = messaging.BY_SERVICE[service].title
        raise PinpointStubError(GUARD_MESSAGE.format(operation=xform_name(operation), title=title))
    raise PinpointStubError(messaging.unserved_message(service, operation, units.SERVED))


def _answer(request: Any, service: str, operation: str) -> HttpReply | None:
    top = _snapshot[0]  # one started stub (the common case): no resolution call
    stub = top if top is not None else _stub()
    if stub is None or service not in stub.services:
        _stop(stub, service, operation, request.method, request.url)
        return None
    body = request.body
    body = body if type(body) is bytes else body_bytes(body)  # botocore's JSON bodies are bytes
    reply = stub.handle(request.method, request.url, request.headers, body)
    _backoff_for.set(stub if reply.status >= 400 else None)
    return reply


def _serves(service: str) -> bool:
    stub = _stub()
    return stub is not None and service in stub.services


def _sign_dummy(service: str, operation: str, method: str, url: str) -> bool:
    stub = _stub()
    if stub is not None and service in stub.services:
        return True
    _stop(stub, service, operation, method, url)
    return False


def _backoff(seconds: float) -> bool:
    stub = _backoff_for.get()
    if stub is None:
        return False
    _backoff_for.set(None)
    stub.retry_delays.append(seconds)
    return True


def _call_done() -> None:
    if _backoff_for.get() is not None:
        _backoff_for.set(None)


def _modules_changed() -> None:
    # moto or aiobotocore imported after the stub started: patch them now (a few dict reads)
    if botocore_adapter.moto_pending() or (
        _snapshot[1] and aio_adapter.MODULE in sys.modules and not aio_adapter.installed()
    ):
        with _lock:
            _sync()


HOOKS = Hooks(_answer, _serves, _backoff, _call_done, _modules_changed, _sign_dummy)


def _publish(entries: tuple[Any, ...], guard: bool) -> None:
    global _snapshot
    top = entries[-1] if entries and not isinstance(entries[-1], _Getter) else None
    walk = any(isinstance(e, _Getter) for e in entries)
    _snapshot = (top, entries, walk, guard)
    _sync()


def _sync() -> None:
    """Install or remove the adapters for what the snapshot needs (caller holds the lock).

    Each adapter is touched only when its state must change (or moto appeared), so a pinned
    registry's start/stop costs a few reads."""
    _top, entries, walk, guard = _snapshot
    if entries or guard or _pins:
        if not botocore_adapter.installed() or botocore_adapter.moto_pending():
            botocore_adapter.install(HOOKS, on_import=_synced)
    elif botocore_adapter.installed() or botocore_adapter.armed():
        botocore_adapter.uninstall()
    # aiobotocore only while something answers: guard-only sessions leave it alone
    if entries and (walk or aio_adapter.MODULE in sys.modules):
        if not aio_adapter.installed():
            aio_adapter.install(HOOKS)
    elif aio_adapter.installed():
        aio_adapter.uninstall()


def _synced() -> None:
    with _lock:
        _sync()


def activate(stub: Handler) -> None:
    """Route Pinpoint requests to ``stub`` (the most recently activated entry wins)."""
    with _lock:
        _top, entries, _walk, guard = _snapshot
        _publish((*entries, stub), guard)


def _without_newest(entries: tuple[Any, ...], match: Callable[[Any], bool]) -> tuple[Any, ...]:
    for i in range(len(entries) - 1, -1, -1):
        if match(entries[i]):
            return entries[:i] + entries[i + 1 :]
    return entries


def deactivate(stub: Handler) -> None:
    with _lock:
        _top, entries, _walk, guard = _snapshot
        _publish(_without_newest(entries, lambda e: e is stub), guard)


def add_getter(get_stub: StubGetter) -> None:
    """Answer Pinpoint requests (botocore and aiobotocore) from ``get_stub()`` while it returns
    a stub; aiobotocore is patched at once (PinpointStubError when it is not installed)."""
    if not callable(get_stub):
        raise PinpointStubError(
            f"aio.install(get_stub): get_stub must be callable, not {get_stub!r}"
        )
    aio_adapter.check_available()
    with _lock:
        _top, entries, _walk, guard = _snapshot
        _publish((*entries, _Getter(get_stub)), guard)


def remove_getter(get_stub: StubGetter | None = None) -> None:
    """Undo the newest :func:`add_getter` (of ``get_stub``, or any); a no-op when none is left."""
    with _lock:
        _top, entries, _walk, guard = _snapshot
        _publish(
            _without_newest(
                entries,
                lambda e: isinstance(e, _Getter) and (get_stub is None or e.get is get_stub),
            ),
            guard,
        )


def set_guard(enabled: bool) -> None:
    """Turn the live-send guard on or off: with no stub active, a Pinpoint request raises."""
    with _lock:
        _top, entries, _walk, _guard = _snapshot
        _publish(entries, enabled)


def pin() -> None:
    """Keep botocore patched until the matching :func:`unpin`, even while no stub is active and
    the guard is off (requests then pass through untouched). The pytest plugin pins for its
    session, so per-test start/stop does not patch and restore botocore every time."""
    global _pins
    with _lock:
        _pins += 1
        _sync()


def unpin() -> None:
    """Release one :func:`pin`; the last one removes the patches when nothing else needs them."""
    global _pins
    with _lock:
        _pins = max(0, _pins - 1)
        _sync()


def pinned() -> int:
    """How many sessions pin the interception (0: none; each pytest session holds one)."""
    return _pins


def guard_enabled() -> bool:
    return _snapshot[3]


def active() -> bool:
    """Whether any stub (or getter) is registered right now."""
    return bool(_snapshot[1])


def current() -> Handler | None:
    """The newest started stub (getters are not asked), or None."""
    for entry in reversed(_snapshot[1]):
        if not isinstance(entry, _Getter):
            return entry  # type: ignore[no-any-return]
    return None


def installed() -> bool:
    """Whether botocore is patched right now."""
    return botocore_adapter.installed()
