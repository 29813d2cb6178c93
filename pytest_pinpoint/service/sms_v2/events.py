"""Delivery events: what the service streams to a configuration set's event destinations.

SMS v2 answers a send with a ``MessageId`` only; delivery comes later as events. For each
delivered send that names a configuration set with an event destination matching the event
type, the stub keeps the event record in the documented JSON ("Messaging Events", SMS example
log: ``eventType``, ``eventVersion``, ``eventTimestamp``, ``isFinal``, ``originationPhoneNumber``,
``destinationPhoneNumber``, ``messageId``, ``messageEncoding``, ``messageStatus``, ``context``,
``totalMessageParts``, ...), in order, per configuration set. The event is ``TEXT_SUCCESSFUL``,
``VOICE_COMPLETED`` or ``MEDIA_SUCCESSFUL`` unless the test scripted another
(``stub.sms_v2.script_event("TEXT_BLOCKED", address=...)``). Guesses: no ``mcc``/``mnc`` (no
carrier), prices 0.0, one final event per message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...contract.sms_v2.parts import count
from ...contract.sms_v2.shapes import enum_of
from ...errors import PinpointStubError
from ..record import SentMessage
from .state import Account

#: channel -> (its event type prefix, its "all" type, the default final event)
CHANNEL_EVENTS = {
    "SMS": ("TEXT_", "TEXT_ALL", "TEXT_SUCCESSFUL"),
    "VOICE": ("VOICE_", "VOICE_ALL", "VOICE_COMPLETED"),
    "MMS": ("MEDIA_", "MEDIA_ALL", "MEDIA_SUCCESSFUL"),
}


@dataclass
class EventScript:
    event_type: str
    address: str | None
    times: int | None
    used: int = 0

    def matches(self, message: SentMessage) -> bool:
        prefix = CHANNEL_EVENTS[message.channel][0]
        return (
            self.event_type.startswith(prefix)
            and (self.address is None or self.address == message.address)
            and (self.times is None or self.used < self.times)
        )


def check_event_type(event_type: Any) -> str:
    known = [e for e in enum_of("EventType") if not e.endswith("_ALL") and e != "ALL"]
    prefixes = tuple(p for p, _, _ in CHANNEL_EVENTS.values())
    if event_type not in known or not str(event_type).startswith(prefixes):
        raise PinpointStubError(
            f"script_event({event_type!r}): not a TEXT_, VOICE_ or MEDIA_ event type of the "
            f"model's EventType ({', '.join(e for e in known if e.startswith(prefixes))})"
        )
    return str(event_type)


def _event_type(acct: Account, message: SentMessage) -> str:
    for script in acct.event_scripts:
        if script.matches(message):
            script.used += 1
            chosen: str = script.event_type
            return chosen
    return CHANNEL_EVENTS[message.channel][2]


def emit(acct: Account, message: SentMessage, requested_ms: int) -> None:
    """Record the delivery event of a delivered ``message`` for its configuration set."""
    name = (message.configuration_set or "").rsplit("/", 1)[-1]
    config = acct.configuration_sets.get(name)
    if config is None:
        return
    event_type = _event_type(acct, message)
    _, all_of_channel, _ = CHANNEL_EVENTS[message.channel]
    wanted = {"ALL", all_of_channel, event_type}
    if not any(wanted & set(d["MatchingEventTypes"]) for d in config["EventDestinations"]):
        return
    status = event_type.split("_", 1)[1]
    event: dict[str, Any] = {
        "eventType": event_type,
        "eventVersion": "1.0",
        "eventTimestamp": requested_ms + 300,
        "isFinal": True,
        "originationPhoneNumber": message.origination or "",
        "destinationPhoneNumber": message.address,
        "isInternationalSend": False,
        "messageId": message.message_id,
        "messageRequestTimestamp": requested_ms,
        "messageType": message.message_type or "TRANSACTIONAL",
        "messageStatus": status,
        "messageStatusDescription": f"{status.replace('_', ' ').capitalize()} (pytest-pinpoint)",
        "context": dict(message.context or {}),
        "totalMessagePrice": 0.0,
        "totalCarrierFee": 0.0,
    }
    if message.channel != "VOICE" and isinstance(message.body, str):
        parts = count(message.body)
        event["messageEncoding"] = parts.encoding
        event["totalMessageParts"] = parts.parts
    acct.events.setdefault(name, []).append(event)
