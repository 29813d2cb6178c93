"""Junk to every operation the fake serves, through boto3 and the loopback server: 0 internal
errors (a modeled 4xx, or botocore's own serializer refusing it, are the only outcomes)."""

from __future__ import annotations

from .ops_junk import ops_boto3_internal_errors, ops_server_internal_errors


def test_ops_boto3_junk_never_surfaces_an_internal_error() -> None:
    assert ops_boto3_internal_errors(seed=5, n=600) == []


def test_ops_server_junk_is_always_a_modeled_answer() -> None:
    assert ops_server_internal_errors(seed=6, n=600) == []
