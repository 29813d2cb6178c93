"""Every documented limit and vocabulary of the contract, each next to its quoted source.

Seed files (for maintainers; users are shown the public document names of :data:`SOURCES`):

- **000** = ``000_55cfda106dd42147.txt``: AWS CLI v2 command reference, send-users-messages
- **001** = ``001_9558fa1aadf61a66.txt``: AWS CLI v1 command reference (legacy statuses)
- **002** = ``002_b55d6c2275177ec3.txt``: boto3 reference, Pinpoint.Client.send_users_messages

The model (botocore's ``service-2.json``) carries structure and a few enums; the numbers below come
from the prose of those pages or from the public developer guide (URL next to the constant).
"""

from __future__ import annotations

import functools
import re

from .. import model

# --- the public documents users can look up (never a seed file name) ---------------------------

CLI_V2 = "AWS CLI v2 command reference, send-users-messages"  # 000
CLI_V1 = "AWS CLI v1 command reference (legacy), send-users-messages"  # 001
BOTO3 = "boto3 reference, Pinpoint.Client.send_users_messages"  # 002
MODEL = "botocore service model"
# the public page of Pinpoint's quotas (users per request, endpoints per user, projects, 7 MB)
QUOTA = (
    "Amazon Pinpoint quotas, https://docs.aws.amazon.com/pinpoint/latest/developerguide/quotas.html"
)
API_REFERENCE = "Amazon Pinpoint API reference"
DEV_GUIDE = "Amazon Pinpoint developer guide"
SHORT_CODE_PAGE = (
    "https://docs.aws.amazon.com/pinpoint/latest/userguide/channels-sms-awssupport-short-code.html"
)
TEMPLATE_VARIABLES_PAGE = (
    "https://docs.aws.amazon.com/pinpoint/latest/userguide/message-templates-personalizing.html"
)

# --- operations ----------------------------------------------------------------------------------

SEND_USERS_MESSAGES = model.OPERATION_NAME
SEND_MESSAGES = model.SEND_MESSAGES
OPERATIONS = (SEND_USERS_MESSAGES, SEND_MESSAGES)
# The payload member of each operation's input and output (model: http payload / output member).
REQUEST_PAYLOAD = {SEND_USERS_MESSAGES: "SendUsersMessageRequest", SEND_MESSAGES: "MessageRequest"}
RESPONSE_PAYLOAD = {
    SEND_USERS_MESSAGES: "SendUsersMessageResponse",
    SEND_MESSAGES: "MessageResponse",
}

# --- structure -----------------------------------------------------------------------------------

MAX_USERS = 100  # quota: the service's published limit, not stated in the seeds

# --- email (000: EmailMessage.SimpleEmail.Headers) -----------------------------------------------

MAX_EMAIL_HEADERS = 15  # 000: SimpleEmail.Headers "You can have up to 15 Headers."
MAX_HEADER_NAME_LENGTH = 126  # 000: Headers.Name "can contain up to 126 characters"
MAX_HEADER_VALUE_LENGTH = 870  # 000: Headers.Value "up to 870 characters, including ... rendered"

# --- push ----------------------------------------------------------------------------------------

MAX_COLLAPSE_ID_BYTES = 64  # 000: APNSMessage.CollapseId "This value can't exceed 64 bytes."
BAIDU_MAX_TTL = 604_800  # 000: BaiduMessage.TimeToLive "maximum supported time is 604,800 seconds"
GCM_MAX_TTL = (
    2_419_200  # 000: GCMMessage.TimeToLive "the maximum value, which is 2,419,200 seconds"
)
TTL_MAXIMA = {"BaiduMessage": BAIDU_MAX_TTL, "GCMMessage": GCM_MAX_TTL}
TTL_CHANNELS = ("APNSMessage", "BaiduMessage", "GCMMessage")

# 000: APNSMessage.APNSPushType "Valid values are: alert, background, complication, ..."
APNS_PUSH_TYPES = ("alert", "background", "complication", "fileprovider", "mdm", "voip")
# 000: APNSMessage.PreferredAuthenticationMethod "CERTIFICATE or TOKEN"
APNS_AUTH_METHODS = ("CERTIFICATE", "TOKEN")
# 000: GCMMessage.PreferredAuthenticationMethod 'with valid values "KEY" or "TOKEN"'
GCM_AUTH_METHODS = ("KEY", "TOKEN")
# 000: APNSMessage.Priority 5/10 and GCMMessage.Priority normal/high; each channel accepts the
# other's value and converts it ("normal, for 5, and high, for 10").
APNS_PRIORITIES = ("5", "10")
GCM_PRIORITIES = ("normal", "high")
PRIORITY_EQUIVALENT = {"5": "normal", "10": "high", "normal": "5", "high": "10"}
# 000: APNSMessage.RawContent note: content-available "has to be an integer, and can only be 0 or 1"
# and "silent notification payloads can't include the alert, badge, or sound keys".
CONTENT_AVAILABLE_VALUES = (0, 1)
CLI_V2_PAGE = (
    "https://awscli.amazonaws.com/v2/documentation/api/latest/reference/pinpoint/"
    "send-users-messages.html"
)
CONTENT_AVAILABLE_QUOTE = (
    '"If you specify the raw content of an APNs push notification, the message payload has to '
    "include the content-available key. The value of the content-available key has to be an "
    'integer, and can only be 0 or 1."'
)
SILENT_FORBIDDEN_KEYS = ("alert", "badge", "sound")
# 000: APNSMessage.SilentPush "Apple recommends that you send no more than 3 silent push
# notifications to each recipient per hour."
SILENT_PUSH_MAX_PER_HOUR = 3
ACTION_CHANNELS = ("ADMMessage", "APNSMessage", "BaiduMessage", "GCMMessage")
PUSH_DEFAULT = "DefaultPushNotificationMessage"
DEFAULT = "DefaultMessage"
ADM_MD5_DIGEST_BYTES = 16  # 000: ADMMessage.MD5 "The base64-encoded, MD5 checksum"

# --- SMS and voice -------------------------------------------------------------------------------

# E.164 (ITU-T): "+", a country code whose first digit is 1-9, at most 15 digits in all.
# 000: VoiceMessage.OriginationNumber "we recommend that you specify the long code in E.164 format"
E164_DIGITS = 15
E164 = re.compile(rf"\+[1-9][0-9]{{0,{E164_DIGITS - 1}}}")  # from E164_DIGITS: one home
# 000: SMSMessage.OriginationNumber "one of the dedicated long or short codes". The user guide's
# short-code page (SHORT_CODE_PAGE): "A short code typically contains between three and seven
# digits, depending on the country". Digits only, no "+" (it is not an E.164 number).
SHORT_CODE_DIGITS = (3, 7)
SHORT_CODE = re.compile("[0-9]{{{},{}}}".format(*SHORT_CODE_DIGITS))  # one home: the digits

# --- recipient addresses (issue 29) -----------------------------------------------------------

# API reference, EndpointRequest.Address: "For the SMS channel, use a phone number in E.164
# format, such as +12065550100. For the email channel, use an email address." Voice numbers are
# phone numbers as well (VoiceMessage delivers to the endpoint's phone number).
ADDRESS_PAGE = (
    "https://docs.aws.amazon.com/pinpoint/latest/apireference/"
    "apps-application-id-endpoints-endpoint-id.html"
)
PHONE_CHANNEL_TYPES = frozenset(("SMS", "VOICE"))
EMAIL_ADDRESS = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")  # local@domain.tld, no spaces
# A masked phone number as logs, consoles and event records print one ("+346*******5"): a
# guess at the common masking characters (docs/contract.md "What is a guess").
REDACTED_PHONE = re.compile(r"\+?[0-9]*[*\u2022xX#]{2,}[0-9]*")
# Amazon SES API v2 reference, MessageHeader.Name (Pinpoint's email channel sends through SES):
# "Can contain any printable ASCII character (33 - 126) except for colon (:)"; RFC 5322 2.2
# field-name: 1*ftext, ftext = %d33-57 / %d59-126.
HEADER_NAME = re.compile(r"[!-9;-~]+")
SES_HEADER_PAGE = "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_MessageHeader.html"
TEMPLATES_PAGE = (
    "https://docs.aws.amazon.com/pinpoint/latest/apireference/templates-template-name-sms.html"
)

# --- raw content and overrides -----------------------------------------------------------------

# What RawContent overrides (000: "If specified, this value overrides all other content").
RAW_OVERRIDDEN_FIELDS = (
    "Body",
    "Title",
    "Action",
    "Url",
    "Badge",
    "Sound",
    "Category",
    "ThreadId",
    "MediaUrl",
    "ImageUrl",
    "ImageIconUrl",
    "SmallImageIconUrl",
    "IconReference",
)
USER_OVERRIDDEN_FIELDS = ("BodyOverride", "TitleOverride")

# Endpoint/address ChannelType (model enum) -> the MessageConfiguration member carrying its
# message (000: MessageConfiguration). PUSH has none of its own: DefaultPushNotificationMessage.
CHANNEL_MESSAGE: dict[str, str | None] = {
    "SMS": "SMSMessage",
    "VOICE": "VoiceMessage",
    "EMAIL": "EmailMessage",
    "APNS": "APNSMessage",
    "APNS_SANDBOX": "APNSMessage",
    "APNS_VOIP": "APNSMessage",
    "APNS_VOIP_SANDBOX": "APNSMessage",
    "GCM": "GCMMessage",
    "ADM": "ADMMessage",
    "BAIDU": "BaiduMessage",
    "PUSH": None,
}
PUSH_CHANNEL_TYPES = frozenset(
    ("APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX", "GCM", "ADM", "BAIDU", "PUSH")
)
APNS_CHANNEL_TYPES = frozenset(("APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX"))

# --- responses ---------------------------------------------------------------------------------

# 001: DeliveryStatus legacy vocabulary -> the current value (000) it maps to, where one exists.
LEGACY_DELIVERY_STATUSES: dict[str, str | None] = {
    "SUCCESS": "SUCCESSFUL",
    "TRANSIENT_FAILURE": "TEMPORARY_FAILURE",
    "FAILURE_PERMANENT": "PERMANENT_FAILURE",
    "UNKNOWN": "UNKNOWN_FAILURE",
    "TIMEOUT": None,
    "QUIET_TIME": None,
    "DAILY_CAP": None,
    "HOLDOUT": None,
    "EXPIRED": None,
    "CAMPAIGN_CAP": None,
    "SERVICE_FAILURE": None,
}
# What the fake answers per DeliveryStatus: (StatusCode, StatusMessage). SUCCESSFUL's message is
# 000's "MessageId: <id>"; the others are plausible downstream answers (the seeds give no example).
STATUS_DETAILS: dict[str, tuple[int, str]] = {
    "SUCCESSFUL": (200, "MessageId: {message_id}"),
    "THROTTLED": (429, "The message was throttled by the downstream channel."),
    "TEMPORARY_FAILURE": (503, "A temporary error occurred delivering the message."),
    "PERMANENT_FAILURE": (400, "The message could not be delivered to the endpoint."),
    "UNKNOWN_FAILURE": (500, "An unknown error occurred delivering the message."),
    "OPT_OUT": (400, "The endpoint address has opted out of receiving messages."),
    "DUPLICATE": (400, "The endpoint address is a duplicate of another endpoint address."),
}
MESSAGE_ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
MESSAGE_ID_LENGTH = 40  # 000: "MessageId": "7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0"


@functools.lru_cache(maxsize=1)
def actions() -> tuple[str, ...]:
    return model.enum_of("Action")  # model: OPEN_APP | DEEP_LINK | URL (000 agrees)


@functools.lru_cache(maxsize=1)
def sms_message_types() -> tuple[str, ...]:
    return model.enum_of("MessageType")  # model: TRANSACTIONAL | PROMOTIONAL (000 agrees)


@functools.lru_cache(maxsize=1)
def delivery_statuses() -> tuple[str, ...]:
    return model.enum_of("DeliveryStatus")  # model; 000 lists the same seven values


@functools.lru_cache(maxsize=1)
def channel_types() -> tuple[str, ...]:
    return model.enum_of("ChannelType")  # model: AddressConfiguration.ChannelType
