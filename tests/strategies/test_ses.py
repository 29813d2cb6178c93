"""SES v2 send_email strategies: every valid request passes the contract and botocore; every
invalid one breaks exactly its rule."""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest
from botocore.validate import ParamValidator
from budget import examples
from hypothesis import HealthCheck, given, settings

from pytest_pinpoint.contract.ses.send import validate_ses_request
from pytest_pinpoint.strategies.ses import (
    INVALID_SES_RULES,
    invalid_send_email_requests,
    send_email_requests,
)

_SHAPE = botocore.session.get_session().get_service_model("sesv2").operation_model("SendEmail")


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=send_email_requests())
def test_valid_requests_pass_the_contract_and_botocore(params: dict[str, Any]) -> None:
    assert validate_ses_request(params) == []
    report = ParamValidator().validate(params, _SHAPE.input_shape)
    assert not report.has_errors(), report.generate_report()


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=invalid_send_email_requests())
def test_invalid_requests_break_exactly_their_rule(case: tuple[dict[str, Any], str]) -> None:
    params, rule = case
    assert [v.rule for v in validate_ses_request(params)] == [rule]


def test_unknown_rules_and_kinds_fail_at_call_time() -> None:
    with pytest.raises(ValueError, match="ses-message-size"):
        invalid_send_email_requests(rules={"ses-message-size"})
    with pytest.raises(ValueError, match="kinds must be"):
        send_email_requests(kinds=("Fancy",))
    assert "ses-headers-max" in INVALID_SES_RULES


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=send_email_requests())
def test_the_stub_sends_every_valid_request(params: dict[str, Any]) -> None:
    import boto3

    from pytest_pinpoint import PinpointStub

    ses = boto3.client("sesv2", region_name="us-east-1")
    with PinpointStub() as stub:
        name = params["Content"].get("Template", {}).get("TemplateName")
        if name is not None:  # a stored template the data fills ({{name}} may be missing)
            ses.create_email_template(TemplateName=name, TemplateContent={"Subject": "Hi"})
        answer = ses.send_email(**params)
        wanted = [
            a
            for f in ("ToAddresses", "CcAddresses", "BccAddresses")
            for a in params["Destination"].get(f, [])
        ]
        assert [m.address for m in stub.sent] == wanted
        assert {m.message_id for m in stub.sent} == {answer["MessageId"]}
        assert stub.violations == [] or [v.rule for v in stub.violations] == [
            "ses-rendering-failure"
        ]
