"""One scripting verb: ``outcome(status, address=...)`` scripts each service in its own form,
and docs/migration.md's table says which form; a status with no counterpart names the nearest."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pytest_pinpoint import PinpointStub, PinpointStubError

APP = "611e3e3cdd47474c9c1399a505665b91"
PHONE = "+12065550142"
MAIL = "ada@example.org"
STATUSES = ["OPT_OUT", "THROTTLED", "PERMANENT_FAILURE", "TEMPORARY_FAILURE", "UNKNOWN_FAILURE",
            "DUPLICATE"]  # fmt: skip
COLUMNS = {"pinpoint": 1, "pinpoint-sms-voice-v2": 2, "sesv2": 3}
TABLE = Path(__file__).parent.parent / "docs" / "migration.md"


def _client(name: str) -> Any:
    return boto3.client(name, region_name="us-east-1")


def pinpoint_form(stub: PinpointStub) -> str:
    """What the app sees: the address's DeliveryStatus."""
    out = _client("pinpoint").send_messages(
        ApplicationId=APP,
        MessageRequest={
            "Addresses": {PHONE: {"ChannelType": "SMS"}},
            "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
        },
    )
    return f"DeliveryStatus {out['MessageResponse']['Result'][PHONE]['DeliveryStatus']}"


def sms_v2_form(stub: PinpointStub) -> str:
    """What the app sees: the error the first attempt answered, with its Reason."""
    reason = None
    try:
        _client("pinpoint-sms-voice-v2").send_text_message(
            DestinationPhoneNumber=PHONE, MessageBody="hi"
        )
    except ClientError as exc:
        reason = exc.response.get("Reason")
    return " ".join(str(part) for part in (stub.calls[0].error, reason) if part)


def sesv2_form(stub: PinpointStub) -> str:
    """What the app sees: the call's error, else the recipient's event (its status_message)."""
    _client("sesv2").send_email(
        FromEmailAddress="app@example.com",
        Destination={"ToAddresses": [MAIL]},
        Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}},
    )
    return stub.calls[0].error or stub.sent[0].status_message


FORMS = {"pinpoint": pinpoint_form, "pinpoint-sms-voice-v2": sms_v2_form, "sesv2": sesv2_form}
ADDRESSES = {"pinpoint": PHONE, "pinpoint-sms-voice-v2": PHONE, "sesv2": MAIL}


def table() -> dict[str, list[str]]:
    """docs/migration.md's mapping table: status -> the first `code` of each cell."""
    rows: dict[str, list[str]] = {}
    for line in TABLE.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and (status := re.fullmatch(r"`(\w+)`", cells[0])):
            rows[status.group(1)] = [
                found.group(1) if (found := re.search(r"`([^`]+)`", c)) else c for c in cells
            ]
    return rows


def test_the_table_has_a_row_per_status() -> None:
    assert sorted(table()) == sorted(STATUSES)


@pytest.mark.parametrize("service", list(FORMS))
@pytest.mark.parametrize("status", STATUSES)
def test_the_table_says_what_each_service_does(service: str, status: str) -> None:
    cell = table()[status][COLUMNS[service]]
    with PinpointStub() as stub:
        stub.outcome(status, address=ADDRESSES[service], times=1)
        try:
            seen = FORMS[service](stub)
        except PinpointStubError as exc:
            nearest = re.search(r"the nearest is outcome\('(\w+)'\)", str(exc))
            seen = f"none; nearest {nearest.group(1)}" if nearest else str(exc)
    assert seen == cell


def test_opt_out_takes_each_services_opted_out_branch() -> None:
    with PinpointStub() as stub:
        stub.outcome("OPT_OUT", address=PHONE)
        stub.outcome("OPT_OUT", address=MAIL)
        assert pinpoint_form(stub) == "DeliveryStatus OPT_OUT"
        with pytest.raises(ClientError) as refused:
            _client("pinpoint-sms-voice-v2").send_text_message(
                DestinationPhoneNumber=PHONE, MessageBody="hi"
            )
        assert refused.value.response["Reason"] == "DESTINATION_PHONE_NUMBER_OPTED_OUT"
        sesv2_form(stub)
        assert [m.status for m in stub.sent] == ["OPT_OUT"] * 3


def test_no_counterpart_is_refused_naming_the_nearest() -> None:
    with PinpointStub(fail_on_unused=False) as stub:
        stub.outcome("DUPLICATE", address=MAIL)
        with pytest.raises(PinpointStubError, match=r"'DUPLICATE' has no counterpart in sesv2"):
            sesv2_form(stub)
        assert stub.sent == []
