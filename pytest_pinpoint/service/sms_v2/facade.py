"""``stub.sms_v2``: the test-side sugar of End User Messaging SMS v2, writing the same state the
app's own calls write (as ``add_user`` writes what ``update_endpoint`` does).

Naming any origination identity turns on the rules that sends name one that exists and can
send (``sms-v2-origination-exists``, ``sms-v2-origination-capability``); until then a send's
``OriginationIdentity`` is taken as given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from botocore import xform_name

from ...errors import PinpointStubError
from ..context import Service
from ..scripted import Scripted
from ..scripts import check_error, check_times
from . import UNIT, events, identities, optouts, verified
from .handling import Refusal
from .state import SERVICE, Account, account


class SmsV2:
    """The SMS v2 account of one stub, seen from the test."""

    def __init__(self, svc: Service) -> None:
        self._svc = svc

    def _run(self, what: str, work: Callable[[Account, float], Any]) -> Any:
        with self._svc.state.lock:
            try:
                return work(account(self._svc), self._svc.state.clock.timestamp())
            except Refusal as refusal:
                raise PinpointStubError(f"sms_v2.{what}: {refusal.code}: {refusal}") from None

    def add_phone_number(
        self,
        number: str | None = None,
        *,
        capabilities: Iterable[str] = ("SMS", "VOICE"),
        country: str = "US",
        number_type: str = "LONG_CODE",
        message_type: str = "TRANSACTIONAL",
        opt_out_list: str | None = None,
        pool: str | None = None,
    ) -> dict[str, Any]:
        """A leased phone number (RequestPhoneNumber's state); returns its information."""
        params = {
            "PhoneNumber": number, "IsoCountryCode": country, "MessageType": message_type,
            "NumberCapabilities": list(capabilities), "NumberType": number_type,
            "OptOutListName": opt_out_list, "PoolId": pool,
        }  # fmt: skip
        return dict(self._run("add_phone_number", lambda a, now: identities.add_phone_number(
            a, params, now)))  # fmt: skip

    def add_sender_id(self, sender_id: str, *, country: str = "US") -> dict[str, Any]:
        """A sender ID (RequestSenderId's state); it sends SMS only."""
        params = {"SenderId": sender_id, "IsoCountryCode": country}
        return dict(self._run("add_sender_id", lambda a, now: identities.add_sender_id(
            a, params, now)))  # fmt: skip

    def add_pool(self, *members: str, message_type: str = "TRANSACTIONAL") -> dict[str, Any]:
        """A pool of the given phone numbers / sender IDs (by value, ID or ARN)."""
        if not members:
            raise PinpointStubError("sms_v2.add_pool: name at least one origination identity")

        def work(a: Account, now: float) -> dict[str, Any]:
            params = {"OriginationIdentity": members[0], "MessageType": message_type}
            pool = identities.create_pool(a, params, now)
            for member in members[1:]:
                identities.associate(a, {"PoolId": pool["PoolId"], "OriginationIdentity": member})
            return pool

        return dict(self._run("add_pool", work))

    def opt_out(self, number: str, *, opt_out_list: str = "Default") -> None:
        """Put ``number`` on an opt-out list (PutOptedOutNumber's state; ``Default``: the
        account's own), as if the recipient had replied STOP."""
        params = {"OptOutListName": opt_out_list, "OptedOutNumber": number}
        self._run("opt_out", lambda a, now: optouts.put_opted_out_number(a, params, now))

    def opted_out(self, opt_out_list: str = "Default") -> list[str]:
        """The numbers on an opt-out list, in the order they were added."""
        return list(self._run("opted_out", lambda a, now: a.opted_out.get(opt_out_list, {})))

    def verify(self, number: str) -> dict[str, Any]:
        """A verified destination number for the sandbox (CreateVerifiedDestinationNumber and
        VerifyDestinationNumber's state)."""

        def work(a: Account, now: float) -> dict[str, Any]:
            info = verified.create_verified(a, {"DestinationPhoneNumber": number}, now)
            vid = info["VerifiedDestinationNumberId"]
            a.verified[vid]["Status"] = "VERIFIED"
            return dict(a.verified[vid])

        return dict(self._run("verify", work))

    def verification_code(self, number: str) -> str | None:
        """The code SendDestinationNumberVerificationCode last "sent" to ``number``."""

        def work(a: Account, now: float) -> str | None:
            for vid, info in a.verified.items():
                if info["DestinationPhoneNumber"] == number:
                    return a.codes.get(vid)
            return None

        found: str | None = self._run("verification_code", work)
        return found

    # --- delivery events and scripted errors ----------------------------------------------

    def events(self, configuration_set: str | None = None) -> list[dict[str, Any]]:
        """The delivery events (the documented event JSON) of a configuration set, in order;
        without a name, every set's, in the order they were recorded per set."""

        def work(a: Account, now: float) -> list[dict[str, Any]]:
            if configuration_set is not None:
                return list(a.events.get(configuration_set, []))
            return [e for per_set in a.events.values() for e in per_set]

        found: list[dict[str, Any]] = self._run("events", work)
        return found

    def script_event(
        self, event_type: str, *, address: str | None = None, times: int | None = 1
    ) -> None:
        """The delivery event of the next ``times`` matching sends (``TEXT_BLOCKED``,
        ``TEXT_CARRIER_UNREACHABLE``, ``TEXT_TTL_EXPIRED``, ``VOICE_NO_ANSWER`` ...): the send
        is still answered with a MessageId, as the service answers it."""
        checked = events.check_event_type(event_type)
        check_times(times, "script_event")
        script = events.EventScript(checked, address, times)
        self._run("script_event", lambda a, now: a.event_scripts.append(script))

    def fail(
        self,
        error_code: str,
        *,
        operation: str,
        reason: str | None = None,
        times: int | None = 1,
        message: str | None = None,
    ) -> None:
        """``stub.fail`` with the error's documented ``Reason`` (apps branch on it), e.g.
        ``fail("ConflictException", operation="send_text_message",
        reason="DESTINATION_PHONE_NUMBER_OPTED_OUT")``."""
        from ..unit import service_model

        name = _operation(operation)
        check_error(error_code, name, UNIT)
        check_times(times, "fail")
        shape = service_model(SERVICE).shape_for(error_code)
        reason_shape = shape.members.get("Reason")
        reasons = tuple(getattr(reason_shape, "enum", None) or ())
        if reason is not None and reason not in reasons:
            listing = ", ".join(reasons) or "none: it has no Reason"
            raise PinpointStubError(f"fail({error_code!r}, reason={reason!r}): not a Reason "
                                    f"of {error_code} ({listing})")  # fmt: skip
        script = ReasonedScript(name, None, error_code, message, times, SERVICE, reason=reason)
        with self._svc.state.lock:
            self._svc.responses.add(script)


@dataclass
class ReasonedScript(Scripted):
    """A scripted v2 error carrying its ``Reason``."""

    reason: str | None = None


def _operation(operation: str) -> str:
    from ..unit import service_model

    names = {xform_name(op): op for op in service_model(SERVICE).operation_names}
    found = operation if operation in names.values() else names.get(operation)
    if found is None:
        raise PinpointStubError(f"sms_v2.fail(operation={operation!r}): not an operation of "
                                "pinpoint-sms-voice-v2")  # fmt: skip
    return found
