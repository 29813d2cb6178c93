"""The sandbox's verified destination numbers, and the spend limits.

In the sandbox (the stub's ``sms_sandbox`` option) a send reaches only a number whose
verification is ``VERIFIED`` ("When your account is in the SMS/MMS or voice sandbox you can only
send messages to verified destination phone numbers", User Guide, "Add a destination phone
number while in the AWS End User Messaging SMS sandbox"). SendDestinationNumberVerificationCode
"sends" the code the stub keeps (``stub.sms_v2.verification_code(number)``); a wrong code
answers ValidationException ``VERIFICATION_CODE_MISMATCH``.
"""

from __future__ import annotations

from typing import Any

from .handling import Refusal, conflict, handler, not_found, page
from .state import SPEND_LIMIT_DEFAULT, Account

SPEND_LIMITS = (
    "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT",
    "VOICE_MESSAGE_MONTHLY_SPEND_LIMIT",
    "MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT",
)


def create_verified(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    number = str(params.get("DestinationPhoneNumber"))
    for info in acct.verified.values():
        if info["DestinationPhoneNumber"] == number:
            vid = info["VerifiedDestinationNumberId"]
            raise conflict("RESOURCE_ALREADY_EXISTS", f"{number} is already added",
                           "verified-destination-number", vid)  # fmt: skip
    vid = f"verified-{acct.next_seq():032x}"
    info = {
        "VerifiedDestinationNumberArn": acct.arn("verified-destination-number", vid),
        "VerifiedDestinationNumberId": vid,
        "DestinationPhoneNumber": number,
        "Status": "PENDING",
        "CreatedTimestamp": now,
    }
    acct.verified[vid] = info
    return {**info, "Tags": list(params.get("Tags") or [])}


def _find(acct: Account, value: Any) -> dict[str, Any]:
    vid = str(value).rsplit("/", 1)[-1]
    if vid not in acct.verified:
        raise not_found("verified-destination-number", str(value))
    return acct.verified[vid]


def send_code(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    info = _find(acct, params.get("VerifiedDestinationNumberId"))
    if info["Status"] == "VERIFIED":
        vid = info["VerifiedDestinationNumberId"]
        raise conflict("VERIFICATION_ALREADY_COMPLETE", "the number is verified already",
                       "verified-destination-number", vid)  # fmt: skip
    seq = acct.next_seq()
    acct.codes[info["VerifiedDestinationNumberId"]] = f"{(seq * 7919) % 1_000_000:06d}"
    return {"MessageId": f"verification-{seq:032x}"}


def verify(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    info = _find(acct, params.get("VerifiedDestinationNumberId"))
    if params.get("VerificationCode") != acct.codes.get(info["VerifiedDestinationNumberId"]):
        raise Refusal("ValidationException", "the verification code does not match",
                      Reason="VERIFICATION_CODE_MISMATCH")  # fmt: skip
    info["Status"] = "VERIFIED"
    return dict(info)


def describe_verified(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    items = list(acct.verified.values())
    ids, numbers = params.get("VerifiedDestinationNumberIds"), params.get("DestinationPhoneNumbers")
    if ids:
        items = [_find(acct, i) for i in ids]
    if numbers:
        items = [i for i in items if i["DestinationPhoneNumber"] in numbers]
    return page(items, params, "VerifiedDestinationNumbers")


def describe_spend_limits(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
    limits = [
        {
            "Name": name,
            "EnforcedLimit": acct.spend_overrides.get(name, SPEND_LIMIT_DEFAULT),
            "MaxLimit": SPEND_LIMIT_DEFAULT,
            "Overridden": name in acct.spend_overrides,
        }
        for name in SPEND_LIMITS
    ]
    return page(limits, params, "SpendLimits")


def set_override(name: str) -> Any:
    def work(acct: Account, params: dict[str, Any], now: float) -> dict[str, Any]:
        limit = params.get("MonthlyLimit")
        if isinstance(limit, int) and limit > SPEND_LIMIT_DEFAULT:
            raise Refusal("ValidationException", f"MonthlyLimit {limit} is over the account's "
                          f"maximum {SPEND_LIMIT_DEFAULT}",
                          Reason="REQUESTED_SPEND_LIMIT_HIGHER_THAN_SERVICE_LIMIT")  # fmt: skip
        acct.spend_overrides[name] = int(limit or 0)
        return {"MonthlyLimit": acct.spend_overrides[name]}

    return work


HANDLERS = {
    "CreateVerifiedDestinationNumber": handler(create_verified),
    "SendDestinationNumberVerificationCode": handler(send_code),
    "VerifyDestinationNumber": handler(verify),
    "DescribeVerifiedDestinationNumbers": handler(describe_verified),
    "DescribeSpendLimits": handler(describe_spend_limits),
    "SetTextMessageSpendLimitOverride": handler(set_override("TEXT_MESSAGE_MONTHLY_SPEND_LIMIT")),
    "SetVoiceMessageSpendLimitOverride": handler(set_override("VOICE_MESSAGE_MONTHLY_SPEND_LIMIT")),
    "SetMediaMessageSpendLimitOverride": handler(set_override("MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT")),
}
