"""Every rule of the catalog, at its documented boundary (000_55cfda106dd42147.txt unless noted)."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from pytest_pinpoint import contract, model
from pytest_pinpoint.contract import Template, Violation, validate_request, validate_response

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
APP_ID = "611e3e3cdd47474c9c1399a505665b91"
CFG = "SendUsersMessageRequest.MessageConfiguration"
HEADERS = f"{CFG}.EmailMessage.SimpleEmail.Headers"

SEED_REQUEST: dict[str, Any] = {
    "ApplicationId": APP_ID,
    "SendUsersMessageRequest": {
        "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
        "Users": {"testuser": {}},
    },
}
SEED_RESPONSE: dict[str, Any] = {
    "SendUsersMessageResponse": {
        "ApplicationId": APP_ID,
        "RequestId": "e0b12cf5-2359-11e9-bb0b-d5fb91876b25",
        "Result": {
            "testuser": {
                "testuserendpoint": {
                    "DeliveryStatus": "SUCCESSFUL",
                    "MessageId": "7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",
                    "StatusCode": 200,
                    "StatusMessage": "MessageId: 7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",
                    "Address": "+12345678900",
                }
            }
        },
    }
}


def request(config: dict[str, Any], users: Any = None, **body: Any) -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "SendUsersMessageRequest": {
            "MessageConfiguration": config,
            "Users": {"u1": {}} if users is None else users,
            **body,
        },
    }


def messages_request(config: dict[str, Any], addresses: Any = None, **body: Any) -> dict[str, Any]:
    """boto3 kwargs of send_messages: one SMS address unless told otherwise."""
    return {
        "ApplicationId": APP_ID,
        "MessageRequest": {
            "MessageConfiguration": config,
            "Addresses": {"+12065550100": {"ChannelType": "SMS"}}
            if addresses is None
            else addresses,
            **body,
        },
    }


def response_with(**endpoint: Any) -> dict[str, Any]:
    data = copy.deepcopy(SEED_RESPONSE)
    data["SendUsersMessageResponse"]["Result"]["testuser"]["testuserendpoint"].update(endpoint)
    return data


def rules_of(violations: list[Violation]) -> list[str]:
    return [v.rule for v in violations]


def only(violations: list[Violation], rule: str) -> Violation:
    """The single violation, which must be of ``rule``."""
    assert rules_of(violations) == [rule], [str(v) for v in violations]
    return violations[0]


def email(headers: Any, **extra: Any) -> dict[str, Any]:
    simple = {"Subject": {"Data": "Hi"}, "TextPart": {"Data": "Hello"}, "Headers": headers}
    return {"EmailMessage": {"FromAddress": "a@example.com", "SimpleEmail": simple, **extra}}


def apns_raw(aps: Any, **fields: Any) -> dict[str, Any]:
    return {"APNSMessage": {**fields, "RawContent": json.dumps({"aps": aps})}}


# --- the seed example ---------------------------------------------------------------------------


def test_seed_example_is_valid() -> None:
    assert validate_request(SEED_REQUEST) == []
    assert validate_response(SEED_RESPONSE) == []


def test_response_metadata_is_ignored() -> None:
    data = {**SEED_RESPONSE, "ResponseMetadata": {"HTTPStatusCode": 200, "RetryAttempts": 0}}
    assert validate_response(data) == []


# --- structure ----------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["MessageConfiguration", "Users"])
def test_required_body_members(missing: str) -> None:
    params = copy.deepcopy(SEED_REQUEST)
    del params["SendUsersMessageRequest"][missing]
    v = only(validate_request(params), "required")
    assert v.path == f"SendUsersMessageRequest.{missing}"


def test_required_top_level_members() -> None:
    found = validate_request({"SendUsersMessageRequest": SEED_REQUEST["SendUsersMessageRequest"]})
    assert only(found, "required").path == "ApplicationId"
    assert only(validate_request({"ApplicationId": APP_ID}), "required").path == (
        "SendUsersMessageRequest"
    )


def test_required_in_response() -> None:
    data = response_with()
    del data["SendUsersMessageResponse"]["ApplicationId"]
    assert (
        only(validate_response(data), "required").path == "SendUsersMessageResponse.ApplicationId"
    )
    data = response_with()
    del data["SendUsersMessageResponse"]["Result"]["testuser"]["testuserendpoint"]["StatusCode"]
    assert only(validate_response(data), "required").path.endswith(".StatusCode")
    assert rules_of(validate_response({})) == ["required"]


@pytest.mark.parametrize(
    ("config", "path"),
    [
        ({"SMSMessage": {"Body": 5}}, f"{CFG}.SMSMessage.Body"),
        ({"GCMMessage": {"TimeToLive": "60"}}, f"{CFG}.GCMMessage.TimeToLive"),
        ({"GCMMessage": {"TimeToLive": True}}, f"{CFG}.GCMMessage.TimeToLive"),
        ({"APNSMessage": {"SilentPush": "true"}}, f"{CFG}.APNSMessage.SilentPush"),
        ({"SMSMessage": {"Substitutions": {"A": "x"}}}, f'{CFG}.SMSMessage.Substitutions["A"]'),
        ({"EmailMessage": {"ReplyToAddresses": "a@b.c"}}, f"{CFG}.EmailMessage.ReplyToAddresses"),
        ({"EmailMessage": {"RawEmail": {"Data": 12}}}, f"{CFG}.EmailMessage.RawEmail.Data"),
        ({"SMSMessage": {"Body": None}}, f"{CFG}.SMSMessage.Body"),
    ],
)
def test_type(config: dict[str, Any], path: str) -> None:
    assert only(validate_request(request(config)), "type").path == path


def test_type_of_whole_request() -> None:
    v = only(validate_request(["not", "a", "dict"]), "type")
    assert v.path == "request"
    assert "a list" in v.message


def test_unknown_field() -> None:
    v = only(
        validate_request(request({"SMSMessage": {"Body": "x", "SenderID": "S"}})), "unknown-field"
    )
    assert v.path == f"{CFG}.SMSMessage.SenderID"
    assert "SenderId" in v.message  # lists the members so the typo is visible
    extra = {**SEED_RESPONSE, "Extra": 1}
    assert only(validate_response(extra), "unknown-field").path == "Extra"


@pytest.mark.parametrize(
    ("key", "path"),
    [("", '[""]'), ("a.b", '["a.b"]'), ("x y", '["x y"]'), ("Extra", "Extra")],
)
def test_unknown_field_path_is_never_empty_or_ambiguous(key: str, path: str) -> None:
    assert only(validate_request({**SEED_REQUEST, key: 1}), "unknown-field").path == path
    assert only(validate_response({**SEED_RESPONSE, key: 1}), "unknown-field").path == path
    body = {**SEED_REQUEST["SendUsersMessageRequest"], key: 1}
    found = validate_request({"ApplicationId": APP_ID, "SendUsersMessageRequest": body})
    assert only(found, "unknown-field").path == "SendUsersMessageRequest" + (
        path if path.startswith("[") else f".{path}"
    )


def test_users_empty() -> None:
    v = only(validate_request(request({"SMSMessage": {"Body": "x"}}, users={})), "users-empty")
    assert v.path == "SendUsersMessageRequest.Users"


@pytest.mark.parametrize(("count", "broken"), [(1, False), (100, False), (101, True)])
def test_users_max_boundary(count: int, broken: bool) -> None:
    users = {f"user-{i}": {} for i in range(count)}
    found = validate_request(request({"SMSMessage": {"Body": "x"}}, users=users))
    if broken:
        v = only(found, "users-max")
        assert v.actual == "101"
        assert v.limit == "<= 100 users"
    else:
        assert found == []


@pytest.mark.parametrize("user_id", ["", " ", "\t"])
def test_user_id_empty(user_id: str) -> None:
    v = only(
        validate_request(request({"SMSMessage": {"Body": "x"}}, users={user_id: {}})),
        "user-id-empty",
    )
    assert v.path == f"SendUsersMessageRequest.Users[{json.dumps(user_id)}]"


# --- channels and enums -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "channel", [*contract.limits.ACTION_CHANNELS, "DefaultPushNotificationMessage"]
)
def test_action_enum(channel: str) -> None:
    assert validate_request(request({channel: {"Action": "OPEN_APP"}})) == []
    v = only(validate_request(request({channel: {"Action": "OPEN_URL"}})), "action-enum")
    assert v.path == f"{CFG}.{channel}.Action"
    assert v.actual == "'OPEN_URL'"


def test_action_url() -> None:
    ok = {"GCMMessage": {"Action": "URL", "Url": "https://example.com"}}
    assert validate_request(request(ok)) == []
    v = only(validate_request(request({"GCMMessage": {"Action": "URL"}})), "action-url")
    assert v.severity == "warning"
    v = only(
        validate_request(request({"GCMMessage": {"Action": "OPEN_APP", "Url": "https://x"}})),
        "action-url",
    )
    assert v.path == f"{CFG}.GCMMessage.Url"
    # Url and Action=URL inherited from the default push message
    inherited = {"DefaultPushNotificationMessage": {"Action": "URL", "Url": "https://x"}}
    assert validate_request(request({**inherited, "GCMMessage": {"Body": "b"}})) == []


@pytest.mark.parametrize("push_type", contract.limits.APNS_PUSH_TYPES)
def test_apns_push_type_accepted(push_type: str) -> None:
    assert validate_request(request({"APNSMessage": {"APNSPushType": push_type}})) == []


def test_apns_push_type_enum() -> None:
    found = validate_request(request({"APNSMessage": {"APNSPushType": "alarm"}}))
    assert only(found, "apns-push-type-enum").path == f"{CFG}.APNSMessage.APNSPushType"


@pytest.mark.parametrize(
    ("collapse_id", "broken"),
    [
        ("a" * 64, False),
        ("é" * 32, False),  # 32 characters, 64 bytes
        ("é" * 31 + "a" * 2, False),  # 64 bytes
        ("é" * 31 + "€", True),  # 32 characters, 65 bytes
        ("é" * 32 + "a", True),  # 33 characters, 65 bytes
        ("€" * 22, True),  # 22 characters, 66 bytes
        ("a" * 65, True),
    ],
)
def test_apns_collapse_id_counts_utf8_bytes(collapse_id: str, broken: bool) -> None:
    found = validate_request(request({"APNSMessage": {"CollapseId": collapse_id}}))
    if broken:
        v = only(found, "apns-collapse-id-bytes")
        size = len(collapse_id.encode())
        assert f"{size} bytes" in v.message
        assert f"({len(collapse_id)} characters)" in v.message
    else:
        assert found == []


@pytest.mark.parametrize(
    ("channel", "priority", "broken"),
    [
        ("APNSMessage", "10", False),
        ("APNSMessage", "5", False),
        ("APNSMessage", "high", False),  # converted to 10
        ("APNSMessage", "normal", False),
        ("APNSMessage", "urgent", True),
        ("APNSMessage", "HIGH", True),
        ("GCMMessage", "high", False),
        ("GCMMessage", "5", False),  # converted to normal
        ("GCMMessage", "10", False),
        ("GCMMessage", "urgent", True),
        ("GCMMessage", "1", True),
    ],
)
def test_priority_value(channel: str, priority: str, broken: bool) -> None:
    found = validate_request(request({channel: {"Priority": priority}}))
    if broken:
        assert only(found, "priority-value").path == f"{CFG}.{channel}.Priority"
    else:
        assert found == []


def test_sms_message_type_enum() -> None:
    for ok in ("TRANSACTIONAL", "PROMOTIONAL"):
        assert validate_request(request({"SMSMessage": {"MessageType": ok}})) == []
    found = validate_request(request({"SMSMessage": {"MessageType": "MARKETING"}}))
    assert only(found, "sms-message-type-enum").path == f"{CFG}.SMSMessage.MessageType"


def test_apns_auth_enum() -> None:
    for ok in ("CERTIFICATE", "TOKEN"):
        cfg = {"APNSMessage": {"PreferredAuthenticationMethod": ok}}
        assert validate_request(request(cfg)) == []
    cfg = {"APNSMessage": {"PreferredAuthenticationMethod": "KEY"}}
    only(validate_request(request(cfg)), "apns-auth-enum")


def test_gcm_auth_enum() -> None:
    for ok in ("KEY", "TOKEN"):
        assert (
            validate_request(request({"GCMMessage": {"PreferredAuthenticationMethod": ok}})) == []
        )
    cfg = {"GCMMessage": {"PreferredAuthenticationMethod": "CERTIFICATE"}}
    only(validate_request(request(cfg)), "gcm-auth-enum")


@pytest.mark.parametrize("channel", ["SMSMessage", "VoiceMessage"])
def test_origination_e164(channel: str) -> None:
    good = ("+12065550100", "+1", "+" + "9" * 15)
    for number in good:
        assert validate_request(request({channel: {"OriginationNumber": number}})) == []
    for number in ("12065550100", "(206) 555-0100", "+" + "9" * 16, "+", "+0123", "+0"):
        v = only(
            validate_request(request({channel: {"OriginationNumber": number}})), "origination-e164"
        )
        assert v.severity == "warning"


@pytest.mark.parametrize("number", ["123", "12345", "123456", "1234567"])
def test_origination_short_codes(number: str) -> None:
    # SMSMessage.OriginationNumber is "one of the dedicated long or short codes"; a short code
    # "typically contains between three and seven digits" (developer guide, short codes).
    assert validate_request(request({"SMSMessage": {"OriginationNumber": number}})) == []
    # VoiceMessage.OriginationNumber is a long code: a short code is not E.164
    voice = request({"VoiceMessage": {"OriginationNumber": number}})
    assert only(validate_request(voice), "origination-e164").severity == "warning"
    for bad in ("12", "12345678", "+12 345"):
        only(
            validate_request(request({"SMSMessage": {"OriginationNumber": bad}})),
            "origination-e164",
        )


def test_in_app_template_is_for_send_messages_only() -> None:
    # AWS CLI v2 reference: "The InApp template object is not supported for SendMessages";
    # nothing is said of SendUsersMessages (issue 15: strict mode answered 400 there).
    tc = {"InAppTemplate": {"Name": "banner"}}
    assert validate_request(request({}, TemplateConfiguration=tc)) == []
    params = messages_request({}, TemplateConfiguration=tc)
    v = only(validate_request(params), "in-app-template")
    assert v.path == "MessageRequest.TemplateConfiguration.InAppTemplate"
    assert v.severity == "error"
    assert "SendMessages" in v.message


def test_template_exists_only_when_templates_are_registered() -> None:
    tc = {"SMSTemplate": {"Name": "welcome", "Version": "2"}}
    params = request({}, TemplateConfiguration=tc)
    assert validate_request(params) == []  # nothing registered: not checked
    assert validate_request(params, templates=[Template("SMSTemplate", "welcome")]) == []
    assert validate_request(params, templates=[Template("SMSTemplate", "welcome", "2")]) == []
    v = only(validate_request(params, templates=[]), "template-exists")
    assert v.path.endswith("SMSTemplate.Name")
    wrong_version = [Template("SMSTemplate", "welcome", "1")]
    v = only(validate_request(params, templates=wrong_version), "template-exists")
    assert v.path.endswith("SMSTemplate.Version")
    other_kind = [Template("EmailTemplate", "welcome")]
    only(validate_request(params, templates=other_kind), "template-exists")


# --- time to live -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "ttl", "broken"),
    [
        ("BaiduMessage", 0, False),
        ("BaiduMessage", 604_800, False),
        ("BaiduMessage", 604_801, True),
        ("GCMMessage", 2_419_200, False),
        ("GCMMessage", 2_419_201, True),
        ("APNSMessage", 10**9, False),  # no documented maximum for APNs
        ("APNSMessage", -1, True),
        ("GCMMessage", -1, True),
        ("BaiduMessage", -1, True),
    ],
)
def test_ttl_range(channel: str, ttl: int, broken: bool) -> None:
    found = validate_request(request({channel: {"TimeToLive": ttl}}))
    if broken:
        v = only(found, "ttl-range")
        assert v.path == f"{CFG}.{channel}.TimeToLive"
        assert v.actual == str(ttl)
    else:
        assert found == []


def test_adm_expires_after() -> None:
    assert validate_request(request({"ADMMessage": {"ExpiresAfter": "86400"}})) == []
    for bad in ("1h", "", "-5", "٣"):  # the last is an Arabic-Indic digit: not decimal ASCII
        only(validate_request(request({"ADMMessage": {"ExpiresAfter": bad}})), "adm-expires-after")


def test_adm_md5() -> None:
    good = base64.b64encode(bytes(16)).decode()
    assert validate_request(request({"ADMMessage": {"MD5": good}})) == []
    for bad in ("not base64!", base64.b64encode(bytes(15)).decode(), "é"):
        v = only(validate_request(request({"ADMMessage": {"MD5": bad}})), "adm-md5")
        assert v.path == f"{CFG}.ADMMessage.MD5"


# --- raw content --------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["ADMMessage", "BaiduMessage", "GCMMessage"])
@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"'])
def test_raw_content_json(channel: str, raw: str) -> None:
    v = only(validate_request(request({channel: {"RawContent": raw}})), "raw-content-json")
    assert v.path == f"{CFG}.{channel}.RawContent"


def test_raw_content_json_per_user() -> None:
    users = {"u1": {"RawContent": "nope"}}
    v = only(
        validate_request(request({"GCMMessage": {"Body": "b"}}, users=users)), "raw-content-json"
    )
    assert v.path == 'SendUsersMessageRequest.Users["u1"].RawContent'


def test_raw_content_overrides() -> None:
    cfg = {"GCMMessage": {"RawContent": "{}", "Body": "ignored"}}
    v = only(validate_request(request(cfg)), "raw-content-overrides")
    assert v.severity == "warning"
    assert "Body" in v.message
    users = {"u1": {"RawContent": "{}", "BodyOverride": "ignored"}}
    only(validate_request(request({"GCMMessage": {}}, users=users)), "raw-content-overrides")


@pytest.mark.parametrize("available", [0, 1])
def test_apns_content_available_accepted(available: int) -> None:
    aps: dict[str, Any] = {"content-available": available}
    if available == 0:
        aps["alert"] = "Hello"
    assert validate_request(request(apns_raw(aps))) == []


@pytest.mark.parametrize("available", [True, False, "1", "0", 2, -1, 1.0, None])
def test_apns_content_available_rejected(available: Any) -> None:
    v = only(
        validate_request(request(apns_raw({"content-available": available}))),
        "apns-content-available",
    )
    assert v.path == f"{CFG}.APNSMessage.RawContent.aps.content-available"


def test_apns_content_available_missing() -> None:
    only(validate_request(request(apns_raw({"alert": "Hi"}))), "apns-content-available")
    cfg = {"APNSMessage": {"RawContent": json.dumps({"data": 1})}}
    only(validate_request(request(cfg)), "apns-content-available")


@pytest.mark.parametrize("key", contract.limits.SILENT_FORBIDDEN_KEYS)
def test_apns_silent_keys(key: str) -> None:
    found = validate_request(request(apns_raw({"content-available": 1, key: "x"})))
    v = only(found, "apns-silent-keys")
    assert key in v.message


def test_apns_silent_payload_with_alert() -> None:
    aps = {"content-available": 1, "alert": {"title": "Hi"}}
    only(validate_request(request(apns_raw(aps, APNSPushType="background"))), "apns-silent-keys")


@pytest.mark.parametrize(
    ("aps", "fields", "broken"),
    [
        ({"content-available": 0, "alert": "a"}, {"SilentPush": True}, True),
        ({"content-available": 0, "alert": "a"}, {"APNSPushType": "background"}, True),
        ({"content-available": 1}, {"SilentPush": False}, True),
        ({"content-available": 1}, {"APNSPushType": "alert"}, True),
        ({"content-available": 1}, {"SilentPush": True, "APNSPushType": "background"}, False),
        ({"content-available": 0, "alert": "a"}, {"SilentPush": False}, False),
    ],
)
def test_apns_silent_consistency(aps: Any, fields: dict[str, Any], broken: bool) -> None:
    found = validate_request(request(apns_raw(aps, **fields)))
    if broken:
        assert only(found, "apns-silent-consistency").severity == "warning"
    else:
        assert found == []


def test_apns_silent_consistency_inherits_default_push() -> None:
    cfg = {
        "DefaultPushNotificationMessage": {"SilentPush": True},
        **apns_raw({"content-available": 0, "alert": "a"}),
    }
    only(validate_request(request(cfg)), "apns-silent-consistency")


def test_apns_silent_rate_is_catalogued_for_the_stub() -> None:
    # It needs several calls and a clock, so validate_request never reports it; the stub does.
    rule = contract.RULES["apns-silent-rate"]
    assert rule.severity == "warning"
    assert contract.limits.SILENT_PUSH_MAX_PER_HOUR == 3
    assert rule.limit == "<= 3 per recipient per hour"
    assert "apns-silent-rate" in contract.rules.REQUEST_ONLY_CROSS_CALL
    assert contract.check_severities({"apns-silent-rate": "error"}) == {"apns-silent-rate": "error"}


# --- email --------------------------------------------------------------------------------------


def headers(count: int) -> list[dict[str, str]]:
    return [{"Name": f"X-H{i}", "Value": "v"} for i in range(count)]


@pytest.mark.parametrize(("count", "broken"), [(0, False), (15, False), (16, True), (40, True)])
def test_email_headers_max(count: int, broken: bool) -> None:
    found = validate_request(request(email(headers(count))))
    if broken:
        v = only(found, "email-headers-max")
        assert v.path == HEADERS
        assert v.actual == str(count)
    else:
        assert found == []


@pytest.mark.parametrize(("length", "broken"), [(126, False), (127, True)])
def test_email_header_name_length(length: int, broken: bool) -> None:
    found = validate_request(request(email([{"Name": "X" * length, "Value": "v"}])))
    if broken:
        v = only(found, "email-header-name-length")
        assert v.path == f"{HEADERS}[0].Name"
        assert "127 characters" in v.message
        assert v.actual is not None
        assert v.actual.endswith("(127 chars)")
    else:
        assert found == []


@pytest.mark.parametrize(("padding", "broken"), [(846, False), (847, True)])
def test_email_header_value_counts_creation_date_as_24(padding: int, broken: bool) -> None:
    value = "{CreationDate}" + "x" * padding  # 14 raw characters that render as 24
    assert len(value) < 870
    found = validate_request(request(email([{"Name": "X-Sent", "Value": value}])))
    if broken:
        v = only(found, "email-header-value-length")
        assert v.path == f"{HEADERS}[0].Value"
        assert "renders to 871 characters" in v.message
        assert "{CreationDate} renders as 24 characters" in v.message
    else:
        assert found == []


@pytest.mark.parametrize(("length", "broken"), [(870, False), (871, True)])
def test_email_header_value_plain_length(length: int, broken: bool) -> None:
    found = validate_request(request(email([{"Name": "X", "Value": "v" * length}])))
    assert rules_of(found) == (["email-header-value-length"] if broken else [])


def test_email_header_value_renders_per_user_with_precedence() -> None:
    header = [{"Name": "List-Id", "Value": "{{Name}}"}]
    config = {
        "DefaultMessage": {"Substitutions": {"Name": ["d" * 900]}},
        **email(header, Substitutions={"Name": ["e" * 10]}),
    }
    # EmailMessage.Substitutions beats DefaultMessage.Substitutions: 10 characters
    assert validate_request(request(config, users={"short": {}})) == []
    # Users[id].Substitutions beat both: exactly 870 passes, 871 fails and names the user
    users = {
        "short": {},
        "edge": {"Substitutions": {"Name": ["u" * 870]}},
    }
    assert validate_request(request(config, users=users)) == []
    users["long"] = {"Substitutions": {"Name": ["u" * 871]}}
    v = only(validate_request(request(config, users=users)), "email-header-value-length")
    assert "renders to 871 characters for user 'long'" in v.message


def test_email_header_value_default_message_substitutions_apply() -> None:
    header = [{"Name": "List-Id", "Value": "<{{Name}}>"}]
    config = {"DefaultMessage": {"Substitutions": {"Name": ["d" * 869]}}, **email(header)}
    v = only(validate_request(request(config)), "email-header-value-length")
    assert "renders to 871 characters" in v.message


def test_email_header_value_only_counts_renderings_someone_receives() -> None:
    # every user brings its own short value: the long message-level value renders for nobody
    header = [{"Name": "List-Id", "Value": "{{Name}}"}]
    config = email(header, Substitutions={"Name": ["e" * 900]})
    users = {"a": {"Substitutions": {"Name": ["short"]}}}
    assert validate_request(request(config, users=users)) == []
    users["b"] = {}
    v = only(validate_request(request(config, users=users)), "email-header-value-length")
    assert "for user 'b'" in v.message


def test_raw_email_mime() -> None:
    mime = b"From: a@example.com\r\nSubject: Hi\r\n\r\nHello\r\n"
    for data in (mime, base64.b64encode(mime).decode()):
        assert validate_request(request({"EmailMessage": {"RawEmail": {"Data": data}}})) == []
    for bad in (b"just text", base64.b64encode(b"just text").decode(), b""):
        found = validate_request(request({"EmailMessage": {"RawEmail": {"Data": bad}}}))
        assert only(found, "raw-email-mime").path == f"{CFG}.EmailMessage.RawEmail.Data"


# --- responses ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", model.enum_of("DeliveryStatus"))
def test_current_delivery_statuses_are_valid(status: str) -> None:
    assert validate_response(response_with(DeliveryStatus=status)) == []


def test_delivery_status_enum() -> None:
    v = only(validate_response(response_with(DeliveryStatus="DELIVERED")), "delivery-status-enum")
    assert v.path.endswith('Result["testuser"]["testuserendpoint"].DeliveryStatus')


@pytest.mark.parametrize(("legacy", "now"), sorted(contract.LEGACY_DELIVERY_STATUSES.items()))
def test_delivery_status_legacy(legacy: str, now: str | None) -> None:
    v = only(validate_response(response_with(DeliveryStatus=legacy)), "delivery-status-legacy")
    assert "AWS CLI v1 command reference" in v.message  # a public document, never a seed file
    assert ".txt" not in v.message
    if now is not None:
        assert f"the current value is {now}" in v.message
    else:
        assert "no current value" in v.message


@pytest.mark.parametrize("code", ["200", 200.0, True, None])
def test_status_code_type(code: Any) -> None:
    found = validate_response(response_with(StatusCode=code))
    if code is None:
        assert rules_of(found) == ["required"]
    else:
        assert only(found, "status-code-type").path.endswith(".StatusCode")


# --- severities and reporting -------------------------------------------------------------------


def test_severity_raise_warning_to_error() -> None:
    params = request({"GCMMessage": {"Action": "URL"}})
    assert only(validate_request(params), "action-url").severity == "warning"
    raised = validate_request(params, severities={"action-url": "error"})
    assert only(raised, "action-url").severity == "error"
    with pytest.raises(AssertionError, match=r"\[action-url\]"):
        contract.assert_valid_request(params, severities={"action-url": "error"})
    contract.assert_valid_request(params)  # a warning alone does not fail


def test_severity_lower_and_off() -> None:
    params = request({"APNSMessage": {"Priority": "urgent"}})
    lowered = validate_request(params, severities={"priority-value": "warning"})
    assert only(lowered, "priority-value").severity == "warning"
    assert validate_request(params, severities={"priority-value": "off"}) == []
    data = response_with(DeliveryStatus="SUCCESS")
    assert validate_response(data, severities={"delivery-status-legacy": "off"}) == []


def test_severity_misuse_raises_value_error() -> None:
    with pytest.raises(ValueError, match="unknown contract rule 'no-such-rule'"):
        validate_request(SEED_REQUEST, severities={"no-such-rule": "off"})
    with pytest.raises(ValueError, match="must be 'error', 'warning' or 'off'"):
        validate_request(SEED_REQUEST, severities={"action-url": "fatal"})


def test_assert_valid_request_message_format() -> None:
    params = request({"APNSMessage": {"Priority": "urgent", "TimeToLive": -1}})
    with pytest.raises(AssertionError) as info:
        contract.assert_valid_request(params)
    text = str(info.value)
    assert text.startswith("send_users_messages request breaks 2 documented rule(s):\n")
    assert f"  {CFG}.APNSMessage.Priority: APNs Priority 'urgent' is not one of" in text
    assert text.splitlines()[1].endswith("[priority-value]")
    assert f"  {CFG}.APNSMessage.TimeToLive: must be >= 0 seconds, got -1 [ttl-range]" in text
    contract.assert_valid_request(SEED_REQUEST)


def test_assert_valid_response() -> None:
    with pytest.raises(AssertionError, match=r"DeliveryStatus: 'BOGUS' .*\[delivery-status-enum\]"):
        contract.assert_valid_response(response_with(DeliveryStatus="BOGUS"))
    contract.assert_valid_response(SEED_RESPONSE)


def test_violation_fields() -> None:
    name = "N" * 300
    v = only(
        validate_request(request(email([{"Name": name, "Value": "v"}]))), "email-header-name-length"
    )
    assert v.rule == "email-header-name-length"
    assert v.path == f"{HEADERS}[0].Name"
    assert v.message == "has 300 characters; at most 126 are allowed"
    assert v.severity == "error"
    assert v.limit == "<= 126 characters"
    assert v.actual is not None
    assert len(v.actual) <= 80 + len(" (300 chars)")
    assert v.actual.startswith("'NNN")
    assert v.actual.endswith("... (300 chars)")
    assert str(v) == f"{v.path}: {v.message} [{v.rule}]"
    assert v.to_dict() == {
        "rule": v.rule,
        "path": v.path,
        "message": v.message,
        "severity": "error",
        "limit": v.limit,
        "actual": v.actual,
    }


def test_every_rule_has_source_and_is_listed() -> None:
    table = contract.rules_table()
    for rule in contract.RULES.values():
        assert rule.source
        assert rule.severity in ("error", "warning")
        assert rule.id in table


# --- the fixture corpus -------------------------------------------------------------------------

INVALID = sorted(
    p for p in (FIXTURES / "invalid").glob("*.json") if not p.name.endswith(".templates.json")
)
VALID = sorted((FIXTURES / "valid").glob("*.json"))
NOT_IN_CORPUS = {  # covered by the stub's tests
    "apns-silent-rate",  # needs several calls
    "template-unknown",  # judged from the templates a stub holds
}
# other services' rules (SES v2's ses-*): their own tests (tests/test_sesv2_contract.py)
NOT_IN_CORPUS |= {
    r.id for r in contract.RULES.values() if not set(r.operations) & set(contract.limits.OPERATIONS)
}


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def check_file(path: Path) -> list[Violation]:
    data = load(path)
    if "SendUsersMessageResponse" in data or "MessageResponse" in data:
        return validate_response(data)
    sidecar = path.with_name(f"{path.stem}.templates.json")
    templates = None
    if sidecar.exists():
        templates = [Template(t["kind"], t["name"], t["version"]) for t in load(sidecar)]
    return validate_request(data, templates=templates)


def test_corpus_covers_both_operations() -> None:
    ops = {contract.request_operation(load(p)) for p in VALID_REQUESTS}
    assert ops == set(contract.limits.OPERATIONS)
    responses = [load(p) for p in VALID if p not in VALID_REQUESTS]
    assert {contract.response_operation(r) for r in responses} == {"SendMessages"}


def test_invalid_corpus_covers_every_rule() -> None:
    assert {p.stem for p in INVALID} == set(contract.RULES) - NOT_IN_CORPUS


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_corpus_breaks_exactly_its_rule(path: Path) -> None:
    found = check_file(path)
    assert rules_of(found) == [path.stem], [str(v) for v in found]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_corpus_has_no_violation(path: Path) -> None:
    assert check_file(path) == []


VALID_REQUESTS = [p for p in VALID if "Response" not in next(iter(load(p)))]


def body_of(params: dict[str, Any]) -> dict[str, Any]:
    body = params.get("SendUsersMessageRequest") or params["MessageRequest"]
    assert isinstance(body, dict)
    return body


@pytest.mark.parametrize("path", VALID_REQUESTS, ids=lambda p: p.stem)
def test_botocore_accepts_valid_corpus(path: Path) -> None:
    from botocore.validate import ParamValidator

    params = load(path)
    raw = body_of(params)["MessageConfiguration"].get("EmailMessage", {})
    if "RawEmail" in raw:  # the JSON carries the wire form; boto3 takes bytes
        raw["RawEmail"]["Data"] = base64.b64decode(raw["RawEmail"]["Data"])
    operation = contract.request_operation(params)
    report = ParamValidator().validate(params, model.operation(operation).input_shape)
    assert not report.has_errors(), report.generate_report()
    assert check_file(path) == []


def test_valid_corpus_covers_every_channel() -> None:
    configs = [body_of(load(p))["MessageConfiguration"] for p in VALID_REQUESTS]
    used = {channel for cfg in configs for channel in cfg}
    assert used == set(model.channel_messages())
    tcs = [body_of(load(p)).get("TemplateConfiguration", {}) for p in VALID_REQUESTS]
    assert {"EmailTemplate", "PushTemplate", "SMSTemplate", "VoiceTemplate"} <= {
        kind for tc in tcs for kind in tc
    }


def test_seed_fixtures() -> None:
    body = load(FIXTURES / "seed" / "myfile.json")
    assert body == SEED_REQUEST["SendUsersMessageRequest"]
    assert load(FIXTURES / "seed" / "request.json") == SEED_REQUEST
    assert load(FIXTURES / "seed" / "response.json") == SEED_RESPONSE


@pytest.mark.parametrize("doc", ["docs/contract.md", "fixtures/README.md"])
def test_docs_name_every_rule(doc: str) -> None:
    text = (FIXTURES.parent / doc).read_text(encoding="utf-8")
    missing = [rule for rule in contract.RULES if f"`{rule}" not in text]
    assert missing == []


# --- issue 15: the audit's findings (each failed before the fix) ---------------------------------


def test_action_url_default_url_serves_a_channel_whose_action_is_url() -> None:
    cfg = {
        "DefaultPushNotificationMessage": {"Url": "https://example.com/o/1"},
        "GCMMessage": {"Action": "URL", "Body": "b"},
    }
    assert validate_request(request(cfg)) == []
    # ...but a default Url that no channel uses is still reported, once
    unused = {"DefaultPushNotificationMessage": {"Url": "https://x"}, "GCMMessage": {"Body": "b"}}
    v = only(validate_request(request(unused)), "action-url")
    assert v.path == f"{CFG}.DefaultPushNotificationMessage.Url"


@pytest.mark.parametrize("apns_member", ["APNSMessage", "DefaultPushNotificationMessage"])
def test_apns_payload_rules_apply_to_a_users_raw_content(apns_member: str) -> None:
    config = {apns_member: {"Body": "b"}}
    users = {"u1": {"RawContent": json.dumps({"aps": {"alert": "hi"}})}}
    v = only(validate_request(request(config, users=users)), "apns-content-available")
    assert v.path == 'SendUsersMessageRequest.Users["u1"].RawContent.aps'
    users = {"u1": {"RawContent": json.dumps({"aps": {"content-available": 1, "alert": "a"}})}}
    found = validate_request(request(config, users=users))
    assert (
        only(found, "apns-silent-keys").path == 'SendUsersMessageRequest.Users["u1"].RawContent.aps'
    )
    good = {"u1": {"RawContent": json.dumps({"aps": {"content-available": 0, "alert": "a"}})}}
    assert validate_request(request(config, users=good)) == []


def test_apns_silent_consistency_for_a_users_raw_content() -> None:
    config = {"APNSMessage": {"SilentPush": True}}
    users = {"u1": {"RawContent": json.dumps({"aps": {"content-available": 0, "alert": "a"}})}}
    v = only(validate_request(request(config, users=users)), "apns-silent-consistency")
    assert v.path == 'SendUsersMessageRequest.Users["u1"].RawContent'


def test_users_raw_content_without_apns_content_is_only_json() -> None:
    users = {"u1": {"RawContent": json.dumps({"data": {"k": "v"}})}}
    assert validate_request(request({"GCMMessage": {"Body": "b"}}, users=users)) == []


def test_type_rule_can_be_turned_off_for_a_non_object_request() -> None:
    assert validate_request([], severities={"type": "off"}) == []
    assert validate_response([], severities={"type": "off"}) == []


# --- substitution-missing -----------------------------------------------------------------------


def test_substitution_missing_names_the_variable_and_the_path() -> None:
    v = only(
        validate_request(request({"SMSMessage": {"Body": "Hi {{name}}"}})), "substitution-missing"
    )
    assert v.severity == "warning"
    assert v.path == f"{CFG}.SMSMessage.Body"
    assert "{{name}}" in v.message
    assert "user 'u1'" in v.message
    assert v.actual == "'name'"


@pytest.mark.parametrize(
    ("config", "users"),
    [
        ({"SMSMessage": {"Body": "Hi {{name}}", "Substitutions": {"name": ["A"]}}}, None),
        (
            {
                "DefaultMessage": {"Substitutions": {"name": ["A"]}},
                "SMSMessage": {"Body": "{{name}}"},
            },
            None,
        ),
        ({"SMSMessage": {"Body": "Hi {{ name }}"}}, {"u1": {"Substitutions": {"name": ["A"]}}}),
        ({"SMSMessage": {"Body": "Hi {{name}}"}}, {"u1": {"BodyOverride": "Hi"}}),
        ({"GCMMessage": {"Body": "{{name}}", "RawContent": "{}"}}, None),
        ({"SMSMessage": {"Body": "Hi {{User.UserAttributes.FirstName}}"}}, None),
    ],
    ids=["channel", "default-message", "user", "body-override", "raw-content", "attribute"],
)
def test_substitution_found_at_some_level(config: dict[str, Any], users: Any) -> None:
    found = [
        v
        for v in validate_request(request(config, users=users))
        if v.rule == "substitution-missing"
    ]
    assert found == []


def test_substitution_missing_for_some_users_only() -> None:
    users = {"a": {"Substitutions": {"name": ["A"]}}, "b": {}, "c": {"Substitutions": {"x": ["1"]}}}
    v = only(
        validate_request(request({"SMSMessage": {"Body": "{{name}}"}}, users=users)),
        "substitution-missing",
    )
    assert "users 'b', 'c'" in v.message


def test_substitution_missing_in_title_subject_header_and_override() -> None:
    config = email([{"Name": "X-Id", "Value": "{{Ref}}"}])
    config["EmailMessage"]["SimpleEmail"]["Subject"] = {"Data": "About {{Topic}}"}
    users = {"u1": {"TitleOverride": "{{Title}}"}}
    found = validate_request(request({**config, "GCMMessage": {"Title": "{{Push}}"}}, users=users))
    paths = {v.path for v in found if v.rule == "substitution-missing"}
    assert paths == {
        f"{HEADERS}[0].Value",
        'SendUsersMessageRequest.Users["u1"].TitleOverride',
    }  # the user's TitleOverride replaces the subject and the push title for them


def test_known_variables_are_not_flagged() -> None:
    params = request({"SMSMessage": {"Body": "Hi {{name}}, {{User.UserAttributes.City}}"}})
    known = frozenset({"name", "User.UserAttributes.City"})
    assert validate_request(params, variables=known) == []
    only(validate_request(params, variables=frozenset({"name"})), "substitution-missing")
    v = only(validate_request(params), "substitution-missing")  # dotted: not judged
    assert "{{name}}" in v.message


def test_unresolved_header_variables_render_empty_in_both_rules() -> None:
    value = "{{Missing}}" * 80  # 880 raw characters that render as ""
    found = validate_request(request(email([{"Name": "X-Long", "Value": value}])))
    v = only(found, "substitution-missing")
    assert v.path == f"{HEADERS}[0].Value"
    # given a value, the rendered length counts and the header is too long
    subs = {"Substitutions": {"Missing": ["x" * 11]}}
    found = validate_request(request(email([{"Name": "X-Long", "Value": value}], **subs)))
    assert "renders to 880 characters" in only(found, "email-header-value-length").message
