"""The SES v2 send contract: each documented limit at its boundary (one past it breaks exactly
its rule), the model's constraints read from botocore, strict mode's answer and teardown."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import boto3
import pytest

from pytest_pinpoint import PinpointStub, contract
from pytest_pinpoint.contract import limits
from pytest_pinpoint.contract.ses import limits as ses_limits
from pytest_pinpoint.contract.ses.send import validate_send


def base(**content: Any) -> dict[str, Any]:
    return {
        "FromEmailAddress": "app@example.com",
        "Destination": {"ToAddresses": ["a@example.org"]},
        "Content": content
        or {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}},
    }


def simple(**extra: Any) -> dict[str, Any]:
    return base(Simple={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}, **extra})


def raw(data: bytes) -> dict[str, Any]:
    params = base(Raw={"Data": data})
    del params["FromEmailAddress"]
    return params


def template(data: str) -> dict[str, Any]:
    return base(Template={"TemplateName": "t", "TemplateData": data})


def rules(params: dict[str, Any], operation: str = "SendEmail") -> list[str]:
    return sorted({v.rule for v in validate_send(operation, params, {})})


def headers(n: int, name: str = "X-H", value: str = "v") -> dict[str, Any]:
    return simple(
        Headers=[{"Name": f"{name}{i}" if n > 1 else name, "Value": value} for i in range(n)]
    )


def to(n: int) -> dict[str, Any]:
    params = simple()
    params["Destination"] = {
        "ToAddresses": [f"t{i}@example.org" for i in range(n // 2)],
        "BccAddresses": [f"b{i}@example.org" for i in range(n - n // 2)],
    }
    return params


def tags(name: str, value: str = "v") -> dict[str, Any]:
    params = simple()
    params["EmailTags"] = [{"Name": name, "Value": value}]
    return params


MIME = b"From: app@example.com\r\nTo: a@example.org\r\nSubject: s\r\n\r\n"

# rule -> (valid at the boundary, one past it)
BOUNDARIES: dict[str, tuple[Callable[[], dict[str, Any]], Callable[[], dict[str, Any]]]] = {
    "ses-destinations-max": (lambda: to(50), lambda: to(51)),
    "ses-headers-max": (lambda: headers(15), lambda: headers(16)),
    "ses-header-name": (lambda: headers(1, "X" * 126), lambda: headers(1, "X" * 127)),
    "ses-header-value": (lambda: headers(1, value="v" * 995), lambda: headers(1, value="v" * 996)),
    "ses-model-max": (
        lambda: template("{" + '"a":"' + "x" * 262136 + '"}'),
        lambda: template("{" + '"a":"' + "x" * 262137 + '"}'),
    ),
    "ses-tag-name": (lambda: tags("n" * 256), lambda: tags("n" * 257)),
    "ses-tag-value": (lambda: tags("n", "v" * 256), lambda: tags("n", "v" * 257)),
    "ses-raw-line-length": (
        lambda: raw(MIME + b"x" * 998 + b"\r\n"),
        lambda: raw(MIME + b"x" * 999 + b"\r\n"),
    ),
    "ses-message-size": (
        lambda: simple(Attachments=[{"FileName": "a", "RawContent": b"x" * (30 * 2**20 - 3)}]),
        lambda: simple(Attachments=[{"FileName": "a", "RawContent": b"x" * (30 * 2**20)}]),
    ),
}


@pytest.mark.parametrize("rule", sorted(BOUNDARIES))
def test_each_limit_at_its_boundary(rule: str) -> None:
    valid, broken = BOUNDARIES[rule]
    assert rules(valid()) == []
    assert rules(broken()) == [rule]


@pytest.mark.parametrize(
    ("params", "rule"),
    [
        (headers(1, "X:Y"), "ses-header-name"),
        (headers(1, "X Y"), "ses-header-name"),
        (headers(1, value="caf\u00e9"), "ses-header-value"),
        (tags("bad tag"), "ses-tag-name"),
        (tags("n", "a.b"), "ses-tag-value"),
        (template("not json"), "ses-template-data-json"),
        (template("[1]"), "ses-template-data-json"),
        (
            base(Template={"TemplateName": "t", "TemplateArn": "arn:x", "TemplateData": "{}"}),
            "ses-template-source",
        ),
        (
            base(Simple={"Subject": {"Data": "s"}, "Body": {}}, Raw={"Data": MIME}),
            "ses-content-kind",
        ),
        (raw(b"no header here"), "ses-raw-mime"),
        (raw(b"To: a@example.org\r\nSubject: s\r\n\r\nbody"), "ses-raw-headers"),
        ({**simple(), "Destination": {"ToAddresses": ["not-an-address"]}}, "ses-address"),
        ({**simple(), "Destination": {}}, "ses-destination-empty"),
        ({k: v for k, v in simple().items() if k != "FromEmailAddress"}, "ses-from-required"),
        (
            simple(
                Attachments=[{"FileName": "a", "RawContent": b"x", "ContentDisposition": "LATER"}]
            ),
            "ses-model-enum",
        ),
        (simple(Attachments=[{"FileName": "a" * 256, "RawContent": b"x"}]), "ses-model-max"),
    ],
)
def test_documented_rules(params: dict[str, Any], rule: str) -> None:
    assert rules(params) == [rule]


def test_raw_recipients_come_from_its_headers() -> None:
    params = raw(MIME + b"body")
    del params["Destination"]
    assert rules(params) == []


def test_bulk_entries_max() -> None:
    entry = {"Destination": {"ToAddresses": ["a@example.org"]}}
    params = {
        "FromEmailAddress": "app@example.com",
        "DefaultContent": {"Template": {"TemplateName": "t", "TemplateData": "{}"}},
        "BulkEmailEntries": [entry] * 50,
    }
    assert rules(params, "SendBulkEmail") == []
    params["BulkEmailEntries"] = [entry] * 51
    assert rules(params, "SendBulkEmail") == ["ses-bulk-entries-max"]


def test_header_facts_are_pinpoints_and_the_models() -> None:
    """One home for the header count and name length: Pinpoint's limits equal SES's model."""
    import botocore.session

    model = botocore.session.get_session().get_service_model("sesv2")
    assert model.shape_for("MessageHeaderList").metadata["max"] == limits.MAX_EMAIL_HEADERS
    assert model.shape_for("MessageHeaderName").metadata["max"] == limits.MAX_HEADER_NAME_LENGTH


def test_every_ses_rule_is_in_the_catalog_with_a_source() -> None:
    ses = [r for r in contract.RULES.values() if r.id.startswith("ses-")]
    assert len(ses) >= 20
    for rule in ses:
        assert rule.source
        assert set(rule.operations) <= set(ses_limits.OPERATIONS)


# --- through the stub -----------------------------------------------------------------------


def test_strict_mode_answers_bad_request_and_fails_teardown() -> None:
    ses = boto3.client("sesv2", region_name="us-east-1")
    stub = PinpointStub().start()
    with pytest.raises(ses.exceptions.BadRequestException, match=r"\[ses-headers-max\]"):
        ses.send_email(**headers(16))
    stub.stop()
    assert stub.sent == []
    assert [v.rule for v in stub.violations] == ["ses-headers-max"]
    assert any("ses-headers-max" in p for p in stub.problems())


def test_expect_violation_and_warn_mode() -> None:
    ses = boto3.client("sesv2", region_name="us-east-1")
    with PinpointStub(contract="warn") as stub:
        ses.send_email(**tags("bad tag"))
        assert stub.sent[0].tags == {"bad tag": "v"}
        assert [v.severity for v in stub.violations] == ["error"]
    with PinpointStub(severities={"ses-tag-name": "off"}) as stub:
        ses.send_email(**tags("bad tag"))
        assert stub.violations == []
    with PinpointStub() as stub:
        stub.expect_violation("ses-tag-name")
        with pytest.raises(ses.exceptions.BadRequestException):
            ses.send_email(**tags("bad tag"))


def test_template_data_too_long_through_boto3() -> None:
    ses = boto3.client("sesv2", region_name="us-east-1")
    data = json.dumps({"a": "x" * 262144})
    stub = PinpointStub().start()
    with pytest.raises(ses.exceptions.BadRequestException, match="262144"):
        ses.send_email(**template(data))
    stub.stop()


def test_validate_ses_request_checks_structure_then_rules() -> None:
    from pytest_pinpoint.contract.ses.send import validate_ses_request

    assert validate_ses_request(simple()) == []
    assert [v.rule for v in validate_ses_request({"Content": "x"})] == ["type"]
    assert [v.rule for v in validate_ses_request({**simple(), "Bogus": 1})] == ["unknown-field"]
    found = validate_ses_request(tags("bad tag"), severities={"ses-tag-name": "warning"})
    assert [(v.rule, v.severity) for v in found] == [("ses-tag-name", "warning")]
    with pytest.raises(ValueError, match="SendEmail or SendBulkEmail"):
        validate_ses_request(simple(), operation="GetAccount")
