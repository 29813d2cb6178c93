"""SES v2 (``sesv2``) end to end through boto3 under PinpointStub: simple, raw and templated
sends, the record, identities, the sandbox, the suppression list, outcomes, unserved calls."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pytest_pinpoint import PinpointStub

SIMPLE = {
    "Simple": {
        "Subject": {"Data": "Welcome"},
        "Body": {"Text": {"Data": "Hello!"}, "Html": {"Data": "<p>Hello!</p>"}},
        "Headers": [{"Name": "X-Campaign", "Value": "spring"}],
    }
}


@pytest.fixture
def ses() -> Any:
    return boto3.client("sesv2", region_name="us-east-1")


@pytest.fixture
def stub() -> Iterator[PinpointStub]:
    with PinpointStub() as s:
        yield s


def send(ses: Any, content: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    given: dict[str, Any] = {
        "FromEmailAddress": "app@example.com",
        "Destination": {"ToAddresses": ["a@example.org"]},
        "Content": content or SIMPLE,
    }
    given.update(kwargs)
    return ses.send_email(**given)


def test_simple_send_is_recorded_per_destination(stub: PinpointStub, ses: Any) -> None:
    answer = send(
        ses,
        Destination={
            "ToAddresses": ["a@example.org"],
            "CcAddresses": ["Bee <b@example.org>"],
            "BccAddresses": ["c@example.org"],
        },
        EmailTags=[{"Name": "flow", "Value": "welcome"}],
        ConfigurationSetName="main",
    )
    assert len(answer["MessageId"]) == 40
    assert [m.address for m in stub.sent] == ["a@example.org", "b@example.org", "c@example.org"]
    sent = stub.assert_sent(channel="EMAIL", address="b@example.org", title="Welcome")
    assert (sent.service, sent.operation, sent.status) == ("sesv2", "SendEmail", "SUCCESSFUL")
    assert sent.body == "Hello!"
    assert sent.html_body == "<p>Hello!</p>"
    assert sent.origination == "app@example.com"
    assert sent.headers == {"X-Campaign": "spring"}
    assert sent.tags == {"flow": "welcome"}
    assert sent.configuration_set == "main"
    assert sent.message_id == answer["MessageId"]
    assert stub.calls[-1].service == "sesv2"
    assert stub.calls[-1].operation == "SendEmail"


def test_raw_send_reads_the_mime_message(stub: PinpointStub, ses: Any) -> None:
    raw = (
        b"From: App <app@example.com>\r\nTo: a@example.org, b@example.org\r\n"
        b"Subject: Raw hello\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/alternative; boundary="XX"\r\n\r\n'
        b"--XX\r\nContent-Type: text/plain\r\n\r\nplain text\r\n"
        b"--XX\r\nContent-Type: text/html\r\n\r\n<i>html</i>\r\n--XX--\r\n"
    )
    ses.send_email(Content={"Raw": {"Data": raw}})
    assert [m.address for m in stub.sent] == ["a@example.org", "b@example.org"]
    sent = stub.assert_sent(address="a@example.org", title="Raw hello")
    assert sent.body is not None
    assert sent.body.strip() == "plain text"
    assert sent.html_body is not None
    assert sent.html_body.strip() == "<i>html</i>"
    assert sent.origination == "App <app@example.com>"
    assert sent.raw_content is not None
    assert "Subject: Raw hello" in sent.raw_content


def test_templated_send_renders_handlebars(stub: PinpointStub, ses: Any) -> None:
    ses.create_email_template(
        TemplateName="welcome",
        TemplateContent={
            "Subject": "Hi {{name}}",
            "Text": "{{#if vip}}VIP {{/if}}{{#each items}}[{{this}}]{{/each}} {{city.name}}",
            "Html": "<b>{{name}}</b>",
        },
    )
    data = json.dumps({"name": "Jo", "vip": True, "items": ["a", "b"], "city": {"name": "Oslo"}})
    send(ses, {"Template": {"TemplateName": "welcome", "TemplateData": data}})
    sent = stub.assert_sent(address="a@example.org", title="Hi Jo")
    assert sent.body == "VIP [a][b] Oslo"
    assert sent.html_body == "<b>Jo</b>"
    assert sent.template == "welcome"
    assert sent.template_data == data


def test_a_missing_variable_is_a_rendering_failure_not_a_blank(ses: Any) -> None:
    with PinpointStub() as stub:
        ses.create_email_template(
            TemplateName="t", TemplateContent={"Subject": "Hi {{name}}", "Text": "x"}
        )
        send(ses, {"Template": {"TemplateName": "t", "TemplateData": "{}"}})
        sent = stub.sent[0]
        assert sent.status == "PERMANENT_FAILURE"
        assert sent.status_message == (
            "Rendering Failure: Attribute 'name' is not present in the rendering data."
        )
        assert [v.rule for v in stub.violations] == ["ses-rendering-failure"]


def test_unknown_template_is_not_found(stub: PinpointStub, ses: Any) -> None:
    with pytest.raises(ses.exceptions.NotFoundException, match="Template nope does not exist"):
        send(ses, {"Template": {"TemplateName": "nope", "TemplateData": "{}"}})
    assert stub.sent == []


def test_test_render_email_template(stub: PinpointStub, ses: Any) -> None:
    ses.create_email_template(
        TemplateName="t", TemplateContent={"Subject": "S {{a}}", "Text": "T {{a}}"}
    )
    rendered = ses.test_render_email_template(TemplateName="t", TemplateData='{"a": "1"}')
    assert "Subject: S 1" in rendered["RenderedTemplate"]
    with pytest.raises(ses.exceptions.BadRequestException, match="Attribute 'a'"):
        ses.test_render_email_template(TemplateName="t", TemplateData="{}")
    assert [t["TemplateName"] for t in ses.list_email_templates()["TemplatesMetadata"]] == ["t"]
    ses.update_email_template(TemplateName="t", TemplateContent={"Subject": "new"})
    assert ses.get_email_template(TemplateName="t")["TemplateContent"] == {"Subject": "new"}
    ses.delete_email_template(TemplateName="t")
    with pytest.raises(ses.exceptions.NotFoundException):
        ses.get_email_template(TemplateName="t")


# --- identities and the sandbox -------------------------------------------------------------


def test_with_no_identity_declared_any_sender_is_accepted(stub: PinpointStub, ses: Any) -> None:
    send(ses, FromEmailAddress="anyone@anywhere.example")
    assert stub.sent[0].status == "SUCCESSFUL"


def test_declared_identities_require_a_verified_sender(ses: Any) -> None:
    with PinpointStub(ses_identities=["example.com", "ops@other.example"]) as stub:
        send(ses, FromEmailAddress="news@example.com")  # its domain is verified
        send(ses, FromEmailAddress="Ops <ops@other.example>")  # the address is
        with pytest.raises(
            ses.exceptions.MessageRejected,
            match=r"failed the check in region US-EAST-1: x@other\.example",
        ):
            send(ses, FromEmailAddress="x@other.example")
        assert len(stub.sent) == 2
        assert stub.calls[-1].error == "MessageRejected"
        assert stub.calls[-1].status_code == 400


def test_created_identities_declare_and_can_be_scripted_pending(ses: Any) -> None:
    with PinpointStub(ses_identities={"pending.example": "PENDING"}) as stub:
        created = ses.create_email_identity(EmailIdentity="me@ok.example")
        assert created["IdentityType"] == "EMAIL_ADDRESS"
        assert created["VerifiedForSendingStatus"]
        got = ses.get_email_identity(EmailIdentity="pending.example")
        assert got["VerificationStatus"] == "PENDING"
        assert not got["VerifiedForSendingStatus"]
        with pytest.raises(ses.exceptions.MessageRejected):
            send(ses, FromEmailAddress="a@pending.example")
        send(ses, FromEmailAddress="me@ok.example")
        names = [i["IdentityName"] for i in ses.list_email_identities()["EmailIdentities"]]
        assert names == ["me@ok.example", "pending.example"]
        with pytest.raises(ses.exceptions.AlreadyExistsException):
            ses.create_email_identity(EmailIdentity="me@ok.example")
        ses.delete_email_identity(EmailIdentity="me@ok.example")
        with pytest.raises(ses.exceptions.NotFoundException):
            ses.get_email_identity(EmailIdentity="me@ok.example")
        assert len(stub.sent) == 1


def test_sandbox_requires_verified_recipients(ses: Any) -> None:
    with PinpointStub(ses_sandbox=True, ses_identities=["example.com"]) as stub:
        assert ses.get_account()["ProductionAccessEnabled"] is False
        with pytest.raises(ses.exceptions.MessageRejected, match=r"a@example\.org"):
            send(ses)
        send(ses, Destination={"ToAddresses": ["b@example.com", "success@simulator.amazonses.com"]})
        assert [m.address for m in stub.sent] == [
            "b@example.com",
            "success@simulator.amazonses.com",
        ]


def test_production_by_default(stub: PinpointStub, ses: Any) -> None:
    account = ses.get_account()
    assert account["ProductionAccessEnabled"] is True
    send(ses)
    assert ses.get_account()["SendQuota"]["SentLast24Hours"] == 1.0


# --- suppression list and outcomes ------------------------------------------------------------


def test_suppressed_recipient_is_not_delivered(stub: PinpointStub, ses: Any) -> None:
    ses.put_suppressed_destination(EmailAddress="a@example.org", Reason="BOUNCE")
    got = ses.get_suppressed_destination(EmailAddress="a@example.org")
    assert got["SuppressedDestination"]["Reason"] == "BOUNCE"
    send(ses, Destination={"ToAddresses": ["a@example.org", "b@example.org"]})
    assert [m.status for m in stub.sent] == ["OPT_OUT", "SUCCESSFUL"]
    assert stub.sent[0].status_message == "Bounce: Permanent/OnAccountSuppressionList"
    ses.delete_suppressed_destination(EmailAddress="a@example.org")
    assert ses.list_suppressed_destinations()["SuppressedDestinationSummaries"] == []


def test_outcome_bounce_adds_to_the_suppression_list(stub: PinpointStub, ses: Any) -> None:
    stub.outcome("PERMANENT_FAILURE", address="a@example.org", times=1)
    send(ses)
    assert stub.sent[0].status_message == "Bounce: Permanent/General"
    listed = ses.list_suppressed_destinations()["SuppressedDestinationSummaries"]
    assert [s["EmailAddress"] for s in listed] == ["a@example.org"]
    send(ses)
    assert stub.sent[1].status == "OPT_OUT"


def test_throttled_outcome_is_retried_by_botocore(stub: PinpointStub, ses: Any) -> None:
    stub.outcome("THROTTLED", address="a@example.org", times=1)
    answer = send(ses)
    assert answer["ResponseMetadata"]["RetryAttempts"] == 1
    assert [c.error for c in stub.calls] == ["TooManyRequestsException", None]
    assert [m.status for m in stub.sent] == ["SUCCESSFUL"]


def test_fail_scripts_an_ses_operation(stub: PinpointStub, ses: Any) -> None:
    stub.fail("SendingPausedException", operation="send_email")
    with pytest.raises(ses.exceptions.SendingPausedException):
        send(ses)
    assert stub.sent == []


def test_unserved_operation_fails_by_name_until_scripted(ses: Any) -> None:
    stub = PinpointStub().start()
    with pytest.raises(ses.exceptions.NotFoundException, match="GetDedicatedIps"):
        ses.get_dedicated_ips()
    stub.stop()
    assert any("GetDedicatedIps" in p for p in stub.problems())
    with PinpointStub() as scripted:
        scripted.respond("get_dedicated_ips", {"DedicatedIps": []})
        assert ses.get_dedicated_ips()["DedicatedIps"] == []


def test_configuration_sets_and_event_destinations(stub: PinpointStub, ses: Any) -> None:
    ses.create_configuration_set(ConfigurationSetName="main")
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="main",
        EventDestinationName="sns",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["BOUNCE"],
            "SnsDestination": {"TopicArn": "arn:aws:sns:us-east-1:1:t"},
        },
    )
    got = ses.get_configuration_set_event_destinations(ConfigurationSetName="main")
    assert got["EventDestinations"][0]["Name"] == "sns"
    assert ses.list_configuration_sets()["ConfigurationSets"] == ["main"]
    with pytest.raises(ses.exceptions.NotFoundException, match="other"):
        send(ses, ConfigurationSetName="other")
    send(ses, ConfigurationSetName="main")
    ses.delete_configuration_set_event_destination(
        ConfigurationSetName="main", EventDestinationName="sns"
    )
    ses.delete_configuration_set(ConfigurationSetName="main")
    with pytest.raises(ClientError, match="NotFoundException"):
        ses.get_configuration_set(ConfigurationSetName="main")
    assert len(stub.sent) == 1


def test_pinpoint_and_ses_share_one_record(stub: PinpointStub, ses: Any) -> None:
    pinpoint = boto3.client("pinpoint", region_name="us-east-1")
    pinpoint.send_messages(
        ApplicationId="a" * 32,
        MessageRequest={
            "Addresses": {"p@example.org": {"ChannelType": "EMAIL"}},
            "MessageConfiguration": {
                "EmailMessage": {
                    "SimpleEmail": {"Subject": {"Data": "Welcome"}, "TextPart": {"Data": "hi"}}
                }
            },
        },
    )
    send(ses)
    assert [m.service for m in stub.sent] == ["pinpoint", "sesv2"]
    assert len([m for m in stub.sent if m.title == "Welcome"]) == 2


def test_the_loopback_server_serves_sesv2() -> None:
    from pytest_pinpoint import LoopbackServer

    with LoopbackServer(ses_identities=["example.com"]) as server:
        client = boto3.client(
            "sesv2",
            region_name="us-east-1",
            endpoint_url=server.url,
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        send(client, FromEmailAddress="app@example.com")
        with pytest.raises(client.exceptions.MessageRejected):
            send(client, FromEmailAddress="app@other.example")
        server.stub.assert_sent(address="a@example.org", service="sesv2")


def test_feedback_forwarding_address_must_be_verified_too(ses: Any) -> None:
    with PinpointStub(ses_identities=["example.com"]) as stub:
        send(ses, FeedbackForwardingEmailAddress="bounces@example.com")
        with pytest.raises(ses.exceptions.MessageRejected, match=r"bounces@other\.example"):
            send(ses, FeedbackForwardingEmailAddress="bounces@other.example")
        assert len(stub.sent) == 1


# --- events ---------------------------------------------------------------------------------


def test_events_in_the_documented_json(stub: PinpointStub, ses: Any) -> None:
    stub.outcome("PERMANENT_FAILURE", address="b@example.org", times=1)
    answer = send(
        ses,
        Destination={"ToAddresses": ["a@example.org", "b@example.org"]},
        ConfigurationSetName="main",
        EmailTags=[{"Name": "flow", "Value": "welcome"}],
    )
    events = stub.sesv2.events("main")
    assert [e["eventType"] for e in events] == ["Send", "Delivery", "Bounce"]
    mail = events[0]["mail"]
    assert mail["messageId"] == answer["MessageId"]
    assert mail["destination"] == ["a@example.org", "b@example.org"]
    assert mail["tags"]["ses:configuration-set"] == ["main"]
    assert mail["tags"]["flow"] == ["welcome"]
    assert events[1]["delivery"]["recipients"] == ["a@example.org"]
    bounce = events[2]["bounce"]
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Permanent", "General")
    assert bounce["bouncedRecipients"][0]["emailAddress"] == "b@example.org"
    assert stub.sesv2.suppressed() == {"b@example.org": "BOUNCE"}
    assert stub.sesv2.events("other") == []


def test_event_destinations_filter_the_event_types(stub: PinpointStub, ses: Any) -> None:
    ses.create_configuration_set(ConfigurationSetName="bounces")
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="bounces",
        EventDestinationName="sns",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["BOUNCE", "RENDERING_FAILURE"],
            "SnsDestination": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t"},
        },
    )
    stub.sesv2.suppress("gone@example.org")
    send(
        ses,
        Destination={"ToAddresses": ["ok@example.org", "gone@example.org"]},
        ConfigurationSetName="bounces",
    )
    ses.create_email_template(TemplateName="t", TemplateContent={"Subject": "{{x}}"})
    send(
        ses,
        {"Template": {"TemplateName": "t", "TemplateData": "{}"}},
        ConfigurationSetName="bounces",
    )
    events = stub.sesv2.events("bounces")
    assert [e["eventType"] for e in events] == ["Bounce", "Rendering Failure"]
    assert events[0]["bounce"]["bounceSubType"] == "OnAccountSuppressionList"
    assert events[1]["failure"] == {
        "errorMessage": "Attribute 'x' is not present in the rendering data.",
        "templateName": "t",
    }


def test_aiobotocore_reaches_the_same_unit() -> None:
    import asyncio

    aiobotocore = pytest.importorskip("aiobotocore.session")

    async def main(stub: PinpointStub) -> str:
        session = aiobotocore.get_session()
        async with session.create_client("sesv2", region_name="us-east-1") as client:
            answer = await client.send_email(
                FromEmailAddress="app@example.com",
                Destination={"ToAddresses": ["a@example.org"]},
                Content=SIMPLE,
            )
        return str(answer["MessageId"])

    with PinpointStub() as stub:
        message_id = asyncio.run(main(stub))
        assert stub.assert_sent(address="a@example.org").message_id == message_id
