"""Which scripted delivery statuses each service has a counterpart for.

``outcome(status)`` speaks Pinpoint's DeliveryStatus vocabulary; each unit scripts the same
situation in its own documented form (docs/migration.md has the table). A status a service has
no form for is refused when a send of that service meets it, naming the nearest status, rather
than recorded as something the service never reports.
"""

from __future__ import annotations

from typing import NamedTuple

from ..errors import PinpointStubError


class Nearest(NamedTuple):
    """What to script instead of a status a service cannot report, and why."""

    status: str
    why: str


_NONE: dict[str, dict[str, Nearest]] = {
    "pinpoint-sms-voice-v2": {
        "DUPLICATE": Nearest(
            "SUCCESSFUL",
            "SendTextMessage has no duplicate detection: a send is accepted, or refused with "
            "an error",
        ),
    },
    "sesv2": {
        "DUPLICATE": Nearest(
            "SUCCESSFUL",
            "SendEmail has no duplicate detection: the recipient gets a Delivery event",
        ),
    },
}


def check(service: str, status: str, script: str) -> None:
    """PinpointStubError when ``service`` has no counterpart for the scripted ``status``."""
    nearest = _NONE.get(service, {}).get(status)
    if nearest is None:
        return
    raise PinpointStubError(
        f"{script}: {status!r} has no counterpart in {service} ({nearest.why}); the nearest is "
        f"outcome({nearest.status!r}) (docs/migration.md, 'One scripting verb')"
    )
