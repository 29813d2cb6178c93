"""JSON Schema (draft 2020-12) for ``send_users_messages`` and ``send_messages`` requests and
responses.

The structure comes from botocore's model (:mod:`pytest_pinpoint.model`), never retyped; the
documented limits that the model lacks are added at their paths from the constants in
:mod:`.limits`. A schema cannot express every rule (rendered header lengths,
UTF-8 byte counts, RawContent payloads): :func:`pytest_pinpoint.validate_request` is the full
check, the schema is for other tools (hypothesis-jsonschema, editors, other languages).
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from .. import model
from . import limits
from .limits import CLI_V2, QUOTA, REQUEST_PAYLOAD, RESPONSE_PAYLOAD, SEND_USERS_MESSAGES

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_SCALARS: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "long": {"type": "integer"},
    "boolean": {"type": "boolean"},
    "double": {"type": "number"},
    "float": {"type": "number"},
    "timestamp": {"type": "string"},
    # boto3 takes bytes; JSON (the wire, the AWS CLI) carries them as base64 text.
    "blob": {"type": "string", "contentEncoding": "base64"},
}


def _from_node(node: model.Node) -> dict[str, Any]:
    # Inlined rather than $ref'd: the same shape (e.g. ``__string``) gets different limits at
    # different paths, and the operation's shapes are not recursive.
    if node.type == "structure":
        out: dict[str, Any] = {
            "type": "object",
            "properties": {name: _from_node(sub) for name, sub in node.members.items()},
            "additionalProperties": False,
        }
        if node.required:
            out["required"] = list(node.required)
        return out
    if node.type == "map":
        assert node.value is not None
        return {"type": "object", "additionalProperties": _from_node(node.value)}
    if node.type == "list":
        assert node.member is not None
        return {"type": "array", "items": _from_node(node.member)}
    out = dict(_SCALARS.get(node.type, {}))
    if node.enum:
        out["enum"] = list(node.enum)
    return out


def _at(schema: dict[str, Any], path: str) -> dict[str, Any]:
    """The subschema at a dotted member path; ``*`` steps into map values, ``[]`` into items."""
    node = schema
    for part in path.split("."):
        if part == "*":
            node = node["additionalProperties"]
        elif part == "[]":
            node = node["items"]
        else:
            node = node["properties"][part]
    return node


def _limit(schema: dict[str, Any], path: str, **keywords: Any) -> None:
    _at(schema, path).update(keywords)


def _check(operation: str) -> None:
    if operation not in limits.OPERATIONS:
        raise ValueError(
            f"operation must be one of {', '.join(limits.OPERATIONS)}, not {operation!r}"
        )


def _message_limits(body: dict[str, Any], cfg: str) -> None:
    """The documented MessageConfiguration limits, the same for both operations."""
    headers = f"{cfg}.EmailMessage.SimpleEmail.Headers"
    _limit(
        body,
        headers,
        maxItems=limits.MAX_EMAIL_HEADERS,
        description=f"{CLI_V2}, SimpleEmail.Headers: up to {limits.MAX_EMAIL_HEADERS}.",
    )
    _limit(body, f"{headers}.[].Name", maxLength=limits.MAX_HEADER_NAME_LENGTH)
    _limit(
        body,
        f"{headers}.[].Value",
        maxLength=limits.MAX_HEADER_VALUE_LENGTH,
        description=f"At most {limits.MAX_HEADER_VALUE_LENGTH} characters after rendering: "
        "{CreationDate} renders as 24 characters and {{Variables}} render from each "
        "recipient's Substitutions, so the raw length here is only a lower bound "
        "(validate_request checks the rendered length).",
    )
    _limit(
        body,
        f"{cfg}.APNSMessage.CollapseId",
        maxLength=limits.MAX_COLLAPSE_ID_BYTES,
        description=f"The real limit is {limits.MAX_COLLAPSE_ID_BYTES} UTF-8 bytes, not "
        "characters: JSON Schema counts characters, so multibyte IDs can pass here and still "
        "be rejected (validate_request counts bytes).",
    )
    _limit(body, f"{cfg}.APNSMessage.APNSPushType", enum=list(limits.APNS_PUSH_TYPES))
    _limit(
        body,
        f"{cfg}.APNSMessage.PreferredAuthenticationMethod",
        enum=list(limits.APNS_AUTH_METHODS),
    )
    _limit(
        body,
        f"{cfg}.GCMMessage.PreferredAuthenticationMethod",
        enum=list(limits.GCM_AUTH_METHODS),
    )
    priorities = [*limits.APNS_PRIORITIES, *limits.GCM_PRIORITIES]
    for channel in ("APNSMessage", "GCMMessage"):
        _limit(
            body,
            f"{cfg}.{channel}.Priority",
            enum=priorities,
            description="Each channel accepts the other's value and converts it "
            "(5 = normal, 10 = high).",
        )
    for channel in limits.TTL_CHANNELS:
        ttl: dict[str, Any] = {"minimum": 0}
        if channel in limits.TTL_MAXIMA:
            ttl["maximum"] = limits.TTL_MAXIMA[channel]
        _limit(body, f"{cfg}.{channel}.TimeToLive", **ttl)
    _limit(
        body,
        f"{cfg}.EmailMessage.RawEmail.Data",
        contentMediaType="message/rfc822",
        description="A MIME message, base64-encoded in JSON (boto3 takes the raw bytes).",
    )


@functools.cache
def _request_schema(operation: str) -> dict[str, Any]:
    body = _from_node(model.request_node(operation))
    payload = REQUEST_PAYLOAD[operation]
    _message_limits(body, f"{payload}.MessageConfiguration")
    if operation == SEND_USERS_MESSAGES:
        _limit(
            body,
            f"{payload}.Users",
            minProperties=1,
            maxProperties=limits.MAX_USERS,
            propertyNames={"minLength": 1, "pattern": r"\S"},
            description=f"At most {limits.MAX_USERS} user IDs per request ({QUOTA}); a user ID "
            "is a non-empty string.",
        )
    name = "send_users_messages" if operation == SEND_USERS_MESSAGES else "send_messages"
    return {
        "$schema": DRAFT,
        "title": f"{name} request (boto3 keyword arguments)",
        "description": f"Generated from botocore's Pinpoint model ({operation}) plus the "
        f"documented limits of the {CLI_V2} page.",
        **body,
    }


@functools.cache
def _response_schema(operation: str) -> dict[str, Any]:
    body = _from_node(model.response_node(operation))
    payload = RESPONSE_PAYLOAD[operation]
    results = (
        ["Result.*.*"] if operation == SEND_USERS_MESSAGES else ["Result.*", "EndpointResult.*"]
    )
    for result in results:
        _limit(body, f"{payload}.{result}.DeliveryStatus", enum=list(limits.delivery_statuses()))
    name = "send_users_messages" if operation == SEND_USERS_MESSAGES else "send_messages"
    return {
        "$schema": DRAFT,
        "title": f"{name} response",
        "description": f"Generated from botocore's Pinpoint model ({operation}). "
        "boto3 adds ResponseMetadata: drop it before validating.",
        **body,
    }


def request_schema(operation: str = SEND_USERS_MESSAGES) -> dict[str, Any]:
    """JSON Schema for ``{"ApplicationId": ..., "SendUsersMessageRequest": {...}}`` (or, with
    ``operation="SendMessages"``, ``{"ApplicationId": ..., "MessageRequest": {...}}``).

    A fresh deep copy on each call: callers may modify it freely.
    """
    _check(operation)
    return copy.deepcopy(_request_schema(operation))


def response_schema(operation: str = SEND_USERS_MESSAGES) -> dict[str, Any]:
    """JSON Schema for ``{"SendUsersMessageResponse": {...}}`` or ``{"MessageResponse": {...}}``
    (without ResponseMetadata)."""
    _check(operation)
    return copy.deepcopy(_response_schema(operation))
