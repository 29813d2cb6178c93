"""Responses of both send operations, DeliveryStatus values and per-call outcome maps."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from .. import contract
from ..contract import LEGACY_DELIVERY_STATUSES
from ..contract.limits import MESSAGE_ID_ALPHABET, MESSAGE_ID_LENGTH, STATUS_DETAILS
from .texts import APP_IDS, BOOLS, E164, EMAILS, ENDPOINT_IDS, TEXT, USER_IDS, either

__all__ = [
    "delivery_statuses",
    "endpoint_message_results",
    "outcome_maps",
    "send_messages_responses",
    "send_users_messages_responses",
]


def delivery_statuses(legacy: bool = False) -> SearchStrategy[str]:
    """DeliveryStatus values: the current vocabulary (AWS CLI v2 reference), plus the legacy one
    of the AWS CLI v1 reference if asked.

    >>> delivery_statuses(legacy=True).example()  # doctest: +SKIP
    'QUIET_TIME'
    """
    values = list(contract.delivery_statuses())
    if legacy:
        values += [v for v in LEGACY_DELIVERY_STATUSES if v not in values]
    return st.sampled_from(values)


# STATUS_DETAILS holds the one code the fake answers per status. A response handler must key on
# DeliveryStatus, not on one StatusCode, so a few other downstream codes that the same status
# plausibly carries are mixed in (the seeds give no example but SUCCESSFUL's 200).
_OTHER_CODES: dict[str, tuple[int, ...]] = {
    "TEMPORARY_FAILURE": (500, 502),
    "PERMANENT_FAILURE": (404, 410),
}


def _status_codes(status: str) -> SearchStrategy[int]:
    return st.sampled_from((STATUS_DETAILS[status][0], *_OTHER_CODES.get(status, ())))


_CODES = {status: _status_codes(status) for status in STATUS_DETAILS}
_MESSAGE_IDS = st.text(MESSAGE_ID_ALPHABET, min_size=MESSAGE_ID_LENGTH, max_size=MESSAGE_ID_LENGTH)
_ADDRESSES = either(E164, EMAILS, st.binary(min_size=16, max_size=16).map(bytes.hex))


@st.composite
def _result(draw: DrawFn, statuses: SearchStrategy[str], address: bool) -> dict[str, Any]:
    status = draw(statuses)
    current = LEGACY_DELIVERY_STATUSES.get(status, status) or "UNKNOWN_FAILURE"
    result: dict[str, Any] = {"DeliveryStatus": status, "StatusCode": draw(_CODES[current])}
    if address and draw(BOOLS):
        result["Address"] = draw(_ADDRESSES)
    if current == "SUCCESSFUL":
        message_id = draw(_MESSAGE_IDS)
        result["MessageId"] = message_id
        result["StatusMessage"] = STATUS_DETAILS[current][1].format(message_id=message_id)
        if draw(BOOLS):
            result["UpdatedToken"] = draw(st.sampled_from(("true", "false")))
    elif draw(BOOLS):
        result["StatusMessage"] = draw(either(st.just(STATUS_DETAILS[current][1]), TEXT))
    return result


def endpoint_message_results(legacy: bool = False) -> SearchStrategy[dict[str, Any]]:
    """One ``EndpointMessageResult``: SUCCESSFUL ones carry a 40-character MessageId and
    ``StatusMessage == "MessageId: " + MessageId`` like the seed's worked example.

    >>> endpoint_message_results().example()  # doctest: +SKIP
    {'DeliveryStatus': 'THROTTLED', 'StatusCode': 429}
    """
    return _result(delivery_statuses(legacy), True)


def send_users_messages_responses(legacy: bool = False) -> SearchStrategy[dict[str, Any]]:
    """A ``send_users_messages`` response as boto3 returns it (without ResponseMetadata).

    With ``legacy=False`` every value passes ``contract.validate_response`` with no violation;
    ``legacy=True`` mixes in the AWS CLI v1 statuses to fuzz old response handlers.

    >>> send_users_messages_responses().example()  # doctest: +SKIP
    {'SendUsersMessageResponse': {'ApplicationId': '000...', 'RequestId': '...', 'Result': {...}}}
    """
    results = endpoint_message_results(legacy)
    inner = st.fixed_dictionaries(
        {
            "ApplicationId": APP_IDS,
            "RequestId": st.uuids().map(str),
            "Result": st.dictionaries(
                USER_IDS,
                st.dictionaries(ENDPOINT_IDS, results, min_size=1, max_size=3),
                min_size=1,
                max_size=5,
            ),
        }
    )
    return st.fixed_dictionaries({"SendUsersMessageResponse": inner})


def send_messages_responses(legacy: bool = False) -> SearchStrategy[dict[str, Any]]:
    """A ``send_messages`` response: ``MessageResponse`` with ``Result`` keyed by address
    (``MessageResult``) and/or ``EndpointResult`` keyed by endpoint ID
    (``EndpointMessageResult``), in the model's shapes.

    >>> send_messages_responses().example()  # doctest: +SKIP
    {'MessageResponse': {'ApplicationId': '...', 'RequestId': '...', 'Result': {'+1': {...}}}}
    """
    statuses = delivery_statuses(legacy)
    by_address = st.dictionaries(_ADDRESSES, _result(statuses, False), min_size=1, max_size=5)
    by_endpoint = st.dictionaries(ENDPOINT_IDS, _result(statuses, True), min_size=1, max_size=5)
    inner = st.fixed_dictionaries(
        {"ApplicationId": APP_IDS, "RequestId": st.uuids().map(str)},
        optional={"Result": by_address, "EndpointResult": by_endpoint},
    )
    return st.fixed_dictionaries({"MessageResponse": inner})


def outcome_maps(
    users: Mapping[str, Collection[str]], *, legacy: bool = False
) -> SearchStrategy[dict[str, dict[str, str]]]:
    """``{user_id: {endpoint_id: status}}`` for the given endpoints: ``stub.outcome(mapping)``.

    >>> @given(outcome_maps({"u1": ["e1", "e2"]}))
    ... def test_retry(outcomes):
    ...     pinpoint_stub.outcome(outcomes)
    """
    statuses = delivery_statuses(legacy)
    return st.fixed_dictionaries(
        {
            user: st.fixed_dictionaries({endpoint: statuses for endpoint in endpoints})
            for user, endpoints in users.items()
        }
    )
