"""``pinpoint_stub_factory``: a fresh stub per ``with`` block, for Hypothesis ``@given`` tests.

A function-scoped fixture lives for the whole test, so its state would carry over between the
examples of a ``@given`` test (and Hypothesis refuses it in a health check). The factory is
session-scoped, as ``tmp_path_factory`` is to ``tmp_path``; each example takes its own stub.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .service.stub import PinpointStub

_WARM_URL = "https://pinpoint.us-east-1.amazonaws.com/v1/apps/warm-up/users-messages"


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
        from .service.stub import PinpointStub

        stub = PinpointStub(**{**self._defaults, **options})
        try:
            with stub:  # PinpointStub.__exit__ stops it and runs verify()
                yield stub
        finally:
            if self._on_exit is not None:
                self._on_exit(stub)

    def warm(self) -> None:
        """Pay once, outside any example, what the first send would pay (botocore's model and
        the compiled contract): Hypothesis' deadline then sees the same cost in every example."""
        from .service.stub import PinpointStub

        body = {"MessageConfiguration": {"SMSMessage": {"Body": "warm"}}, "Users": {"u": {}}}
        PinpointStub().handle("POST", _WARM_URL, {}, json.dumps(body).encode())

    def __repr__(self) -> str:
        options = ", ".join(f"{k}={v!r}" for k, v in self._defaults.items())
        return f"<PinpointStubFactory {options}>"
