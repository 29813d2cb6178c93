"""Hypothesis strategies for ``send_users_messages`` and ``send_messages``: requests (valid,
invalid), responses, boundary texts for the app's own inputs, and outcome sequences.

Everything is built from the botocore model (:mod:`pytest_pinpoint.model`: which members each
message has and their types) and the documented rules (:mod:`pytest_pinpoint.contract`: limits,
enums, what RawContent overrides). Every request from :func:`send_users_messages_requests` and
:func:`send_messages_requests` passes ``contract.validate_request`` with no violation at all and
botocore's own parameter validation; every ``(params, rule_id)`` from the ``invalid_*``
strategies breaks exactly that rule.

>>> from hypothesis import given
>>> from pytest_pinpoint.strategies import send_users_messages_requests
>>> @given(send_users_messages_requests(channels={"SMSMessage"}))
... def test_sms(params):
...     my_app.handle(params)

Modules: ``texts`` (leaves), ``boundary`` (boundary_texts), ``members`` (a strategy per model
member), ``messages`` (channel messages, recipients), ``headers`` (email headers sized after
rendering), ``requests`` / ``send_messages`` (valid requests), ``breaking`` and ``break_*``
(one breaker per rule), ``invalid``, ``responses``, ``outcomes`` (sequences of scripted
outcomes), ``checks`` (check_request, ci_settings), ``ses`` (SES v2's send_email requests).

Importing this module imports hypothesis; the plugin itself never does.
"""

from __future__ import annotations

# Importable from here as before the split (not in __all__; their homes are contract, breaking).
from ..contract.limits import MESSAGE_ID_LENGTH as MESSAGE_ID_LENGTH
from .boundary import boundary_texts
from .breaking import Breaker as Breaker
from .checks import check_request, ci_settings
from .invalid import (
    INVALID_RULES,
    SEND_MESSAGES_INVALID_RULES,
    SEND_MESSAGES_SKIPPED_RULES,
    SKIPPED_RULES,
    invalid_send_messages_requests,
    invalid_send_users_messages_requests,
)
from .outcomes import OutcomeSequence, apply_outcome_sequence, outcome_sequences
from .requests import message_configurations, send_users_messages_requests
from .responses import (
    delivery_statuses,
    endpoint_message_results,
    outcome_maps,
    send_messages_responses,
    send_users_messages_responses,
)
from .send_messages import send_messages_requests
from .ses import INVALID_SES_RULES, invalid_send_email_requests, send_email_requests

__all__ = [
    "INVALID_RULES",
    "INVALID_SES_RULES",
    "SEND_MESSAGES_INVALID_RULES",
    "SEND_MESSAGES_SKIPPED_RULES",
    "SKIPPED_RULES",
    "OutcomeSequence",
    "apply_outcome_sequence",
    "boundary_texts",
    "check_request",
    "ci_settings",
    "delivery_statuses",
    "endpoint_message_results",
    "invalid_send_email_requests",
    "invalid_send_messages_requests",
    "invalid_send_users_messages_requests",
    "message_configurations",
    "outcome_maps",
    "outcome_sequences",
    "send_email_requests",
    "send_messages_requests",
    "send_messages_responses",
    "send_users_messages_requests",
    "send_users_messages_responses",
]
