"""The fake's findings of the fidelity audit (issue 15), each pinned by a test."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from pytest_pinpoint.errors import PinpointStubError
from pytest_pinpoint.interception import registry
from pytest_pinpoint.service.stub import PinpointStub

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
PUSH_TOKEN = "a" * 64


def send_users(client: Any, body: dict[str, Any]) -> dict[str, Any]:
    out = client.send_users_messages(ApplicationId=APP_ID, SendUsersMessageRequest=body)
    return out["SendUsersMessageResponse"]["Result"]  # type: ignore[no-any-return]


def test_default_message_reaches_push_endpoints() -> None:
    with PinpointStub() as stub:
        stub.add_user(
            "u1",
            {
                "fcm": {"ChannelType": "GCM", "Address": "token-fcm"},
                "ios": {"ChannelType": "APNS", "Address": PUSH_TOKEN},
                "sms": {"ChannelType": "SMS", "Address": "+12065550100"},
            },
        )
        body = {"MessageConfiguration": {"DefaultMessage": {"Body": "hello"}}, "Users": {"u1": {}}}
        result = send_users(stub.client(), body)
        assert set(result["u1"]) == {"fcm", "ios", "sms"}
        assert {m.endpoint: m.body for m in stub.sent} == {
            "fcm": "hello",
            "ios": "hello",
            "sms": "hello",
        }


def test_request_context_and_user_context_merge_the_users_winning() -> None:
    body = {
        "Context": {"campaign": "spring", "who": "request"},
        "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
        "Users": {"u1": {"Context": {"who": "user"}}, "u2": {}},
    }
    with PinpointStub() as stub:
        send_users(stub.client(), body)
        assert stub.assert_sent(user="u1").context == {"campaign": "spring", "who": "user"}
        assert stub.assert_sent(user="u2").context == {"campaign": "spring", "who": "request"}


def test_apns_without_priority_records_the_documented_default() -> None:
    body = {
        "MessageConfiguration": {"APNSMessage": {"Body": "hi"}, "GCMMessage": {"Body": "hi"}},
        "Users": {"u1": {}},
    }
    with PinpointStub() as stub:
        stub.add_user(
            "u1",
            {
                "ios": {"ChannelType": "APNS", "Address": PUSH_TOKEN},
                "fcm": {"ChannelType": "GCM", "Address": "t"},
            },
        )
        send_users(stub.client(), body)
        assert stub.assert_sent(endpoint="ios").priority == "10"  # "This is the default value"
        assert stub.assert_sent(endpoint="fcm").priority is None  # FCM documents no default


def test_two_endpoints_with_the_same_address_the_repeat_is_duplicate() -> None:
    with PinpointStub() as stub:
        stub.add_user("u1", {"a": {"ChannelType": "SMS", "Address": "+12065550100"}})
        stub.add_user("u2", {"b": {"ChannelType": "SMS", "Address": "+12065550100"}})
        body = {
            "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
            "Users": {"u1": {}, "u2": {}},
        }
        result = send_users(stub.client(), body)
        assert result["u1"]["a"]["DeliveryStatus"] == "SUCCESSFUL"
        assert result["u2"]["b"]["DeliveryStatus"] == "DUPLICATE"
        # in another call the address is new again
        result = send_users(stub.client(), {**body, "Users": {"u2": {}}})
        assert result["u2"]["b"]["DeliveryStatus"] == "SUCCESSFUL"


def test_unknown_users_placeholder_addresses_are_not_duplicates() -> None:
    body = {"MessageConfiguration": {"SMSMessage": {"Body": "hi"}}, "Users": {"x": {}, "y": {}}}
    with PinpointStub() as stub:
        result = send_users(stub.client(), body)
        assert {r["DeliveryStatus"] for u in result.values() for r in u.values()} == {"SUCCESSFUL"}


def test_data_is_recorded_on_sent() -> None:
    body = {
        "MessageConfiguration": {"GCMMessage": {"Body": "hi", "Data": {"order": "42"}}},
        "Users": {"u1": {}},
    }
    with PinpointStub() as stub:
        send_users(stub.client(), body)
        assert stub.assert_sent(user="u1").data == {"order": "42"}


def test_a_scripted_outcome_sets_updated_token_for_gcm_only() -> None:
    body = {
        "MessageConfiguration": {"GCMMessage": {"Body": "hi"}, "SMSMessage": {"Body": "hi"}},
        "Users": {"u1": {}},
    }
    with PinpointStub() as stub:
        stub.add_user(
            "u1",
            {
                "fcm": {"ChannelType": "GCM", "Address": "old"},
                "sms": {"ChannelType": "SMS", "Address": "+12065550100"},
            },
        )
        stub.outcome(
            "SUCCESSFUL", user="u1", updated_token="new-token", times=1
        )  # one call: both messages
        result = send_users(stub.client(), body)["u1"]
        assert result["fcm"]["UpdatedToken"] == "new-token"
        assert "UpdatedToken" not in result["sms"]
        assert stub.assert_sent(endpoint="fcm").updated_token == "new-token"
    with pytest.raises(PinpointStubError, match="only for the GCM channel"):
        PinpointStub().outcome("SUCCESSFUL", channel="SMS", updated_token="t")


def test_fail_with_times_none_fails_every_call() -> None:
    from botocore.config import Config

    body = {"MessageConfiguration": {"SMSMessage": {"Body": "hi"}}, "Users": {"u1": {}}}
    with PinpointStub() as stub:
        stub.fail("InternalServerErrorException", times=None)
        client = stub.client(config=Config(retries={"total_max_attempts": 3}))
        for _ in range(3):
            with pytest.raises(client.exceptions.InternalServerErrorException):
                send_users(client, body)
        assert len(stub.calls) == 9
        assert stub.sent == []


def test_a_mapping_outcome_is_atomic() -> None:
    stub = PinpointStub()
    with pytest.raises(PinpointStubError):
        stub.outcome({"a": {"aendpoint": "OPT_OUT"}, "b": {"bendpoint": "NOT_A_STATUS"}})
    assert stub.problems() == []  # nothing was registered, so nothing is unused


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.mark.usefixtures("no_credentials")
def test_without_credentials_the_guard_speaks_before_signing() -> None:
    import boto3

    client = boto3.session.Session().client("pinpoint", region_name="us-east-1")
    was = registry.guard_enabled()
    registry.set_guard(True)
    try:
        with pytest.raises(PinpointStubError, match="pinpoint_stub fixture"):
            client.send_users_messages(
                ApplicationId=APP_ID,
                SendUsersMessageRequest={
                    "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
                    "Users": {"u1": {}},
                },
            )
    finally:
        registry.set_guard(was)


@pytest.mark.usefixtures("no_credentials")
def test_an_aiobotocore_client_without_credentials_works_under_a_stub() -> None:
    aiobotocore_session = pytest.importorskip("aiobotocore.session")

    async def main(stub: PinpointStub) -> dict[str, Any]:
        session = aiobotocore_session.get_session()
        async with session.create_client("pinpoint", region_name="us-east-1") as client:
            out: dict[str, Any] = await client.send_messages(
                ApplicationId=APP_ID,
                MessageRequest={
                    "Addresses": {"+12065550100": {"ChannelType": "SMS"}},
                    "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
                },
            )
            return out

    with PinpointStub() as stub:
        out = asyncio.run(main(stub))
        assert out["MessageResponse"]["Result"]["+12065550100"]["DeliveryStatus"] == "SUCCESSFUL"


def test_user_facing_messages_name_public_documents_not_seed_files() -> None:
    stub = PinpointStub()
    for bad in ("SUCCESS", "NOPE"):
        with pytest.raises(PinpointStubError) as info:
            stub.outcome(bad)
        assert ".txt" not in str(info.value)
        assert "AWS CLI" in str(info.value)


def test_endpoint_and_user_attributes_render() -> None:
    body = {
        "MessageConfiguration": {
            "SMSMessage": {"Body": "Hi {{User.UserAttributes.Name}} in {{Attributes.City}}"}
        },
        "Users": {"u1": {}},
    }
    with PinpointStub() as stub:
        stub.add_user(
            "u1",
            {
                "sms": {
                    "ChannelType": "SMS",
                    "Address": "+12065550100",
                    "Attributes": {"City": ["Oslo"]},
                    "User": {"UserId": "u1", "UserAttributes": {"Name": ["Ann"]}},
                }
            },
        )
        send_users(stub.client(), body)
        assert stub.assert_sent(user="u1").body == "Hi Ann in Oslo"
        assert not [v for v in stub.violations if v.rule == "substitution-missing"]


def test_missing_dotted_variable_is_flagged_when_the_fake_knows_the_endpoints() -> None:
    body = {
        "MessageConfiguration": {"SMSMessage": {"Body": "Hi {{Attributes.Nope}}"}},
        "Users": {"u1": {}},
    }
    with PinpointStub() as stub:
        stub.add_user("u1", {"sms": {"ChannelType": "SMS", "Address": "+12065550100"}})
        send_users(stub.client(), body)
        assert [v.rule for v in stub.violations] == ["substitution-missing"]


def test_template_content_renders_with_its_defaults_overridden_by_the_request() -> None:
    stub = PinpointStub()
    content = {
        "Body": "Code {{Code}} for {{Who}}",
        "DefaultSubstitutions": json.dumps({"Code": "0000", "Who": "you"}),
    }
    body = {
        "MessageConfiguration": {"SMSMessage": {"Substitutions": {"Code": ["4711"]}}},
        "TemplateConfiguration": {"SMSTemplate": {"Name": "otp"}},
        "Users": {"u1": {}},
    }
    with stub:
        stub.client().create_sms_template(TemplateName="otp", SMSTemplateRequest=content)
        send_users(stub.client(), body)
        assert stub.assert_sent(user="u1").body == "Code 4711 for you"


def test_each_endpoint_of_a_user_gets_its_own_attributes_and_record() -> None:
    """A user's endpoints share Users[id]: what depends only on it is worked out once per
    call, what names an endpoint field is not, and no two records share a dict."""
    body = {
        "MessageConfiguration": {"SMSMessage": {"Body": "{{Greeting}} {{Attributes.City}}"}},
        "Users": {"u1": {"Substitutions": {"Greeting": ["Hi"]}}, "u2": {}},
    }
    endpoints = {
        f"e{n}": {"ChannelType": "SMS", "Address": f"+1206555010{n}", "Attributes": {"City": [c]}}
        for n, c in enumerate(("Oslo", "Bergen", "Tromsø"))
    }
    with PinpointStub() as stub:
        stub.add_user("u1", endpoints)
        stub.add_user("u2", {"e9": {"ChannelType": "SMS", "Address": "+12065550109"}})
        send_users(stub.client(), body)
        assert {m.endpoint: m.body for m in stub.sent} == {
            "e0": "Hi Oslo",
            "e1": "Hi Bergen",
            "e2": "Hi Tromsø",
            "e9": " ",
        }
        first, second = stub.sent[0], stub.sent[1]
        assert first.substitutions == second.substitutions == {"Greeting": ["Hi"]}
        first.substitutions["Greeting"] = ["changed"]
        assert second.substitutions == {"Greeting": ["Hi"]}


def test_endpoints_sharing_users_substitutions_render_alike_with_their_own_ids() -> None:
    body = {
        "MessageConfiguration": {"SMSMessage": {"Body": "Hello {{Name}}"}},
        "Users": {"u1": {"Substitutions": {"Name": ["Ann"]}}},
    }
    with PinpointStub() as stub:
        phones = {f"e{n}": {"ChannelType": "SMS", "Address": f"+12065550{n:03d}"} for n in range(3)}
        stub.add_user("u1", phones)
        result = send_users(stub.client(), body)
        assert [m.body for m in stub.sent] == ["Hello Ann"] * 3
        ids = {entry["MessageId"] for entry in result["u1"].values()}
        assert len(ids) == 3
        assert len({id(m.substitutions) for m in stub.sent}) == 3


def test_users_with_empty_configurations_each_get_their_endpoints_fields() -> None:
    body = {
        "MessageConfiguration": {"SMSMessage": {"Body": "Hi from {{Attributes.City}}"}},
        "Users": {"u0": {}, "u1": {}, "u2": {}, "u3": {}},  # u0, u3: not registered
    }
    with PinpointStub() as stub:
        for n, city in enumerate(("Oslo", "Bergen")):
            endpoint = {"ChannelType": "SMS", "Address": f"+1206555010{n}"}
            stub.add_user(f"u{n + 1}", {f"e{n}": {**endpoint, "Attributes": {"City": [city]}}})
        send_users(stub.client(), body)
        assert {m.user: m.body for m in stub.sent} == {
            "u0": "Hi from ",  # an invented endpoint has no attributes
            "u1": "Hi from Oslo",
            "u2": "Hi from Bergen",
            "u3": "Hi from ",
        }


def test_outcome_times_counts_calls_as_fail_and_respond_do() -> None:
    body = {"MessageConfiguration": {"SMSMessage": {"Body": "hi"}}, "Users": {"u1": {}}}
    phones = {
        "a": {"ChannelType": "SMS", "Address": "+12065550100"},
        "b": {"ChannelType": "SMS", "Address": "+12065550101"},
    }
    with PinpointStub() as stub:
        stub.add_user("u1", phones)
        stub.outcome("THROTTLED", user="u1", times=1)
        first = send_users(stub.client(), body)["u1"]
        second = send_users(stub.client(), body)["u1"]
    assert [first[e]["DeliveryStatus"] for e in "ab"] == ["THROTTLED", "THROTTLED"]
    assert [second[e]["DeliveryStatus"] for e in "ab"] == ["SUCCESSFUL", "SUCCESSFUL"]


def test_an_unused_outcome_says_which_matcher_nothing_passed() -> None:
    body = {"MessageConfiguration": {"SMSMessage": {"Body": "hi"}}, "Users": {"bob": {}}}
    stub = PinpointStub().start()
    try:
        stub.outcome("OPT_OUT", user="ada")
        send_users(stub.client(), body)
        found = stub.problems()
    finally:
        stub.stop()
    assert any("no message had user='ada' (users sent: bob)" in p for p in found), found
