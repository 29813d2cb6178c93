"""SMS and voice: the message type, the origination number, and an SMS body to send."""

from __future__ import annotations

from typing import Any

from .fields import check_enum
from .limits import (
    DEFAULT,
    E164,
    E164_DIGITS,
    SHORT_CODE,
    SHORT_CODE_DIGITS,
    sms_message_types,
)
from .recipients import Recipient
from .violation import Collector

_LO, _HI = SHORT_CODE_DIGITS


def check_sms_body(
    body: dict[str, Any], cfg: dict[str, Any], path: str, recipients: list[Recipient], c: Collector
) -> None:
    """``sms-body-empty``: an SMSMessage whose Body is ``""``, with no DefaultMessage Body nor
    SMSTemplate to fall back on, sends nothing to an SMS recipient without a BodyOverride (a
    text message has a body: End User Messaging's MessageBody is 1-1,600 characters; a guess
    for Pinpoint, see docs/contract.md "What is a guess"). A missing Body is not judged: the
    message may come from elsewhere."""
    sms = cfg.get("SMSMessage")
    if not isinstance(sms, dict) or sms.get("Body") != "":
        return
    default = cfg.get(DEFAULT)
    if isinstance(default, dict) and default.get("Body") not in (None, ""):
        return
    tc = body.get("TemplateConfiguration")
    if isinstance(tc, dict) and tc.get("SMSTemplate") is not None:
        return
    bare = [
        r
        for r in recipients
        if r.channel in (None, "SMS") and r.conf.get("BodyOverride") in (None, "")
    ]
    if bare:
        c.add(
            "sms-body-empty",
            f"{path}.SMSMessage.Body",
            "is empty, and no DefaultMessage Body, "
            f"SMSTemplate or BodyOverride fills it for {bare[0].describe()}: an SMS needs a body",
            sms.get("Body"),
        )


def check_sms_voice(cfg: dict[str, Any], path: str, c: Collector) -> None:
    sms = cfg.get("SMSMessage")
    if sms and isinstance(sms, dict):  # an empty SMSMessage has nothing to check
        if "MessageType" in sms:
            spath = f"{path}.SMSMessage"
            check_enum(sms, "MessageType", sms_message_types(), "sms-message-type-enum", spath, c)
        number = sms.get("OriginationNumber")
        number = number if isinstance(number, str) else None
        # 000: "one of the dedicated long or short codes": E.164 long code or a short code.
        if number is not None and not (E164.fullmatch(number) or SHORT_CODE.fullmatch(number)):
            c.add(
                "origination-e164",
                f"{path}.SMSMessage.OriginationNumber",
                f"{number!r} is neither a long code in E.164 form (+, a first digit 1-9, at most "
                f"{E164_DIGITS} digits) nor a short code ({_LO}-{_HI} digits)",
                number,
            )
    voice = cfg.get("VoiceMessage")
    number = voice.get("OriginationNumber") if isinstance(voice, dict) else None
    number = number if isinstance(number, str) else None
    # 000: VoiceMessage "the long code ... we recommend that you specify ... in E.164 format".
    if number is not None and not E164.fullmatch(number):
        c.add(
            "origination-e164",
            f"{path}.VoiceMessage.OriginationNumber",
            f"{number!r} is not a long code in E.164 form (+, a first digit 1-9, at most "
            f"{E164_DIGITS} digits), as recommended",
            number,
        )
