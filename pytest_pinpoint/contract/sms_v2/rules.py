"""The rule catalog of AWS End User Messaging SMS and voice v2 (``pinpoint-sms-voice-v2``).

A catalog of its own beside Pinpoint's (:data:`pytest_pinpoint.contract.RULES`), in the same
:class:`~pytest_pinpoint.contract.rules.Rule` form: ID, default severity, summary, public source.
Each rule also names the error the service answers when a request breaks it (``answer``).
The numbers are read from botocore's model where it has them (:mod:`.shapes`), so the summaries
name the member, not the number.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rule import Rule, Severity

SERVICE = "pinpoint-sms-voice-v2"
SEND_TEXT = "SendTextMessage"
SEND_VOICE = "SendVoiceMessage"
SEND_MEDIA = "SendMediaMessage"
SENDS: tuple[str, ...] = (SEND_TEXT, SEND_VOICE, SEND_MEDIA)

_API = "AWS End User Messaging SMS and Voice v2 API Reference"
_GUIDE = "AWS End User Messaging SMS User Guide"
MODEL = "botocore's service model (pinpoint-sms-voice-v2 2022-03-31)"


def api(page: str, member: str) -> str:
    """A citation of one member of an API reference page (``API_SendTextMessage``)."""
    return f"{_API}, {page}, {member}"


def guide(page: str) -> str:
    return f"{_GUIDE}, {page}"


@dataclass(frozen=True)
class Answer:
    """The error the service answers for a broken rule: its code and documented Reason."""

    code: str
    reason: str | None


_FIELD = Answer("ValidationException", "FIELD_VALIDATION_FAILED")
_MISSING = Answer("ValidationException", "MISSING_PARAMETER")
_INVALID = Answer("ValidationException", "INVALID_PARAMETER")

_SENDS_ALL = SENDS
_TEXT_MEDIA = (SEND_TEXT, SEND_MEDIA)

# (id, severity, summary, source, limit, operations, answer)
_CATALOG: tuple[tuple[str, Severity, str, str, str | None, tuple[str, ...], Answer], ...] = (
    ("sms-v2-required", "error", "required members are present", MODEL, None, SENDS, _MISSING),
    ("sms-v2-type", "error", "each value has the model's type", MODEL, None, SENDS, _FIELD),
    ("sms-v2-unknown-field", "error", "no member the model does not define", MODEL, None, SENDS,
     _FIELD),
    ("sms-v2-length", "error", "a value's length is within the model's min and max", MODEL,
     "the model's length constraints", SENDS, _FIELD),
    ("sms-v2-pattern", "error", "a string matches the model's pattern", MODEL,
     "the model's pattern", SENDS, _FIELD),
    ("sms-v2-enum", "error", "a value is one of the model's enum", MODEL, "the model's enum",
     SENDS, _FIELD),
    ("sms-v2-body", "error",
     "MessageBody has 1 to the model's maximum characters (1,600 text, 6,000 voice) and is not "
     "only whitespace", f"{api('API_SendTextMessage', 'MessageBody')}; "
     f"{api('API_SendVoiceMessage', 'MessageBody')}; {MODEL}", "1..max chars, not blank",
     SENDS, _FIELD),
    ("sms-v2-destination-number", "error",
     "DestinationPhoneNumber fits the model's PhoneNumber pattern and length",
     f"{api('API_SendTextMessage', 'DestinationPhoneNumber')}; {MODEL}",
     "the PhoneNumber pattern", SENDS, _FIELD),
    ("sms-v2-destination-e164", "warning",
     "DestinationPhoneNumber is E.164: a leading + and at most 15 digits (the model's pattern "
     "lets the + out; a guess that the service wants it)",
     api("API_SendTextMessage", "DestinationPhoneNumber (\"in E.164 format\")"),
     "+ and <= 15 digits", SENDS, _FIELD),
    ("sms-v2-origination-format", "error",
     "OriginationIdentity fits the model's pattern and length",
     f"{api('API_SendTextMessage', 'OriginationIdentity')}; {MODEL}", None, SENDS, _FIELD),
    ("sms-v2-origination-exists", "error",
     "OriginationIdentity names a phone number, sender ID or pool of the account (by value, "
     "ID or ARN), once the test declared any",
     api("API_SendTextMessage", "OriginationIdentity"), None, SENDS,
     Answer("ResourceNotFoundException", None)),
    ("sms-v2-origination-capability", "error",
     "the OriginationIdentity has the capability the send needs (SMS, VOICE, MMS)",
     f"{api('API_PhoneNumberInformation', 'NumberCapabilities')}; "
     f"{api('API_ConflictException', 'Reason NUMBER_CAPABILITIES_MISMATCH')}", None, SENDS,
     Answer("ConflictException", "NUMBER_CAPABILITIES_MISMATCH")),
    ("sms-v2-max-price", "error",
     "MaxPrice / MaxPricePerMinute is a decimal price in the model's format (2 to 8 "
     "characters, [0-9]{0,2}.[0-9]{1,5})",
     f"{api('API_SendTextMessage', 'MaxPrice')}; "
     f"{api('API_SendVoiceMessage', 'MaxPricePerMinute')}",
     "the MaxPrice pattern", SENDS, _FIELD),
    ("sms-v2-time-to-live", "error", "TimeToLive is 5 to 259,200 seconds (the model's range)",
     api("API_SendTextMessage", "TimeToLive"), "5..259200", SENDS, _FIELD),
    ("sms-v2-context", "error",
     "Context has at most 5 entries; keys 1..100 non-space characters, values 1..800 "
     "characters without leading or trailing whitespace",
     api("API_SendTextMessage", "Context"), "<= 5 entries", SENDS, _FIELD),
    ("sms-v2-country-parameters", "error",
     "DestinationCountryParameters keys are IN_TEMPLATE_ID or IN_ENTITY_ID, values 1..64 "
     "non-space characters, at most 10 entries",
     api("API_SendTextMessage", "DestinationCountryParameters"), None, (SEND_TEXT,), _FIELD),
    ("sms-v2-keyword", "error", "Keyword has 1 to 30 characters (the model's length)",
     api("API_SendTextMessage", "Keyword"), "1..30 chars", (SEND_TEXT,), _FIELD),
    ("sms-v2-media-urls", "error",
     "MediaUrls holds exactly one s3://bucket/key URL of at most 2,048 characters",
     api("API_SendMediaMessage", "MediaUrls"), "1 s3:// URL", (SEND_MEDIA,), _FIELD),
    ("sms-v2-voice-id", "error", "VoiceId is one of the model's voices",
     api("API_SendVoiceMessage", "VoiceId"), "the VoiceId enum", (SEND_VOICE,), _FIELD),
    ("sms-v2-ssml", "error",
     "a MessageBody of MessageBodyTextType SSML is well-formed XML with a <speak> root",
     api("API_SendVoiceMessage", "MessageBodyTextType"), "<speak>...</speak>", (SEND_VOICE,),
     _FIELD),
)  # fmt: skip

RULES: dict[str, Rule] = {
    row[0]: Rule(row[0], row[2], row[1], row[3], row[4], row[5]) for row in _CATALOG
}
RULE_IDS: tuple[str, ...] = tuple(RULES)
ANSWERS: dict[str, Answer] = {row[0]: row[6] for row in _CATALOG}
