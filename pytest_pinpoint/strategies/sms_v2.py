"""Hypothesis strategies for End User Messaging SMS v2 sends: E.164 numbers, bodies biased to
the GSM-7 / UCS-2 part boundaries, valid ``send_text_message`` / ``send_voice_message``
requests (boto3's keyword arguments), and invalid ones labelled with the one rule they break.

Every valid request is accepted by the v2 contract and by botocore's parameter validation;
every invalid one breaks exactly its label (``sms-v2-*``) and passes botocore (so it reaches
the wire, as the issue's examples do).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ..contract.sms_v2.parts import GSM_PART, GSM_SINGLE, UCS2_PART, UCS2_SINGLE
from ..contract.sms_v2.shapes import enum_of

__all__ = [
    "INVALID_TEXT_RULES",
    "e164_numbers",
    "invalid_send_text_message_requests",
    "send_text_message_requests",
    "send_voice_message_requests",
    "sms_bodies",
]

GSM_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?-_@£$é"
UCS2_CHARS = "жЖλΩ中文日本한국"
#: body lengths where parts change: one part, and the edges of the multi-part counts
_GSM_EDGES = (1, GSM_SINGLE, GSM_SINGLE + 1, 2 * GSM_PART, 2 * GSM_PART + 1, 1600)
_UCS2_EDGES = (1, UCS2_SINGLE, UCS2_SINGLE + 1, 2 * UCS2_PART, 2 * UCS2_PART + 1)


@st.composite
def e164_numbers(draw: DrawFn) -> str:
    """``+``, a country code not starting with 0, at most 15 digits in all."""
    digits = draw(st.integers(min_value=8, max_value=15))
    first = draw(st.sampled_from("123456789"))
    rest = draw(st.text("0123456789", min_size=digits - 1, max_size=digits - 1))
    return f"+{first}{rest}"


@st.composite
def sms_bodies(draw: DrawFn) -> str:
    """An SMS body of 1..1,600 characters, not only whitespace, biased to part boundaries."""
    ucs2 = draw(st.booleans())
    chars = UCS2_CHARS if ucs2 else GSM_CHARS
    edges = _UCS2_EDGES if ucs2 else _GSM_EDGES
    size = draw(st.one_of(st.sampled_from(edges), st.integers(min_value=1, max_value=400)))
    body = draw(st.text(chars, min_size=size, max_size=size))
    return body if body.strip() else "a" + body[1:]


def _context() -> SearchStrategy[dict[str, str]]:
    return st.dictionaries(
        st.text("abcdefghijk", min_size=1, max_size=10),
        st.text(GSM_CHARS.strip(), min_size=1, max_size=20).filter(lambda v: v == v.strip()),
        max_size=5,
    )


def _max_prices() -> SearchStrategy[str]:
    """The model's MaxPrice: ``[0-9]{0,2}\\.[0-9]{1,5}``."""
    return st.builds(
        lambda whole, cents: f"{whole}.{cents}",
        st.text("0123456789", max_size=2),
        st.text("0123456789", min_size=1, max_size=5),
    )


def send_text_message_requests() -> SearchStrategy[dict[str, Any]]:
    """A valid ``send_text_message`` request (boto3's keyword arguments)."""
    optional = {  # the model is read here, once, not in every draw
        "OriginationIdentity": st.one_of(e164_numbers(), st.just("pool-123"), st.just("ACME")),
        "MessageType": st.sampled_from(enum_of("MessageType")),
        "TimeToLive": st.integers(min_value=5, max_value=259_200),
        "MaxPrice": _max_prices(),
        "Context": _context(),
        "DryRun": st.booleans(),
    }
    return _text_requests(optional)


@st.composite
def _text_requests(draw: DrawFn, optional: dict[str, SearchStrategy[Any]]) -> dict[str, Any]:
    request: dict[str, Any] = {
        "DestinationPhoneNumber": draw(e164_numbers()),
        "MessageBody": draw(sms_bodies()),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            request[name] = draw(strategy)
    return request


def send_voice_message_requests() -> SearchStrategy[dict[str, Any]]:
    """A valid ``send_voice_message`` request: TEXT or well-formed SSML, a model VoiceId."""
    return _voice_requests(st.sampled_from(enum_of("VoiceId")))


@st.composite
def _voice_requests(draw: DrawFn, voices: SearchStrategy[str]) -> dict[str, Any]:
    words = draw(st.text(GSM_CHARS.replace("&", ""), min_size=1, max_size=200))
    words = words if words.strip() else "hello"
    ssml = draw(st.booleans())
    return {
        "DestinationPhoneNumber": draw(e164_numbers()),
        "OriginationIdentity": draw(e164_numbers()),
        "MessageBody": f"<speak>{words}</speak>" if ssml else words,
        "MessageBodyTextType": "SSML" if ssml else "TEXT",
        "VoiceId": draw(voices),
    }


#: rule -> how to break it in a valid send_text_message request (botocore lets each through)
_BREAKS: dict[str, dict[str, Any]] = {
    "sms-v2-body": {"MessageBody": "x" * 1601},
    "sms-v2-time-to-live": {"TimeToLive": 259_201},
    "sms-v2-enum": {"MessageType": "BOGUS"},
    "sms-v2-context": {"Context": {f"k{i}": "v" for i in range(6)}},
    "sms-v2-max-price": {"MaxPrice": "1.234567"},
    "sms-v2-destination-number": {"DestinationPhoneNumber": "abc"},
    "sms-v2-keyword": {"Keyword": "k" * 31},
    "sms-v2-origination-format": {"OriginationIdentity": "no spaces allowed"},
    "sms-v2-country-parameters": {"DestinationCountryParameters": {"XX_ID": "1"}},
}
INVALID_TEXT_RULES: frozenset[str] = frozenset(_BREAKS)


def invalid_send_text_message_requests() -> SearchStrategy[tuple[str, dict[str, Any]]]:
    """``(rule, request)``: a valid request with exactly ``rule`` broken."""
    return _invalid(send_text_message_requests())


@st.composite
def _invalid(draw: DrawFn, valid: SearchStrategy[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    rule = draw(st.sampled_from(sorted(_BREAKS)))
    request = draw(valid)
    for key in _BREAKS[rule]:
        request.pop(key, None)
    request.update(_BREAKS[rule])
    if rule == "sms-v2-destination-number":
        request.pop("OriginationIdentity", None)
    return rule, request
