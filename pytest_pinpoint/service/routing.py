"""Which unit answers a request: the one place the engine picks a service for a request.

Apart from :mod:`.unit` (the seam each unit is built from) so that the seam imports neither the
engine (:mod:`.context`) nor the registry of units (:mod:`.units`): no cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import messaging
from .context import Request, Service
from .units import SERVED

if TYPE_CHECKING:
    from .http import HttpReply
    from .unit import Unit, Wire


def route(units: tuple[Unit, ...], svc: Service, request: Wire) -> HttpReply:
    """Answer ``request`` with the unit that claims it (the first is Pinpoint's, which also
    answers what no route matches); a signed request for a messaging service no unit serves
    gets the guard's message."""
    first = units[0]
    for unit in units:
        if unit.claims(request):
            return unit.dispatch(svc, request)
    if request.signing_name and request.signing_name != first.signing_name:
        return svc.reject(
            Request("", request.method, request.url, "", {}, request.body),
            "NotFoundException",
            messaging.unserved_message(request.signing_name, "", SERVED),
        )
    return first.dispatch(svc, request)
