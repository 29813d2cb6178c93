"""Who is told when a ``ContractStubber`` is put to use: the pytest plugin counts the test in
the session report. A list, not an import of the plugin: the stubber works outside pytest, and
the plugin pays nothing until a stubber is activated."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: called with each ContractStubber as it is activated (empty outside pytest)
CONTRACT_STUBBER_LISTENERS: list[Callable[[Any], None]] = []
