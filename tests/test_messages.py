"""``send_messages`` through the fake (issue 13): addresses, endpoints, rendering, scripting."""

from __future__ import annotations

import re
from typing import Any

import botocore.exceptions
import pytest

from pytest_pinpoint.errors import PinpointStubError
from pytest_pinpoint.service.stub import PinpointStub

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
MESSAGE_ID = re.compile(r"[0-9a-z]{40}")
PHONE = "+12065550142"


def send(client: Any, body: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = client.send_messages(ApplicationId=APP_ID, MessageRequest=body)
    return out["MessageResponse"]


def sms_to(address: str = PHONE, body: str = "hi", **conf: Any) -> dict[str, Any]:
    return {
        "Addresses": {address: {"ChannelType": "SMS", **conf}},
        "MessageConfiguration": {"SMSMessage": {"Body": body}},
    }


def test_sms_broadcast_to_an_address_answers_successful_with_a_message_id() -> None:
    with PinpointStub() as stub:
        response = send(stub.client(), sms_to())
        entry = response["Result"][PHONE]
        assert entry["DeliveryStatus"] == "SUCCESSFUL"
        assert entry["StatusCode"] == 200
        assert MESSAGE_ID.fullmatch(entry["MessageId"])
        assert "Address" not in entry  # MessageResult has none (model)
        assert response["ApplicationId"] == APP_ID
        assert response["RequestId"] == stub.calls[0].request_id
        sent = stub.assert_sent(address=PHONE, body="hi", operation="SendMessages")
        assert (sent.user, sent.endpoint, sent.channel) == (None, None, "SMS")
        assert stub.calls[0].operation == "SendMessages"
        assert "MessageResponse" in (stub.calls[0].response or {})


def test_address_substitutions_and_body_override_render() -> None:
    body = sms_to(body="Code {{Code}}", Substitutions={"Code": ["4711"]})
    body["Addresses"]["+12065550143"] = {"ChannelType": "SMS", "BodyOverride": "Hi {{Name}}"}
    body["MessageConfiguration"]["SMSMessage"]["Substitutions"] = {"Name": ["Ann"]}
    with PinpointStub() as stub:
        send(stub.client(), body)
        stub.assert_sent(address=PHONE, body="Code 4711")
        stub.assert_sent(address="+12065550143", body="Hi Ann")


def test_an_address_scripted_opt_out_answers_opt_out() -> None:
    with PinpointStub() as stub:
        stub.outcome("OPT_OUT", address=PHONE)
        body = sms_to()
        body["Addresses"]["+12065550143"] = {"ChannelType": "SMS"}
        result = send(stub.client(), body)["Result"]
        assert result[PHONE]["DeliveryStatus"] == "OPT_OUT"
        assert result["+12065550143"]["DeliveryStatus"] == "SUCCESSFUL"


def test_mapping_outcomes_keyed_by_address() -> None:
    with PinpointStub() as stub:
        stub.outcome({PHONE: "THROTTLED"})
        assert send(stub.client(), sms_to())["Result"][PHONE]["DeliveryStatus"] == "THROTTLED"
        assert send(stub.client(), sms_to())["Result"][PHONE]["DeliveryStatus"] == "SUCCESSFUL"


def test_endpoints_send_to_a_registered_endpoint_answers_with_its_address() -> None:
    with PinpointStub() as stub:
        stub.add_user("u1", {"phone": {"ChannelType": "SMS", "Address": PHONE}})
        response = send(
            stub.client(),
            {
                "Endpoints": {"phone": {"BodyOverride": "just for you"}},
                "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
            },
        )
        entry = response["EndpointResult"]["phone"]
        assert entry["Address"] == PHONE
        assert entry["DeliveryStatus"] == "SUCCESSFUL"
        assert "Result" not in response
        stub.assert_sent(user="u1", endpoint="phone", address=PHONE, body="just for you")


def test_endpoints_inactive_opted_out_and_repeated_addresses() -> None:
    """The same recipient rules as send_users_messages: an inactive endpoint gets no result, an
    opted-out one OPT_OUT, a second endpoint with an address already messaged DUPLICATE."""
    endpoints = {
        "off": {"ChannelType": "SMS", "Address": "+12065550150", "EndpointStatus": "INACTIVE"},
        "out": {"ChannelType": "SMS", "Address": "+12065550151", "OptOut": "ALL"},
        "first": {"ChannelType": "SMS", "Address": PHONE},
        "again": {"ChannelType": "SMS", "Address": PHONE},
    }
    with PinpointStub() as stub:
        stub.add_user("u1", endpoints)
        response = send(
            stub.client(),
            {
                "Endpoints": {name: {} for name in endpoints},
                "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
            },
        )
        got = {k: v["DeliveryStatus"] for k, v in response["EndpointResult"].items()}
        assert got == {"out": "OPT_OUT", "first": "SUCCESSFUL", "again": "DUPLICATE"}
        assert [m.endpoint for m in stub.sent] == ["out", "first", "again"]
        assert {m.user for m in stub.sent} == {"u1"}


def test_sixteen_email_headers_answer_bad_request_naming_the_rule() -> None:
    headers = [{"Name": f"X-H{i}", "Value": "v"} for i in range(16)]
    body = {
        "Addresses": {"a@example.com": {"ChannelType": "EMAIL"}},
        "MessageConfiguration": {
            "EmailMessage": {
                "SimpleEmail": {
                    "Subject": {"Data": "s"},
                    "TextPart": {"Data": "t"},
                    "Headers": headers,
                }
            }
        },
    }
    with PinpointStub() as stub:
        stub.expect_violation("email-headers-max")
        with pytest.raises(botocore.exceptions.ClientError) as info:
            send(stub.client(), body)
        assert info.value.response["Error"]["Code"] == "BadRequestException"
        assert "email-headers-max" in str(info.value)
        assert "send_messages request breaks" in str(info.value)
        assert stub.sent == []


def test_an_in_app_template_answers_400_naming_the_rule() -> None:
    body = sms_to()
    body["TemplateConfiguration"] = {"InAppTemplate": {"Name": "banner"}}
    with PinpointStub() as stub:
        stub.expect_violation("in-app-template")
        with pytest.raises(botocore.exceptions.ClientError) as info:
            send(stub.client(), body)
        assert "in-app-template" in str(info.value)


def test_fail_can_target_one_operation() -> None:
    with PinpointStub() as stub:
        stub.fail("TooManyRequestsException", operation="send_messages")
        client = stub.client(config=_no_retries())
        ok = client.send_users_messages(
            ApplicationId=APP_ID,
            SendUsersMessageRequest={
                "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
                "Users": {"u1": {}},
            },
        )
        assert ok["SendUsersMessageResponse"]["Result"]["u1"]
        with pytest.raises(client.exceptions.TooManyRequestsException):
            send(client, sms_to())
    with pytest.raises(PinpointStubError, match="is not a Pinpoint operation"):
        PinpointStub().fail("BadRequestException", operation="send_sms")


def _no_retries() -> Any:
    from botocore.config import Config

    return Config(retries={"total_max_attempts": 1})


def test_request_context_and_trace_id_reach_the_record() -> None:
    body = sms_to(Context={"who": "address"})
    body["Context"] = {"who": "request", "campaign": "c1"}
    body["TraceId"] = "trace-1"
    with PinpointStub() as stub:
        send(stub.client(), body)
        sent = stub.assert_sent(address=PHONE)
        assert sent.context == {"who": "address", "campaign": "c1"}
        assert stub.calls[-1].params["MessageRequest"]["TraceId"] == "trace-1"


def test_address_without_channel_type_is_guessed_from_its_shape() -> None:
    body = {
        "Addresses": {PHONE: {}, "ann@example.com": {}},
        "MessageConfiguration": {"DefaultMessage": {"Body": "hello"}},
    }
    with PinpointStub(contract="warn") as stub:
        send(stub.client(), body)
        stub.assert_sent(address=PHONE, channel="SMS")
        stub.assert_sent(address="ann@example.com", channel="EMAIL")


def test_send_messages_through_the_loopback_server() -> None:
    from pytest_pinpoint.interception.server import LoopbackServer

    with LoopbackServer() as server:
        import boto3

        client = boto3.session.Session().client(
            "pinpoint",
            region_name="us-east-1",
            endpoint_url=server.url,
            aws_access_key_id="x",
            aws_secret_access_key="y",
        )
        result = send(client, sms_to())["Result"]
        assert result[PHONE]["DeliveryStatus"] == "SUCCESSFUL"
        server.stub.assert_sent(address=PHONE, operation="SendMessages")


def test_send_messages_through_responses() -> None:
    responses = pytest.importorskip("responses")
    requests = pytest.importorskip("requests")
    import json

    with PinpointStub() as stub, responses.RequestsMock() as mock:
        stub.responses(mock)
        reply = requests.post(
            f"https://pinpoint.us-east-1.amazonaws.com/v1/apps/{APP_ID}/messages",
            data=json.dumps(sms_to()),
            timeout=5,
        )
        assert reply.json()["Result"][PHONE]["DeliveryStatus"] == "SUCCESSFUL"
