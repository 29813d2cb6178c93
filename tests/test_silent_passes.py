"""Issue 29, "Silent passes": requests the service would not deliver as written never answer
SUCCESSFUL in silence, and `sent` records every field the app set (each failed before its fix)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pytest_pinpoint import PinpointStub, PinpointStubError, contract

APP = "611e3e3cdd47474c9c1399a505665b91"
PHONE = "+12065550100"
SMS = {"SMSMessage": {"Body": "Your code is 4711"}}


def send(client: Any, addresses: dict[str, Any], cfg: dict[str, Any] | None = None) -> Any:
    request = {"Addresses": addresses, "MessageConfiguration": cfg or SMS}
    return client.send_messages(ApplicationId=APP, MessageRequest=request)["MessageResponse"]


def rules(stub: PinpointStub) -> list[str]:
    return [v.rule for v in stub.violations]


# --- addresses of send_messages --------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "channel", "rule"),
    [
        ("hello", "SMS", "address-format"),
        ("2065550100", "SMS", "address-format"),
        ("hello", "VOICE", "address-format"),
        ("not-an-email", "EMAIL", "address-format"),
        ("+346*******5", "SMS", "address-redacted"),
    ],
)
def test_a_malformed_address_answers_permanent_failure(
    pinpoint_stub: PinpointStub, address: str, channel: str, rule: str
) -> None:
    cfg = {
        **SMS,
        "VoiceMessage": {"Body": "4711"},
        "EmailMessage": {"SimpleEmail": {"Subject": {"Data": "Code"}}},
    }
    result = send(
        pinpoint_stub.client(),
        {address: {"ChannelType": channel}, PHONE: {"ChannelType": "SMS"}},
        cfg,
    )["Result"]
    assert result[address]["DeliveryStatus"] == "PERMANENT_FAILURE"
    assert result[address]["StatusCode"] == 400
    assert repr(address) in result[address]["StatusMessage"]
    assert f"[{rule}]" in result[address]["StatusMessage"]
    assert result[PHONE]["DeliveryStatus"] == "SUCCESSFUL"  # the others as usual
    assert rules(pinpoint_stub) == [rule]
    assert pinpoint_stub.violations[0].path == f'MessageRequest.Addresses["{address}"]'
    pinpoint_stub.assert_sent(address=address, status="PERMANENT_FAILURE")


def test_a_guessed_channel_is_judged_too(pinpoint_stub: PinpointStub) -> None:
    result = send(pinpoint_stub.client(), {"hello": {}})["Result"]  # SMS from the content
    assert result["hello"]["DeliveryStatus"] == "PERMANENT_FAILURE"
    assert rules(pinpoint_stub) == ["address-format"]
    assert "E.164" in pinpoint_stub.violations[0].message


def test_an_empty_address_is_a_400_in_strict_mode(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.expect_violation("address-empty")
    with pytest.raises(ClientError, match="address-empty") as caught:
        send(pinpoint_stub.client(), {"": {"ChannelType": "SMS"}})
    assert caught.value.response["Error"]["Code"] == "BadRequestException"
    assert pinpoint_stub.sent == []


def test_an_empty_address_fails_alone_in_warn_mode() -> None:
    with PinpointStub(contract="warn") as stub:
        result = send(stub.client(), {"": {"ChannelType": "SMS"}, PHONE: {}})["Result"]
    assert result[""]["DeliveryStatus"] == "PERMANENT_FAILURE"
    assert result[PHONE]["DeliveryStatus"] == "SUCCESSFUL"


def test_address_rules_are_scriptable() -> None:
    with PinpointStub(severities={"address-format": "off"}) as stub:
        assert send(stub.client(), {"hello": {"ChannelType": "SMS"}})["Result"]["hello"][
            "DeliveryStatus"
        ] == ("SUCCESSFUL")
        assert stub.violations == []
    with PinpointStub() as stub:
        stub.outcome("SUCCESSFUL", address="hello")  # a script decides first
        result = send(stub.client(), {"hello": {"ChannelType": "SMS"}})["Result"]
        assert result["hello"]["DeliveryStatus"] == "SUCCESSFUL"
    with PinpointStub(severities={"address-format": "error"}) as stub:
        stub.expect_violation("address-format")
        with pytest.raises(ClientError, match="address-format"):
            send(stub.client(), {"hello": {"ChannelType": "SMS"}})


# --- update_endpoint's Address ----------------------------------------------------------------


def _endpoint(client: Any, address: str, channel: str = "SMS") -> None:
    client.update_endpoint(
        ApplicationId=APP,
        EndpointId="ada-phone",
        EndpointRequest={"ChannelType": channel, "Address": address, "User": {"UserId": "ada"}},
    )


@pytest.mark.parametrize(
    ("address", "rule"), [("hello", "address-format"), ("+346*******5", "address-redacted")]
)
def test_update_endpoint_records_a_malformed_address_and_sends_fail(
    pinpoint_stub: PinpointStub, address: str, rule: str
) -> None:
    client = pinpoint_stub.client()
    _endpoint(client, address)
    assert rules(pinpoint_stub) == [rule]
    assert pinpoint_stub.violations[0].path == "EndpointRequest.Address"
    answer = client.send_users_messages(
        ApplicationId=APP,
        SendUsersMessageRequest={"Users": {"ada": {}}, "MessageConfiguration": SMS},
    )["SendUsersMessageResponse"]["Result"]["ada"]["ada-phone"]
    assert answer["DeliveryStatus"] == "PERMANENT_FAILURE"
    assert f"[{rule}]" in answer["StatusMessage"]
    assert pinpoint_stub.violations[-1].path == 'SendUsersMessageRequest.Users["ada"]'
    assert "endpoint 'ada-phone'" in pinpoint_stub.violations[-1].message


def test_update_endpoint_with_an_empty_address_is_a_400(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.expect_violation("address-empty")
    with pytest.raises(ClientError, match="address-empty"):
        _endpoint(pinpoint_stub.client(), "", "EMAIL")
    assert pinpoint_stub.endpoints() == []


def test_a_stored_empty_address_fails_alone() -> None:
    with PinpointStub(contract="warn") as stub:  # warn: update_endpoint stores it
        client = stub.client()
        _endpoint(client, "")
        body = {"Users": {"ada": {}, "bob": {}}, "MessageConfiguration": SMS}
        result = client.send_users_messages(ApplicationId=APP, SendUsersMessageRequest=body)
    result = result["SendUsersMessageResponse"]["Result"]
    assert result["ada"]["ada-phone"]["DeliveryStatus"] == "PERMANENT_FAILURE"
    assert result["bob"]["bobendpoint"]["DeliveryStatus"] == "SUCCESSFUL"
    at_send = stub.violations[-1]
    assert (at_send.rule, at_send.severity) == ("address-empty", "warning")  # not the call's 400


def test_an_address_without_channel_type_is_judged_once(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.expect_violation("address-empty")
    with pytest.raises(ClientError):
        send(pinpoint_stub.client(), {"": {}})
    assert rules(pinpoint_stub) == ["address-empty"]


def test_update_endpoints_batch_checks_each_address(pinpoint_stub: PinpointStub) -> None:
    item = {"Id": "e1", "ChannelType": "EMAIL", "Address": "not-an-email"}
    pinpoint_stub.client().update_endpoints_batch(
        ApplicationId=APP, EndpointBatchRequest={"Item": [item]}
    )
    assert rules(pinpoint_stub) == ["address-format"]
    assert pinpoint_stub.violations[0].path == "EndpointBatchRequest.Item[0].Address"


# --- an empty SMS body, a bad header name ----------------------------------------------------


def test_an_empty_sms_body_is_a_400(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.expect_violation("sms-body-empty")
    with pytest.raises(ClientError, match="sms-body-empty"):
        send(pinpoint_stub.client(), {PHONE: {}}, {"SMSMessage": {"Body": ""}})


def test_an_empty_sms_body_fails_each_bare_recipient_in_warn_mode() -> None:
    with PinpointStub(contract="warn") as stub:
        addresses = {PHONE: {}, "+12065550101": {"BodyOverride": "Hi"}}
        result = send(stub.client(), addresses, {"SMSMessage": {"Body": ""}})["Result"]
    assert result[PHONE]["DeliveryStatus"] == "PERMANENT_FAILURE"
    assert "[sms-body-empty]" in result[PHONE]["StatusMessage"]
    assert result["+12065550101"]["DeliveryStatus"] == "SUCCESSFUL"


EMAIL = "ann@example.com"


def _email(headers: list[dict[str, str]]) -> dict[str, Any]:
    return {"EmailMessage": {"SimpleEmail": {"Subject": {"Data": "Hi"}, "Headers": headers}}}


@pytest.mark.parametrize("name", ["", "Bad Header:", "X Tag"])
def test_a_header_name_follows_the_field_name_syntax(
    pinpoint_stub: PinpointStub, name: str
) -> None:
    pinpoint_stub.expect_violation("email-header-name-syntax")
    with pytest.raises(ClientError, match="email-header-name-syntax"):
        send(pinpoint_stub.client(), {EMAIL: {}}, _email([{"Name": name, "Value": "1"}]))
    v = pinpoint_stub.violations[0]
    assert v.path == "MessageRequest.MessageConfiguration.EmailMessage.SimpleEmail.Headers[0].Name"
    assert "RFC 5322" in v.message


def test_a_bad_header_name_fails_the_email_in_warn_mode() -> None:
    with PinpointStub(contract="warn") as stub:
        cfg = {**SMS, **_email([{"Name": "Bad Header:", "Value": "1"}])}
        result = send(stub.client(), {EMAIL: {}, PHONE: {}}, cfg)["Result"]
    assert result[EMAIL]["DeliveryStatus"] == "PERMANENT_FAILURE"
    assert result[PHONE]["DeliveryStatus"] == "SUCCESSFUL"


def test_valid_header_names_pass(pinpoint_stub: PinpointStub) -> None:
    headers = [{"Name": n, "Value": "1"} for n in ("X-Campaign", "List-Unsubscribe", "X_a.b~!")]
    send(pinpoint_stub.client(), {EMAIL: {}}, _email(headers))
    assert pinpoint_stub.violations == []


# --- a template nobody created ---------------------------------------------------------------


def test_an_unknown_template_is_a_warning_naming_it(pinpoint_stub: PinpointStub) -> None:
    request = {
        "Addresses": {PHONE: {"ChannelType": "SMS"}},
        "MessageConfiguration": {},
        "TemplateConfiguration": {"SMSTemplate": {"Name": "otp"}},
    }
    client = pinpoint_stub.client()
    client.send_messages(ApplicationId=APP, MessageRequest=request)
    (v,) = pinpoint_stub.violations
    assert (v.rule, v.severity) == ("template-unknown", "warning")
    assert v.path == "MessageRequest.TemplateConfiguration.SMSTemplate.Name"
    assert "'otp'" in v.message
    assert "pinpoint_stub.add_template('otp', 'SMSTemplate'" in v.message
    assert "create_sms_template" in v.message
    # once the test manages templates, the service's answer is as before: template-exists
    pinpoint_stub.add_template("welcome", "SMSTemplate", content={"Body": "Hi"})
    pinpoint_stub.expect_violation("template-exists")
    with pytest.raises(ClientError, match="template-exists"):
        client.send_messages(ApplicationId=APP, MessageRequest=request)


# --- sent versus delivered -------------------------------------------------------------------


def test_assert_delivered_checks_the_status(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.add_user(
        "ada", endpoints={"ada-phone": {"ChannelType": "SMS", "Address": PHONE, "OptOut": "ALL"}}
    )
    pinpoint_stub.add_user(
        "bob", endpoints={"bob-phone": {"ChannelType": "SMS", "Address": "+12065550111"}}
    )
    pinpoint_stub.client().send_users_messages(
        ApplicationId=APP,
        SendUsersMessageRequest={"Users": {"ada": {}, "bob": {}}, "MessageConfiguration": SMS},
    )
    pinpoint_stub.assert_sent(address=PHONE)  # the app tried
    with pytest.raises(AssertionError, match=r"(?s)none delivered.*status='OPT_OUT'") as caught:
        pinpoint_stub.assert_delivered(address=PHONE)
    assert "opted out" in str(caught.value)  # its StatusMessage
    assert pinpoint_stub.assert_delivered(user="bob").endpoint == "bob-phone"
    with pytest.raises(AssertionError, match="no message matching user='cy'"):
        pinpoint_stub.assert_delivered(user="cy")
    with pytest.raises(PinpointStubError, match="assert_sent"):
        pinpoint_stub.assert_delivered(user="bob", status="SUCCESSFUL")


def test_assert_delivered_points_at_the_test_line(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_it(pinpoint_stub):
            pinpoint_stub.assert_delivered(user="nobody")
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    text = result.stdout.str()
    assert 'pinpoint_stub.assert_delivered(user="nobody")' in text
    assert "record.py" not in text
    assert "stub.py" not in text


# --- every field the app set is recorded ------------------------------------------------------


def test_sms_origination_and_message_type_are_recorded(pinpoint_stub: PinpointStub) -> None:
    cfg = {
        "SMSMessage": {
            "Body": "Hi",
            "OriginationNumber": "+18005550100",
            "MessageType": "TRANSACTIONAL",
        }
    }
    send(pinpoint_stub.client(), {PHONE: {}}, cfg)
    (m,) = pinpoint_stub.sent
    assert (m.origination, m.message_type) == ("+18005550100", "TRANSACTIONAL")
    pinpoint_stub.assert_sent(origination="+18005550100", message_type="TRANSACTIONAL")
    assert m.channel_message == cfg["SMSMessage"]  # every field the app set, as written


def test_the_channel_message_as_written_is_recorded(pinpoint_stub: PinpointStub) -> None:
    cfg = {
        "SMSMessage": {"Body": "Hi", "Keyword": "JOIN", "EntityId": "e-1"},
        "DefaultPushNotificationMessage": {"Body": "Push", "Action": "OPEN_APP"},
    }
    send(pinpoint_stub.client(), {PHONE: {}, "b" * 64: {"ChannelType": "GCM"}}, cfg)
    sms = pinpoint_stub.assert_sent(channel="SMS")
    assert sms.channel_message == {"Body": "Hi", "Keyword": "JOIN", "EntityId": "e-1"}
    push = pinpoint_stub.assert_sent(channel="GCM")
    assert push.channel_message == {"Body": "Push", "Action": "OPEN_APP"}  # the default push


def test_email_headers_and_from_are_recorded_as_rendered(pinpoint_stub: PinpointStub) -> None:
    headers = [{"Name": "X-Ref", "Value": "{{Ref}}"}, {"Name": "X-Campaign", "Value": "spring"}]
    cfg = _email(headers)
    cfg["EmailMessage"]["FromAddress"] = "shop@example.com"
    send(pinpoint_stub.client(), {EMAIL: {"Substitutions": {"Ref": ["r-1"]}}}, cfg)
    (m,) = pinpoint_stub.sent
    assert m.headers == {"X-Ref": "r-1", "X-Campaign": "spring"}
    assert m.origination == "shop@example.com"


@pytest.mark.parametrize(
    ("channel", "payload", "title", "body"),
    [
        ("APNS", {"aps": {"alert": {"title": "Sale", "body": "50% off"}}}, "Sale", "50% off"),
        ("APNS", {"aps": {"alert": "50% off"}}, None, "50% off"),
        ("GCM", {"notification": {"title": "Sale", "body": "50% off"}}, "Sale", "50% off"),
        ("GCM", {"data": {"title": "Sale", "body": "50% off"}}, "Sale", "50% off"),
        ("BAIDU", {"title": "Sale", "description": "50% off"}, "Sale", "50% off"),
    ],
)
def test_a_raw_content_push_records_its_payload_title_and_body(
    channel: str, payload: dict[str, Any], title: Any, body: Any
) -> None:
    raw = json.dumps(payload)
    member = {"APNS": "APNSMessage", "GCM": "GCMMessage", "BAIDU": "BaiduMessage"}[channel]
    token = "a" * 64
    # an ordinary iOS alert has no content-available: lowered, as docs/contract.md says
    with PinpointStub(severities={"apns-content-available": "warning"}) as stub:
        send(stub.client(), {token: {"ChannelType": channel}}, {member: {"RawContent": raw}})
        (m,) = stub.sent
    assert (m.title, m.body, m.raw_content) == (title, body, raw)


# --- the APNs rule that surprises -------------------------------------------------------------


def test_apns_content_available_quotes_its_source_and_says_how_to_lower_it() -> None:
    raw = json.dumps({"aps": {"alert": "Hi"}})
    params = {
        "ApplicationId": APP,
        "MessageRequest": {
            "Addresses": {"a" * 64: {"ChannelType": "APNS"}},
            "MessageConfiguration": {"APNSMessage": {"RawContent": raw}},
        },
    }
    (v,) = contract.validate_request(params)
    assert v.rule == "apns-content-available"
    assert "the message payload has to include the content-available key" in v.message
    assert (
        "https://awscli.amazonaws.com/v2/documentation/api/latest/reference/pinpoint/" in v.message
    )
    assert "guess" in v.message
    assert "severities={'apns-content-available': 'warning'}" in v.message
