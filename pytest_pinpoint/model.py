"""The Pinpoint service model, as botocore ships it.

Nothing here is retyped: shapes, required members, types, enums, the operation's HTTP binding
and its declared errors all come from ``botocore/data/pinpoint/*/service-2.json``. The shapes are
compiled once into small :class:`Node` trees so the contract walker never touches botocore's
lazy shape objects on the hot path.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocore.model import OperationModel, ServiceModel, Shape

SERVICE_NAME = "pinpoint"
OPERATION_NAME = "SendUsersMessages"  # the default operation of every function below
SEND_MESSAGES = "SendMessages"


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


_service_model: ServiceModel | None = None


def service_model() -> ServiceModel:
    """botocore's ServiceModel for Pinpoint: the one the first intercepted client holds
    (:func:`adopt_service_model`), else loaded once through a new botocore session (~25 ms:
    the loopback server, the CLI and the contract outside a stubbed call)."""
    global _service_model
    if _service_model is None:
        import botocore.session

        _service_model = botocore.session.get_session().get_service_model(SERVICE_NAME)
    return _service_model


@functools.cache
def bundled_model(service: str) -> ServiceModel:
    """botocore's bundled model of another service (``sesv2``), loaded once per process."""
    import botocore.session

    return botocore.session.get_session().get_service_model(service)


def adopt_service_model(candidate: ServiceModel) -> None:
    """Use a Pinpoint client's ServiceModel (already loaded by botocore) unless one is in use.

    Called by the botocore adapter on the first intercepted request, so that request does not
    load the same model a second time; the model is the same bundled JSON either way.
    """
    global _service_model
    if _service_model is None and candidate.service_name == SERVICE_NAME:
        _service_model = candidate


@functools.cache
def operation(name: str = OPERATION_NAME) -> OperationModel:
    return service_model().operation_model(name)


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


@functools.cache
def request_node(name: str = OPERATION_NAME) -> Node:
    """The operation's input as boto3 kwargs (``ApplicationId`` and ``SendUsersMessageRequest``
    for SendUsersMessages); an operation without input gets an empty structure."""
    shape = operation(name).input_shape
    if shape is None:
        return Node(name=f"{name}Input", type="structure")
    return _compile(shape, {})


@functools.cache
def response_node(name: str = OPERATION_NAME) -> Node:
    """The operation's output (``{"SendUsersMessageResponse": {...}}`` for SendUsersMessages)."""
    return output_node(operation(name))


def output_node(op: OperationModel) -> Node:
    """Any service's operation output as a :class:`Node` tree (the units' models too); an
    operation without output gets an empty structure."""
    shape = op.output_shape
    if shape is None:
        return Node(name=f"{op.name}Output", type="structure")
    return _compile(shape, {})


def input_node(op: OperationModel) -> Node:
    """Any service's operation input as a :class:`Node` tree (boto3's kwargs)."""
    shape = op.input_shape
    if shape is None:
        return Node(name=f"{op.name}Input", type="structure")
    return _compile(shape, {})


def shape(name: str) -> Node:
    """A named shape of the model (e.g. ``"APNSMessage"``, ``"EndpointMessageResult"``)."""
    return _compile(service_model().shape_for(name), {})


@dataclass(frozen=True)
class HttpBinding:
    method: str
    uri: str  # e.g. "/v1/apps/{application-id}/users-messages"
    payload: str  # the member serialized as the JSON body
    uri_params: dict[str, str]  # model member -> URI label


@functools.cache
def http_binding(name: str = OPERATION_NAME) -> HttpBinding:
    op = operation(name)
    inp = op.input_shape
    members = inp.members.items() if inp is not None else ()
    uri_params = {
        member: m.serialization["name"]
        for member, m in members
        if m.serialization.get("location") == "uri"
    }
    return HttpBinding(
        method=op.http["method"],
        uri=op.http["requestUri"],
        payload=(inp.serialization.get("payload") or "") if inp is not None else "",
        uri_params=uri_params,
    )


@functools.cache
def error_statuses(name: str = OPERATION_NAME) -> dict[str, int]:
    """Declared error shapes of the operation -> their HTTP status code."""
    return declared_errors(operation(name))


def declared_errors(op: OperationModel) -> dict[str, int]:
    """Any service's declared errors of ``op`` -> their HTTP status (400 where a json-protocol
    model gives none)."""
    return {
        e.name: int(e.metadata.get("error", {}).get("httpStatusCode", 400)) for e in op.error_shapes
    }


# --- routing: which operation an HTTP request is for (one table for every adapter) -------------


@dataclass(frozen=True)
class Route:
    """One operation's HTTP route: ``POST /v1/apps/{application-id}/users-messages``."""

    method: str
    source: str  # the regex of the request path, URI labels as named groups
    operation: str
    uri: str
    labels: dict[str, str]  # regex group -> URI label (``application-id``)
    prefix: str  # the literal text before the first label: a cheap test before the regex
    suffix: str  # the literal text after the last label

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        # compiled when first needed: a process compiles the few routes its requests reach,
        # not all ~120 (a quarter of the first request's cost)
        return re.compile(self.source)

    def could_match(self, path: str) -> bool:
        """False when ``path`` cannot match (its literal start or end differs)."""
        if not path.startswith(self.prefix):
            return False
        return path.endswith(self.suffix) or path.endswith(self.suffix + "/")


_LABEL = re.compile(r"\{([^}+]+)(\+?)\}")


def _route(name: str) -> Route:
    return route_of(operation(name))


def route_of(op: OperationModel) -> Route:
    """Any rest-json operation's route, from its ``requestUri`` (the units' models too)."""
    name = op.name
    http = op.http
    uri = http["requestUri"].split("?", 1)[0]
    labels: dict[str, str] = {}
    parts, last, first = [], 0, len(uri)
    for found in _LABEL.finditer(uri):
        key = f"l{len(labels)}"
        labels[key] = found.group(1)
        first = min(first, found.start())
        parts.append(re.escape(uri[last : found.start()]))
        parts.append(f"(?P<{key}>.+)" if found.group(2) else f"(?P<{key}>[^/]+)")
        last = found.end()
    parts.append(re.escape(uri[last:]))
    source = "".join(parts) + "/?"
    suffix = uri[last:] if labels else ""
    return Route(http["method"], source, name, uri, labels, uri[:first], suffix)


@functools.lru_cache(maxsize=1)
def routes() -> tuple[Route, ...]:
    """Every Pinpoint operation's route, from the model (literal paths before labelled ones)."""
    table = [_route(name) for name in service_model().operation_names]
    return tuple(sorted(table, key=lambda r: r.uri.count("{")))


@functools.lru_cache(maxsize=4096)
def route(method: str, path: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """``(operation, ((uri_label, raw_value), ...))`` for an HTTP request, or None.

    Label values are returned as they appear in the path (still percent-encoded).
    """
    method = method.upper()
    for r in routes():
        if r.method != method or not r.could_match(path):
            continue
        found = r.pattern.fullmatch(path)
        if found is not None:
            return r.operation, tuple((r.labels[k], v) for k, v in found.groupdict().items())
    return None


def operation_for(method: str, path: str) -> str | None:
    """The Pinpoint operation an HTTP request is for, if the model knows it."""
    found = route(method, path)
    return found[0] if found else None


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
