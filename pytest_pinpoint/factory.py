"""``pinpoint_stub_factory``: a fresh stub per ``with`` block, for Hypothesis ``@given`` tests.

A function-scoped fixture lives for the whole test, so its state would carry over between the
examples of a ``@given`` test (and Hypothesis refuses it in a health check). The factory is
session-scoped, as ``tmp_path_factory`` is to ``tmp_path``; each example takes its own stub.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fake import PinpointStub


class PinpointStubFactory:
    """What ``pinpoint_stub_factory`` yields: ``with factory(**options) as stub:``.

    Each call gives a new started :class:`~pytest_pinpoint.PinpointStub` whose options are
    the factory's defaults (the ini / command-line options) updated with ``options``. Leaving
    the block stops the stub and runs its teardown checks: a swallowed strict-mode violation or
    an unused script raises AssertionError there, so the example fails and Hypothesis shrinks it.
    """

    def __init__(
        self,
        defaults: Mapping[str, Any] | None = None,
        *,
        on_exit: Callable[[PinpointStub], None] | None = None,
    ) -> None:
        self._defaults = dict(defaults or {})
        self._on_exit = on_exit

    @property
    def defaults(self) -> dict[str, Any]:
        """The options every stub starts from (a copy)."""
        return dict(self._defaults)

    @contextlib.contextmanager
    def __call__(self, **options: Any) -> Iterator[PinpointStub]:
        __tracebackhide__ = True
        from .fake import PinpointStub

        stub = PinpointStub(**{**self._defaults, **options})
        try:
            with stub:  # PinpointStub.__exit__ stops it and runs verify()
                yield stub
        finally:
            if self._on_exit is not None:
                self._on_exit(stub)

    def __repr__(self) -> str:
        options = ", ".join(f"{k}={v!r}" for k, v in self._defaults.items())
        return f"<PinpointStubFactory {options}>"
