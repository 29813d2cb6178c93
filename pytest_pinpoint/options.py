"""The options of a stub, in one place: ``PinpointStub(**options)`` = the ``pinpoint`` marker's
keywords = the ini/command-line settings = ``pytest-pinpoint serve``'s flags = ``LoopbackServer``.

Validated once, in :meth:`StubOptions.__post_init__`; misuse is a :class:`PinpointStubError`
that names the option. Cheap to import (the plugin reads the field names at load time): the
contract is imported only when severities are checked.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from .errors import PinpointStubError

ContractMode = Literal["strict", "warn", "off"]
#: strict: violations answer 400 and fail the test; warn: recorded only; off: no checks.
CONTRACT_MODES: tuple[str, ...] = ("strict", "warn", "off")
EosMode = Literal["off", "warn", "error"]
#: calls to Pinpoint features past end of support (pytest_pinpoint.eos): off: not listed;
#: warn: listed in the session report; error: listed, and each test that makes one fails.
EOS_MODES: tuple[str, ...] = ("off", "warn", "error")
DEFAULT_CLOCK = _dt.datetime(2025, 1, 1, tzinfo=_dt.timezone.utc)

UserMap = Mapping[str, Mapping[str, Mapping[str, Any]]]
OutcomeMap = Mapping[str, Mapping[str, str]]


@dataclass
class StubOptions:
    """Everything a stub can be configured with (all keyword arguments of ``PinpointStub``)."""

    contract: ContractMode = "strict"
    seed: int = 0
    severities: Mapping[str, str] | None = None
    strict_users: bool = False
    known_apps: Collection[str] | None = None
    users: UserMap | None = None
    outcomes: OutcomeMap | None = None
    fail_on_unused: bool = True
    clock: _dt.datetime | None = None
    eos: EosMode = "warn"
    #: End User Messaging SMS v2's sandbox: sends only to verified destination numbers
    sms_sandbox: bool = False
    #: SES v2: the account is in the sandbox (recipients must be verified too)
    ses_sandbox: bool = False
    #: SES v2: the identities the account has (addresses, domains), verified, or
    #: ``{identity: VerificationStatus}``; None: the test declares none (any sender is accepted)
    ses_identities: Collection[str] | Mapping[str, str] | None = None
    #: ``severities`` checked against the rule catalog (what the contract is called with)
    rule_severities: dict[str, str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        if self.contract not in CONTRACT_MODES:
            raise PinpointStubError(
                f"contract={self.contract!r}: must be one of {', '.join(CONTRACT_MODES)}"
            )
        if isinstance(self.seed, bool) or not isinstance(self.seed, int):
            raise PinpointStubError(f"seed={self.seed!r}: must be an integer")
        from . import contract

        try:
            self.rule_severities = dict(contract.check_severities(self.severities))
        except ValueError as exc:
            raise PinpointStubError(f"severities: {exc}") from None
        apps = self.known_apps
        if isinstance(apps, str) or (apps is not None and not isinstance(apps, Collection)):
            raise PinpointStubError(f"known_apps={apps!r}: must be a collection of application IDs")
        if self.known_apps is not None:
            self.known_apps = frozenset(self.known_apps)
        if self.users is not None and not isinstance(self.users, Mapping):
            raise PinpointStubError(
                f"users={self.users!r}: must map user IDs to {{endpoint_id: {{'ChannelType': ..., "
                "'Address': ...}}"
            )
        if self.outcomes is not None:
            check_outcome_map(self.outcomes, "outcomes=")
        self.clock = aware(self.clock) if self.clock is not None else DEFAULT_CLOCK
        if self.eos not in EOS_MODES:
            raise PinpointStubError(f"eos={self.eos!r}: must be one of {', '.join(EOS_MODES)}")
        if not isinstance(self.sms_sandbox, bool):
            raise PinpointStubError(f"sms_sandbox={self.sms_sandbox!r}: must be True or False")
        self._check_ses()

    def _check_ses(self) -> None:
        if not isinstance(self.ses_sandbox, bool):
            raise PinpointStubError(f"ses_sandbox={self.ses_sandbox!r}: must be True or False")
        given = self.ses_identities
        if given is None:
            return
        if isinstance(given, str) or not isinstance(given, Collection):
            raise PinpointStubError(
                f"ses_identities={given!r}: must be a collection of addresses and domains, or "
                "a mapping of them to a VerificationStatus"
            )
        statuses = ("PENDING", "SUCCESS", "FAILED", "TEMPORARY_FAILURE", "NOT_STARTED")
        for name in given:
            status = given[name] if isinstance(given, Mapping) else "SUCCESS"
            if not isinstance(name, str) or not name or status not in statuses:
                raise PinpointStubError(
                    f"ses_identities: {name!r}: {status!r} must be one of {', '.join(statuses)}"
                    " (an identity is a non-empty address or domain)"
                )
        self.ses_identities = (
            {k.lower(): v for k, v in given.items()}
            if isinstance(given, Mapping)
            else frozenset(n.lower() for n in given)
        )


#: The option names, in order: the ``pinpoint`` marker accepts exactly these keywords.
OPTION_NAMES: tuple[str, ...] = tuple(f.name for f in fields(StubOptions) if f.init)


def aware(when: _dt.datetime) -> _dt.datetime:
    """The stub clock is timezone-aware; a naive datetime is taken as UTC."""
    if not isinstance(when, _dt.datetime):
        raise PinpointStubError(f"clock must be a datetime, not {when!r}")
    return when if when.tzinfo is not None else when.replace(tzinfo=_dt.timezone.utc)


def check_outcome_map(data: Any, where: str) -> dict[str, dict[str, Any]]:
    """``{user_id: {endpoint_id: DeliveryStatus}}`` in shape (statuses are checked when used)."""
    if not isinstance(data, Mapping):
        raise PinpointStubError(
            f"{where}: expected an object {{user_id: {{endpoint_id: status}}}}, "
            f"got {type(data).__name__}"
        )
    for user, endpoints in data.items():
        if not isinstance(endpoints, Mapping):
            raise PinpointStubError(
                f"{where}: [{user!r}] must be an object {{endpoint_id: status}}, "
                f"got {type(endpoints).__name__}"
            )
        for endpoint, status in endpoints.items():
            if not isinstance(status, str) and not callable(status):
                raise PinpointStubError(
                    f"{where}: [{user!r}][{endpoint!r}] must be a DeliveryStatus string, "
                    f"got {type(status).__name__}"
                )
    return {user: dict(endpoints) for user, endpoints in data.items()}


def read_outcomes(path: str) -> dict[str, dict[str, Any]]:
    """The ``--outcomes`` file of ``pytest-pinpoint serve`` (JSON), or PinpointStubError."""
    where = f"--outcomes {path}"
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as exc:
        raise PinpointStubError(f"{where}: cannot read: {exc.strerror}") from None
    except ValueError as exc:
        raise PinpointStubError(f"{where}: not valid JSON: {exc}") from None
    return check_outcome_map(data, where)
