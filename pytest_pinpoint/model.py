"""The Pinpoint service model, as botocore ships it.

Nothing here is retyped: shapes, required members, types, enums, the operation's HTTP binding
and its declared errors all come from ``botocore/data/pinpoint/*/service-2.json``. The shapes are
compiled once into small :class:`Node` trees so the contract walker never touches botocore's
lazy shape objects on the hot path.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocore.model import OperationModel, ServiceModel, Shape

SERVICE_NAME = "pinpoint"
OPERATION_NAME = "SendUsersMessages"


@dataclass(eq=False)
class Node:
    """One shape of the model, reduced to what validation and generation need."""

    name: str
    type: str  # structure | map | list | string | integer | long | boolean | blob | double ...
    members: dict[str, Node] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    key: Node | None = None
    value: Node | None = None
    member: Node | None = None
    enum: tuple[str, ...] = ()
    documentation: str = ""

    def __repr__(self) -> str:
        return f"Node({self.name}: {self.type})"


@functools.lru_cache(maxsize=1)
def service_model() -> ServiceModel:
    """botocore's ServiceModel for Pinpoint (loaded once, ~0.2 s)."""
    import botocore.session

    return botocore.session.get_session().get_service_model(SERVICE_NAME)


@functools.lru_cache(maxsize=1)
def operation() -> OperationModel:
    return service_model().operation_model(OPERATION_NAME)


def _compile(shape: Shape, seen: dict[str, Node]) -> Node:
    if shape.name in seen:  # recursive shapes share one node
        return seen[shape.name]
    node = Node(name=shape.name, type=shape.type_name)
    seen[shape.name] = node
    if shape.type_name == "structure":
        node.members = {k: _compile(v, seen) for k, v in shape.members.items()}
        node.required = tuple(shape.required_members)
    elif shape.type_name == "map":
        node.key = _compile(shape.key, seen)
        node.value = _compile(shape.value, seen)
    elif shape.type_name == "list":
        node.member = _compile(shape.member, seen)
    enum = getattr(shape, "enum", None)
    if enum:
        node.enum = tuple(enum)
    return node


@functools.lru_cache(maxsize=1)
def request_node() -> Node:
    """The operation's input: ``ApplicationId`` and ``SendUsersMessageRequest`` (boto3 kwargs)."""
    return _compile(operation().input_shape, {})


@functools.lru_cache(maxsize=1)
def response_node() -> Node:
    """The operation's output: ``{"SendUsersMessageResponse": {...}}``."""
    return _compile(operation().output_shape, {})


def shape(name: str) -> Node:
    """A named shape of the model (e.g. ``"APNSMessage"``, ``"EndpointMessageResult"``)."""
    return _compile(service_model().shape_for(name), {})


@dataclass(frozen=True)
class HttpBinding:
    method: str
    uri: str  # e.g. "/v1/apps/{application-id}/users-messages"
    payload: str  # the member serialized as the JSON body
    uri_params: dict[str, str]  # model member -> URI label


@functools.lru_cache(maxsize=1)
def http_binding() -> HttpBinding:
    op = operation()
    inp = op.input_shape
    uri_params = {
        name: m.serialization["name"]
        for name, m in inp.members.items()
        if m.serialization.get("location") == "uri"
    }
    return HttpBinding(
        method=op.http["method"],
        uri=op.http["requestUri"],
        payload=inp.serialization["payload"],
        uri_params=uri_params,
    )


@functools.lru_cache(maxsize=1)
def error_statuses() -> dict[str, int]:
    """Declared error shapes of the operation -> their HTTP status code."""
    return {e.name: int(e.metadata["error"]["httpStatusCode"]) for e in operation().error_shapes}


def enum_of(shape_name: str) -> tuple[str, ...]:
    """The enum the model declares for a string shape (e.g. ``"DeliveryStatus"``)."""
    return shape(shape_name).enum


def channel_messages() -> dict[str, Node]:
    """``MessageConfiguration`` members: ``{"APNSMessage": Node, "SMSMessage": Node, ...}``."""
    req = request_node().members["SendUsersMessageRequest"]
    return dict(req.members["MessageConfiguration"].members)


def template_kinds() -> tuple[str, ...]:
    req = request_node().members["SendUsersMessageRequest"]
    return tuple(req.members["TemplateConfiguration"].members)


def describe(value: Any) -> str:
    """A short type name for messages (``'a list'``, ``'None'``)."""
    if value is None:
        return "None"
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
    }
    return names.get(type(value), f"a {type(value).__name__}")
