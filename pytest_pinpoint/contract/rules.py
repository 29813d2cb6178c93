"""The rule catalog, as data: ID, default severity, summary, public source, limit, operations.

Summaries and limits are formatted from :mod:`.limits`, so a number has one home. Sources name
documents users can look up (see ``limits.CLI_V2`` and friends), never a seed file.
"""

from __future__ import annotations

from .limits import (
    ADDRESS_PAGE,
    API_REFERENCE,
    APNS_AUTH_METHODS,
    APNS_PUSH_TYPES,
    BAIDU_MAX_TTL,
    BOTO3,
    CLI_V1,
    CLI_V2,
    DEV_GUIDE,
    E164_DIGITS,
    GCM_AUTH_METHODS,
    GCM_MAX_TTL,
    MAX_COLLAPSE_ID_BYTES,
    MAX_EMAIL_HEADERS,
    MAX_HEADER_NAME_LENGTH,
    MAX_HEADER_VALUE_LENGTH,
    MAX_USERS,
    MODEL,
    OPERATIONS,
    QUOTA,
    SEND_MESSAGES,
    SEND_USERS_MESSAGES,
    SES_HEADER_PAGE,
    SHORT_CODE_DIGITS,
    SHORT_CODE_PAGE,
    SILENT_FORBIDDEN_KEYS,
    SILENT_PUSH_MAX_PER_HOUR,
    TEMPLATE_VARIABLES_PAGE,
    TEMPLATES_PAGE,
)
from .rule import Rule, Severity
from .ses.catalog import SES_RULES
from .sms_v2.rules import RULES as SMS_V2_RULES

_BOTH = OPERATIONS
_USERS = (SEND_USERS_MESSAGES,)
_MESSAGES = (SEND_MESSAGES,)


def _v2(fields: str) -> str:
    return f"{CLI_V2}, {fields}"


def _bar(values: tuple[str, ...] | tuple[int, ...]) -> str:
    return " | ".join(map(str, values))


_LO, _HI = SHORT_CODE_DIGITS

# (id, severity, summary, source, limit, operations)
_CATALOG: tuple[tuple[str, Severity, str, str, str | None, tuple[str, ...]], ...] = (
    # Structure
    (
        "required",
        "error",
        "required members are present",
        f"{MODEL}; {CLI_V2}; {BOTO3}",
        None,
        _BOTH,
    ),
    ("type", "error", "each value has the model's type", MODEL, None, _BOTH),
    ("unknown-field", "error", "no key the model does not define", MODEL, None, _BOTH),
    ("users-empty", "error", "Users has at least one user ID", _v2("Users"), ">= 1 user", _USERS),
    (
        "users-max",
        "error",
        f"at most {MAX_USERS} user IDs per request",
        QUOTA,
        f"<= {MAX_USERS} users",
        _USERS,
    ),
    ("user-id-empty", "error", "a user ID is a non-empty string", _v2("Users"), None, _USERS),
    (
        "channel-type-enum",
        "error",
        "an address's ChannelType is a model ChannelType",
        f"{MODEL}, AddressConfiguration.ChannelType",
        "a ChannelType of the model",
        _MESSAGES,
    ),
    # Channels and enums
    (
        "action-enum",
        "error",
        "Action is OPEN_APP, DEEP_LINK or URL",
        _v2("*.Action"),
        "OPEN_APP | DEEP_LINK | URL",
        _BOTH,
    ),
    (
        "action-url",
        "warning",
        "Url is used only when the effective Action is URL",
        _v2("*.Url"),
        "Url with Action=URL",
        _BOTH,
    ),
    (
        "apns-push-type-enum",
        "error",
        "APNSPushType is a documented push type",
        _v2("APNSMessage.APNSPushType"),
        _bar(APNS_PUSH_TYPES),
        _BOTH,
    ),
    (
        "apns-collapse-id-bytes",
        "error",
        f"APNs CollapseId is at most {MAX_COLLAPSE_ID_BYTES} bytes (UTF-8)",
        _v2("APNSMessage.CollapseId"),
        f"<= {MAX_COLLAPSE_ID_BYTES} bytes",
        _BOTH,
    ),
    (
        "priority-value",
        "error",
        'Priority is "5", "10", "normal" or "high"',
        _v2("APNSMessage.Priority, GCMMessage.Priority"),
        "5 | 10 | normal | high",
        _BOTH,
    ),
    (
        "sms-message-type-enum",
        "error",
        "SMSMessage.MessageType is TRANSACTIONAL or PROMOTIONAL",
        _v2("SMSMessage.MessageType"),
        "TRANSACTIONAL | PROMOTIONAL",
        _BOTH,
    ),
    (
        "apns-auth-enum",
        "error",
        f"APNs PreferredAuthenticationMethod is {' or '.join(APNS_AUTH_METHODS)}",
        _v2("APNSMessage.PreferredAuthenticationMethod"),
        _bar(APNS_AUTH_METHODS),
        _BOTH,
    ),
    (
        "gcm-auth-enum",
        "error",
        f"GCM PreferredAuthenticationMethod is {' or '.join(GCM_AUTH_METHODS)}",
        _v2("GCMMessage.PreferredAuthenticationMethod"),
        _bar(GCM_AUTH_METHODS),
        _BOTH,
    ),
    (
        "origination-e164",
        "warning",
        "SMS OriginationNumber is an E.164 long code or a short code; Voice in E.164 form",
        f"{_v2('SMSMessage.OriginationNumber, VoiceMessage.OriginationNumber')}; "
        f"{DEV_GUIDE}: {SHORT_CODE_PAGE}",
        f"+ then 1-9 and at most {E164_DIGITS} digits; SMS short code: {_LO}-{_HI} digits",
        _BOTH,
    ),
    (
        "in-app-template",
        "error",
        "InAppTemplate is not supported for SendMessages",
        _v2("TemplateConfiguration.InAppTemplate"),
        None,
        _MESSAGES,
    ),
    (
        "template-exists",
        "error",
        "a template Name (and Version) matches a registered template",
        _v2("TemplateConfiguration.*.Name, *.Version"),
        None,
        _BOTH,
    ),
    # Time to live
    (
        "ttl-range",
        "error",
        f"TimeToLive is >= 0; Baidu <= {BAIDU_MAX_TTL:,} s; GCM <= {GCM_MAX_TTL:,} s",
        _v2("BaiduMessage.TimeToLive, GCMMessage.TimeToLive"),
        f"0 <= TTL; Baidu <= {BAIDU_MAX_TTL}; GCM <= {GCM_MAX_TTL}",
        _BOTH,
    ),
    (
        "adm-expires-after",
        "error",
        "ADM ExpiresAfter is a string of decimal seconds",
        _v2("ADMMessage.ExpiresAfter"),
        "decimal digits",
        _BOTH,
    ),
    (
        "adm-md5",
        "error",
        "ADM MD5 is base64 of a 16-byte digest",
        _v2("ADMMessage.MD5"),
        "base64 of 16 bytes",
        _BOTH,
    ),
    # Raw content
    (
        "raw-content-json",
        "error",
        "RawContent parses as a JSON object",
        _v2("*.RawContent"),
        "a JSON object",
        _BOTH,
    ),
    (
        "raw-content-overrides",
        "warning",
        "RawContent overrides Body, Title etc. beside it",
        _v2("*.RawContent"),
        None,
        _BOTH,
    ),
    (
        "apns-content-available",
        "error",
        "APNs RawContent (message or recipient) has aps.content-available as integer 0 or 1",
        _v2("APNSMessage.RawContent"),
        "aps.content-available: 0 | 1 (integer)",
        _BOTH,
    ),
    (
        "apns-silent-keys",
        "error",
        f"a silent APNs payload has no {', '.join(SILENT_FORBIDDEN_KEYS)}",
        _v2("APNSMessage.RawContent"),
        f"no {_bar(SILENT_FORBIDDEN_KEYS)}",
        _BOTH,
    ),
    (
        "apns-silent-consistency",
        "warning",
        "SilentPush / APNSPushType agree with content-available",
        _v2("APNSMessage.SilentPush, APNSMessage.APNSPushType"),
        None,
        _BOTH,
    ),
    (
        "apns-silent-rate",
        "warning",
        f"at most {SILENT_PUSH_MAX_PER_HOUR} silent pushes per recipient per hour",
        _v2("APNSMessage.SilentPush"),
        f"<= {SILENT_PUSH_MAX_PER_HOUR} per recipient per hour",
        _BOTH,
    ),
    # Email
    (
        "email-headers-max",
        "error",
        f"SimpleEmail.Headers has at most {MAX_EMAIL_HEADERS} entries",
        _v2("SimpleEmail.Headers"),
        f"<= {MAX_EMAIL_HEADERS} headers",
        _BOTH,
    ),
    (
        "email-header-name-length",
        "error",
        f"a header Name has at most {MAX_HEADER_NAME_LENGTH} characters",
        _v2("SimpleEmail.Headers.Name"),
        f"<= {MAX_HEADER_NAME_LENGTH} characters",
        _BOTH,
    ),
    (
        "email-header-value-length",
        "error",
        f"a header Value has at most {MAX_HEADER_VALUE_LENGTH} characters after rendering",
        _v2("SimpleEmail.Headers.Value"),
        f"<= {MAX_HEADER_VALUE_LENGTH} characters after rendering",
        _BOTH,
    ),
    (
        "raw-email-mime",
        "error",
        "RawEmail.Data is a MIME message",
        _v2("EmailMessage.RawEmail.Data"),
        "a MIME message",
        _BOTH,
    ),
    # Variables
    (
        "substitution-missing",
        "warning",
        "a {{Variable}} in a body, title, subject or header has a value in some Substitutions",
        f"{_v2('*.Substitutions, Users.Substitutions')}; {DEV_GUIDE}: {TEMPLATE_VARIABLES_PAGE}",
        "a value in DefaultMessage, channel or recipient Substitutions",
        _BOTH,
    ),
    # Responses
    (
        "delivery-status-enum",
        "error",
        "DeliveryStatus is a current value",
        _v2("EndpointMessageResult.DeliveryStatus"),
        "SUCCESSFUL | THROTTLED | ...",
        _BOTH,
    ),
    (
        "delivery-status-legacy",
        "error",
        "DeliveryStatus uses the legacy vocabulary of the AWS CLI v1 reference",
        f"{CLI_V1}, EndpointMessageResult.DeliveryStatus",
        None,
        _BOTH,
    ),
    (
        "status-code-type",
        "error",
        "StatusCode is an integer",
        _v2("EndpointMessageResult.StatusCode"),
        "an integer",
        _BOTH,
    ),
    # Addresses and content a recipient cannot get (issue 29)
    (
        "address-format",
        "warning",
        "an SMS / VOICE address is an E.164 phone number; an EMAIL address is an email address",
        f"{API_REFERENCE}, EndpointRequest.Address: {ADDRESS_PAGE}",
        "E.164 (+12065550100) | local@domain",
        _BOTH,
    ),
    (
        "address-empty",
        "error",
        "an address (Addresses key, endpoint Address) is not empty",
        f"{API_REFERENCE}, EndpointRequest.Address: {ADDRESS_PAGE}",
        ">= 1 character",
        _BOTH,
    ),
    (
        "address-redacted",
        "warning",
        "a phone number is not a redacted copy such as +346*******5",
        f"{API_REFERENCE}, EndpointRequest.Address: {ADDRESS_PAGE}",
        "E.164, no masking characters",
        _BOTH,
    ),
    (
        "sms-body-empty",
        "error",
        "an SMS recipient gets a non-empty body",
        _v2("SMSMessage.Body"),
        ">= 1 character",
        _BOTH,
    ),
    (
        "email-header-name-syntax",
        "error",
        "a header Name is printable US-ASCII (33-126) without a colon, at least one character",
        f"{_v2('SimpleEmail.Headers.Name')}; Amazon SES API v2 reference, MessageHeader.Name: "
        f"{SES_HEADER_PAGE}; RFC 5322 2.2",
        "[!-9;-~]+",
        _BOTH,
    ),
    (
        "template-unknown",
        "warning",
        "a template named while the test has none is sent without content",
        f"{_v2('TemplateConfiguration.*.Name')}; {API_REFERENCE}: {TEMPLATES_PAGE}",
        None,
        _BOTH,
    ),
)

RULES: dict[str, Rule] = {
    row[0]: Rule(row[0], row[2], row[1], row[3], row[4], row[5]) for row in _CATALOG
}
RULE_IDS: tuple[str, ...] = tuple(RULES)
REQUEST_ONLY_CROSS_CALL = ("apns-silent-rate",)  # needs several calls: checked by the stub
# judged by the stub from its own state (what the test registered), never from a request alone
STUB_STATE_RULES = ("template-unknown",)
RESPONSE_RULES = ("delivery-status-enum", "delivery-status-legacy", "status-code-type")

# Other services' rules, each catalog in its own module: one catalog for validation, severities,
# expect_violation, the CLI and the docs
RULES.update({r.id: r for r in SES_RULES})
RULES.update(SMS_V2_RULES)
RULE_IDS = tuple(RULES)
