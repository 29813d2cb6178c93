"""The one place a faked service is registered.

Each entry names a service by botocore's name and the module whose ``UNIT`` (a
:class:`~.unit.Unit`) fakes it. The interception registry reads the names only (to word the
guard's message); a stub imports the modules when it is made. To add a service, write its unit
(see docs/architecture.md, "Adding a service") and add one line here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .unit import Unit

#: service -> the module defining its ``UNIT``; the first one answers a request no unit claims
UNIT_MODULES: dict[str, str] = {
    "pinpoint": "pytest_pinpoint.service.router",
    "pinpoint-sms-voice-v2": "pytest_pinpoint.service.sms_v2",
    "sesv2": "pytest_pinpoint.service.sesv2",
}
SERVED: tuple[str, ...] = tuple(UNIT_MODULES)


def load_all() -> tuple[Unit, ...]:
    """Every registered unit, in registration order."""
    return tuple(importlib.import_module(module).UNIT for module in UNIT_MODULES.values())
