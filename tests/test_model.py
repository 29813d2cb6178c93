"""The model loader reflects botocore's Pinpoint model, not a retyped copy."""

from __future__ import annotations

import pytest

from pytest_pinpoint import model


def test_request_node_is_the_operation_input() -> None:
    root = model.request_node()
    assert root.type == "structure"
    assert set(root.members) == {"ApplicationId", "SendUsersMessageRequest"}
    assert set(root.required) == {"ApplicationId", "SendUsersMessageRequest"}
    body = root.members["SendUsersMessageRequest"]
    assert set(body.required) == {"MessageConfiguration", "Users"}
    assert {"Context", "TemplateConfiguration", "TraceId"} <= set(body.members)


def test_request_node_matches_botocore_member_for_member() -> None:
    shape = model.operation().input_shape.members["SendUsersMessageRequest"]
    node = model.request_node().members["SendUsersMessageRequest"]
    assert list(node.members) == list(shape.members)
    cfg = shape.members["MessageConfiguration"]
    assert list(node.members["MessageConfiguration"].members) == list(cfg.members)


def test_nested_types_are_compiled() -> None:
    body = model.request_node().members["SendUsersMessageRequest"]
    users = body.members["Users"]
    assert users.type == "map"
    assert users.key is not None
    assert users.key.type == "string"
    assert users.value is not None
    assert users.value.type == "structure"
    subs = users.value.members["Substitutions"]
    assert subs.type == "map"
    assert subs.value is not None
    assert subs.value.type == "list"
    assert subs.value.member is not None
    assert subs.value.member.type == "string"
    raw = body.members["MessageConfiguration"].members["EmailMessage"].members["RawEmail"]
    assert raw.members["Data"].type == "blob"
    apns = model.shape("APNSMessage")
    assert apns.members["TimeToLive"].type == "integer"
    assert apns.members["SilentPush"].type == "boolean"


def test_response_node() -> None:
    root = model.response_node()
    assert root.required == ("SendUsersMessageResponse",)
    inner = root.members["SendUsersMessageResponse"]
    assert "ApplicationId" in inner.required
    result = inner.members["Result"]
    assert result.value is not None
    assert result.value.value is not None
    emr = result.value.value
    assert emr.name == "EndpointMessageResult"
    assert set(emr.required) == {"DeliveryStatus", "StatusCode"}
    assert emr.members["StatusCode"].type == "integer"


def test_enums_come_from_the_model() -> None:
    assert model.enum_of("DeliveryStatus") == (
        "SUCCESSFUL",
        "THROTTLED",
        "TEMPORARY_FAILURE",
        "PERMANENT_FAILURE",
        "UNKNOWN_FAILURE",
        "OPT_OUT",
        "DUPLICATE",
    )
    assert set(model.enum_of("Action")) == {"OPEN_APP", "DEEP_LINK", "URL"}
    assert set(model.enum_of("MessageType")) == {"TRANSACTIONAL", "PROMOTIONAL"}


def test_http_binding() -> None:
    binding = model.http_binding()
    assert binding.method == "POST"
    assert binding.uri == "/v1/apps/{application-id}/users-messages"
    assert binding.payload == "SendUsersMessageRequest"
    assert binding.uri_params == {"ApplicationId": "application-id"}


def test_error_statuses() -> None:
    statuses = model.error_statuses()
    assert statuses["BadRequestException"] == 400
    assert statuses["ForbiddenException"] == 403
    assert statuses["NotFoundException"] == 404
    assert statuses["MethodNotAllowedException"] == 405
    assert statuses["PayloadTooLargeException"] == 413
    assert statuses["TooManyRequestsException"] == 429
    assert statuses["InternalServerErrorException"] == 500


def test_channel_messages_and_template_kinds() -> None:
    assert set(model.channel_messages()) == {
        "ADMMessage",
        "APNSMessage",
        "BaiduMessage",
        "DefaultMessage",
        "DefaultPushNotificationMessage",
        "EmailMessage",
        "GCMMessage",
        "SMSMessage",
        "VoiceMessage",
    }
    assert set(model.template_kinds()) == {
        "EmailTemplate",
        "PushTemplate",
        "SMSTemplate",
        "VoiceTemplate",
        "InAppTemplate",
    }


def test_loaders_are_cached() -> None:
    assert model.request_node() is model.request_node()
    assert model.service_model() is model.service_model()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "None"),
        ({}, "an object"),
        ([], "a list"),
        ("x", "a string"),
        (True, "a boolean"),
        (3, "an integer"),
        (1.5, "a float"),
        (b"x", "a bytes"),
    ],
)
def test_describe(value: object, expected: str) -> None:
    assert model.describe(value) == expected


def test_node_repr() -> None:
    assert repr(model.shape("APNSMessage")) == "Node(APNSMessage: structure)"


def test_the_literal_prefilter_never_rejects_a_path_the_route_matches() -> None:
    # route() tests could_match before the (lazily compiled) regex: it must be a necessary
    # condition of the regex, for every route of the model.
    for r in model.routes():
        for value in ("x", "a%2Fb", "a/b"):
            path = model._LABEL.sub(value, r.uri)
            for candidate in (path, path + "/", path + "x", "/x" + path):
                if r.pattern.fullmatch(candidate):
                    assert r.could_match(candidate), (r.uri, candidate)
        # and every route is found from its own URI
        found = model.route(r.method, model._LABEL.sub("x", r.uri))
        assert found is not None


ADOPT = """
import boto3
from pytest_pinpoint import PinpointStub, model

client = boto3.session.Session().client(
    "pinpoint", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
)
with PinpointStub():
    client.send_users_messages(ApplicationId="a", SendUsersMessageRequest={
        "MessageConfiguration": {"SMSMessage": {"Body": "x"}}, "Users": {"u": {}}})
assert model.service_model() is client.meta.service_model, "loaded a second time"
print("adopted")
"""


def test_the_first_intercepted_client_lends_its_service_model() -> None:
    # a fresh interpreter: in this one, earlier tests have loaded the model already
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", ADOPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "adopted"
