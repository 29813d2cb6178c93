"""Helpers of the strategies' tests: draw through the real engine, check with the contract and
botocore."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from botocore.validate import ParamValidator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pytest_pinpoint import contract, model


def run(
    strategy: st.SearchStrategy[Any],
    check: Callable[[Any], None],
    count: int,
    *,
    derandomize: bool = False,
) -> float:
    """Draw ``count`` examples through the real engine (no shrinking when all pass); seconds."""

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        derandomize=derandomize,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def inner(value: Any) -> None:
        check(value)

    start = time.perf_counter()
    inner()
    return time.perf_counter() - start


def operation_of(params: dict[str, Any]) -> str:
    return model.SEND_MESSAGES if "MessageRequest" in params else model.OPERATION_NAME


def botocore_errors(params: Any) -> str:
    shape = model.operation(operation_of(params)).input_shape
    report = ParamValidator().validate(params, shape)
    return report.generate_report() if report.has_errors() else ""


def assert_fully_valid(params: dict[str, Any]) -> None:
    assert contract.validate_request(params) == []
    assert botocore_errors(params) == ""


def assert_breaks_only(case: tuple[dict[str, Any], str]) -> None:
    params, rule = case
    found = contract.validate_request(params)
    assert found, f"nothing broken, expected {rule}"
    assert {v.rule for v in found} == {rule}, [str(v) for v in found]
