"""The JSON Schema export: generated from the model, carries the documented limits, and works with
the ``jsonschema`` validator and with hypothesis-jsonschema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_jsonschema import from_schema

from pytest_pinpoint import contract, model, request_schema, response_schema

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CFG = ("SendUsersMessageRequest", "MessageConfiguration")


def load(*parts: str) -> Any:
    return json.loads(FIXTURES.joinpath(*parts).read_text(encoding="utf-8"))


def at(schema: dict[str, Any], *path: str) -> dict[str, Any]:
    node = schema
    for part in path:
        if part == "*":
            node = node["additionalProperties"]
        elif part == "[]":
            node = node["items"]
        else:
            node = node["properties"][part]
    return node


def errors(schema: dict[str, Any], instance: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def seed_with_headers(count: int) -> dict[str, Any]:
    params = load("seed", "request.json")
    params["SendUsersMessageRequest"]["MessageConfiguration"]["EmailMessage"] = {
        "SimpleEmail": {"Headers": [{"Name": f"X-{i}", "Value": "v"} for i in range(count)]}
    }
    return params


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return request_schema()


def test_schemas_are_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator.check_schema(response_schema())


def test_structure_follows_the_model(schema: dict[str, Any]) -> None:
    node = model.request_node()
    assert sorted(schema["required"]) == sorted(node.required)
    assert schema["additionalProperties"] is False
    body = at(schema, "SendUsersMessageRequest")
    assert sorted(body["required"]) == ["MessageConfiguration", "Users"]
    cfg = at(schema, *CFG)
    assert set(cfg["properties"]) == set(model.channel_messages())
    assert cfg["additionalProperties"] is False
    apns = at(schema, *CFG, "APNSMessage")
    assert set(apns["properties"]) == set(model.shape("APNSMessage").members)
    assert apns["properties"]["TimeToLive"]["type"] == "integer"
    assert apns["properties"]["SilentPush"]["type"] == "boolean"
    subs = at(schema, "SendUsersMessageRequest", "Users", "*", "Substitutions", "*")
    assert subs == {"type": "array", "items": {"type": "string"}}


def test_documented_limits_are_at_their_paths(schema: dict[str, Any]) -> None:
    headers = at(schema, *CFG, "EmailMessage", "SimpleEmail", "Headers")
    assert headers["maxItems"] == 15
    assert at(headers, "[]", "Name")["maxLength"] == 126
    value = at(headers, "[]", "Value")
    assert value["maxLength"] == 870
    assert "rendering" in value["description"]
    collapse = at(schema, *CFG, "APNSMessage", "CollapseId")
    assert collapse["maxLength"] == 64
    assert "64 UTF-8 bytes" in collapse["description"]
    users = at(schema, "SendUsersMessageRequest", "Users")
    assert (users["minProperties"], users["maxProperties"]) == (1, 100)
    for channel in ("APNSMessage", "BaiduMessage", "GCMMessage"):
        assert at(schema, *CFG, channel, "TimeToLive")["minimum"] == 0
    assert at(schema, *CFG, "BaiduMessage", "TimeToLive")["maximum"] == 604_800
    assert at(schema, *CFG, "GCMMessage", "TimeToLive")["maximum"] == 2_419_200
    assert "maximum" not in at(schema, *CFG, "APNSMessage", "TimeToLive")
    data = at(schema, *CFG, "EmailMessage", "RawEmail", "Data")
    assert data["type"] == "string"
    assert data["contentEncoding"] == "base64"


def test_enums(schema: dict[str, Any]) -> None:
    def enum(*path: str) -> set[str]:
        return set(at(schema, *CFG, *path)["enum"])

    for channel in ("ADMMessage", "APNSMessage", "BaiduMessage", "GCMMessage"):
        assert enum(channel, "Action") == {"OPEN_APP", "DEEP_LINK", "URL"}
    assert enum("SMSMessage", "MessageType") == {"TRANSACTIONAL", "PROMOTIONAL"}
    assert enum("APNSMessage", "APNSPushType") == set(contract.limits.APNS_PUSH_TYPES)
    assert enum("APNSMessage", "PreferredAuthenticationMethod") == {"CERTIFICATE", "TOKEN"}
    assert enum("GCMMessage", "PreferredAuthenticationMethod") == {"KEY", "TOKEN"}
    for channel in ("APNSMessage", "GCMMessage"):
        assert enum(channel, "Priority") == {"5", "10", "normal", "high"}
    status = at(response_schema(), "SendUsersMessageResponse", "Result", "*", "*")
    assert set(status["properties"]["DeliveryStatus"]["enum"]) == set(
        model.enum_of("DeliveryStatus")
    )
    assert sorted(status["required"]) == ["DeliveryStatus", "StatusCode"]


def test_cached_but_returned_as_copies() -> None:
    first = request_schema()
    first["properties"].clear()
    assert request_schema()["properties"]
    assert request_schema() == request_schema()
    assert request_schema() is not request_schema()
    resp = response_schema()
    resp["required"].append("x")
    assert response_schema()["required"] == ["SendUsersMessageResponse"]


def test_jsonschema_accepts_seed_and_rejects_16_headers(schema: dict[str, Any]) -> None:
    assert errors(schema, load("seed", "request.json")) == []
    assert errors(schema, seed_with_headers(15)) == []
    found = errors(schema, seed_with_headers(16))
    assert len(found) == 1
    assert "is too long" in found[0]
    assert errors(response_schema(), load("seed", "response.json")) == []


@pytest.mark.parametrize("path", sorted((FIXTURES / "valid").glob("*.json")), ids=lambda p: p.stem)
def test_jsonschema_accepts_valid_corpus(schema: dict[str, Any], path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    if "MessageResponse" in data:
        schema = response_schema("SendMessages")
    elif "MessageRequest" in data:
        schema = request_schema("SendMessages")
    assert errors(schema, data) == []


@pytest.mark.parametrize(
    ("mutate", "broken"),
    [
        (lambda cfg: cfg["SMSMessage"].update(MessageType="MARKETING"), True),
        (lambda cfg: cfg.update(GCMMessage={"Priority": "urgent"}), True),
        (lambda cfg: cfg.update(GCMMessage={"Priority": "5"}), False),
        (lambda cfg: cfg.update(BaiduMessage={"TimeToLive": 604_801}), True),
        (lambda cfg: cfg.update(BaiduMessage={"TimeToLive": 604_800}), False),
        (lambda cfg: cfg.update(APNSMessage={"TimeToLive": -1}), True),
        (lambda cfg: cfg.update(APNSMessage={"CollapseId": "a" * 65}), True),
        (lambda cfg: cfg.update(APNSMessage={"APNSPushType": "alarm"}), True),
        (lambda cfg: cfg["SMSMessage"].update(SenderID="x"), True),
        (lambda cfg: cfg["SMSMessage"].update(Body=5), True),
    ],
)
def test_jsonschema_checks_limits(schema: dict[str, Any], mutate: Any, broken: bool) -> None:
    params = load("seed", "request.json")
    mutate(params["SendUsersMessageRequest"]["MessageConfiguration"])
    assert bool(errors(schema, params)) is broken


def test_jsonschema_users_bounds(schema: dict[str, Any]) -> None:
    params = load("seed", "request.json")
    for users, broken in (({}, True), ({"": {}}, True), ({" ": {}}, True), ({"a": {}}, False)):
        params["SendUsersMessageRequest"]["Users"] = users
        assert bool(errors(schema, params)) is broken, users
    params["SendUsersMessageRequest"]["Users"] = {f"u{i}": {} for i in range(101)}
    assert errors(schema, params)


def test_response_schema_rejects_legacy_status() -> None:
    data = load("invalid", "delivery-status-legacy.json")
    assert errors(response_schema(), data)
    data = load("invalid", "status-code-type.json")
    assert errors(response_schema(), data)


def _pinned(schema: dict[str, Any], instance: Any) -> Any:
    # hypothesis-jsonschema resolves allOf[schema, const] by validating the constant: the
    # strategy is empty exactly when the schema rejects it.
    return from_schema({"allOf": [schema, {"const": instance}]})


def test_hypothesis_jsonschema_agrees_on_seed_and_16_headers(schema: dict[str, Any]) -> None:
    seed = load("seed", "request.json")
    assert not _pinned(schema, seed).is_empty
    assert _pinned(schema, seed_with_headers(16)).is_empty
    assert not _pinned(schema, seed_with_headers(15)).is_empty


# hypothesis-jsonschema is slow on a schema this size (~0.25 s per request): a few examples
# prove the schema is usable; the project's own strategies do the heavy generation.
@settings(
    max_examples=5,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=from_schema(request_schema()))
def test_hypothesis_jsonschema_generates_schema_valid_requests(data: Any) -> None:
    assert errors(request_schema(), data) == []
    # Whatever the schema admits, the contract validator at least agrees on the structure.
    structural = {"required", "type", "unknown-field", "users-empty", "users-max", "user-id-empty"}
    found = contract.validate_request(copy.deepcopy(data))
    assert not [v for v in found if v.rule in structural], [str(v) for v in found]


@settings(
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=from_schema(response_schema()))
def test_hypothesis_jsonschema_generates_contract_valid_responses(data: Any) -> None:
    assert contract.validate_response(data) == []
