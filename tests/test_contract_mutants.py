"""The gaps mutation testing of ``contract/`` found (issue 26, item 8): each test here fails when
one documented value, vocabulary entry or loop of the contract is dropped.

The vocabularies are written out from the documents (AWS CLI v2 reference, send-users-messages)
rather than read from ``contract.limits``, so that a value missing there is a failure here.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from pytest_pinpoint.contract import Violation, validate_request, validate_response

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
CFG = "SendUsersMessageRequest.MessageConfiguration"
SILENT_OFF = json.dumps({"aps": {"alert": "hi", "content-available": 0}})
TOKEN = "a" * 64  # an APNs device token's shape


def request(config: dict[str, Any], users: Any = None) -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "SendUsersMessageRequest": {
            "MessageConfiguration": config,
            "Users": {"u1": {}} if users is None else users,
        },
    }


def addresses_request(config: dict[str, Any], addresses: dict[str, Any]) -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "MessageRequest": {"MessageConfiguration": config, "Addresses": addresses},
    }


def of(violations: list[Violation], rule: str) -> list[Violation]:
    return [v for v in violations if v.rule == rule]


# --- vocabularies ------------------------------------------------------------------------------

# 000: APNSMessage.APNSPushType "Valid values are: alert, background, complication, fileprovider,
# mdm, voip" (the six the page lists)
DOCUMENTED_PUSH_TYPES = ["alert", "background", "complication", "fileprovider", "mdm", "voip"]


@pytest.mark.parametrize("push_type", DOCUMENTED_PUSH_TYPES)
def test_every_documented_apns_push_type_is_accepted(push_type: str) -> None:
    config = {"APNSMessage": {"Body": "b", "APNSPushType": push_type}}
    assert of(validate_request(request(config)), "apns-push-type-enum") == []


def test_an_undocumented_push_type_is_reported_with_its_path_and_value() -> None:
    config = {"APNSMessage": {"Body": "b", "APNSPushType": "Alert"}}
    (v,) = of(validate_request(request(config)), "apns-push-type-enum")
    assert (v.path, v.actual) == (f"{CFG}.APNSMessage.APNSPushType", "'Alert'")


# 000: RawContent "overrides all other content": the content members of each channel message.
# (channel message, member, a value of the member's type)
OVERRIDDEN = [
    ("APNSMessage", "Body", "b"),
    ("APNSMessage", "Title", "t"),
    ("APNSMessage", "Action", "OPEN_APP"),
    ("APNSMessage", "Url", "https://example.com"),
    ("APNSMessage", "Badge", 1),
    ("APNSMessage", "Sound", "default"),
    ("APNSMessage", "Category", "c"),
    ("APNSMessage", "ThreadId", "t1"),
    ("APNSMessage", "MediaUrl", "https://example.com/m.png"),
    ("GCMMessage", "ImageUrl", "https://example.com/i.png"),
    ("GCMMessage", "ImageIconUrl", "https://example.com/i.png"),
    ("GCMMessage", "SmallImageIconUrl", "https://example.com/s.png"),
    ("GCMMessage", "IconReference", "ic"),
]


@pytest.mark.parametrize(("channel", "member", "value"), OVERRIDDEN)
def test_each_member_beside_raw_content_is_named_as_overridden(
    channel: str, member: str, value: Any
) -> None:
    config = {channel: {"RawContent": SILENT_OFF, member: value}}
    (v,) = of(validate_request(request(config)), "raw-content-overrides")
    assert v.path == f"{CFG}.{channel}.RawContent"
    assert member in v.message


@pytest.mark.parametrize("member", ["BodyOverride", "TitleOverride"])
def test_a_recipients_override_beside_its_raw_content_is_named(member: str) -> None:
    users = {"u1": {"RawContent": json.dumps({"data": {}}), member: "x"}}
    (v,) = of(
        validate_request(request({"GCMMessage": {"Body": "b"}}, users)), "raw-content-overrides"
    )
    assert v.path == 'SendUsersMessageRequest.Users["u1"].RawContent'
    assert member in v.message


@pytest.mark.parametrize("channel", ["APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX"])
def test_every_apns_channel_type_gets_the_apns_payload_rules(channel: str) -> None:
    addresses = {TOKEN: {"ChannelType": channel, "RawContent": json.dumps({"aps": {}})}}
    found = validate_request(addresses_request({"APNSMessage": {"Body": "b"}}, addresses))
    (v,) = of(found, "apns-content-available")
    assert v.path == f'MessageRequest.Addresses["{TOKEN}"].RawContent.aps'


def test_a_gcm_address_raw_content_is_not_held_to_the_apns_rules() -> None:
    addresses = {TOKEN: {"ChannelType": "GCM", "RawContent": json.dumps({"aps": {}})}}
    found = validate_request(addresses_request({"APNSMessage": {"Body": "b"}}, addresses))
    assert of(found, "apns-content-available") == []


# --- the default push message's Action and Url -------------------------------------------------

DEFAULT_PUSH = f"{CFG}.DefaultPushNotificationMessage"


def test_a_default_push_action_url_without_a_url_is_reported_on_the_default() -> None:
    config = {"DefaultPushNotificationMessage": {"Body": "b", "Action": "URL"}}
    (v,) = of(validate_request(request(config)), "action-url")
    assert v.path == f"{DEFAULT_PUSH}.Action"


def test_a_channel_inherits_the_default_action_and_url() -> None:
    config = {
        "DefaultPushNotificationMessage": {"Action": "URL", "Url": "https://example.com"},
        "GCMMessage": {"Body": "b"},
    }
    assert of(validate_request(request(config)), "action-url") == []


def test_a_channel_inheriting_action_url_with_no_url_anywhere_is_reported_on_both() -> None:
    config = {"DefaultPushNotificationMessage": {"Action": "URL"}, "GCMMessage": {"Body": "b"}}
    paths = sorted(v.path for v in of(validate_request(request(config)), "action-url"))
    assert paths == [f"{CFG}.DefaultPushNotificationMessage.Action", f"{CFG}.GCMMessage.Action"]


def test_a_channel_url_under_an_inherited_deep_link_is_reported_as_ignored() -> None:
    config = {
        "DefaultPushNotificationMessage": {"Action": "DEEP_LINK"},
        "GCMMessage": {"Body": "b", "Url": "https://example.com"},
    }
    (v,) = of(validate_request(request(config)), "action-url")
    assert (v.path, v.actual) == (f"{CFG}.GCMMessage.Url", "'https://example.com'")
    assert "DEEP_LINK" in v.message


# --- every recipient is checked, not only the first ------------------------------------------


def test_a_later_recipients_raw_content_is_still_checked() -> None:
    users = {"u1": {}, "u2": {"RawContent": "not json"}}
    (v,) = of(validate_request(request({"GCMMessage": {"Body": "b"}}, users)), "raw-content-json")
    assert v.path == 'SendUsersMessageRequest.Users["u2"].RawContent'


def email(value: str, **message: Any) -> dict[str, Any]:
    simple = {
        "Subject": {"Data": "s"},
        "TextPart": {"Data": "t"},
        "Headers": [{"Name": "X-Note", "Value": value}],
    }
    return {"EmailMessage": {"SimpleEmail": simple, **message}}


def test_a_later_email_recipients_header_is_still_measured() -> None:
    config = email("{{Long}}")
    addresses = {
        "+12065550100": {"ChannelType": "SMS"},
        "ada@example.com": {"ChannelType": "EMAIL", "Substitutions": {"Long": ["x" * 871]}},
    }
    (v,) = of(validate_request(addresses_request(config, addresses)), "email-header-value-length")
    assert v.path.endswith("SimpleEmail.Headers[0].Value")
    assert "871" in v.message
    assert "ada@example.com" in v.message


def test_a_header_after_a_malformed_one_is_still_measured() -> None:
    config = email("v")
    config["EmailMessage"]["SimpleEmail"]["Headers"].insert(0, "not a header")
    config["EmailMessage"]["SimpleEmail"]["Headers"][1]["Value"] = "x" * 871
    (v,) = of(validate_request(request(config)), "email-header-value-length")
    assert v.path == f"{CFG}.EmailMessage.SimpleEmail.Headers[1].Value"
    assert v.actual is not None
    assert v.actual.endswith("(871 chars)")


def test_the_870_limit_counts_message_and_recipient_variables_together() -> None:
    config = email("{{A}}{{B}}", Substitutions={"A": ["a" * 500]})
    users = {"u1": {"Substitutions": {"B": ["b" * 400]}}}
    (v,) = of(validate_request(request(config, users)), "email-header-value-length")
    assert "900" in v.message


def test_the_870_limit_counts_default_and_email_variables_together() -> None:
    config = email("{{A}}{{B}}", Substitutions={"B": ["b" * 400]})
    config["DefaultMessage"] = {"Substitutions": {"A": ["a" * 500]}}
    (v,) = of(validate_request(request(config)), "email-header-value-length")
    assert "900" in v.message


# --- numbers at their documented bounds, and the legacy vocabulary -----------------------------


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("+1" + "2" * 14, True),  # 15 digits: E.164's maximum
        ("+1" + "2" * 15, False),  # 16 digits
        ("123", True),  # a short code: 3 to 7 digits (user guide, short codes)
        ("1234567", True),
        ("12", False),
        ("12345678", False),
    ],
)
def test_origination_numbers_at_their_bounds(number: str, ok: bool) -> None:
    config = {"SMSMessage": {"Body": "b", "OriginationNumber": number}}
    found = of(validate_request(request(config)), "origination-e164")
    assert (found == []) is ok


# 001 (AWS CLI v1 reference, DeliveryStatus): the statuses of earlier releases
LEGACY = [
    "SUCCESS",
    "TRANSIENT_FAILURE",
    "FAILURE_PERMANENT",
    "UNKNOWN",
    "TIMEOUT",
    "QUIET_TIME",
    "DAILY_CAP",
    "HOLDOUT",
    "EXPIRED",
    "CAMPAIGN_CAP",
    "SERVICE_FAILURE",
]


@pytest.mark.parametrize("status", LEGACY)
def test_every_legacy_delivery_status_is_named_legacy(status: str) -> None:
    result = {"DeliveryStatus": status, "StatusCode": 200, "MessageId": "m"}
    response = {
        "SendUsersMessageResponse": {
            "ApplicationId": APP_ID,
            "RequestId": "r",
            "Result": {"u1": {"e1": result}},
        }
    }
    (v,) = of(validate_response(response), "delivery-status-legacy")
    assert v.path.endswith('["e1"].DeliveryStatus')
