"""The state a sender's code creates and reads, end to end through boto3."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from test_sms_v2_sends import TO, client

from pytest_pinpoint import PinpointStub


def code_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str | None]:
    return exc.value.response["Error"]["Code"], exc.value.response.get("Reason")


def test_phone_number_lifecycle(pinpoint_stub: PinpointStub) -> None:
    sms = client()
    number = sms.request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS", "VOICE"],
        NumberType="TOLL_FREE",
    )  # fmt: skip
    assert number["Status"] == "ACTIVE"
    assert number["OptOutListName"] == "Default"
    listed = sms.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])
    assert [n["PhoneNumber"] for n in listed["PhoneNumbers"]] == [number["PhoneNumber"]]
    sms.update_phone_number(PhoneNumberId=number["PhoneNumberId"], DeletionProtectionEnabled=True)
    with pytest.raises(ClientError) as exc:
        sms.release_phone_number(PhoneNumberId=number["PhoneNumberArn"])
    assert code_of(exc) == ("ConflictException", "DELETION_PROTECTION_ENABLED")
    sms.update_phone_number(PhoneNumberId=number["PhoneNumberId"], DeletionProtectionEnabled=False)
    assert sms.release_phone_number(PhoneNumberId=number["PhoneNumberId"])["Status"] == "DELETED"
    assert sms.describe_phone_numbers()["PhoneNumbers"] == []
    with pytest.raises(ClientError) as exc:
        sms.describe_phone_numbers(PhoneNumberIds=[number["PhoneNumberId"]])
    assert code_of(exc)[0] == "ResourceNotFoundException"
    assert exc.value.response["ResourceType"] == "phone-number"


def test_origination_identity_must_exist_once_declared(pinpoint_stub: PinpointStub) -> None:
    sms = client()
    # nothing declared: any identity is taken as given
    sms.send_text_message(
        DestinationPhoneNumber=TO, OriginationIdentity="+15550001", MessageBody="a"
    )
    number = sms.request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"],
        NumberType="LONG_CODE",
    )  # fmt: skip
    for given in (number["PhoneNumber"], number["PhoneNumberId"], number["PhoneNumberArn"]):
        sms.send_text_message(DestinationPhoneNumber=TO, OriginationIdentity=given, MessageBody="b")
    pinpoint_stub.expect_violation("sms-v2-origination-exists")
    pinpoint_stub.expect_violation("sms-v2-origination-capability")
    with pytest.raises(ClientError) as exc:
        sms.send_text_message(DestinationPhoneNumber=TO, OriginationIdentity="+15550001",
                              MessageBody="c")  # fmt: skip
    assert code_of(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        sms.send_voice_message(DestinationPhoneNumber=TO, OriginationIdentity=number["PhoneNumber"],
                               MessageBody="c")  # fmt: skip
    assert code_of(exc) == ("ConflictException", "NUMBER_CAPABILITIES_MISMATCH")
    assert len(pinpoint_stub.sent) == 4


def test_sender_ids_and_pools(pinpoint_stub: PinpointStub) -> None:
    sms = client()
    sender = sms.request_sender_id(SenderId="ACME", IsoCountryCode="GB")
    assert sms.describe_sender_ids()["SenderIds"][0]["SenderId"] == "ACME"
    number = sms.request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS", "VOICE"],
        NumberType="LONG_CODE",
    )  # fmt: skip
    pool = sms.create_pool(
        OriginationIdentity=number["PhoneNumberArn"], MessageType="TRANSACTIONAL"
    )
    sms.associate_origination_identity(
        PoolId=pool["PoolId"], OriginationIdentity=sender["SenderIdArn"]
    )
    assert [p["PoolId"] for p in sms.describe_pools()["Pools"]] == [pool["PoolId"]]
    sms.send_voice_message(DestinationPhoneNumber=TO, OriginationIdentity=pool["PoolArn"],
                           MessageBody="hello")  # fmt: skip
    sms.send_text_message(DestinationPhoneNumber=TO, OriginationIdentity="ACME", MessageBody="hi")
    with pytest.raises(ClientError) as exc:
        sms.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert code_of(exc) == ("ConflictException", "PHONE_NUMBER_ASSOCIATED_TO_POOL")
    sms.disassociate_origination_identity(PoolId=pool["PoolId"],
                                          OriginationIdentity=number["PhoneNumberId"])  # fmt: skip
    with pytest.raises(ClientError) as exc:
        sms.disassociate_origination_identity(PoolId=pool["PoolId"], OriginationIdentity="ACME")
    assert code_of(exc) == ("ConflictException", "LAST_PHONE_NUMBER")
    sms.delete_pool(PoolId=pool["PoolId"])
    assert sms.describe_pools()["Pools"] == []


def test_opted_out_number_is_refused(pinpoint_stub: PinpointStub) -> None:
    sms = client()
    lists = sms.describe_opt_out_lists()["OptOutLists"]
    assert [entry["OptOutListName"] for entry in lists] == ["Default"]
    sms.put_opted_out_number(OptOutListName="Default", OptedOutNumber=TO)
    with pytest.raises(ClientError) as exc:
        sms.send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")
    assert code_of(exc) == ("ConflictException", "DESTINATION_PHONE_NUMBER_OPTED_OUT")
    assert pinpoint_stub.assert_sent(address=TO).status == "OPT_OUT"
    numbers = sms.describe_opted_out_numbers(OptOutListName="Default")["OptedOutNumbers"]
    assert [n["OptedOutNumber"] for n in numbers] == [TO]
    sms.delete_opted_out_number(OptOutListName="Default", OptedOutNumber=TO)
    assert sms.send_text_message(DestinationPhoneNumber=TO, MessageBody="hi")["MessageId"]


def test_a_numbers_own_opt_out_list(pinpoint_stub: PinpointStub) -> None:
    sms = client()
    sms.create_opt_out_list(OptOutListName="marketing")
    number = sms.request_phone_number(
        IsoCountryCode="US", MessageType="PROMOTIONAL", NumberCapabilities=["SMS"],
        NumberType="LONG_CODE", OptOutListName="marketing",
    )  # fmt: skip
    sms.put_opted_out_number(OptOutListName="marketing", OptedOutNumber=TO)
    with pytest.raises(ClientError):
        sms.send_text_message(DestinationPhoneNumber=TO, OriginationIdentity=number["PhoneNumber"],
                              MessageBody="sale")  # fmt: skip
    with pytest.raises(ClientError) as exc:
        sms.create_opt_out_list(OptOutListName="marketing")
    assert code_of(exc) == ("ConflictException", "RESOURCE_ALREADY_EXISTS")


def test_keywords(pinpoint_stub: PinpointStub) -> None:
    sms = client()
    number = sms.request_phone_number(
        IsoCountryCode="US", MessageType="TRANSACTIONAL", NumberCapabilities=["SMS"],
        NumberType="LONG_CODE",
    )  # fmt: skip
    sms.put_keyword(OriginationIdentity=number["PhoneNumberId"], Keyword="JOIN",
                    KeywordMessage="Welcome!", KeywordAction="OPT_IN")  # fmt: skip
    found = sms.describe_keywords(OriginationIdentity=number["PhoneNumberId"])["Keywords"]
    assert {k["Keyword"]: k["KeywordAction"] for k in found} == {
        "HELP": "AUTOMATIC_RESPONSE", "STOP": "OPT_OUT", "JOIN": "OPT_IN",
    }  # fmt: skip


def test_configuration_sets(pinpoint_stub: PinpointStub) -> None:
    sms = client()
    sms.create_configuration_set(ConfigurationSetName="otp")
    sms.create_event_destination(
        ConfigurationSetName="otp", EventDestinationName="sns", MatchingEventTypes=["TEXT_ALL"],
        SnsDestination={"TopicArn": "arn:aws:sns:us-east-1:123456789012:sms-events"},
    )  # fmt: skip
    (found,) = sms.describe_configuration_sets()["ConfigurationSets"]
    assert found["EventDestinations"][0]["EventDestinationName"] == "sns"
    sms.send_text_message(DestinationPhoneNumber=TO, MessageBody="a", ConfigurationSetName="otp")
    with pytest.raises(ClientError) as exc:
        sms.send_text_message(DestinationPhoneNumber=TO, MessageBody="a", ConfigurationSetName="x")
    assert code_of(exc)[0] == "ResourceNotFoundException"
    sms.delete_configuration_set(ConfigurationSetName="otp")
    assert sms.describe_configuration_sets()["ConfigurationSets"] == []


def test_spend_limits(pinpoint_stub: PinpointStub) -> None:
    sms = client()
    limits = {s["Name"]: s for s in sms.describe_spend_limits()["SpendLimits"]}
    assert limits["TEXT_MESSAGE_MONTHLY_SPEND_LIMIT"]["Overridden"] is False
    sms.set_text_message_spend_limit_override(MonthlyLimit=0)
    with pytest.raises(ClientError) as exc:
        sms.send_text_message(DestinationPhoneNumber=TO, MessageBody="a")
    assert code_of(exc) == ("ServiceQuotaExceededException", "MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT")


def test_unserved_operation_fails_the_test_by_name() -> None:
    stub = PinpointStub().start()
    try:
        with pytest.raises(ClientError) as exc:
            client().describe_registrations()
    finally:
        stub.stop()
    assert "DescribeRegistrations" in exc.value.response["Error"]["Message"]
    (problem,) = stub.problems()
    assert "DescribeRegistrations" in problem
    assert "fail('ResourceNotFoundException', operation='DescribeRegistrations')" in problem


def test_respond_answers_an_unserved_operation(pinpoint_stub: PinpointStub) -> None:
    pinpoint_stub.respond("describe_registrations", {"Registrations": []})
    assert client().describe_registrations()["Registrations"] == []


def test_respond_refuses_a_served_operation(pinpoint_stub: PinpointStub) -> None:
    with pytest.raises(Exception, match="serves SendTextMessage"):
        pinpoint_stub.respond("send_text_message", {"MessageId": "x"})
