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


def test_default_message_reaches_push_channels_after_the_push_default() -> None:
    cfg = config(DefaultMessage={"Body": "plain {{v}}", "Substitutions": {"v": ["d"]}})
    assert has_content("GCM", cfg)
    assert render_endpoint("APNS", cfg, None, STAMP).body == "plain d"
    cfg["DefaultPushNotificationMessage"] = {"Body": "push {{v}}", "Substitutions": {"v": ["p"]}}
    assert render_endpoint("GCM", cfg, None, STAMP).body == "push p"
    assert render_endpoint("SMS", cfg, None, STAMP).body == "plain d"


def test_default_priority_is_documented_for_apns_only() -> None:
    cfg = config(APNSMessage={"Body": "b"}, GCMMessage={"Body": "b"})
    assert render_endpoint("APNS_VOIP", cfg, None, STAMP).priority == "10"
    assert render_endpoint("GCM", cfg, None, STAMP).priority is None
    assert render_endpoint("SMS", config(SMSMessage={"Body": "b"}), None, STAMP).priority is None


def test_push_data_is_rendered_from_the_channel_or_the_push_default() -> None:
    cfg = config(DefaultPushNotificationMessage={"Body": "b", "Data": {"k": "d"}})
    assert render_endpoint("GCM", cfg, None, STAMP).data == {"k": "d"}
    cfg["GCMMessage"] = {"Data": {"k": "own"}}
    assert render_endpoint("GCM", cfg, None, STAMP).data == {"k": "own"}
    assert render_endpoint("SMS", config(SMSMessage={"Body": "b"}), None, STAMP).data is None


def test_endpoint_variables_are_dotted_and_below_substitutions() -> None:
    endpoint = {
        "Address": "+1",
        "Attributes": {"City": ["Oslo", "Bergen"]},
        "User": {"UserId": "u1", "UserAttributes": {"Name": ["Ann"]}},
        "Location": {"Country": "NO"},
    }
    found = render.endpoint_variables(endpoint, "e1")
    assert found["Attributes.City"] == ["Oslo", "Bergen"]
    assert found["User.UserAttributes.Name"] == ["Ann"]
    assert (found["Id"], found["Address"], found["Location.Country"]) == (["e1"], ["+1"], ["NO"])
    cfg = config(SMSMessage={"Body": "{{Attributes.City}} {{User.UserAttributes.Name}}"})
    user = {"Substitutions": {"Attributes.City": ["Trondheim"]}}
    out = render_endpoint("SMS", cfg, user, STAMP, variables=found)
    assert out.body == "Trondheim Ann"
    assert "User.UserAttributes.Name" not in out.substitutions


def test_template_content_and_its_default_substitutions() -> None:
    sms = {"Body": "{{A}} {{B}}", "DefaultSubstitutions": json.dumps({"A": "ta", "B": "tb"})}
    cfg = config(DefaultMessage={"Substitutions": {"B": ["request"]}})
    assert render_endpoint("SMS", cfg, None, STAMP, template=sms).body == "ta request"
    cfg = config(SMSMessage={"Body": "own"})
    assert render_endpoint("SMS", cfg, None, STAMP, template=sms).body == "own"
    email = {"Subject": "S {{A}}", "TextPart": "T", "DefaultSubstitutions": '{"A": "a"}'}
    out = render_endpoint("EMAIL", {}, None, STAMP, template=email)
    assert (out.title, out.body) == ("S a", "T")
    push = {"Default": {"Body": "d", "Title": "t"}, "APNS": {"Body": "apns"}}
    assert render_endpoint("APNS", {}, None, STAMP, template=push).body == "apns"
    assert render_endpoint("APNS", {}, None, STAMP, template=push).title == "t"
    assert render_endpoint("GCM", {}, None, STAMP, template=push).body == "d"
    assert render.template_message("SMS", {"DefaultSubstitutions": "not json"})[1] == {}


def test_endpoint_variables_walk_only_the_named_fields() -> None:
    endpoint = {
        "Address": "+1",
        "Attributes": {"City": ["Oslo"], "a.b": ["dotted"]},
        "User": {"UserAttributes": {"Name": ["Ann"], "Age": [3]}},
    }
    full = render.endpoint_variables(endpoint, "e1")
    names = ["User.UserAttributes.Name", "Attributes.a.b", "Missing.X"]
    only = render.endpoint_variables(endpoint, "e1", render.variable_prefixes(names))
    assert {k: v for k, v in only.items() if k != "Id"} == {n: full[n] for n in names if n in full}


def test_a_channel_plan_renders_each_recipient_with_its_own_values() -> None:
    cfg = config(
        DefaultMessage={"Body": "d {{Name}}", "Substitutions": {"Name": ["base"]}},
        SMSMessage={"Body": "hi {{Name}} {{Attributes.City}} {CreationDate}"},
    )
    plan = render.ChannelPlan("SMS", cfg, None)
    endpoint = {"Attributes": {"City": ["Oslo"]}}
    expected = {  # message value < the user's own; a BodyOverride replaces the body
        None: f"hi base Oslo {STAMP}",
        "subs": f"hi Ann Oslo {STAMP}",
        "override": "o base",
    }
    users = {
        None: None,
        "subs": {"Substitutions": {"Name": ["Ann"]}},
        "override": {"BodyOverride": "o {{Name}}"},
    }
    for key, user in users.items():
        got = plan.render(user, STAMP, lambda only: render.endpoint_variables(endpoint, "e1", only))
        assert got.body == expected[key]
