"""What one stub knows: users and their endpoints, templates, apps, the clock, seeded IDs.

One :class:`State` per stub, behind one lock (the stub answers handler threads of the loopback
server and the app's own threads at once). IDs come from a seeded ``random.Random``, so a test
sees the same MessageIds and RequestIds on every run.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import random
import threading
import uuid
from collections.abc import Mapping
from typing import Any

from .. import model, render
from ..contract import MESSAGE_ID_ALPHABET, MESSAGE_ID_LENGTH, Template
from ..errors import PinpointStubError

SEED_SMS_ADDRESS = "+12345678900"  # the AWS CLI reference's worked example: its Address
DEFAULT_ENDPOINTS: dict[str, dict[str, str]] = {
    "e1": {"ChannelType": "SMS", "Address": "+12065550100", "OptOut": "NONE"}
}
# byte -> one of 36 characters (table lookup: the IDs are cheap and deterministic per seed)
_ID_TABLE = bytes(ord(MESSAGE_ID_ALPHABET[b % len(MESSAGE_ID_ALPHABET)]) for b in range(256))

Endpoints = dict[str, dict[str, Any]]


class State:
    """Users (``{user_id: {endpoint_id: endpoint}}``), templates, apps, clock and IDs."""

    def __init__(self, seed: int, clock: _dt.datetime) -> None:
        self.lock = threading.Lock()
        self.users: dict[str, Endpoints] = {}
        self.templates: list[Template] = []
        # The apps the app created (the apps operations fill it; empty: every ID is accepted).
        self.apps: dict[str, dict[str, Any]] = {}
        self.clock = clock
        self._rng = random.Random(seed)
        self._stamp: tuple[_dt.datetime | None, str] = (None, "")

    # --- IDs and time (callers hold the lock) -------------------------------------------------

    def message_id(self) -> str:
        return self._rng.randbytes(MESSAGE_ID_LENGTH).translate(_ID_TABLE).decode("ascii")

    def request_id(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def creation_date(self) -> str:
        """``{CreationDate}`` at the stub clock (formatted once per clock value)."""
        if self._stamp[0] != self.clock:
            self._stamp = (self.clock, render.format_creation_date(self.clock))
        return self._stamp[1]

    # --- users ----------------------------------------------------------------------------------

    def endpoints_of(
        self,
        user_id: str,
        config: Mapping[str, Any],
        templates: Mapping[str, Any],
        strict_users: bool,
    ) -> Endpoints:
        """A registered user's endpoints; else the one endpoint the service example shows
        (``<user_id>endpoint``), or none with ``strict_users``."""
        known = self.users.get(user_id)
        if known is not None:
            return known
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
        return self.users.get(user_id, {}).get(endpoint_id, {}).get("OptOut") == "ALL"


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
