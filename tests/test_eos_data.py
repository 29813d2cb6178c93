"""The end-of-support data (pytest_pinpoint.eos): every operation of botocore's Pinpoint model
classified, the notice's own groups where the notice puts them, replacements that name real
operations, and docs/migration.md's table equal to the data."""

from __future__ import annotations

import re
from pathlib import Path

import botocore.session
import pytest
from botocore import xform_name

from pytest_pinpoint import eos

ROOT = Path(__file__).resolve().parents[1]
MIGRATION = ROOT / "docs" / "migration.md"
TABLE = re.compile(r"<!-- eos-table:start -->\n(.*?)\n<!-- eos-table:end -->", re.S)
SOURCES = set(eos.SOURCE_NAMES)


def _operations(service: str) -> list[str]:
    return list(botocore.session.get_session().get_service_model(service).operation_names)


def test_every_model_operation_is_classified() -> None:
    operations = _operations("pinpoint")
    assert list(eos.table()) == operations
    assert all(isinstance(e, eos.EosEntry) for e in eos.table().values())


def test_an_operation_no_rule_covers_is_an_error() -> None:
    with pytest.raises(LookupError, match="SendCarrierPigeon: no end-of-support rule"):
        eos.classify("SendCarrierPigeon")


def test_every_rule_covers_an_operation_of_the_model() -> None:
    used = {entry.family for entry in eos.table().values()}
    assert [f.name for f in eos.FAMILIES if f.name not in used] == []


@pytest.mark.parametrize(
    "operation",
    ["SendMessages", "SendOTPMessage", "VerifyOTPMessage", "PhoneNumberValidate",
     "CreateApp", "UpdateApnsChannel", "UpdateGcmChannel"],
)  # fmt: skip
def test_what_the_notice_keeps_is_not_past_end_of_support(operation: str) -> None:
    entry = eos.table()[operation]
    assert not entry.past_eos
    assert not entry.inferred  # the notice (or End User Messaging Push) says so outright


@pytest.mark.parametrize(
    ("operation", "inferred"),
    [("UpdateEndpoint", False), ("UpdateEndpointsBatch", False), ("GetUserEndpoints", False),
     ("CreateSegment", False), ("CreateCampaign", False), ("CreateJourney", False),
     ("PutEvents", False), ("PutEventStream", False), ("GetApplicationDateRangeKpi", False),
     ("SendUsersMessages", True), ("UpdateEmailChannel", True), ("CreateEmailTemplate", True)],
)  # fmt: skip
def test_what_the_notice_ends_is_past_end_of_support(operation: str, inferred: bool) -> None:
    entry = eos.table()[operation]
    assert entry.past_eos
    assert entry.inferred is inferred
    assert entry.replacement


def test_every_row_cites_a_named_public_source() -> None:
    assert {entry.source for entry in eos.table().values()} <= SOURCES
    assert all(source.startswith("https://") for source in SOURCES)


def test_replacements_name_operations_the_models_have() -> None:
    """Each boto3 name in a replacement is an operation of Pinpoint, SES v2 or SMS v2."""
    known = {
        xform_name(name)
        for service in ("pinpoint", "sesv2", "pinpoint-sms-voice-v2")
        for name in _operations(service)
    }
    texts = [f.replacement for f in eos.FAMILIES]
    texts += [eos.SEND_TO_ENDPOINTS.replacement, eos.SEND_EMAIL.replacement]
    named = {word for text in texts for word in re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", text)}
    assert {"send_text_message", "send_email"} <= named
    assert sorted(named - known) == []


def test_send_messages_continues_except_to_endpoints_and_for_email() -> None:
    sms = {"Addresses": {"+12065550100": {"ChannelType": "SMS"}},
           "MessageConfiguration": {"SMSMessage": {"Body": "hi"}}}  # fmt: skip
    assert eos.for_call("pinpoint", "SendMessages", {"MessageRequest": sms}) is None
    to_endpoints = {"Endpoints": {"e1": {}}, "MessageConfiguration": sms["MessageConfiguration"]}
    found = eos.for_call("pinpoint", "SendMessages", {"MessageRequest": to_endpoints})
    assert found is eos.SEND_TO_ENDPOINTS
    email = {"Addresses": {"a@example.com": {"ChannelType": "EMAIL"}}}
    assert eos.for_call("pinpoint", "SendMessages", {"MessageRequest": email}) is eos.SEND_EMAIL
    assert eos.for_call("pinpoint", "UpdateEndpoint", {}) is eos.table()["UpdateEndpoint"]
    assert eos.for_call("pinpoint", "GetApp", {}) is None
    # another service's operations are never Pinpoint's end of support
    assert eos.for_call("sesv2", "SendEmail", {}) is None
    assert eos.for_call("pinpoint", "", {}) is None


def test_the_migration_guide_table_is_the_data() -> None:
    found = TABLE.search(MIGRATION.read_text(encoding="utf-8"))
    assert found is not None, "docs/migration.md lost its <!-- eos-table:start/end --> markers"
    assert found.group(1) == eos.markdown_table(), (
        "docs/migration.md's end-of-support table differs from pytest_pinpoint.eos: paste "
        "eos.markdown_table() between the markers"
    )
    for operation in eos.table():
        assert f"`{operation}`" in found.group(1)
