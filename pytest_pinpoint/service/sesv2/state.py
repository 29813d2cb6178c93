"""What the SES v2 unit keeps per stub: email identities, templates, the account-level
suppression list, configuration sets and their event destinations.

The engine's state (``svc.state``: the lock, the clock, seeded IDs) is shared with the other
units; this is SES's own (``svc.unit_state(UNIT)``), read and written under the engine's lock.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...contract.ses.send import address_of

#: VerificationStatus values (the model's enum) a test may script on an identity
VERIFIED = "SUCCESS"


@dataclass
class Identity:
    """An email address or a domain the account sends from."""

    name: str
    status: str = VERIFIED  # PENDING | SUCCESS | FAILED | TEMPORARY_FAILURE | NOT_STARTED
    tags: list[dict[str, str]] = field(default_factory=list)
    configuration_set: str | None = None

    @property
    def kind(self) -> str:
        return "EMAIL_ADDRESS" if "@" in self.name else "DOMAIN"


@dataclass
class Suppressed:
    address: str
    reason: str  # BOUNCE | COMPLAINT
    when: _dt.datetime


@dataclass
class ConfigurationSet:
    name: str
    options: dict[str, Any] = field(default_factory=dict)
    #: event destination name -> its EventDestinationDefinition (as given)
    destinations: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class SesState:
    identities: dict[str, Identity] = field(default_factory=dict)
    #: template name -> TemplateContent (Subject, Text, Html)
    templates: dict[str, dict[str, str]] = field(default_factory=dict)
    template_tags: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    template_created: dict[str, _dt.datetime] = field(default_factory=dict)
    suppressed: dict[str, Suppressed] = field(default_factory=dict)
    configuration_sets: dict[str, ConfigurationSet] = field(default_factory=dict)
    #: the test declared identities (the ses_identities option or CreateEmailIdentity):
    #: from then on a sender must be verified
    identities_declared: bool = False
    sent_last_24_hours: int = 0
    #: configuration set name (None: a send naming none) -> its events, in order (events.py)
    events: dict[str | None, list[dict[str, Any]]] = field(default_factory=dict)

    def declare(self, names: Collection[str] | Mapping[str, str]) -> None:
        """The ``ses_identities`` option: the identities the account already has, verified, or
        with the VerificationStatus a mapping gives (``{"example.com": "PENDING"}``)."""
        for name in names:
            status = names[name] if isinstance(names, Mapping) else VERIFIED
            self.identities.setdefault(name.lower(), Identity(name.lower(), status))
        self.identities_declared = True

    def verified(self, address: str) -> bool:
        """Whether ``address`` (or its domain) is a verified identity."""
        bare = address_of(address).lower()
        domain = bare.rpartition("@")[2]
        for name in (bare, domain):
            found = self.identities.get(name)
            if found is not None and found.status == VERIFIED:
                return True
        return False


def of(svc: Any) -> SesState:
    """The SES v2 state of ``svc`` (a :class:`~..context.Service`), made on first use with the
    ``ses_identities`` option declared (caller holds the lock)."""
    found: SesState | None = svc.units.get("sesv2")
    if found is None:
        found = svc.units["sesv2"] = SesState()
        declared = getattr(svc.options, "ses_identities", None)
        if declared is not None:
            found.declare(declared)
    return found
