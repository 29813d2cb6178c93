"""The documented result of the seed's worked example (000_55cfda106dd42147.txt, Output), checked
the same way whichever client (boto3, aiobotocore, requests, the AWS CLI, HTTP) fetched it."""

from __future__ import annotations

from typing import Any


def assert_documented_result(result: dict[str, Any]) -> None:
    """``Result["testuser"]["testuserendpoint"]`` as the seed documents it."""
    __tracebackhide__ = True
    assert result["DeliveryStatus"] == "SUCCESSFUL"
    assert result["StatusCode"] == 200
    assert len(result["MessageId"]) == 40
    assert result["StatusMessage"] == "MessageId: " + result["MessageId"]
    assert result["Address"] == "+12345678900"
