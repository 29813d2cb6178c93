"""The app's own calls through a plain boto3 client: apps, endpoints, templates, respond."""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_pinpoint import PinpointStub, PinpointStubError

SMS = {"MessageConfiguration": {"SMSMessage": {"Body": "hello"}}}


def send(client: Any, app_id: str, *users: str) -> dict[str, Any]:
    body = {**SMS, "Users": {u: {} for u in users}}
    reply = client.send_users_messages(ApplicationId=app_id, SendUsersMessageRequest=body)
    result: dict[str, Any] = reply["SendUsersMessageResponse"]["Result"]
    return result


def endpoint(client: Any, app_id: str, endpoint_id: str, **request: Any) -> None:
    client.update_endpoint(ApplicationId=app_id, EndpointId=endpoint_id, EndpointRequest=request)


def code_of(exc: pytest.ExceptionInfo[ClientError]) -> str:
    return str(exc.value.response["Error"]["Code"])


@pytest.fixture
def stub() -> Any:
    with PinpointStub() as stub:
        yield stub


@pytest.fixture
def client(stub: PinpointStub) -> Any:
    return stub.client(config=Config(retries={"max_attempts": 1}))


@pytest.fixture
def app_id(client: Any) -> str:
    app = client.create_app(CreateApplicationRequest={"Name": "notify", "tags": {"t": "1"}})
    return str(app["ApplicationResponse"]["Id"])


def test_done_when_flow(stub: PinpointStub, client: Any, app_id: str) -> None:
    assert re.fullmatch(r"[0-9a-f]{32}", app_id)
    user = {"UserId": "alice", "UserAttributes": {"FirstName": ["Alice"]}}
    endpoint(client, app_id, "phone", ChannelType="SMS", Address="+12065550111", User=user)
    endpoint(client, app_id, "old", ChannelType="SMS", Address="+12065550112", OptOut="ALL",
             User={"UserId": "alice"})  # fmt: skip
    items = client.get_user_endpoints(ApplicationId=app_id, UserId="alice")
    by_id = {e["Id"]: e for e in items["EndpointsResponse"]["Item"]}
    assert set(by_id) == {"phone", "old"}
    assert by_id["phone"]["User"] == user
    assert by_id["phone"]["ApplicationId"] == app_id
    assert by_id["phone"]["EndpointStatus"] == "ACTIVE"
    assert {"CreationDate", "EffectiveDate", "CohortId", "RequestId"} <= set(by_id["phone"])
    result = send(client, app_id, "alice")["alice"]
    assert set(result) == {"phone", "old"}  # nothing invented
    assert result["phone"]["DeliveryStatus"] == "SUCCESSFUL"
    assert result["phone"]["Address"] == "+12065550111"
    assert result["old"]["DeliveryStatus"] == "OPT_OUT"
    stub.assert_sent(user="alice", endpoint="phone", address="+12065550111")
    batch = [
        {"Id": f"b{i}", "ChannelType": "EMAIL", "Address": f"b{i}@example.com",
         "User": {"UserId": "bob"}}
        for i in range(3)
    ]  # fmt: skip
    client.update_endpoints_batch(ApplicationId=app_id, EndpointBatchRequest={"Item": batch})
    assert (
        len(
            client.get_user_endpoints(ApplicationId=app_id, UserId="bob")["EndpointsResponse"][
                "Item"
            ]
        )
        == 3
    )
    deleted = client.delete_endpoint(ApplicationId=app_id, EndpointId="phone")
    assert deleted["EndpointResponse"]["Address"] == "+12065550111"
    client.delete_user_endpoints(ApplicationId=app_id, UserId="bob")
    again = send(client, app_id, "alice", "bob")
    assert set(again["alice"]) == {"old"}
    assert again["bob"] == {}  # registered, then deleted: never invented again
    with pytest.raises(ClientError) as exc:
        client.get_user_endpoints(ApplicationId=app_id, UserId="bob")
    assert code_of(exc) == "NotFoundException"
    assert [c.operation for c in stub.calls][:3] == [
        "CreateApp",
        "UpdateEndpoint",
        "UpdateEndpoint",
    ]


def test_apps_get_list_delete_and_unknown_app(client: Any, app_id: str) -> None:
    got = client.get_app(ApplicationId=app_id)["ApplicationResponse"]
    assert got["Name"] == "notify"
    assert got["tags"] == {"t": "1"}
    assert got["Arn"].endswith(f":apps/{app_id}")
    second = client.create_app(CreateApplicationRequest={"Name": "two"})["ApplicationResponse"]
    assert second["Id"] != app_id
    listed = client.get_apps()["ApplicationsResponse"]["Item"]
    assert [a["Id"] for a in listed] == [app_id, second["Id"]]
    page = client.get_apps(PageSize="1")["ApplicationsResponse"]
    assert len(page["Item"]) == 1
    assert page["NextToken"] == "1"
    assert client.delete_app(ApplicationId=second["Id"])["ApplicationResponse"]["Name"] == "two"
    for call in (
        lambda: send(client, "0" * 32, "alice"),
        lambda: client.get_app(ApplicationId=second["Id"]),
        lambda: endpoint(client, "0" * 32, "e", ChannelType="SMS", Address="+12065550100"),
    ):
        with pytest.raises(ClientError) as exc:
            call()
        assert code_of(exc) == "NotFoundException"


def test_app_ids_are_seeded() -> None:
    ids = []
    for _ in range(2):
        with PinpointStub(seed=7) as stub:
            ids.append(stub.client().create_app(CreateApplicationRequest={"Name": "a"}))
    assert ids[0]["ApplicationResponse"]["Id"] == ids[1]["ApplicationResponse"]["Id"]


def test_lenient_without_apps_and_known_apps_option() -> None:
    with PinpointStub() as stub:
        assert "testuserendpoint" in send(stub.client(), "anything", "testuser")["testuser"]
    with PinpointStub(known_apps=["a" * 32]) as stub:
        with pytest.raises(ClientError) as exc:
            endpoint(stub.client(), "b" * 32, "e", ChannelType="SMS", Address="+12065550100")
        assert code_of(exc) == "NotFoundException"
        endpoint(stub.client(), "a" * 32, "e", ChannelType="SMS", Address="+12065550100")


def test_update_merges_and_get_endpoint(client: Any, app_id: str) -> None:
    user = {"UserId": "u", "UserAttributes": {"x": ["1"]}}
    endpoint(client, app_id, "e1", ChannelType="SMS", Address="+12065550111",
             Attributes={"a": ["1"]}, User=user)  # fmt: skip
    endpoint(client, app_id, "e1", Attributes={"b": ["2"]}, User={"UserAttributes": {"y": ["2"]}})
    got = client.get_endpoint(ApplicationId=app_id, EndpointId="e1")["EndpointResponse"]
    assert got["Attributes"] == {"a": ["1"], "b": ["2"]}
    assert got["User"] == {"UserId": "u", "UserAttributes": {"x": ["1"], "y": ["2"]}}
    assert got["Address"] == "+12065550111"
    with pytest.raises(ClientError) as exc:
        client.get_endpoint(ApplicationId=app_id, EndpointId="nope")
    assert code_of(exc) == "NotFoundException"


def test_inactive_endpoints_are_not_messaged(client: Any, app_id: str) -> None:
    endpoint(client, app_id, "e1", ChannelType="SMS", Address="+1206555011",
             User={"UserId": "u"}, EndpointStatus="INACTIVE")  # fmt: skip
    endpoint(client, app_id, "e2", ChannelType="SMS", Address="+12065550112", User={"UserId": "u"})
    assert set(send(client, app_id, "u")["u"]) == {"e2"}


def test_sixteenth_endpoint(stub: PinpointStub, client: Any, app_id: str) -> None:
    user = {"UserId": "u"}
    for i in range(14):
        endpoint(
            client, app_id, f"sms{i}", ChannelType="SMS", Address=f"+1206555{i:04d}", User=user
        )
    endpoint(client, app_id, "gcm-old", ChannelType="GCM", Address="t1", User=user,
             EffectiveDate="2020-01-01T00:00:00.000Z")  # fmt: skip
    with pytest.raises(ClientError) as exc:
        endpoint(client, app_id, "sms-16", ChannelType="SMS", Address="+12065559999", User=user)
    assert code_of(exc) == "BadRequestException"
    assert "15" in str(exc.value)
    endpoint(client, app_id, "gcm-new", ChannelType="GCM", Address="t2", User=user)
    old = client.get_endpoint(ApplicationId=app_id, EndpointId="gcm-old")["EndpointResponse"]
    assert old["EndpointStatus"] == "INACTIVE"
    assert "UserId" not in old["User"]
    items = client.get_user_endpoints(ApplicationId=app_id, UserId="u")["EndpointsResponse"]
    assert len(items["Item"]) == 15
    # re-enabling: ACTIVE + the UserId back (the user is full again: an SMS endpoint goes)
    client.delete_endpoint(ApplicationId=app_id, EndpointId="sms0")
    endpoint(client, app_id, "gcm-old", EndpointStatus="ACTIVE", User=user)
    items = client.get_user_endpoints(ApplicationId=app_id, UserId="u")["EndpointsResponse"]
    assert "gcm-old" in {e["Id"] for e in items["Item"]}


def test_batch_limit_and_atomicity(client: Any, app_id: str) -> None:
    items = [{"Id": f"e{i}", "ChannelType": "SMS", "Address": "+12065550100"} for i in range(101)]
    with pytest.raises(ClientError) as exc:
        client.update_endpoints_batch(ApplicationId=app_id, EndpointBatchRequest={"Item": items})
    assert code_of(exc) == "BadRequestException"
    assert "100" in str(exc.value)
    bad = [*items[:2], {"Id": "x", "ChannelType": "SMS", "OptOut": "MAYBE"}]
    with pytest.raises(ClientError) as exc:
        client.update_endpoints_batch(ApplicationId=app_id, EndpointBatchRequest={"Item": bad})
    assert "Item[2].OptOut" in str(exc.value)
    with pytest.raises(ClientError):
        client.get_endpoint(ApplicationId=app_id, EndpointId="e0")  # nothing was stored


def test_add_user_is_sugar_over_the_registry(client: Any, stub: PinpointStub, app_id: str) -> None:
    stub.add_user("carol", {"c1": {"ChannelType": "SMS", "Address": "+12065550123"}})
    got = client.get_user_endpoints(ApplicationId=app_id, UserId="carol")["EndpointsResponse"]
    assert [e["Id"] for e in got["Item"]] == ["c1"]
    records = stub.endpoints(user="carol", app=app_id)
    assert records[0].address == "+12065550123"
    assert records[0].channel == "SMS"
    stub.outcome("THROTTLED", user="carol", endpoint="c1")
    assert send(client, app_id, "carol")["carol"]["c1"]["DeliveryStatus"] == "THROTTLED"


def test_endpoint_record_api(stub: PinpointStub, client: Any, app_id: str) -> None:
    endpoint(client, app_id, "e", ChannelType="EMAIL", Address="a@example.com", OptOut="ALL",
             Attributes={"Plan": ["pro"]},
             User={"UserId": "u", "UserAttributes": {"FirstName": ["Ann"]}})  # fmt: skip
    (record,) = stub.endpoints(app=app_id)
    assert (record.id, record.channel, record.address) == ("e", "EMAIL", "a@example.com")
    assert (record.opt_out, record.status) == ("ALL", "ACTIVE")
    assert record.attributes == {"Plan": ["pro"]}
    assert record.user_attributes == {"FirstName": ["Ann"]}


def test_templates_versions(stub: PinpointStub, client: Any) -> None:
    request = {"Body": "Code {{Code}}", "DefaultSubstitutions": json.dumps({"Code": "0000"})}
    made = client.create_sms_template(TemplateName="otp", SMSTemplateRequest=request)
    assert made["CreateTemplateMessageBody"]["Arn"].endswith(":templates/otp/SMS")
    with pytest.raises(ClientError) as exc:
        client.create_sms_template(TemplateName="otp", SMSTemplateRequest=request)
    assert code_of(exc) == "BadRequestException"
    client.update_sms_template(TemplateName="otp", SMSTemplateRequest={"Body": "v1b {{Code}}"})
    client.update_sms_template(
        TemplateName="otp", SMSTemplateRequest={"Body": "v2 {{Code}}"}, CreateNewVersion=True
    )
    active = client.get_sms_template(TemplateName="otp")["SMSTemplateResponse"]
    assert (active["Version"], active["Body"], active["TemplateType"]) == (
        "1",
        "v1b {{Code}}",
        "SMS",
    )
    assert (
        client.get_sms_template(TemplateName="otp", Version="2")["SMSTemplateResponse"]["Body"]
        == "v2 {{Code}}"
    )
    with pytest.raises(ClientError) as exc:
        client.update_sms_template(
            TemplateName="otp", SMSTemplateRequest={"Body": "x"}, Version="1"
        )
    assert code_of(exc) == "BadRequestException"
    record = stub.template("SMSTemplate", "otp")
    assert record is not None
    assert record.default_substitutions == {}
    names = {(t.kind, t.name, t.version) for t in stub.templates()}
    assert names == {("SMSTemplate", "otp", "1"), ("SMSTemplate", "otp", "2")}
    client.delete_sms_template(TemplateName="otp", Version="1")
    assert client.get_sms_template(TemplateName="otp")["SMSTemplateResponse"]["Version"] == "2"
    client.delete_sms_template(TemplateName="otp")
    with pytest.raises(ClientError) as exc:
        client.get_sms_template(TemplateName="otp")
    assert code_of(exc) == "NotFoundException"


@pytest.mark.parametrize(
    ("create", "kind", "member", "content"),
    [
        ("create_email_template", "EmailTemplate", "EmailTemplateRequest",
         {"Subject": "Hi {{Name}}", "TextPart": "t", "DefaultSubstitutions": '{"Name": "you"}'}),
        ("create_push_template", "PushTemplate", "PushNotificationTemplateRequest",
         {"Default": {"Body": "b", "Title": "t"}}),
        ("create_voice_template", "VoiceTemplate", "VoiceTemplateRequest",
         {"Body": "b", "LanguageCode": "en-US"}),
    ],
)  # fmt: skip
def test_other_template_kinds(
    stub: PinpointStub, client: Any, create: str, kind: str, member: str, content: dict[str, Any]
) -> None:
    getattr(client, create)(TemplateName="t", **{member: content})
    record = stub.template(kind, "t")
    assert record is not None
    assert record.content == content
    if kind == "EmailTemplate":
        assert record.default_substitutions == {"Name": "you"}
    get = create.replace("create_", "get_")
    got = getattr(client, get)(TemplateName="t")
    assert next(iter(v for k, v in got.items() if k != "ResponseMetadata"))["TemplateName"] == "t"


def test_template_exists_follows_created_templates(stub: PinpointStub, client: Any) -> None:
    stub.add_template("outside", "EmailTemplate")
    client.create_sms_template(TemplateName="otp", SMSTemplateRequest={"Body": "b"})
    found = {(t.kind, t.name) for t in stub.templates()}
    assert found == {("SMSTemplate", "otp"), ("EmailTemplate", "outside")}
    stub.add_template("withbody", "SMSTemplate", content={"Body": "Hi {{Code}}"})
    record = stub.template("SMSTemplate", "withbody")
    assert record is not None
    assert record.content["Body"] == "Hi {{Code}}"


def test_respond_answers_and_is_checked(stub: PinpointStub, client: Any) -> None:
    stream = {"ApplicationId": "a", "DestinationStreamArn": "arn:s", "RoleArn": "arn:r"}
    stub.respond("get_event_stream", {"EventStream": stream}, times=2)
    assert client.get_event_stream(ApplicationId="a")["EventStream"] == stream
    assert client.get_event_stream(ApplicationId="a")["EventStream"] == stream
    assert stub.calls[-1].operation == "GetEventStream"
    with pytest.raises(PinpointStubError, match=r"EventStream\.RoleArn"):
        stub.respond("GetEventStream", {"EventStream": {**stream, "RoleArn": 5}})
    with pytest.raises(PinpointStubError, match="not a Pinpoint operation"):
        stub.respond("GetEventStreams", {})
    with pytest.raises(PinpointStubError, match="serves UpdateEndpoint"):
        stub.respond("update_endpoint", {})


def test_fail_one_operation(stub: PinpointStub, client: Any, app_id: str) -> None:
    stub.fail("ForbiddenException", operation="update_endpoint")
    with pytest.raises(ClientError) as exc:
        endpoint(client, app_id, "e", ChannelType="SMS", Address="+12065550100")
    assert code_of(exc) == "ForbiddenException"
    endpoint(client, app_id, "e", ChannelType="SMS", Address="+12065550100")
    send(client, app_id, "u")  # the send is not touched by it
    with pytest.raises(PinpointStubError, match="not an error of"):
        stub.fail("NoSuchThing", operation="GetEventStream")


def test_unused_respond_and_unserved_calls_are_teardown_problems() -> None:
    stub = PinpointStub().start()
    stream = {"ApplicationId": "a", "DestinationStreamArn": "arn:s", "RoleArn": "arn:r"}
    stub.respond("GetEventStream", {"EventStream": stream})
    with contextlib.suppress(ClientError):  # the app swallows it: the teardown still names it
        stub.client().get_application_settings(ApplicationId="a")
    stub.stop()
    found = "\n".join(stub.problems())
    assert "respond('GetEventStream'" in found
    assert "GetApplicationSettings" in found
    assert "get_application_settings" in found


def test_bad_input_names_the_field(stub: PinpointStub, app_id: str) -> None:
    raw = stub.client(config=Config(parameter_validation=False, retries={"max_attempts": 1}))
    for request, field in [
        ({"ChannelType": "FAX", "Address": "x"}, "EndpointRequest.ChannelType"),
        ({"ChannelType": "SMS", "Attributes": {"a": [{"x": 1}]}}, 'Attributes["a"][0]'),
        ({"ChannelType": "SMS", "User": {"UserId": 5}}, "EndpointRequest.User.UserId"),
        ({"Address": "+12065550100"}, "EndpointRequest.ChannelType"),
    ]:
        with pytest.raises(ClientError) as exc:
            raw.update_endpoint(ApplicationId=app_id, EndpointId="e", EndpointRequest=request)
        assert code_of(exc) == "BadRequestException"
        assert field in str(exc.value)


def test_outcome_scripted_before_the_app_registers(stub: PinpointStub, client: Any) -> None:
    stub.outcome("THROTTLED", user="dan", endpoint="phone")
    endpoint(client, "app", "phone", ChannelType="SMS", Address="+12065550100",
             User={"UserId": "dan"})  # fmt: skip
    assert send(client, "app", "dan")["dan"]["phone"]["DeliveryStatus"] == "THROTTLED"
