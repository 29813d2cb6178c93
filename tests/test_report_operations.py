"""The report's "never simulated" per operation (issue 29): one operation's 429 does not hide
that another send never got one."""

from __future__ import annotations

from pytest_pinpoint import PinpointStub
from pytest_pinpoint.report import Counts, not_simulated, to_json

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
SMS = {"SMSMessage": {"Body": "hi"}}


def test_never_simulated_is_kept_per_operation() -> None:
    with PinpointStub() as stub:
        stub.fail("TooManyRequestsException", operation="send_users_messages")
        client = stub.client()
        client.send_users_messages(
            ApplicationId=APP_ID,
            SendUsersMessageRequest={"MessageConfiguration": SMS, "Users": {"u": {}}},
        )
        client.send_messages(
            ApplicationId=APP_ID,
            MessageRequest={
                "MessageConfiguration": SMS,
                "Addresses": {"+12065550100": {"ChannelType": "SMS"}},
            },
        )
    counts = Counts()
    counts.add_stub(stub)
    missing = not_simulated(counts)
    assert "TooManyRequestsException" not in missing.errors  # the session saw one
    assert "TooManyRequestsException" in missing.by_operation["SendMessages"]
    assert "TooManyRequestsException" not in missing.by_operation["SendUsersMessages"]
    assert "SUCCESSFUL" not in missing.by_operation["SendMessages"]
    assert "OPT_OUT" in missing.by_operation["SendMessages"]
    wire = Counts.from_wire(counts.to_wire())  # survives the xdist merge
    assert not_simulated(wire).by_operation == missing.by_operation
    assert to_json(counts, missing)["not_simulated"]["by_operation"] == missing.by_operation


def test_another_services_operation_lists_its_own_declared_errors() -> None:
    import boto3

    with PinpointStub() as stub:
        sms = boto3.client(
            "pinpoint-sms-voice-v2",
            region_name="us-east-1",
            aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
            aws_secret_access_key="x",
        )
        sms.send_text_message(DestinationPhoneNumber="+12065550100", MessageBody="hi")
    counts = Counts()
    counts.add_stub(stub)
    missing = not_simulated(counts).by_operation["SendTextMessage"]
    assert "ThrottlingException" in missing  # SMS v2's model, not Pinpoint's
    assert "TooManyRequestsException" not in missing
