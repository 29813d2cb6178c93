"""botocore's model of the v2 send operations, compiled once into small nodes that keep what
botocore does not enforce: the maxima, patterns and enums (botocore checks only required
members, types and minimums). Nothing is retyped: every number and pattern is the model's.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from botocore.model import ServiceModel, Shape

SERVICE = "pinpoint-sms-voice-v2"

#: shape name -> the rule a constraint of that shape breaks (else the generic one by kind)
RULE_OF_SHAPE: dict[str, str] = {
    "TextMessageBody": "sms-v2-body",
    "VoiceMessageBody": "sms-v2-body",
    "PhoneNumber": "sms-v2-destination-number",
    "TextMessageOriginationIdentity": "sms-v2-origination-format",
    "VoiceMessageOriginationIdentity": "sms-v2-origination-format",
    "MediaMessageOriginationIdentity": "sms-v2-origination-format",
    "MaxPrice": "sms-v2-max-price",
    "TimeToLive": "sms-v2-time-to-live",
    "ContextMap": "sms-v2-context",
    "ContextKey": "sms-v2-context",
    "ContextValue": "sms-v2-context",
    "DestinationCountryParameters": "sms-v2-country-parameters",
    "DestinationCountryParameterKey": "sms-v2-country-parameters",
    "DestinationCountryParameterValue": "sms-v2-country-parameters",
    "Keyword": "sms-v2-keyword",
    "MediaUrlList": "sms-v2-media-urls",
    "MediaUrlValue": "sms-v2-media-urls",
    "VoiceId": "sms-v2-voice-id",
}


@dataclass(eq=False)
class Node:
    """One shape with its constraints (``minimum``/``maximum``: length, entries or range)."""

    name: str
    type: str
    members: dict[str, Node] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    key: Node | None = None
    value: Node | None = None
    member: Node | None = None
    enum: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    pattern: re.Pattern[str] | None = None
    pattern_text: str = ""


@functools.cache
def service_model() -> ServiceModel:
    import botocore.session

    return botocore.session.get_session().get_service_model(SERVICE)


def _compile(shape: Shape, seen: dict[str, Node]) -> Node:
    if shape.name in seen:
        return seen[shape.name]
    meta = shape.metadata
    node = Node(shape.name, shape.type_name, minimum=meta.get("min"), maximum=meta.get("max"))
    seen[shape.name] = node
    if "pattern" in meta:
        node.pattern_text = meta["pattern"]
        node.pattern = re.compile(meta["pattern"])
    enum = getattr(shape, "enum", None)
    if enum:
        node.enum = tuple(enum)
    if shape.type_name == "structure":
        node.members = {k: _compile(v, seen) for k, v in shape.members.items()}
        node.required = tuple(shape.required_members)
    elif shape.type_name == "map":
        node.key = _compile(shape.key, seen)
        node.value = _compile(shape.value, seen)
    elif shape.type_name == "list":
        node.member = _compile(shape.member, seen)
    return node


@functools.cache
def request_node(operation: str) -> Node:
    """The input of ``operation`` (boto3's keyword arguments) as a node tree."""
    shape = service_model().operation_model(operation).input_shape
    if shape is None:
        return Node(f"{operation}Request", "structure")
    return _compile(shape, {})


def enum_of(shape_name: str) -> tuple[str, ...]:
    """The enum the model declares for a string shape (``"ConflictExceptionReason"``)."""
    return tuple(getattr(service_model().shape_for(shape_name), "enum", None) or ())
