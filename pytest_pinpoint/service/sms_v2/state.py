"""What one stub's End User Messaging SMS and voice v2 account holds.

Each resource is kept in the shape the Describe* operations answer (boto3's output members), so
a handler answers from it as it is. IDs are drawn from the stub's seeded generator (callers hold
``svc.state.lock``). The account starts with the ``Default`` opt-out list, out of the sandbox
unless the stub's ``sms_sandbox`` option says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ACCOUNT = "123456789012"  # the account ARNs name (the stub has no real one)
DEFAULT_OPT_OUT_LIST = "Default"
#: the spend limit names (the model's SpendLimitName enum) and the fake's default limits (USD)
SPEND_LIMIT_DEFAULT = 1_000  # a guess: a new account's limits are not published per name


@dataclass
class Account:
    """The account's resources, each by its ID (numbers, pools), name or value."""

    region: str = "us-east-1"
    phone_numbers: dict[str, dict[str, Any]] = field(default_factory=dict)  # by PhoneNumberId
    sender_ids: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (id, iso)
    pools: dict[str, dict[str, Any]] = field(default_factory=dict)  # by PoolId
    #: pool ID -> the origination identities' ARNs associated with it
    pool_members: dict[str, list[str]] = field(default_factory=dict)
    opt_out_lists: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: opt-out list name -> opted-out number -> its OptedOutNumberInformation
    opted_out: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    #: origination identity ARN -> keyword -> its KeywordInformation
    keywords: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    configuration_sets: dict[str, dict[str, Any]] = field(default_factory=dict)
    verified: dict[str, dict[str, Any]] = field(default_factory=dict)  # by its ID
    #: verified destination ID -> the code SendDestinationNumberVerificationCode "sent"
    codes: dict[str, str] = field(default_factory=dict)
    spend_overrides: dict[str, int] = field(default_factory=dict)
    #: set once a test or the app names any origination identity: until then sends invent one
    declared: bool = False
    #: configuration set name -> its delivery events, in order (:mod:`.events`)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    event_scripts: list[Any] = field(default_factory=list)  # events.EventScript

    seq: int = 0

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def arn(self, kind: str, name: str) -> str:
        return f"arn:aws:sms-voice:{self.region}:{ACCOUNT}:{kind}/{name}"

    def ensure_default_list(self, now: float) -> None:
        if DEFAULT_OPT_OUT_LIST not in self.opt_out_lists:
            self.add_opt_out_list(DEFAULT_OPT_OUT_LIST, now)

    def add_opt_out_list(self, name: str, now: float) -> dict[str, Any]:
        info = {
            "OptOutListArn": self.arn("opt-out-list", name),
            "OptOutListName": name,
            "CreatedTimestamp": now,
        }
        self.opt_out_lists[name] = info
        self.opted_out.setdefault(name, {})
        return info

    def opt_out_list(self, name_or_arn: str) -> str | None:
        """The name of the opt-out list given by name or ARN, if it exists."""
        name = name_or_arn.rsplit("/", 1)[-1] if name_or_arn.startswith("arn:") else name_or_arn
        return name if name in self.opt_out_lists else None

    def is_opted_out(self, list_name: str, number: Any) -> bool:
        return number in self.opted_out.get(list_name, {})

    def is_verified(self, number: Any) -> bool:
        return any(
            v["DestinationPhoneNumber"] == number and v["Status"] == "VERIFIED"
            for v in self.verified.values()
        )


def new_account() -> Account:
    return Account()


def account(svc: Any) -> Account:
    """The stub's v2 account (``svc``: the engine), made on first use (caller holds the lock)."""
    found: Account | None = svc.units.get(SERVICE)
    if found is None:
        found = svc.units[SERVICE] = new_account()
        found.ensure_default_list(svc.state.clock.timestamp())
    return found


SERVICE = "pinpoint-sms-voice-v2"
