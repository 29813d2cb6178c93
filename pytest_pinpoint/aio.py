"""asyncio apps (aiobotocore): nothing to do while a stub is started; or answer from a getter.

A started stub (the ``pinpoint_stub`` fixture, ``with PinpointStub()``) answers aiobotocore
clients too. :func:`install` is for code that holds a stub without starting it: every Pinpoint
client (aiobotocore and botocore) is answered from ``get_stub()`` while it returns a stub. The
retry backoff after a stubbed error is recorded in ``stub.retry_delays`` instead of slept.
Pair every :func:`install` with an :func:`uninstall`; the last one restores aiobotocore.
"""

from __future__ import annotations

from .interception import aio as _adapter
from .interception import registry
from .interception.registry import StubGetter


def install(get_stub: StubGetter) -> None:
    """Answer Pinpoint requests from ``get_stub()`` while it returns a stub (newest wins)."""
    registry.add_getter(get_stub)


def uninstall(get_stub: StubGetter | None = None) -> None:
    """Undo one :func:`install` (``get_stub``'s newest, or the newest); no-op when none."""
    registry.remove_getter(get_stub)


def installed() -> bool:
    """Whether aiobotocore is patched right now."""
    return _adapter.installed()
