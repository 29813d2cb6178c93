"""The documented contract of ``send_users_messages``: one catalog of rules, two validators.

Every rule has a stable ID (see CONTRACT.md). The model gives structure, types and the few enums it
declares; every documented limit below is quoted from a seed document, named next to the constant:

- **000** = ``000_55cfda106dd42147.txt`` (AWS CLI v2 reference, current)
- **001** = ``001_9558fa1aadf61a66.txt`` (AWS CLI v1 reference, legacy statuses)
- **002** = ``002_b55d6c2275177ec3.txt`` (boto3 reference)

``validate_request`` and ``validate_response`` never raise on any input: whatever is wrong
comes back as a :class:`Violation`.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import email.parser
import email.policy
import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from . import model
from .render import CREATION_DATE_LENGTH, merge_substitutions, rendered_length

Severity = Literal["error", "warning"]
SeveritySetting = Literal["error", "warning", "off"]

# --- documented limits and vocabularies, each next to its source --------------------------------

MAX_USERS = 100  # quota: the service's published limit, not stated in the seeds
MAX_EMAIL_HEADERS = 15  # 000: SimpleEmail.Headers "You can have up to 15 Headers."
MAX_HEADER_NAME_LENGTH = 126  # 000: Headers.Name "can contain up to 126 characters"
MAX_HEADER_VALUE_LENGTH = 870  # 000: Headers.Value "up to 870 characters, including ... rendered"
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
SILENT_FORBIDDEN_KEYS = ("alert", "badge", "sound")
# 000: APNSMessage.SilentPush "Apple recommends that you send no more than 3 silent push
# notifications to each recipient per hour."
SILENT_PUSH_MAX_PER_HOUR = 3
ACTION_CHANNELS = ("ADMMessage", "APNSMessage", "BaiduMessage", "GCMMessage")
E164 = re.compile(r"\+[0-9]{1,15}")  # 000: VoiceMessage.OriginationNumber "E.164 format"
ADM_MD5_DIGEST_BYTES = 16  # 000: ADMMessage.MD5 "The base64-encoded, MD5 checksum"
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


# --- the catalog ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One documented rule: its stable ID, default severity, source and limit."""

    id: str
    summary: str
    severity: Severity
    source: str
    limit: str | None = None


def _rules() -> dict[str, Rule]:
    def r(id: str, summary: str, severity: Severity, source: str, limit: str | None = None) -> Rule:
        return Rule(id, summary, severity, source, limit)

    rules = [
        # Structure
        r("required", "required members are present", "error", "model; 000; 002"),
        r("type", "each value has the model's type", "error", "model"),
        r("unknown-field", "no key the model does not define", "error", "model"),
        r("users-empty", "Users has at least one user ID", "error", "000: Users", ">= 1 user"),
        r(
            "users-max",
            "at most 100 user IDs per request",
            "error",
            "quota (not in the seeds)",
            f"<= {MAX_USERS} users",
        ),
        r("user-id-empty", "a user ID is a non-empty string", "error", "000: Users"),
        # Channels and enums
        r(
            "action-enum",
            "Action is OPEN_APP, DEEP_LINK or URL",
            "error",
            "000: *.Action",
            "OPEN_APP | DEEP_LINK | URL",
        ),
        r(
            "action-url",
            "Url is used only when Action is URL",
            "warning",
            "000: *.Url",
            "Url with Action=URL",
        ),
        r(
            "apns-push-type-enum",
            "APNSPushType is a documented push type",
            "error",
            "000: APNSMessage.APNSPushType",
            " | ".join(APNS_PUSH_TYPES),
        ),
        r(
            "apns-collapse-id-bytes",
            "APNs CollapseId is at most 64 bytes (UTF-8)",
            "error",
            "000: APNSMessage.CollapseId",
            f"<= {MAX_COLLAPSE_ID_BYTES} bytes",
        ),
        r(
            "priority-value",
            'Priority is "5", "10", "normal" or "high"',
            "error",
            "000: APNSMessage.Priority, GCMMessage.Priority",
            "5 | 10 | normal | high",
        ),
        r(
            "sms-message-type-enum",
            "SMSMessage.MessageType is TRANSACTIONAL or PROMOTIONAL",
            "error",
            "000: SMSMessage.MessageType",
            "TRANSACTIONAL | PROMOTIONAL",
        ),
        r(
            "apns-auth-enum",
            "APNs PreferredAuthenticationMethod is CERTIFICATE or TOKEN",
            "error",
            "000: APNSMessage.PreferredAuthenticationMethod",
            "CERTIFICATE | TOKEN",
        ),
        r(
            "gcm-auth-enum",
            "GCM PreferredAuthenticationMethod is KEY or TOKEN",
            "error",
            "000: GCMMessage.PreferredAuthenticationMethod",
            "KEY | TOKEN",
        ),
        r(
            "origination-e164",
            "SMS/Voice OriginationNumber in E.164 form is recommended",
            "warning",
            "000: VoiceMessage.OriginationNumber",
            "+ and 1-15 digits",
        ),
        r(
            "in-app-template",
            "InAppTemplate is not supported for sending messages",
            "error",
            "000: TemplateConfiguration.InAppTemplate",
        ),
        r(
            "template-exists",
            "a template Name (and Version) matches a registered template",
            "error",
            "000: TemplateConfiguration.*.Name, *.Version",
        ),
        # Time to live
        r(
            "ttl-range",
            "TimeToLive is >= 0; Baidu <= 604,800 s; GCM <= 2,419,200 s",
            "error",
            "000: BaiduMessage.TimeToLive, GCMMessage.TimeToLive",
            f"0 <= TTL; Baidu <= {BAIDU_MAX_TTL}; GCM <= {GCM_MAX_TTL}",
        ),
        r(
            "adm-expires-after",
            "ADM ExpiresAfter is a string of decimal seconds",
            "error",
            "000: ADMMessage.ExpiresAfter",
            "decimal digits",
        ),
        r(
            "adm-md5",
            "ADM MD5 is base64 of a 16-byte digest",
            "error",
            "000: ADMMessage.MD5",
            "base64 of 16 bytes",
        ),
        # Raw content
        r(
            "raw-content-json",
            "RawContent parses as a JSON object",
            "error",
            "000: *.RawContent",
            "a JSON object",
        ),
        r(
            "raw-content-overrides",
            "RawContent overrides Body, Title etc. beside it",
            "warning",
            "000: *.RawContent",
        ),
        r(
            "apns-content-available",
            "APNs RawContent has aps.content-available as integer 0 or 1",
            "error",
            "000: APNSMessage.RawContent",
            "aps.content-available: 0 | 1 (integer)",
        ),
        r(
            "apns-silent-keys",
            "a silent APNs payload has no alert, badge or sound",
            "error",
            "000: APNSMessage.RawContent",
            "no alert | badge | sound",
        ),
        r(
            "apns-silent-consistency",
            "SilentPush / APNSPushType agree with content-available",
            "warning",
            "000: APNSMessage.SilentPush, APNSMessage.APNSPushType",
        ),
        r(
            "apns-silent-rate",
            "at most 3 silent pushes per recipient per hour",
            "warning",
            "000: APNSMessage.SilentPush",
            f"<= {SILENT_PUSH_MAX_PER_HOUR} per recipient per hour",
        ),
        # Email
        r(
            "email-headers-max",
            "SimpleEmail.Headers has at most 15 entries",
            "error",
            "000: SimpleEmail.Headers",
            f"<= {MAX_EMAIL_HEADERS} headers",
        ),
        r(
            "email-header-name-length",
            "a header Name has at most 126 characters",
            "error",
            "000: SimpleEmail.Headers.Name",
            f"<= {MAX_HEADER_NAME_LENGTH} characters",
        ),
        r(
            "email-header-value-length",
            "a header Value has at most 870 characters after rendering",
            "error",
            "000: SimpleEmail.Headers.Value",
            f"<= {MAX_HEADER_VALUE_LENGTH} characters after rendering",
        ),
        r(
            "raw-email-mime",
            "RawEmail.Data is a MIME message",
            "error",
            "000: EmailMessage.RawEmail.Data",
            "a MIME message",
        ),
        # Responses
        r(
            "delivery-status-enum",
            "DeliveryStatus is a current value",
            "error",
            "000: EndpointMessageResult.DeliveryStatus",
            "SUCCESSFUL | THROTTLED | ...",
        ),
        r(
            "delivery-status-legacy",
            "DeliveryStatus uses the legacy vocabulary of 001",
            "error",
            "001: EndpointMessageResult.DeliveryStatus",
        ),
        r(
            "status-code-type",
            "StatusCode is an integer",
            "error",
            "000: EndpointMessageResult.StatusCode",
            "an integer",
        ),
    ]
    return {rule.id: rule for rule in rules}


RULES: dict[str, Rule] = _rules()
RULE_IDS: tuple[str, ...] = tuple(RULES)
REQUEST_ONLY_CROSS_CALL = ("apns-silent-rate",)  # needs several calls: checked by the stub


# --- violations -----------------------------------------------------------------------------------

_ACTUAL_MAX = 80


def shorten(value: Any, limit: int = _ACTUAL_MAX) -> str:
    """A repr no longer than ``limit`` characters, with the full length noted when cut."""
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not break validation
        text = f"<{type(value).__name__}>"
    if len(text) <= limit:
        return text
    size = f" ({len(value)} chars)" if isinstance(value, str | bytes) else ""
    return text[: limit - 3] + "..." + size


@dataclass(frozen=True)
class Violation:
    """One broken rule: where, which rule, what the limit is and what was there."""

    rule: str
    path: str
    message: str
    severity: Severity
    limit: str | None = None
    actual: str | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.rule}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "path": self.path,
            "message": self.message,
            "severity": self.severity,
            "limit": self.limit,
            "actual": self.actual,
        }


class Template(NamedTuple):
    """A message template the request may name (``kind`` is e.g. ``"SMSTemplate"``).

    ``version=None`` registers the template's active version: any requested version matches.
    """

    kind: str
    name: str
    version: str | None = None


def check_severities(severities: Mapping[str, str] | None) -> dict[str, SeveritySetting]:
    """Validate a ``{rule_id: "error" | "warning" | "off"}`` map (raises ValueError on misuse)."""
    if not severities:
        return {}
    out: dict[str, SeveritySetting] = {}
    for rule_id, setting in severities.items():
        if rule_id not in RULES:
            raise ValueError(
                f"unknown contract rule {rule_id!r}; known rules: {', '.join(RULE_IDS)}"
            )
        if setting not in ("error", "warning", "off"):
            raise ValueError(
                f"severity for {rule_id!r} must be 'error', 'warning' or 'off', not {setting!r}"
            )
        out[rule_id] = setting  # type: ignore[assignment]
    return out


class _Collector:
    __slots__ = ("out", "overrides")

    def __init__(self, overrides: Mapping[str, SeveritySetting]) -> None:
        self.out: list[Violation] = []
        self.overrides = overrides

    def add(self, rule_id: str, path: str, message: str, actual: Any = None) -> None:
        rule = RULES[rule_id]
        severity: SeveritySetting = self.overrides.get(rule_id, rule.severity)
        if severity == "off":
            return
        shown = None if actual is None else shorten(actual)
        self.out.append(Violation(rule_id, path, message, severity, rule.limit, shown))


# --- structural walk (model-driven) ---------------------------------------------------------------


def _key_path(path: str, key: str) -> str:
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _member_path(path: str, name: str) -> str:
    if not name.isidentifier():  # model members always are; an unknown "" or "a.b" must not
        return _key_path(path, name)  # yield an empty or ambiguous path
    return f"{path}.{name}" if path else name


_SCALAR_CHECKS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "long": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "double": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "blob": lambda v: isinstance(v, bytes | bytearray | str),
    "timestamp": lambda v: isinstance(v, str | int | float) and not isinstance(v, bool),
}
_TYPE_NAMES = {
    "structure": "an object",
    "map": "an object (map)",
    "list": "a list",
    "string": "a string",
    "integer": "an integer",
    "long": "an integer",
    "boolean": "a boolean",
    "double": "a number",
    "float": "a number",
    "blob": "bytes (base64 on the wire)",
    "timestamp": "a timestamp",
}


def _walk(node: model.Node, value: Any, path: str, c: _Collector, type_rule: str = "type") -> bool:
    """Check ``value`` against ``node``. Returns False when the value's own type is wrong."""
    kind = node.type
    if kind == "structure":
        if not isinstance(value, dict):
            c.add(
                type_rule, path, f"must be {_TYPE_NAMES[kind]}, not {model.describe(value)}", value
            )
            return False
        members = node.members
        for name in node.required:
            if value.get(name) is None:
                c.add("required", _member_path(path, name), "is required")
        for name, sub in value.items():
            child = members.get(name) if isinstance(name, str) else None
            if child is None:
                if isinstance(name, str):
                    known = ", ".join(members)
                    c.add(
                        "unknown-field",
                        _member_path(path, name),
                        f"is not a member of {node.name} (members: {known})",
                        name,
                    )
                else:
                    c.add("type", path, f"has a key that is not a string: {shorten(name)}", name)
                continue
            if sub is None:  # boto3 rejects None; the service treats JSON null as absent
                if name not in node.required:
                    c.add(
                        "type",
                        _member_path(path, name),
                        f"must be {_TYPE_NAMES.get(child.type, child.type)}, not None",
                    )
                continue
            _walk(child, sub, _member_path(path, name), c)
        return True
    if kind == "map":
        if not isinstance(value, dict):
            c.add(
                type_rule, path, f"must be {_TYPE_NAMES[kind]}, not {model.describe(value)}", value
            )
            return False
        assert node.value is not None
        vnode = node.value
        for key, sub in value.items():
            if not isinstance(key, str):
                c.add("type", path, f"has a key that is not a string: {shorten(key)}", key)
                continue
            _walk(vnode, sub, _key_path(path, key), c)
        return True
    if kind == "list":
        if not isinstance(value, list | tuple):
            c.add(
                type_rule, path, f"must be {_TYPE_NAMES[kind]}, not {model.describe(value)}", value
            )
            return False
        assert node.member is not None
        mnode = node.member
        for i, sub in enumerate(value):
            _walk(mnode, sub, f"{path}[{i}]", c)
        return True
    check = _SCALAR_CHECKS.get(kind)
    if check is not None and not check(value):
        c.add(
            type_rule,
            path,
            f"must be {_TYPE_NAMES.get(kind, kind)}, not {model.describe(value)}",
            value,
        )
        return False
    return True


# --- semantic checks (the documented limits) ------------------------------------------------------


def _obj(parent: Any, key: str) -> dict[str, Any] | None:
    value = parent.get(key) if isinstance(parent, dict) else None
    return value if isinstance(value, dict) else None


def _str(parent: dict[str, Any], key: str) -> str | None:
    value = parent.get(key)
    return value if isinstance(value, str) else None


def _int(parent: dict[str, Any], key: str) -> int | None:
    value = parent.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _parse_raw(raw: str, path: str, c: _Collector) -> dict[str, Any] | None:
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        c.add("raw-content-json", path, f"is not valid JSON ({_json_reason(exc)})", raw)
        return None
    if not isinstance(parsed, dict):
        c.add("raw-content-json", path, f"must be a JSON object, not {model.describe(parsed)}", raw)
        return None
    return parsed


def _json_reason(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    return "nested too deeply" if isinstance(exc, RecursionError) else str(exc)


def _check_enum(
    msg: dict[str, Any],
    key: str,
    allowed: Iterable[str],
    rule: str,
    path: str,
    c: _Collector,
    what: str,
) -> None:
    value = _str(msg, key)
    if value is not None and value not in allowed:
        choices = ", ".join(allowed)
        c.add(rule, f"{path}.{key}", f"{what} {value!r} is not one of {choices}", value)


def _check_channels(cfg: dict[str, Any], path: str, c: _Collector) -> None:
    default_push = _obj(cfg, "DefaultPushNotificationMessage")
    action_enum = actions()
    for channel in (*ACTION_CHANNELS, "DefaultPushNotificationMessage"):
        msg = _obj(cfg, channel)
        if msg is None:
            continue
        mpath = f"{path}.{channel}"
        _check_enum(msg, "Action", action_enum, "action-enum", mpath, c, "Action")
        action = _str(msg, "Action")
        if (
            action is None
            and default_push is not None
            and channel != "DefaultPushNotificationMessage"
        ):
            action = _str(default_push, "Action")
        url = _str(msg, "Url")
        if action == "URL" and not url:
            if not (default_push is not None and _str(default_push, "Url")):
                c.add(
                    "action-url",
                    f"{mpath}.Action",
                    "is URL but no Url is given: the notification opens nothing",
                )
        elif url and action in action_enum and action != "URL":
            c.add("action-url", f"{mpath}.Url", f"is ignored because Action is {action}", url)
        elif url and action is None:
            c.add(
                "action-url",
                f"{mpath}.Url",
                "is ignored because Action defaults to OPEN_APP; set Action to URL",
                url,
            )

    apns = _obj(cfg, "APNSMessage")
    if apns is not None:
        _check_apns(apns, f"{path}.APNSMessage", default_push, c)
    gcm = _obj(cfg, "GCMMessage")
    if gcm is not None:
        gpath = f"{path}.GCMMessage"
        _check_priority(gcm, gpath, "GCM", c)
        _check_enum(
            gcm,
            "PreferredAuthenticationMethod",
            GCM_AUTH_METHODS,
            "gcm-auth-enum",
            gpath,
            c,
            "PreferredAuthenticationMethod",
        )
    for channel in TTL_CHANNELS:
        msg = _obj(cfg, channel)
        ttl = _int(msg, "TimeToLive") if msg is not None else None
        if ttl is None:
            continue
        tpath = f"{path}.{channel}.TimeToLive"
        maximum = TTL_MAXIMA.get(channel)
        if ttl < 0:
            c.add("ttl-range", tpath, f"must be >= 0 seconds, got {ttl}", ttl)
        elif maximum is not None and ttl > maximum:
            c.add(
                "ttl-range",
                tpath,
                f"must be <= {maximum:,} seconds for {channel}, got {ttl:,}",
                ttl,
            )
    adm = _obj(cfg, "ADMMessage")
    if adm is not None:
        _check_adm(adm, f"{path}.ADMMessage", c)
    sms = _obj(cfg, "SMSMessage")
    if sms is not None:
        _check_enum(
            sms,
            "MessageType",
            sms_message_types(),
            "sms-message-type-enum",
            f"{path}.SMSMessage",
            c,
            "MessageType",
        )
    for channel in ("SMSMessage", "VoiceMessage"):
        msg = _obj(cfg, channel)
        number = _str(msg, "OriginationNumber") if msg is not None else None
        if number is not None and not E164.fullmatch(number):
            c.add(
                "origination-e164",
                f"{path}.{channel}.OriginationNumber",
                f"{number!r} is not in E.164 form (+ and 1-15 digits), as recommended",
                number,
            )
    for channel in ("ADMMessage", "APNSMessage", "BaiduMessage", "GCMMessage"):
        msg = _obj(cfg, channel)
        raw = _str(msg, "RawContent") if msg is not None else None
        if msg is None or raw is None:
            continue
        rpath = f"{path}.{channel}.RawContent"
        if channel != "APNSMessage":  # the APNs check parses it itself
            _parse_raw(raw, rpath, c)
        beside = [k for k in RAW_OVERRIDDEN_FIELDS if msg.get(k) not in (None, "")]
        if beside:
            c.add(
                "raw-content-overrides",
                rpath,
                f"overrides all other content: {', '.join(beside)} beside it will be ignored",
            )
    email_msg = _obj(cfg, "EmailMessage")
    if email_msg is not None:
        raw_email = _obj(email_msg, "RawEmail")
        if raw_email is not None and "Data" in raw_email:
            _check_mime(raw_email["Data"], f"{path}.EmailMessage.RawEmail.Data", c)


def _check_priority(msg: dict[str, Any], path: str, channel: str, c: _Collector) -> None:
    value = _str(msg, "Priority")
    if value is None or value in PRIORITY_EQUIVALENT:
        return
    own, other = (
        (APNS_PRIORITIES, GCM_PRIORITIES)
        if channel == "APNs"
        else (GCM_PRIORITIES, APNS_PRIORITIES)
    )
    c.add(
        "priority-value",
        f"{path}.Priority",
        f"{channel} Priority {value!r} is not one of {' | '.join(own)} (or the converted "
        f"{' | '.join(other)})",
        value,
    )


def _check_apns(
    apns: dict[str, Any], path: str, default_push: dict[str, Any] | None, c: _Collector
) -> None:
    _check_enum(
        apns, "APNSPushType", APNS_PUSH_TYPES, "apns-push-type-enum", path, c, "APNSPushType"
    )
    _check_enum(
        apns,
        "PreferredAuthenticationMethod",
        APNS_AUTH_METHODS,
        "apns-auth-enum",
        path,
        c,
        "PreferredAuthenticationMethod",
    )
    _check_priority(apns, path, "APNs", c)
    collapse = _str(apns, "CollapseId")
    if collapse is not None:
        size = len(collapse.encode("utf-8", "surrogatepass"))
        if size > MAX_COLLAPSE_ID_BYTES:
            c.add(
                "apns-collapse-id-bytes",
                f"{path}.CollapseId",
                f"is {size} bytes in UTF-8 ({len(collapse)} characters); APNs allows at most "
                f"{MAX_COLLAPSE_ID_BYTES} bytes",
                collapse,
            )
    raw = _str(apns, "RawContent")
    if raw is None:
        return
    rpath = f"{path}.RawContent"
    payload = _parse_raw(raw, rpath, c)
    if payload is None:
        return
    aps = payload.get("aps")
    if not isinstance(aps, dict):
        c.add(
            "apns-content-available",
            rpath,
            "must have an aps dictionary with content-available 0 or 1",
            raw,
        )
        return
    if "content-available" not in aps:
        c.add(
            "apns-content-available",
            f"{rpath}.aps",
            "must include content-available (0 for a standard notification, 1 for a silent one)",
            raw,
        )
        return
    available = aps["content-available"]
    # type() is int: a bool is not the integer, and neither is 1.0 (JSON `1.0` == 1 in Python)
    if type(available) is not int or available not in CONTENT_AVAILABLE_VALUES:
        c.add(
            "apns-content-available",
            f"{rpath}.aps.content-available",
            f"must be the integer 0 or 1, not {json.dumps(available)}",
            available,
        )
        return
    if available == 1:
        present = [k for k in SILENT_FORBIDDEN_KEYS if k in aps]
        if present:
            c.add(
                "apns-silent-keys",
                f"{rpath}.aps",
                f"is silent (content-available 1) but has {', '.join(present)}",
                aps,
            )
    silent_push = apns.get("SilentPush")
    if silent_push is None and default_push is not None:
        silent_push = default_push.get("SilentPush")
    push_type = _str(apns, "APNSPushType")
    if available == 0 and (silent_push is True or push_type == "background"):
        said = "SilentPush is true" if silent_push is True else "APNSPushType is background"
        c.add(
            "apns-silent-consistency",
            rpath,
            f"has content-available 0 (a standard notification) but {said}",
        )
    elif available == 1 and (silent_push is False or push_type == "alert"):
        said = "SilentPush is false" if silent_push is False else "APNSPushType is alert"
        c.add(
            "apns-silent-consistency",
            rpath,
            f"has content-available 1 (a silent notification) but {said}",
        )


def _check_adm(adm: dict[str, Any], path: str, c: _Collector) -> None:
    expires = _str(adm, "ExpiresAfter")
    if expires is not None and not (expires.isascii() and expires.isdigit()):
        c.add(
            "adm-expires-after",
            f"{path}.ExpiresAfter",
            f"must be a whole number of seconds written in decimal digits, not {expires!r}",
            expires,
        )
    md5 = _str(adm, "MD5")
    if md5 is not None:
        try:
            digest = base64.b64decode(md5, validate=True)
        except (binascii.Error, ValueError):
            digest = None
        if digest is None or len(digest) != ADM_MD5_DIGEST_BYTES:
            got = "not valid base64" if digest is None else f"decodes to {len(digest)} bytes"
            c.add(
                "adm-md5", f"{path}.MD5", f"must be the base64 of a 16-byte MD5 digest; {got}", md5
            )


_MIME_HEADER = re.compile(rb"^[!-9;-~]+:", re.MULTILINE)


def _looks_mime(data: bytes) -> bool:
    head, _sep, _ = data.replace(b"\r\n", b"\n").partition(b"\n\n")
    if not _MIME_HEADER.match(head):
        return False
    msg = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(data, headersonly=True)
    return len(msg.keys()) > 0 and not msg.defects


def _check_mime(data: Any, path: str, c: _Collector) -> None:
    if isinstance(data, bytearray):
        data = bytes(data)
    if isinstance(data, str):
        try:
            raw = data.encode("utf-8", "surrogateescape")
        except UnicodeError:
            raw = b""
        candidates = [raw]
        with contextlib.suppress(binascii.Error, ValueError):  # the wire / AWS CLI form
            candidates.append(base64.b64decode(data, validate=True))
    elif isinstance(data, bytes):
        candidates = [data]
    else:
        return  # the type rule reports it
    if not any(_looks_mime(candidate) for candidate in candidates if candidate):
        c.add(
            "raw-email-mime",
            path,
            "is not a MIME message (expected header lines, a blank line, then the body)",
            data,
        )


def _check_email(
    cfg: dict[str, Any], users: dict[str, Any] | None, path: str, c: _Collector
) -> None:
    email_msg = _obj(cfg, "EmailMessage")
    simple = _obj(email_msg, "SimpleEmail") if email_msg is not None else None
    headers = simple.get("Headers") if simple is not None else None
    if not isinstance(headers, list | tuple):
        return
    hpath = f"{path}.EmailMessage.SimpleEmail.Headers"
    if len(headers) > MAX_EMAIL_HEADERS:
        c.add(
            "email-headers-max",
            hpath,
            f"has {len(headers)} headers; at most {MAX_EMAIL_HEADERS} are allowed",
            len(headers),
        )
    base = merge_substitutions(
        (_obj(cfg, "DefaultMessage") or {}).get("Substitutions"),
        email_msg.get("Substitutions") if email_msg is not None else None,
    )
    # Each user's effective variables: a user without Substitutions of its own renders with
    # the message-level ones, so the message-level rendering only counts when some user uses it.
    user_subs: list[tuple[str, dict[str, list[str]]]] = []
    if users:
        for user_id, conf in users.items():
            own = conf.get("Substitutions") if isinstance(conf, dict) else None
            user_subs.append(
                (str(user_id), merge_substitutions(base, own) if isinstance(own, dict) else base)
            )
    for i, header in enumerate(headers):
        if not isinstance(header, dict):
            continue
        name = _str(header, "Name")
        if name is not None and len(name) > MAX_HEADER_NAME_LENGTH:
            c.add(
                "email-header-name-length",
                f"{hpath}[{i}].Name",
                f"has {len(name)} characters; at most {MAX_HEADER_NAME_LENGTH} are allowed",
                name,
            )
        value = _str(header, "Value")
        if value is None:
            continue
        worst, who = -1, None
        if "{{" in value and user_subs:
            base_length: int | None = None
            for user_id, subs in user_subs:
                if subs is base:  # rendered once for all users without their own variables
                    if base_length is None:
                        base_length = rendered_length(value, base)
                    length = base_length
                else:
                    length = rendered_length(value, subs)
                if length > worst:
                    worst, who = length, user_id
        else:
            worst = rendered_length(value, base)
        if worst > MAX_HEADER_VALUE_LENGTH:
            detail = f" for user {who!r}" if who is not None else ""
            creation = (
                f" ({{CreationDate}} renders as {CREATION_DATE_LENGTH} characters)"
                if "{CreationDate}" in value
                else ""
            )
            c.add(
                "email-header-value-length",
                f"{hpath}[{i}].Value",
                f"renders to {worst} characters{detail}{creation}; at most "
                f"{MAX_HEADER_VALUE_LENGTH} are allowed",
                value,
            )


def _check_templates(
    tc: dict[str, Any], path: str, templates: list[Template] | None, c: _Collector
) -> None:
    in_app = tc.get("InAppTemplate")
    if in_app is not None:
        c.add(
            "in-app-template",
            f"{path}.InAppTemplate",
            "is not supported for sending messages (send_users_messages ignores in-app templates)",
        )
    if templates is None:
        return
    for kind, ref in tc.items():
        if kind == "InAppTemplate" or not isinstance(ref, dict):
            continue
        name = _str(ref, "Name")
        if name is None:
            continue
        version = _str(ref, "Version")
        same = [t for t in templates if t.kind == kind and t.name == name]
        if not same:
            known = sorted(t.name for t in templates if t.kind == kind)
            c.add(
                "template-exists",
                f"{path}.{kind}.Name",
                f"no {kind} named {name!r} is registered (registered: "
                f"{', '.join(map(repr, known)) or 'none'})",
                name,
            )
        elif version is not None and not any(t.version in (None, version) for t in same):
            versions = sorted(str(t.version) for t in same)
            c.add(
                "template-exists",
                f"{path}.{kind}.Version",
                f"{kind} {name!r} has no version {version!r} (registered: {', '.join(versions)})",
                version,
            )


def _check_users(users: dict[str, Any], path: str, c: _Collector) -> None:
    if not users:
        c.add("users-empty", path, "must name at least one user ID")
        return
    if len(users) > MAX_USERS:
        c.add(
            "users-max",
            path,
            f"has {len(users)} user IDs; at most {MAX_USERS} per request (service quota, not "
            "stated in the seed documents)",
            len(users),
        )
    for user_id, conf in users.items():
        if not isinstance(user_id, str):
            continue
        upath = _key_path(path, user_id)
        if not user_id.strip():
            c.add("user-id-empty", upath, "a user ID must be a non-empty string", user_id)
        if not isinstance(conf, dict):
            continue
        raw = _str(conf, "RawContent")
        if raw is not None:
            _parse_raw(raw, f"{upath}.RawContent", c)
            beside = [k for k in USER_OVERRIDDEN_FIELDS if conf.get(k) not in (None, "")]
            if beside:
                c.add(
                    "raw-content-overrides",
                    f"{upath}.RawContent",
                    f"overrides all other values: {', '.join(beside)} beside it will be ignored",
                )


def _check_body(
    body: dict[str, Any], path: str, templates: list[Template] | None, c: _Collector
) -> None:
    users = _obj(body, "Users")
    cfg = _obj(body, "MessageConfiguration")
    if users is not None:
        _check_users(users, f"{path}.Users", c)
    if cfg is not None:
        mpath = f"{path}.MessageConfiguration"
        _check_channels(cfg, mpath, c)
        _check_email(cfg, users, mpath, c)
    tc = _obj(body, "TemplateConfiguration")
    if tc is not None:
        _check_templates(tc, f"{path}.TemplateConfiguration", templates, c)


# --- public API -----------------------------------------------------------------------------------


def validate_request(
    params: Any,
    *,
    severities: Mapping[str, str] | None = None,
    templates: Iterable[Template] | None = None,
) -> list[Violation]:
    """Check boto3 kwargs for ``send_users_messages`` against the documented contract.

    ``params`` is ``{"ApplicationId": ..., "SendUsersMessageRequest": {...}}``. ``severities``
    raises, lowers or turns off rules (``{"action-url": "error", "origination-e164": "off"}``).
    ``templates`` turns on ``template-exists``. Never raises on any ``params``.
    """
    collector = _Collector(check_severities(severities))
    template_list = list(templates) if templates is not None else None
    try:
        if _walk(model.request_node(), params, "", collector):
            body = params.get("SendUsersMessageRequest")
            if isinstance(body, dict):
                _check_body(body, "SendUsersMessageRequest", template_list, collector)
    except RecursionError:
        collector.add("type", "SendUsersMessageRequest", "is nested too deeply to check")
    if not isinstance(params, dict):
        collector.out[:] = [
            Violation(
                "type",
                "request",
                "the request must be an object with ApplicationId and "
                f"SendUsersMessageRequest, not {model.describe(params)}",
                "error",
                None,
                shorten(params),
            )
        ]
    return collector.out


def validate_response(data: Any, *, severities: Mapping[str, str] | None = None) -> list[Violation]:
    """Check a ``send_users_messages`` response (the dict boto3 returns, or the CLI's JSON).

    ``ResponseMetadata`` is ignored. Never raises on any ``data``.
    """
    c = _Collector(check_severities(severities))
    if not isinstance(data, dict):
        c.add(
            "type",
            "response",
            f"the response must be an object with SendUsersMessageResponse, not "
            f"{model.describe(data)}",
            data,
        )
        return c.out
    data = {k: v for k, v in data.items() if k != "ResponseMetadata"}
    try:
        _walk_response(data, c)
    except RecursionError:
        c.add("type", "SendUsersMessageResponse", "is nested too deeply to check")
    return c.out


def _walk_response(data: dict[str, Any], c: _Collector) -> None:
    root = model.response_node()
    inner_node = root.members["SendUsersMessageResponse"]
    if data.get("SendUsersMessageResponse") is None:
        c.add("required", "SendUsersMessageResponse", "is required")
    for key in data:
        if key != "SendUsersMessageResponse":
            c.add(
                "unknown-field", _member_path("", str(key)), f"is not a member of {root.name}", key
            )
    inner = data.get("SendUsersMessageResponse")
    if inner is None:
        return
    path = "SendUsersMessageResponse"
    result_node = inner_node.members["Result"]
    if not isinstance(inner, dict):
        _walk(inner_node, inner, path, c)
        return
    # Walk everything but Result with the model; Result is walked below with response rules.
    _walk(inner_node, {k: v for k, v in inner.items() if k != "Result"}, path, c)
    result = inner.get("Result")
    if result is None:
        return
    rpath = f"{path}.Result"
    if not isinstance(result, dict):
        _walk(result_node, result, rpath, c)
        return
    assert result_node.value is not None
    assert result_node.value.value is not None
    emr = result_node.value.value
    current = delivery_statuses()
    for user_id, endpoints in result.items():
        if not isinstance(user_id, str):
            c.add("type", rpath, f"has a key that is not a string: {shorten(user_id)}", user_id)
            continue
        upath = _key_path(rpath, user_id)
        if not isinstance(endpoints, dict):
            _walk(result_node.value, endpoints, upath, c)
            continue
        for endpoint_id, res in endpoints.items():
            if not isinstance(endpoint_id, str):
                c.add(
                    "type",
                    upath,
                    f"has a key that is not a string: {shorten(endpoint_id)}",
                    endpoint_id,
                )
                continue
            epath = _key_path(upath, endpoint_id)
            if not isinstance(res, dict):
                _walk(emr, res, epath, c)
                continue
            code = res.get("StatusCode")
            # StatusCode's type has a rule of its own; the model walk sees a stand-in.
            _walk(emr, {**res, "StatusCode": 0} if code is not None else res, epath, c)
            if code is not None:
                _walk(
                    emr.members["StatusCode"],
                    code,
                    f"{epath}.StatusCode",
                    c,
                    type_rule="status-code-type",
                )
            status = res.get("DeliveryStatus")
            if isinstance(status, str) and status not in current:
                spath = f"{epath}.DeliveryStatus"
                if status in LEGACY_DELIVERY_STATUSES:
                    now = LEGACY_DELIVERY_STATUSES[status]
                    hint = f"the current value is {now}" if now else "no current value corresponds"
                    c.add(
                        "delivery-status-legacy",
                        spath,
                        f"{status!r} is a legacy status (001_9558fa1aadf61a66.txt); {hint}",
                        status,
                    )
                else:
                    c.add(
                        "delivery-status-enum",
                        spath,
                        f"{status!r} is not one of {', '.join(current)}",
                        status,
                    )


def errors(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if v.severity == "error"]


def format_violations(violations: Iterable[Violation]) -> str:
    return "\n".join(f"  {v}" for v in violations)


def assert_valid_request(
    params: Any,
    *,
    severities: Mapping[str, str] | None = None,
    templates: Iterable[Template] | None = None,
) -> None:
    """Raise AssertionError listing every error-severity violation as ``path: message [rule]``."""
    __tracebackhide__ = True
    found = errors(validate_request(params, severities=severities, templates=templates))
    if found:
        raise AssertionError(
            f"send_users_messages request breaks {len(found)} documented rule(s):\n"
            + format_violations(found)
        )


def assert_valid_response(data: Any, *, severities: Mapping[str, str] | None = None) -> None:
    """Raise AssertionError listing every error-severity violation of a response."""
    __tracebackhide__ = True
    found = errors(validate_response(data, severities=severities))
    if found:
        raise AssertionError(
            f"send_users_messages response breaks {len(found)} documented rule(s):\n"
            + format_violations(found)
        )


@functools.lru_cache(maxsize=1)
def rules_table() -> str:
    """The catalog as aligned text (``pytest-pinpoint rules``)."""
    width = max(map(len, RULE_IDS))
    lines = [f"{r.id:<{width}}  {r.severity:<7}  {r.summary}  ({r.source})" for r in RULES.values()]
    return "\n".join(lines)
