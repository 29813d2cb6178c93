"""``stub.sms_v2``: the test-side sugar of End User Messaging SMS v2, writing the same state the
app's own calls write (as ``add_user`` writes what ``update_endpoint`` does).

Naming any origination identity turns on the rules that sends name one that exists and can
send (``sms-v2-origination-exists``, ``sms-v2-origination-capability``); until then a send's
``OriginationIdentity`` is taken as given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ...errors import PinpointStubError
from ..context import Service
from . import identities, optouts, verified
from .handling import Refusal
from .state import Account, account


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
