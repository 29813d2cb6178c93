"""Junk to every operation the SMS v2 unit serves, through boto3 and the loopback server: 0
internal errors (a modeled 4xx, or botocore's own serializer refusing it, are the only
outcomes)."""

from __future__ import annotations

from .sms_v2_junk import VALID, sms_v2_boto3_internal_errors, sms_v2_server_internal_errors


def test_every_served_operation_has_a_valid_request() -> None:
    from pytest_pinpoint.service.sms_v2.router import OPERATIONS

    assert sorted(VALID) == sorted(OPERATIONS)


def test_sms_v2_boto3_junk_never_surfaces_an_internal_error() -> None:
    assert sms_v2_boto3_internal_errors(seed=7, n=600) == []


def test_sms_v2_server_junk_is_always_a_modeled_answer() -> None:
    assert sms_v2_server_internal_errors(seed=8, n=600) == []
