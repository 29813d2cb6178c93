"""JSON Schema (draft 2020-12) for ``send_users_messages`` requests and responses.

The structure comes from botocore's model (:mod:`pytest_pinpoint.model`), never retyped; the
documented limits that the model lacks are added at their paths from the constants in
:mod:`pytest_pinpoint.contract`. A schema cannot express every rule (rendered header lengths,
UTF-8 byte counts, RawContent payloads): :func:`pytest_pinpoint.validate_request` is the full
check, the schema is for other tools (hypothesis-jsonschema, editors, other languages).
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from . import contract, model

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


_SOURCE = "000_55cfda106dd42147.txt"


@functools.lru_cache(maxsize=1)
def _request_schema() -> dict[str, Any]:
    body = _from_node(model.request_node())
    cfg = "SendUsersMessageRequest.MessageConfiguration"
    headers = f"{cfg}.EmailMessage.SimpleEmail.Headers"
    priorities = [*contract.APNS_PRIORITIES, *contract.GCM_PRIORITIES]

    _limit(
        body,
        "SendUsersMessageRequest.Users",
        minProperties=1,
        maxProperties=contract.MAX_USERS,
        propertyNames={"minLength": 1, "pattern": r"\S"},
        description=f"At most {contract.MAX_USERS} user IDs per request (service quota, not "
        "stated in the seed documents); a user ID is a non-empty string.",
    )
    _limit(
        body,
        headers,
        maxItems=contract.MAX_EMAIL_HEADERS,
        description=f"{_SOURCE}: SimpleEmail.Headers, up to {contract.MAX_EMAIL_HEADERS}.",
    )
    _limit(body, f"{headers}.[].Name", maxLength=contract.MAX_HEADER_NAME_LENGTH)
    _limit(
        body,
        f"{headers}.[].Value",
        maxLength=contract.MAX_HEADER_VALUE_LENGTH,
        description=f"At most {contract.MAX_HEADER_VALUE_LENGTH} characters after rendering: "
        "{CreationDate} renders as 24 characters and {{Variables}} render from each user's "
        "Substitutions, so the raw length here is only a lower bound "
        "(validate_request checks the rendered length).",
    )
    _limit(
        body,
        f"{cfg}.APNSMessage.CollapseId",
        maxLength=contract.MAX_COLLAPSE_ID_BYTES,
        description=f"The real limit is {contract.MAX_COLLAPSE_ID_BYTES} UTF-8 bytes, not "
        "characters: JSON Schema counts characters, so multibyte IDs can pass here and still "
        "be rejected (validate_request counts bytes).",
    )
    _limit(body, f"{cfg}.APNSMessage.APNSPushType", enum=list(contract.APNS_PUSH_TYPES))
    _limit(
        body,
        f"{cfg}.APNSMessage.PreferredAuthenticationMethod",
        enum=list(contract.APNS_AUTH_METHODS),
    )
    _limit(
        body,
        f"{cfg}.GCMMessage.PreferredAuthenticationMethod",
        enum=list(contract.GCM_AUTH_METHODS),
    )
    for channel in ("APNSMessage", "GCMMessage"):
        _limit(
            body,
            f"{cfg}.{channel}.Priority",
            enum=priorities,
            description="Each channel accepts the other's value and converts it "
            "(5 = normal, 10 = high).",
        )
    for channel in contract.TTL_CHANNELS:
        ttl: dict[str, Any] = {"minimum": 0}
        if channel in contract.TTL_MAXIMA:
            ttl["maximum"] = contract.TTL_MAXIMA[channel]
        _limit(body, f"{cfg}.{channel}.TimeToLive", **ttl)
    _limit(
        body,
        f"{cfg}.EmailMessage.RawEmail.Data",
        contentMediaType="message/rfc822",
        description="A MIME message, base64-encoded in JSON (boto3 takes the raw bytes).",
    )
    return {
        "$schema": DRAFT,
        "title": "send_users_messages request (boto3 keyword arguments)",
        "description": f"Generated from botocore's Pinpoint model ({model.OPERATION_NAME}) plus "
        f"the documented limits of {_SOURCE}.",
        **body,
    }


@functools.lru_cache(maxsize=1)
def _response_schema() -> dict[str, Any]:
    body = _from_node(model.response_node())
    result = "SendUsersMessageResponse.Result.*.*"
    _limit(body, f"{result}.DeliveryStatus", enum=list(contract.delivery_statuses()))
    return {
        "$schema": DRAFT,
        "title": "send_users_messages response",
        "description": f"Generated from botocore's Pinpoint model ({model.OPERATION_NAME}). "
        "boto3 adds ResponseMetadata: drop it before validating.",
        **body,
    }


def request_schema() -> dict[str, Any]:
    """JSON Schema for ``{"ApplicationId": ..., "SendUsersMessageRequest": {...}}``.

    A fresh deep copy on each call: callers may modify it freely.
    """
    return copy.deepcopy(_request_schema())


def response_schema() -> dict[str, Any]:
    """JSON Schema for ``{"SendUsersMessageResponse": {...}}`` (without ResponseMetadata)."""
    return copy.deepcopy(_response_schema())
