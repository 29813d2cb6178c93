"""The documented contract of ``send_users_messages`` and ``send_messages``.

One catalog of rules (:mod:`.rules`), each limit next to its source (:mod:`.limits`), a
structural walk over botocore's model (:mod:`.walk`), per-channel checks (:mod:`.push`,
:mod:`.apns`, :mod:`.sms`, :mod:`.mail`, :mod:`.recipients`, :mod:`.variables`,
:mod:`.templates`), the response rules (:mod:`.response`), the cross-call silent-push counter
(:mod:`.silent`) and the JSON Schema export (:mod:`.schema`). The public checks live in
:mod:`.validate`; this package exports what a test or a tool writes (``__all__``). The limits
and vocabularies stay in their modules (``pytest_pinpoint.contract.limits.MAX_USERS``).
"""

from __future__ import annotations

from .limits import (
    LEGACY_DELIVERY_STATUSES,
    actions,
    channel_types,
    delivery_statuses,
    sms_message_types,
)
from .rule import Rule, Severity
from .rules import (
    RULE_IDS,
    RULES,
)
from .templates import (
    Template,
)
from .validate import (
    assert_valid_request,
    assert_valid_response,
    errors,
    format_violations,
    is_bare_body,
    request_operation,
    response_operation,
    rules_table,
    validate_request,
    validate_response,
)
from .violation import (
    SeveritySetting,
    Violation,
    check_severities,
)

__all__ = [
    "LEGACY_DELIVERY_STATUSES",
    "RULES",
    "RULE_IDS",
    "Rule",
    "Severity",
    "SeveritySetting",
    "Template",
    "Violation",
    "actions",
    "assert_valid_request",
    "assert_valid_response",
    "channel_types",
    "check_severities",
    "delivery_statuses",
    "errors",
    "format_violations",
    "is_bare_body",
    "request_operation",
    "response_operation",
    "rules_table",
    "sms_message_types",
    "validate_request",
    "validate_response",
]
