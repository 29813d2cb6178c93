"""The SMS v2 send contract: each documented limit at its boundary, through boto3."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from test_sms_v2_sends import TO, client

from pytest_pinpoint import PinpointStub
from pytest_pinpoint.contract.sms_v2.check import check_send
from pytest_pinpoint.contract.sms_v2.rules import RULES

BASE = {"DestinationPhoneNumber": TO, "MessageBody": "hi"}
VOICE = {"DestinationPhoneNumber": TO, "OriginationIdentity": "+12065550199", "MessageBody": "hi"}
MEDIA = {**VOICE, "MediaUrls": ["s3://bucket/cat.png"]}


def send(operation: str, **params: Any) -> dict[str, Any]:
    return dict(getattr(client(), operation)(**params))


def rejected(operation: str, params: dict[str, Any]) -> dict[str, Any]:
    """The ValidationException (or other error) a strict stub answers ``params`` with."""
    stub = PinpointStub().start()
    try:
        with pytest.raises(ClientError) as exc:
            send(operation, **params)
    finally:
        stub.stop()
    assert stub.problems()  # strict: the test would fail at teardown even if the app swallowed it
    return dict(exc.value.response)


def accepted(operation: str, params: dict[str, Any]) -> None:
    with PinpointStub() as stub:
        assert send(operation, **params)["MessageId"]
    assert [v for v in stub.violations if v.severity == "error"] == []


def rules_of(response: dict[str, Any]) -> set[str]:
    return {f["Message"].rsplit("[", 1)[1].rstrip("]") for f in response.get("Fields", [])}


# (operation, rule, at the limit, one past)
BOUNDARIES: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
    ("send_text_message", "sms-v2-body", {"MessageBody": "a" * 1600}, {"MessageBody": "a" * 1601}),
    ("send_text_message", "sms-v2-body", {"MessageBody": " a "}, {"MessageBody": " \n\t "}),
    ("send_voice_message", "sms-v2-body", {"MessageBody": "a" * 6000}, {"MessageBody": "a" * 6001}),
    ("send_media_message", "sms-v2-body", {"MessageBody": "a" * 1600}, {"MessageBody": "a" * 1601}),
    ("send_text_message", "sms-v2-time-to-live", {"TimeToLive": 259200}, {"TimeToLive": 259201}),
    ("send_voice_message", "sms-v2-time-to-live", {"TimeToLive": 5}, {"TimeToLive": 259201}),
    ("send_text_message", "sms-v2-context",
     {"Context": {str(i): "v" for i in range(5)}}, {"Context": {str(i): "v" for i in range(6)}}),
    ("send_text_message", "sms-v2-context", {"Context": {"k" * 100: "v"}},
     {"Context": {"k" * 101: "v"}}),
    ("send_text_message", "sms-v2-context", {"Context": {"k": "v" * 800}},
     {"Context": {"k": "v" * 801}}),
    ("send_text_message", "sms-v2-context", {"Context": {"k": "a b"}}, {"Context": {"k": " ab"}}),
    ("send_text_message", "sms-v2-max-price", {"MaxPrice": "99.12345"}, {"MaxPrice": "99.123456"}),
    ("send_text_message", "sms-v2-max-price", {"MaxPrice": ".5"}, {"MaxPrice": "100.5"}),
    ("send_voice_message", "sms-v2-max-price", {"MaxPricePerMinute": "0.05"},
     {"MaxPricePerMinute": "0,05"}),
    ("send_text_message", "sms-v2-keyword", {"Keyword": "k" * 30}, {"Keyword": "k" * 31}),
    ("send_text_message", "sms-v2-destination-number",
     {"DestinationPhoneNumber": "+1234567890123456789"},
     {"DestinationPhoneNumber": "+12345678901234567890"}),
    ("send_text_message", "sms-v2-destination-number", {"DestinationPhoneNumber": "+12"},
     {"DestinationPhoneNumber": "abc"}),
    ("send_text_message", "sms-v2-enum", {"MessageType": "PROMOTIONAL"},
     {"MessageType": "BOGUS"}),
    ("send_text_message", "sms-v2-country-parameters",
     {"DestinationCountryParameters": {"IN_ENTITY_ID": "e" * 64}},
     {"DestinationCountryParameters": {"IN_ENTITY_ID": "e" * 65}}),
    ("send_text_message", "sms-v2-country-parameters",
     {"DestinationCountryParameters": {"IN_TEMPLATE_ID": "t"}},
     {"DestinationCountryParameters": {"US_TEMPLATE_ID": "t"}}),
    ("send_text_message", "sms-v2-origination-format", {"OriginationIdentity": "o" * 256},
     {"OriginationIdentity": "o" * 257}),
    ("send_text_message", "sms-v2-origination-format", {"OriginationIdentity": "pool-1"},
     {"OriginationIdentity": "pool 1"}),
    ("send_media_message", "sms-v2-media-urls", {"MediaUrls": ["s3://abc/k"]},
     {"MediaUrls": ["https://abc/k"]}),
    ("send_media_message", "sms-v2-media-urls", {"MediaUrls": ["s3://abc/k"]},
     {"MediaUrls": ["s3://abc/k", "s3://abc/l"]}),
    ("send_media_message", "sms-v2-media-urls", {"MediaUrls": ["s3://abc/" + "k" * 2039]},
     {"MediaUrls": ["s3://abc/" + "k" * 2040]}),
    ("send_voice_message", "sms-v2-voice-id", {"VoiceId": "MATTHEW"}, {"VoiceId": "HAL9000"}),
    ("send_voice_message", "sms-v2-ssml",
     {"MessageBodyTextType": "SSML", "MessageBody": "<speak>hi</speak>"},
     {"MessageBodyTextType": "SSML", "MessageBody": "<speak>hi"}),
    ("send_voice_message", "sms-v2-ssml",
     {"MessageBodyTextType": "TEXT", "MessageBody": "<p>hi</p>"},
     {"MessageBodyTextType": "SSML", "MessageBody": "<p>hi</p>"}),
    ("send_voice_message", "sms-v2-ssml",  # the fuzz suite found this one raising (issue 27)
     {"MessageBodyTextType": "SSML", "MessageBody": "<speak>\u00e9</speak>"},
     {"MessageBodyTextType": "SSML", "MessageBody": "<speak>\ud800</speak>"}),
]  # fmt: skip
_BASES = {"send_text_message": BASE, "send_voice_message": VOICE, "send_media_message": MEDIA}


@pytest.mark.parametrize(
    ("operation", "rule", "at", "past"), BOUNDARIES, ids=[f"{b[1]}-{i}" for i, b in
                                                          enumerate(BOUNDARIES)]
)  # fmt: skip
def test_boundary(operation: str, rule: str, at: dict[str, Any], past: dict[str, Any]) -> None:
    accepted(operation, {**_BASES[operation], **at})
    response = rejected(operation, {**_BASES[operation], **past})
    assert response["Error"]["Code"] == "ValidationException"
    assert response["Reason"] == "FIELD_VALIDATION_FAILED"
    assert rules_of(response) == {rule}
    assert rule in response["Error"]["Message"]


def test_botocore_sends_what_the_contract_rejects_in_one_request() -> None:
    """The issue's own example: botocore lets every one of these through."""
    bad = {
        "DestinationPhoneNumber": "abc",
        "MessageBody": "x" * 2000,
        "TimeToLive": 999_999,
        "MessageType": "BOGUS",
        "Context": {f"k{i}": "v" for i in range(7)},
    }
    response = rejected("send_text_message", bad)
    assert rules_of(response) == {
        "sms-v2-destination-number", "sms-v2-body", "sms-v2-time-to-live", "sms-v2-enum",
        "sms-v2-context",
    }  # fmt: skip
    names = {f["Name"] for f in response["Fields"]}
    assert names == {
        "DestinationPhoneNumber",
        "MessageBody",
        "TimeToLive",
        "MessageType",
        "Context",
    }


def test_e164_is_a_warning_the_send_goes_through(pinpoint_stub: PinpointStub) -> None:
    send("send_text_message", DestinationPhoneNumber="12065550100", MessageBody="hi")
    (violation,) = pinpoint_stub.violations
    assert (violation.rule, violation.severity) == ("sms-v2-destination-e164", "warning")
    pinpoint_stub.assert_sent(address="12065550100")


@pytest.mark.pinpoint(contract="warn")
def test_warn_mode_records_and_sends(pinpoint_stub: PinpointStub) -> None:
    send("send_text_message", DestinationPhoneNumber=TO, MessageBody="hi", TimeToLive=999_999)
    assert [v.rule for v in pinpoint_stub.violations] == ["sms-v2-time-to-live"]
    pinpoint_stub.assert_sent(address=TO)


@pytest.mark.pinpoint(contract="off")
def test_off_mode_checks_nothing(pinpoint_stub: PinpointStub) -> None:
    send("send_text_message", DestinationPhoneNumber=TO, MessageBody="hi", TimeToLive=999_999)
    assert pinpoint_stub.violations == []


def test_expect_violation_lets_the_test_pass(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.expect_violation("sms-v2-time-to-live")
    with pytest.raises(ClientError, match="sms-v2-time-to-live"):
        send("send_text_message", DestinationPhoneNumber=TO, MessageBody="hi", TimeToLive=999_999)


@pytest.mark.pinpoint(severities={"sms-v2-time-to-live": "off"})
def test_a_rule_can_be_turned_off(pinpoint_stub: PinpointStub) -> None:
    send("send_text_message", DestinationPhoneNumber=TO, MessageBody="hi", TimeToLive=999_999)
    assert pinpoint_stub.violations == []


def test_every_rule_has_a_source_and_an_answer() -> None:
    from pytest_pinpoint.contract.sms_v2.rules import ANSWERS

    for rule in RULES.values():
        assert rule.source
        assert rule.severity in ("error", "warning")
        assert rule.id in ANSWERS


def test_below_the_minimum_is_a_rule_too() -> None:
    """botocore stops TimeToLive=4 before it is sent; a raw request (the AWS CLI with its own
    validation off, another SDK) still gets the rule."""
    found = check_send("SendTextMessage", {**BASE, "TimeToLive": 4, "MessageBody": ""})
    assert {v.rule for v in found} == {"sms-v2-time-to-live", "sms-v2-body"}


def test_wrong_types_and_unknown_members_are_named() -> None:
    found = check_send("SendTextMessage", {"MessageBody": 3, "Bogus": 1})
    assert {v.rule for v in found} == {"sms-v2-required", "sms-v2-type", "sms-v2-unknown-field"}
    assert check_send("SendTextMessage", ["not", "an", "object"])[0].rule == "sms-v2-type"


def test_docs_name_every_v2_rule() -> None:
    from pathlib import Path

    text = (Path(__file__).parents[1] / "docs" / "contract.md").read_text(encoding="utf-8")
    assert [rule for rule in RULES if f"`{rule}`" not in text] == []
