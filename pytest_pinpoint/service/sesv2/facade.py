"""``stub.sesv2``: what a test reads (and sets up) of the SES v2 account, beside the record
every unit shares (``stub.sent``, ``stub.calls``): the event records of its sends, the
suppression list, the identities."""

from __future__ import annotations

from typing import Any

from ..context import Service
from .state import Identity, Suppressed, of


class SesV2:
    """The SES v2 account of one stub, seen from the test."""

    def __init__(self, svc: Service) -> None:
        self._svc = svc

    def events(self, configuration_set: str | None = None) -> list[dict[str, Any]]:
        """The SES event records (``Send``, ``Delivery``, ``Bounce`` ...) in the documented
        JSON, in order: of the sends naming ``configuration_set``, or of every send."""
        with self._svc.state.lock:
            kept = of(self._svc).events
            if configuration_set is not None:
                return list(kept.get(configuration_set, []))
            return [e for per_set in kept.values() for e in per_set]

    def suppressed(self) -> dict[str, str]:
        """The account-level suppression list: address -> reason (BOUNCE, COMPLAINT)."""
        with self._svc.state.lock:
            found: dict[str, Suppressed] = of(self._svc).suppressed
            return {address: s.reason for address, s in found.items()}

    def suppress(self, address: str, reason: str = "BOUNCE") -> None:
        """Put ``address`` on the suppression list (PutSuppressedDestination's state)."""
        from ...errors import PinpointStubError
        from .suppression import REASONS

        if reason not in REASONS:
            raise PinpointStubError(f"sesv2.suppress: reason must be one of {', '.join(REASONS)}")
        with self._svc.state.lock:
            key = address.lower()
            of(self._svc).suppressed[key] = Suppressed(key, reason, self._svc.state.clock)

    def identities(self) -> dict[str, str]:
        """The account's identities: address or domain -> VerificationStatus."""
        with self._svc.state.lock:
            found: dict[str, Identity] = of(self._svc).identities
            return {name: i.status for name, i in found.items()}
