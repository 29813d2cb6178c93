"""``botocore.stub.Stubber`` that also holds stubbed ``send_users_messages`` to the contract.

A plain Stubber checks only required members and types: it accepts a DeliveryStatus of
"BOGUS" or a legacy "SUCCESS". :class:`ContractStubber` checks the stubbed response with
:func:`~pytest_pinpoint.contract.validate_response` and the expected parameters with
:func:`~pytest_pinpoint.contract.validate_request`, and fails at ``add_response`` time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botocore.stub import ANY, Stubber

from . import contract

OPERATION = "send_users_messages"


def _without_any(value: Any, path: str, skipped: list[str]) -> Any:
    """Drop ``botocore.stub.ANY`` placeholders (they stand for any value, so nothing to check)."""
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            if item is ANY:
                skipped.append(sub)
            else:
                out[key] = _without_any(item, sub, skipped)
        return out
    if isinstance(value, list):
        return [_without_any(item, path, skipped) for item in value]
    return value


class ContractStubber(Stubber):  # type: ignore[misc]
    """A Stubber whose ``send_users_messages`` responses and expected params obey the contract."""

    def add_response(
        self,
        method: str,
        service_response: Any,
        expected_params: Mapping[str, Any] | None = None,
    ) -> None:
        __tracebackhide__ = True
        if method == OPERATION:
            found = contract.errors(contract.validate_response(service_response))
            if expected_params is not None:
                skipped: list[str] = []
                params = _without_any(expected_params, "", skipped)
                found += [
                    v
                    for v in contract.errors(contract.validate_request(params))
                    if not (v.rule == "required" and any(v.path.endswith(s) for s in skipped))
                ]
            if found:
                raise AssertionError(
                    f"ContractStubber.add_response({method!r}): the stub breaks "
                    f"{len(found)} documented rule(s):\n" + contract.format_violations(found)
                )
        super().add_response(method, service_response, expected_params)
