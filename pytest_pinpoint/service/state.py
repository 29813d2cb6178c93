"""What one stub knows: apps, endpoints (and so users), templates, the clock, seeded IDs.

One :class:`State` per stub, behind one lock (the stub answers handler threads of the loopback
server and the app's own threads at once). IDs come from a seeded ``random.Random``, so a test
sees the same MessageIds and RequestIds on every run.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import random
import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import model, render
from ..contract import Template
from ..contract.limits import MESSAGE_ID_ALPHABET, MESSAGE_ID_LENGTH
from ..errors import PinpointStubError

SEED_SMS_ADDRESS = "+12345678900"  # the AWS CLI reference's worked example: its Address
DEFAULT_ENDPOINTS: dict[str, dict[str, str]] = {
    "e1": {"ChannelType": "SMS", "Address": "+12065550100", "OptOut": "NONE"}
}
# byte -> one of 36 characters (table lookup: the IDs are cheap and deterministic per seed)
_MESSAGE_ID_BITS = 8 * MESSAGE_ID_LENGTH
_ID_TABLE = bytes(ord(MESSAGE_ID_ALPHABET[b % len(MESSAGE_ID_ALPHABET)]) for b in range(256))

Endpoints = dict[str, dict[str, Any]]
# RFC 4122 version 4: the variant bits (10) and the version nibble (4), as uuid.UUID sets them
_UUID_CLEAR = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_UUID_SET = (0x8000 << 48) | (4 << 76)


ANY_APP = ""  # the application of add_user's endpoints: they belong to every application
# Pinpoint's example account ID (the ARNs of created apps and templates; no real account)
ACCOUNT_ID = "123456789012"


@dataclass
class EndpointRecord:
    """One registered endpoint: ``data`` holds the service's shape (``ChannelType``,
    ``Address``, ``OptOut``, ``EndpointStatus``, ``Attributes``, ``User: {UserId,
    UserAttributes}``, ``EffectiveDate``, ``CreationDate``, ``CohortId``, ...), without the
    per-response ``Id``/``ApplicationId``/``RequestId``."""

    id: str
    app_id: str  # ANY_APP for add_user's endpoints
    data: dict[str, Any]
    seq: int = 0  # registration order: the tie-break between equal EffectiveDates

    @property
    def channel(self) -> str | None:
        value = self.data.get("ChannelType")
        return value if isinstance(value, str) else None

    @property
    def address(self) -> str | None:
        value = self.data.get("Address")
        return value if isinstance(value, str) else None

    @property
    def opt_out(self) -> str:
        return str(self.data.get("OptOut") or "NONE")

    @property
    def status(self) -> str:
        return str(self.data.get("EndpointStatus") or "ACTIVE")

    @property
    def active(self) -> bool:
        return self.status != "INACTIVE"

    @property
    def user_id(self) -> str | None:
        user = self.data.get("User")
        uid = user.get("UserId") if isinstance(user, dict) else None
        return uid if isinstance(uid, str) and uid else None

    @property
    def attributes(self) -> dict[str, list[str]]:
        """Endpoint attributes: the values of ``{{Attributes.X}}`` message variables."""
        value = self.data.get("Attributes")
        return dict(value) if isinstance(value, dict) else {}

    @property
    def user_attributes(self) -> dict[str, list[str]]:
        """User attributes: the values of ``{{User.UserAttributes.X}}`` message variables."""
        user = self.data.get("User")
        value = user.get("UserAttributes") if isinstance(user, dict) else None
        return dict(value) if isinstance(value, dict) else {}

    def response(self, app_id: str, request_id: str) -> dict[str, Any]:
        """The EndpointResponse the service answers for it (GetEndpoint, GetUserEndpoints)."""
        return {**self.data, "Id": self.id, "ApplicationId": app_id, "RequestId": request_id}


@dataclass
class TemplateRecord:
    """One version of a message template the app created (or ``add_template`` registered)."""

    kind: str  # the TemplateConfiguration member: SMSTemplate, EmailTemplate, ...
    name: str
    version: str
    content: dict[str, Any]  # the Create/Update request (Body, Subject, TextPart, GCM, ...)
    created: str = ""
    modified: str = ""

    @property
    def default_substitutions(self) -> dict[str, str]:
        """``DefaultSubstitutions``: a JSON object of variable -> default value (lenient: a
        string that is not a JSON object gives none)."""
        raw = self.content.get("DefaultSubstitutions")
        try:
            value = json.loads(raw) if isinstance(raw, str) else None
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


@dataclass
class TemplateVersions:
    versions: list[TemplateRecord] = field(default_factory=list)
    active: str = "1"


class State:
    """Endpoints (per application), templates, apps, clock and IDs of one stub."""

    def __init__(self, seed: int, clock: _dt.datetime) -> None:
        self.lock = threading.Lock()
        # application ID -> endpoint ID -> record (ANY_APP: add_user's)
        self.endpoints: dict[str, dict[str, EndpointRecord]] = {}
        self.seen_users: set[str] = set()  # every user ever registered (never invented again)
        # (application ID, user ID) -> its endpoint IDs, in registration order
        self._by_user: dict[tuple[str, str], dict[str, None]] = {}
        # (kind, name) -> versions of a created template; add_template's extra references
        self.template_store: dict[tuple[str, str], TemplateVersions] = {}
        self.extra_templates: list[Template] = []
        # The apps the app created (the apps operations fill it; empty: every ID is accepted).
        self.apps: dict[str, dict[str, Any]] = {}
        self.clock = clock
        self._rng = random.Random(seed)
        self._stamp: tuple[_dt.datetime | None, str] = (None, "")
        self._iso: tuple[_dt.datetime | None, str] = (None, "")
        self._seq = 0
        # bumped by every change to the endpoint registry: a send reuses the recipients it
        # resolved for the contract check only while this is unchanged
        self.endpoints_version = 0

    # --- IDs and time (callers hold the lock) -------------------------------------------------

    def message_id(self) -> str:
        # Random.randbytes(n) is getrandbits(8 * n).to_bytes(n, "little"), one call less
        raw = self._rng.getrandbits(_MESSAGE_ID_BITS).to_bytes(MESSAGE_ID_LENGTH, "little")
        return raw.translate(_ID_TABLE).decode()  # ASCII: UTF-8's fast path

    def message_ids(self, count: int) -> list[str]:
        """``count`` message IDs in one draw: the same IDs as ``count`` calls of
        :meth:`message_id` (the generator's words come in the same order, and the bytes are
        cut where those calls would have cut them), for a fraction of the work per message."""
        if count <= 0:
            return []
        size = MESSAGE_ID_LENGTH * count
        raw = self._rng.getrandbits(8 * size).to_bytes(size, "little")
        text = raw.translate(_ID_TABLE).decode()  # ASCII: UTF-8's fast path
        if count == 1:  # most calls: no list to cut
            return [text]
        return [text[i : i + MESSAGE_ID_LENGTH] for i in range(0, size, MESSAGE_ID_LENGTH)]

    def request_id(self) -> str:
        # what str(uuid.UUID(int=n, version=4)) gives, without building the UUID object
        h = ((self._rng.getrandbits(128) & _UUID_CLEAR) | _UUID_SET).to_bytes(16, "big").hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def app_id(self) -> str:
        """A new application ID: 32 lowercase hex digits, as the service gives."""
        return f"{self._rng.getrandbits(128):032x}"

    def creation_date(self) -> str:
        """``{CreationDate}`` at the stub clock (formatted once per clock value)."""
        if self._stamp[0] != self.clock:
            self._stamp = (self.clock, render.format_creation_date(self.clock))
        return self._stamp[1]

    def timestamp(self) -> str:
        """ISO 8601 in UTC with milliseconds (``2026-01-01T00:00:00.000Z``), as responses give."""
        if self._iso[0] != self.clock:
            utc = self.clock.astimezone(_dt.timezone.utc)
            text = utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
            self._iso = (self.clock, text)
        return self._iso[1]

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    # --- applications ---------------------------------------------------------------------------

    def app_exists(self, app_id: str, known_apps: Collection[str] | None) -> bool:
        """Lenient until the test created an app or listed ``known_apps``: then only those."""
        if not self.apps and known_apps is None:
            return True
        return app_id in self.apps or (known_apps is not None and app_id in known_apps)

    # --- endpoints (the API the send pipeline reads) -------------------------------------------

    def endpoint(self, app_id: str, endpoint_id: str) -> EndpointRecord | None:
        """The endpoint ``endpoint_id`` of ``app_id`` (add_user's belong to every app)."""
        found = self.endpoints.get(app_id, {}).get(endpoint_id)
        if found is None and app_id != ANY_APP:
            found = self.endpoints.get(ANY_APP, {}).get(endpoint_id)
        return found

    def endpoints_of_user(self, app_id: str, user_id: str) -> list[EndpointRecord]:
        """Every endpoint associated with ``user_id`` in ``app_id`` (inactive ones included)."""
        per_app = self.endpoints.get(app_id, {})
        out = [per_app[e] for e in self._by_user.get((app_id, user_id), ())]
        if app_id != ANY_APP:
            shared = self.endpoints.get(ANY_APP, {})
            out += [
                shared[e] for e in self._by_user.get((ANY_APP, user_id), ()) if e not in per_app
            ]
        return out

    @property
    def users(self) -> dict[str, Endpoints]:
        """``{user_id: {endpoint_id: endpoint}}`` over every application (scripts check
        outcome targets against it)."""
        out: dict[str, Endpoints] = {}
        for per_app in self.endpoints.values():
            for record in per_app.values():
                uid = record.user_id
                if uid is not None:
                    out.setdefault(uid, {})[record.id] = record.data
        return out

    def endpoints_of(
        self,
        user_id: str,
        config: Mapping[str, Any],
        templates: Mapping[str, Any],
        strict_users: bool,
        app_id: str = ANY_APP,
    ) -> Endpoints:
        """The active endpoints of a registered user; none for a user registered once and since
        deleted; else the one endpoint the service example shows (``<user_id>endpoint``), or
        none with ``strict_users``."""
        if user_id in self.seen_users:
            return {
                r.id: r.data
                for r in self.endpoints_of_user(app_id, user_id)
                if r.active and r.channel is not None
            }
        if strict_users:
            return {}
        channel = render.pick_channel(config, templates)
        return {
            f"{user_id}endpoint": {
                "ChannelType": channel,
                "Address": default_address(user_id, channel),
                "OptOut": "NONE",
            }
        }

    def opted_out(self, user_id: str, endpoint_id: str) -> bool:
        for per_app in self.endpoints.values():
            record = per_app.get(endpoint_id)
            if record is not None and record.user_id == user_id and record.opt_out == "ALL":
                return True
        return False

    def put_endpoint(self, app_id: str, endpoint_id: str, data: dict[str, Any]) -> EndpointRecord:
        """Store an endpoint as given (callers merged and checked it)."""
        self.endpoints_version += 1
        per_app = self.endpoints.setdefault(app_id, {})
        old = per_app.get(endpoint_id)
        if old is not None:
            self._unindex(old)
        record = EndpointRecord(endpoint_id, app_id, data, old.seq if old else self.next_seq())
        per_app[endpoint_id] = record
        uid = record.user_id
        if uid is not None:
            self.seen_users.add(uid)
            self._by_user.setdefault((app_id, uid), {})[endpoint_id] = None
        return record

    def _unindex(self, record: EndpointRecord) -> None:
        uid = record.user_id
        ids = self._by_user.get((record.app_id, uid)) if uid is not None else None
        if ids is not None:
            ids.pop(record.id, None)

    def remove_endpoint(self, app_id: str, endpoint_id: str) -> EndpointRecord | None:
        self.endpoints_version += 1
        record = self.endpoints.get(app_id, {}).pop(endpoint_id, None)
        if record is None and app_id != ANY_APP:
            record = self.endpoints.get(ANY_APP, {}).pop(endpoint_id, None)
        if record is not None:
            self._unindex(record)
        return record

    def remove_app(self, app_id: str) -> None:
        self.apps.pop(app_id, None)
        for record in list(self.endpoints.get(app_id, {}).values()):
            self.remove_endpoint(app_id, record.id)

    def snapshot(self) -> Any:
        """The endpoint registry as it is now (records are never mutated in place)."""
        return (
            {app: dict(per_app) for app, per_app in self.endpoints.items()},
            set(self.seen_users),
            {key: dict(ids) for key, ids in self._by_user.items()},
        )

    def restore(self, saved: Any) -> None:
        self.endpoints_version += 1
        self.endpoints, self.seen_users, self._by_user = saved

    # --- templates ------------------------------------------------------------------------------

    @property
    def templates(self) -> list[Template]:
        """The templates the ``template-exists`` rule knows: every version the app created,
        plus ``add_template``'s."""
        if not self.template_store:  # most stubs hold none: no list per request
            return list(self.extra_templates)
        out = [
            Template(kind, name, record.version)
            for (kind, name), entry in self.template_store.items()
            for record in entry.versions
        ]
        return out + self.extra_templates

    def template(self, kind: str, name: str, version: str | None = None) -> TemplateRecord | None:
        """A created template's version (``None``: its active version), or None."""
        entry = self.template_store.get((kind, name))
        if entry is None:
            return None
        wanted = entry.active if version is None else version
        return next((r for r in entry.versions if r.version == wanted), None)


def default_address(user_id: str, channel: str) -> str:
    if channel in ("SMS", "VOICE"):
        return SEED_SMS_ADDRESS
    if channel == "EMAIL":
        return f"{user_id}@example.com"
    return hashlib.sha256(user_id.encode("utf-8", "surrogatepass")).hexdigest()


def checked_endpoints(user_id: str, endpoints: Mapping[str, Mapping[str, Any]] | None) -> Endpoints:
    """``add_user``'s endpoints, each checked against the model (PinpointStubError naming it)."""
    if not isinstance(user_id, str) or not user_id:
        raise PinpointStubError(f"add_user: user_id must be a non-empty string, not {user_id!r}")
    given = DEFAULT_ENDPOINTS if endpoints is None else endpoints
    if not isinstance(given, Mapping) or not given:
        raise PinpointStubError(
            f"add_user({user_id!r}): endpoints must be a non-empty mapping "
            "{endpoint_id: {'ChannelType': ..., 'Address': ...}}"
        )
    channels = model.enum_of("ChannelType")
    checked: Endpoints = {}
    for endpoint_id, conf in given.items():
        where = f"add_user({user_id!r}): endpoints[{endpoint_id!r}]"
        if not isinstance(endpoint_id, str) or not endpoint_id:
            raise PinpointStubError(f"{where}: an endpoint ID must be a non-empty string")
        if not isinstance(conf, Mapping):
            raise PinpointStubError(f"{where} must be a mapping, not {model.describe(conf)}")
        channel = conf.get("ChannelType")
        if channel not in channels:
            raise PinpointStubError(
                f"{where}.ChannelType is {channel!r}; the model's ChannelType is one of "
                f"{', '.join(channels)}"
            )
        address = conf.get("Address")
        if address is not None and not isinstance(address, str):
            raise PinpointStubError(f"{where}.Address must be a string, not {address!r}")
        checked[endpoint_id] = {"OptOut": "NONE", **dict(conf)}
    return checked
