"""Helpers for the user's own ``@given`` tests: an assertion for request builders, CI settings."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from hypothesis import HealthCheck, settings

from .. import contract

__all__ = ["check_request", "ci_settings"]


def _warnings_as_errors(severities: Mapping[str, str] | None) -> dict[str, str]:
    """Every rule at its effective severity, with warnings raised to errors ("off" stays off)."""
    effective = {rule.id: str(rule.severity) for rule in contract.RULES.values()}
    effective.update(severities or {})
    return {r: "error" if s == "warning" else s for r, s in effective.items()}


def check_request(
    params: object,
    *,
    warnings: bool = False,
    severities: Mapping[str, str] | None = None,
    templates: Collection[contract.Template] | None = None,
) -> None:
    """Fail (AssertionError) when ``params`` breaks a documented rule; made for ``@given`` tests.

    ``contract.assert_valid_request`` decides and words the failure (rule ID, path, documented
    limit, actual value), so Hypothesis' falsifying example names the rule.
    ``warnings=True`` fails on warning-severity rules too.

    >>> @given(user=st.builds(User, name=st.text()))
    ... def test_builder(user):
    ...     check_request(build_request(user))
    """
    __tracebackhide__ = True
    if warnings:
        severities = _warnings_as_errors(severities)
    contract.assert_valid_request(params, severities=severities, templates=templates)


def ci_settings(max_examples: int = 100) -> settings:
    """Settings for property tests on small CI runners (2 cores): no deadline, no too_slow check.

    >>> @ci_settings(max_examples=200)
    ... @given(send_users_messages_requests())
    ... def test_send(params): ...
    """
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
