"""Both send operations and bare bodies (issues 13 and 14, the contract side)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pytest_pinpoint import contract, request_schema, response_schema
from pytest_pinpoint.contract import validate_request, validate_response

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
APP_ID = "611e3e3cdd47474c9c1399a505665b91"
CFG = "MessageRequest.MessageConfiguration"
SMS = {"SMSMessage": {"Body": "Store closes at 4 pm."}}


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def rules_of(found: list[contract.Violation]) -> list[str]:
    return [v.rule for v in found]


def only(found: list[contract.Violation], rule: str) -> contract.Violation:
    assert rules_of(found) == [rule], [str(v) for v in found]
    return found[0]


def messages(config: dict[str, Any], **body: Any) -> dict[str, Any]:
    body.setdefault("Addresses", {"+12065550100": {"ChannelType": "SMS"}})
    return {"ApplicationId": APP_ID, "MessageRequest": {"MessageConfiguration": config, **body}}


REQUEST_FILES = sorted(
    p
    for folder in ("valid", "invalid")
    for p in (FIXTURES / folder).glob("*.json")
    if not p.name.endswith(".templates.json") and "Response" not in next(iter(load(p)))
)


# --- bare bodies (issue 14) -----------------------------------------------------------------------


@pytest.mark.parametrize("path", REQUEST_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_bare_body_reports_what_its_kwargs_report(path: Path) -> None:
    params = load(path)
    payload = "SendUsersMessageRequest" if "SendUsersMessageRequest" in params else "MessageRequest"
    body = params[payload]
    if not isinstance(body, dict) or not params.get("ApplicationId"):
        pytest.skip("the file breaks the wrapper itself")
    # same rules, same paths: a bare body's paths carry the payload name as their prefix
    assert validate_request(body) == validate_request(params)
    assert validate_request(body, operation=contract.request_operation(params)) == (
        validate_request(params)
    )


def test_assert_valid_request_accepts_a_bare_body() -> None:
    body = load(FIXTURES / "seed" / "myfile.json")
    contract.assert_valid_request(body)  # no ApplicationId "required", no "unknown-field"
    contract.assert_valid_request({"MessageConfiguration": SMS, "Addresses": {"+1206": {}}})
    with pytest.raises(AssertionError, match=r"^send_messages request breaks 1 documented"):
        contract.assert_valid_request(messages({}, TemplateConfiguration={"InAppTemplate": {}}))


def test_bare_body_structure_errors_have_the_wrapped_paths() -> None:
    v = only(validate_request({"Users": {"u1": {}}}), "required")
    assert v.path == "SendUsersMessageRequest.MessageConfiguration"
    v = only(validate_request({"Addresses": {}}), "required")
    assert v.path == "MessageRequest.MessageConfiguration"
    found = validate_request({"Addresses": {}, "MessageConfiguration": {}, "Extra": 1})
    assert only(found, "unknown-field").path == "MessageRequest.Extra"


def test_operation_is_recognised_or_given() -> None:
    assert contract.request_operation({"MessageConfiguration": {}}) == "SendUsersMessages"
    assert contract.request_operation({"Endpoints": {}}) == "SendMessages"
    assert contract.request_operation({"MessageRequest": {}}) == "SendMessages"
    assert contract.request_operation({"Users": {}}, "SendMessages") == "SendMessages"
    # a body without recipients is checked as the operation you name
    assert validate_request({"MessageConfiguration": SMS}, operation="SendMessages") == []
    assert rules_of(validate_request({"MessageConfiguration": SMS})) == ["required"]
    with pytest.raises(ValueError, match="operation must be one of"):
        validate_request({}, operation="SendEmail")


# --- send_messages requests (issue 13) ------------------------------------------------------------


def test_sms_broadcast_is_valid() -> None:
    assert validate_request(messages(SMS)) == []


def test_message_configuration_rules_apply_unchanged() -> None:
    headers = [{"Name": f"X-H{i}", "Value": "v"} for i in range(16)]
    cfg = {"EmailMessage": {"SimpleEmail": {"Subject": {"Data": "Hi"}, "Headers": headers}}}
    v = only(validate_request(messages(cfg)), "email-headers-max")
    assert v.path == f"{CFG}.EmailMessage.SimpleEmail.Headers"
    v = only(
        validate_request(messages({"APNSMessage": {"CollapseId": "€" * 22}})),
        "apns-collapse-id-bytes",
    )
    assert v.path == f"{CFG}.APNSMessage.CollapseId"


def test_users_rules_do_not_apply() -> None:
    assert validate_request(messages(SMS, Addresses={})) == []  # no users-empty for Addresses
    found = validate_request(messages(SMS, Addresses={"+12065550100": {"ChannelType": "SMS"}}))
    assert found == []


def test_channel_type_enum() -> None:
    found = validate_request(messages(SMS, Addresses={"+12065550100": {"ChannelType": "TEXT"}}))
    v = only(found, "channel-type-enum")
    assert v.path == 'MessageRequest.Addresses["+12065550100"].ChannelType'
    assert v.actual == "'TEXT'"
    assert contract.RULES["channel-type-enum"].operations == ("SendMessages",)


@pytest.mark.parametrize(
    ("channel", "checked"), [("APNS", True), ("APNS_SANDBOX", True), ("GCM", False)]
)
def test_address_raw_content_is_the_apns_payload_of_an_apns_address(
    channel: str, checked: bool
) -> None:
    raw = json.dumps({"aps": {"alert": "hi"}})
    found = validate_request(
        messages(SMS, Addresses={"tok": {"ChannelType": channel, "RawContent": raw}})
    )
    if checked:
        assert (
            only(found, "apns-content-available").path
            == 'MessageRequest.Addresses["tok"].RawContent.aps'
        )
    else:
        assert found == []
    bad = {"tok": {"ChannelType": channel, "RawContent": "nope"}}
    assert rules_of(validate_request(messages(SMS, Addresses=bad))) == ["raw-content-json"]


def test_endpoint_raw_content_follows_the_apns_rules_when_the_request_has_apns_content() -> None:
    raw = json.dumps({"aps": {"content-available": 1, "sound": "x"}})
    params = messages(
        {"APNSMessage": {"SilentPush": True}}, Addresses={}, Endpoints={"e1": {"RawContent": raw}}
    )
    v = only(validate_request(params), "apns-silent-keys")
    assert v.path == 'MessageRequest.Endpoints["e1"].RawContent.aps'
    params["MessageRequest"]["Endpoints"]["e1"]["BodyOverride"] = "ignored"
    assert "raw-content-overrides" in rules_of(validate_request(params))


def test_substitutions_per_address_and_per_channel() -> None:
    cfg = {
        "SMSMessage": {"Body": "Hi {{Name}}"},
        "EmailMessage": {"SimpleEmail": {"Subject": {"Data": "For {{Team}}"}}},
    }
    addresses = {
        "+12065550100": {"ChannelType": "SMS", "Substitutions": {"Name": ["Ana"]}},
        "a@example.com": {"ChannelType": "EMAIL", "Substitutions": {"Team": ["Ops"]}},
    }
    assert validate_request(messages(cfg, Addresses=addresses)) == []  # each gets its own channel
    del addresses["a@example.com"]["Substitutions"]
    v = only(validate_request(messages(cfg, Addresses=addresses)), "substitution-missing")
    assert v.path == f"{CFG}.EmailMessage.SimpleEmail.Subject.Data"
    assert "address 'a@example.com'" in v.message


def test_header_value_renders_per_address() -> None:
    headers = [{"Name": "X-Ref", "Value": "{{Ref}}"}]
    cfg = {"EmailMessage": {"SimpleEmail": {"Subject": {"Data": "Hi"}, "Headers": headers}}}
    addresses = {
        "a@example.com": {"ChannelType": "EMAIL", "Substitutions": {"Ref": ["r" * 870]}},
        "b@example.com": {"ChannelType": "EMAIL", "Substitutions": {"Ref": ["r" * 871]}},
        "+12065550100": {"ChannelType": "SMS"},  # gets no email: neither rule counts it
    }
    v = only(validate_request(messages(cfg, Addresses=addresses)), "email-header-value-length")
    assert "renders to 871 characters for address 'b@example.com'" in v.message


def test_templates_of_send_messages() -> None:
    tc = {"SMSTemplate": {"Name": "welcome"}}
    params = messages({}, TemplateConfiguration=tc)
    assert validate_request(params, templates=[contract.Template("SMSTemplate", "welcome")]) == []
    only(validate_request(params, templates=[]), "template-exists")


# --- send_messages responses --------------------------------------------------------------------

RESPONSE = load(FIXTURES / "valid" / "messages-response.json")


def test_messages_response_is_valid() -> None:
    assert validate_response(RESPONSE) == []
    assert validate_response({**RESPONSE, "ResponseMetadata": {}}) == []


@pytest.mark.parametrize("member", ["Result", "EndpointResult"])
def test_status_rules_apply_to_both_result_maps(member: str) -> None:
    data = copy.deepcopy(RESPONSE)
    key = next(iter(data["MessageResponse"][member]))
    entry = data["MessageResponse"][member][key]
    entry["DeliveryStatus"] = "SUCCESS"
    v = only(validate_response(data), "delivery-status-legacy")
    assert v.path == f'MessageResponse.{member}["{key}"].DeliveryStatus'
    assert "the current value is SUCCESSFUL" in v.message
    entry["DeliveryStatus"] = "SUCCESSFUL"
    entry["StatusCode"] = "200"
    only(validate_response(data), "status-code-type")
    del entry["StatusCode"]
    assert only(validate_response(data), "required").path.endswith(".StatusCode")


def test_message_result_has_no_address_member() -> None:
    data = copy.deepcopy(RESPONSE)
    data["MessageResponse"]["Result"]["+12065550142"]["Address"] = "+12065550142"
    only(validate_response(data), "unknown-field")


def test_response_operation_is_recognised_or_given() -> None:
    assert rules_of(validate_response({}, operation="SendMessages")) == ["required"]
    assert (
        only(validate_response({}, operation="SendMessages"), "required").path == "MessageResponse"
    )
    with pytest.raises(AssertionError, match=r"^send_messages response breaks"):
        contract.assert_valid_response({"MessageResponse": {}})


# --- the schemas ----------------------------------------------------------------------------------


def test_send_messages_schemas_accept_the_corpus_and_carry_the_limits() -> None:
    schema = request_schema("SendMessages")
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in (FIXTURES / "valid").glob("messages-*.json"):
        data = load(path)
        if "MessageResponse" in data:
            jsonschema.validate(data, response_schema("SendMessages"))
        else:
            jsonschema.validate(data, schema)
    headers = [{"Name": f"X-H{i}", "Value": "v"} for i in range(16)]
    cfg = {"EmailMessage": {"SimpleEmail": {"Headers": headers}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(messages(cfg), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(messages(SMS, Addresses={"x": {"ChannelType": "TEXT"}}), schema)
    data = copy.deepcopy(RESPONSE)
    data["MessageResponse"]["EndpointResult"]["endpoint-7f3a-email"]["DeliveryStatus"] = "SUCCESS"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, response_schema("SendMessages"))
    with pytest.raises(ValueError, match="operation must be one of"):
        request_schema("SendEmail")


def test_schema_descriptions_name_public_documents() -> None:
    for op in contract.limits.OPERATIONS:
        text = json.dumps([request_schema(op), response_schema(op)])
        assert ".txt" not in text
