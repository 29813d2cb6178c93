"""The response rules: the model's shape, and each result's DeliveryStatus and StatusCode.

SendUsersMessages answers ``Result`` (user -> endpoint -> EndpointMessageResult); SendMessages
answers ``Result`` (address -> MessageResult) and ``EndpointResult`` (endpoint ID ->
EndpointMessageResult). Every result follows the same status rules (000, 001).
"""

from __future__ import annotations

from typing import Any

from .. import model
from .limits import CLI_V1, LEGACY_DELIVERY_STATUSES, RESPONSE_PAYLOAD, delivery_statuses
from .violation import Collector, shorten
from .walk import key_path, member_path, walk


def check_response(data: dict[str, Any], operation: str, c: Collector) -> None:
    root = model.response_node(operation)
    payload = RESPONSE_PAYLOAD[operation]
    if data.get(payload) is None:
        c.add("required", payload, "is required")
    for key in data:
        if key != payload:
            c.add(
                "unknown-field", member_path("", str(key)), f"is not a member of {root.name}", key
            )
    inner = data.get(payload)
    if inner is None:
        return
    inner_node = root.members[payload]
    if not isinstance(inner, dict):
        walk(inner_node, inner, payload, c)
        return
    results = {k: n for k, n in inner_node.members.items() if n.type == "map"}
    # Walk everything but the result maps with the model; those get the response rules below.
    walk(inner_node, {k: v for k, v in inner.items() if k not in results}, payload, c)
    for name, node in results.items():
        value = inner.get(name)
        if value is not None:
            _walk_results(node, value, f"{payload}.{name}", c)


def _walk_results(node: model.Node, value: Any, path: str, c: Collector) -> None:
    assert node.value is not None
    if not isinstance(value, dict):
        walk(node, value, path, c)
        return
    inner = node.value
    for key, sub in value.items():
        if not isinstance(key, str):
            c.add("type", path, f"has a key that is not a string: {shorten(key)}", key)
            continue
        kpath = key_path(path, key)
        if inner.type == "map":
            _walk_results(inner, sub, kpath, c)
        elif not isinstance(sub, dict):
            walk(inner, sub, kpath, c)
        else:
            _check_result(inner, sub, kpath, c)


def _check_result(node: model.Node, res: dict[str, Any], path: str, c: Collector) -> None:
    code = res.get("StatusCode")
    # StatusCode's type has a rule of its own; the model walk sees a stand-in.
    walk(node, {**res, "StatusCode": 0} if code is not None else res, path, c)
    if code is not None:
        walk(
            node.members["StatusCode"],
            code,
            f"{path}.StatusCode",
            c,
            type_rule="status-code-type",
        )
    status = res.get("DeliveryStatus")
    current = delivery_statuses()
    if not isinstance(status, str) or status in current:
        return
    spath = f"{path}.DeliveryStatus"
    if status in LEGACY_DELIVERY_STATUSES:
        now = LEGACY_DELIVERY_STATUSES[status]
        hint = f"the current value is {now}" if now else "no current value corresponds"
        c.add(
            "delivery-status-legacy",
            spath,
            f"{status!r} is a legacy status ({CLI_V1}, DeliveryStatus); {hint}",
            status,
        )
    else:
        c.add(
            "delivery-status-enum",
            spath,
            f"{status!r} is not one of {', '.join(current)}",
            status,
        )
