"""Rendering rules of CONTRACT.md "Rendering" (seed 000_55cfda106dd42147.txt)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from pytest_pinpoint import model, render
from pytest_pinpoint.render import (
    CREATION_DATE_LENGTH,
    format_creation_date,
    has_content,
    merge_substitutions,
    pick_channel,
    render_endpoint,
    render_text,
    rendered_length,
)

STAMP = "2026-01-02T03:04:05.678Z"


def test_creation_date_is_24_characters() -> None:
    when = dt.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=dt.timezone.utc)
    assert format_creation_date(when) == STAMP
    assert len(STAMP) == CREATION_DATE_LENGTH == 24
    other_zone = when.astimezone(dt.timezone(dt.timedelta(hours=5)))
    assert format_creation_date(other_zone) == STAMP


def test_variables_render_first_value_and_missing_is_empty() -> None:
    subs = {"name": ["Ann", "Bob"], "empty": []}
    assert render_text("Hi {{name}}{{empty}}{{ missing }}!", subs) == "Hi Ann!"
    assert render_text("at {CreationDate}", {}, STAMP) == f"at {STAMP}"
    assert rendered_length("{CreationDate}{{name}}", subs) == 24 + 3


def test_substitutions_merge_default_channel_user() -> None:
    merged = merge_substitutions(
        {"a": ["default"], "b": ["default"], "c": ["default"]},
        {"b": ["channel"], "c": ["channel"]},
        {"c": ["user"]},
        "not a map",
    )
    assert merged == {"a": ["default"], "b": ["channel"], "c": ["user"]}


def config(**members: Any) -> dict[str, Any]:
    return dict(members)


def test_channel_message_overrides_default_message() -> None:
    cfg = config(
        DefaultMessage={"Body": "default {{v}}", "Substitutions": {"v": ["d"], "w": ["d"]}},
        SMSMessage={"Body": "sms {{v}} {{w}}", "Substitutions": {"v": ["s"]}},
    )
    assert render_endpoint("SMS", cfg, None, STAMP).body == "sms s d"
    # email has no channel message here: DefaultMessage applies
    assert render_endpoint("EMAIL", cfg, None, STAMP).body == "default d"


def test_channel_message_overrides_default_push_field_by_field() -> None:
    cfg = config(
        DefaultPushNotificationMessage={"Body": "push body", "Title": "push title"},
        GCMMessage={"Title": "gcm title", "Priority": "10"},
    )
    gcm = render_endpoint("GCM", cfg, None, STAMP)
    assert (gcm.body, gcm.title, gcm.priority) == ("push body", "gcm title", "high")
    adm = render_endpoint("ADM", cfg, None, STAMP)
    assert (adm.body, adm.title) == ("push body", "push title")


def test_user_overrides_and_user_substitutions_win() -> None:
    cfg = config(SMSMessage={"Body": "hi {{n}}", "Substitutions": {"n": ["channel"]}})
    user = {"BodyOverride": "yo {{n}} {CreationDate}", "Substitutions": {"n": ["user"]}}
    out = render_endpoint("SMS", cfg, user, STAMP)
    assert out.body == f"yo user {STAMP}"
    assert out.substitutions == {"n": ["user"]}
    push = config(APNSMessage={"Body": "b", "Title": "t"})
    out = render_endpoint("APNS", push, {"TitleOverride": "T2"}, STAMP)
    assert (out.body, out.title) == ("b", "T2")


def test_raw_content_overrides_everything() -> None:
    raw = json.dumps({"aps": {"alert": "raw", "content-available": 0}})
    cfg = config(APNSMessage={"Body": "b", "Title": "t", "RawContent": raw})
    out = render_endpoint("APNS", cfg, None, STAMP)
    assert (out.body, out.title, out.raw_content) == (None, None, raw)
    user_raw = json.dumps({"data": {"k": "v"}})
    out = render_endpoint("GCM", config(GCMMessage={"Body": "b"}), {"RawContent": user_raw}, STAMP)
    assert (out.body, out.raw_content) == (None, user_raw)


@pytest.mark.parametrize(
    ("apns", "default_push", "expected"),
    [
        ({"Body": "b"}, None, "alert"),
        ({"SilentPush": True}, None, "background"),
        ({}, {"SilentPush": True}, "background"),
        ({"RawContent": '{"aps": {"content-available": 1}}'}, None, "background"),
        ({"RawContent": '{"aps": {"content-available": 0, "alert": "x"}}'}, None, "alert"),
        ({"APNSPushType": "voip", "SilentPush": True}, None, "voip"),
    ],
)
def test_apns_push_type(
    apns: dict[str, Any], default_push: dict[str, Any] | None, expected: str
) -> None:
    cfg: dict[str, Any] = {"APNSMessage": apns}
    if default_push is not None:
        cfg["DefaultPushNotificationMessage"] = default_push
    assert render_endpoint("APNS_SANDBOX", cfg, None, STAMP).push_type == expected
    assert render_endpoint("GCM", cfg, None, STAMP).push_type is None


@pytest.mark.parametrize(
    ("channel", "given", "delivered"),
    [
        ("APNS", "normal", "5"),
        ("APNS", "10", "10"),
        ("GCM", "5", "normal"),
        ("GCM", "high", "high"),
    ],
)
def test_priority_in_the_channels_own_vocabulary(channel: str, given: str, delivered: str) -> None:
    member = "APNSMessage" if channel == "APNS" else "GCMMessage"
    cfg = {member: {"Body": "b", "Priority": given}}
    assert render_endpoint(channel, cfg, None, STAMP).priority == delivered


def test_email_body_and_subject() -> None:
    cfg = config(
        EmailMessage={
            "SimpleEmail": {
                "Subject": {"Data": "Hello {{n}}"},
                "HtmlPart": {"Data": "<p>html</p>"},
                "TextPart": {"Data": "text {{n}}"},
            },
            "Substitutions": {"n": ["Ann"]},
        }
    )
    out = render_endpoint("EMAIL", cfg, None, STAMP)
    assert (out.title, out.body) == ("Hello Ann", "text Ann")


def test_channel_pick_and_content() -> None:
    assert pick_channel({"SMSMessage": {}}) == "SMS"
    assert pick_channel({"EmailMessage": {}, "APNSMessage": {}}) == "EMAIL"
    assert pick_channel({"DefaultPushNotificationMessage": {}}) == "GCM"
    assert pick_channel({}, {"VoiceTemplate": {"Name": "t"}}) == "VOICE"
    assert pick_channel({}) == "SMS"
    assert has_content("APNS_VOIP", {"DefaultPushNotificationMessage": {}})
    assert not has_content("SMS", {"DefaultPushNotificationMessage": {}})
    assert has_content("GCM", {}, {"PushTemplate": {"Name": "p"}})
    assert not has_content("CUSTOM", {"DefaultMessage": {}})
    assert set(render.CHANNEL_MESSAGE) | {"CUSTOM", "IN_APP"} == set(model.enum_of("ChannelType"))
