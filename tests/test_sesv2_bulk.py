"""SES v2's SendBulkEmail through boto3: per-entry results, per-entry data, the sandbox, outcomes;
and the plugin end to end with pytester (the marker's SES options)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from pytest_pinpoint import PinpointStub


@pytest.fixture
def ses() -> Any:
    client = boto3.client("sesv2", region_name="us-east-1")
    return client


@pytest.fixture
def stub(ses: Any) -> Iterator[PinpointStub]:
    with PinpointStub(ses_identities=["example.com"]) as s:
        ses.create_email_template(
            TemplateName="news", TemplateContent={"Subject": "Hi {{name}}", "Text": "{{n}} new"}
        )
        yield s


def entry(address: str, **data: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"Destination": {"ToAddresses": [address]}}
    if data:
        template = {"ReplacementTemplateData": json.dumps(data)}
        out["ReplacementEmailContent"] = {"ReplacementTemplate": template}
    return out


def bulk(ses: Any, *entries: dict[str, Any], **kwargs: Any) -> list[dict[str, Any]]:
    answer = ses.send_bulk_email(
        FromEmailAddress="news@example.com",
        DefaultContent={
            "Template": {"TemplateName": "news", "TemplateData": '{"name": "you", "n": 0}'}
        },
        BulkEmailEntries=list(entries),
        **kwargs,
    )
    results: list[dict[str, Any]] = answer["BulkEmailEntryResults"]
    return results


def test_each_entry_gets_its_result_and_its_data(stub: PinpointStub, ses: Any) -> None:
    results = bulk(
        ses,
        entry("a@example.org", name="Ada", n=3),
        entry("b@example.org"),
        DefaultEmailTags=[{"Name": "kind", "Value": "news"}],
    )
    assert [r["Status"] for r in results] == ["SUCCESS", "SUCCESS"]
    assert results[0]["MessageId"] != results[1]["MessageId"]
    ada = stub.assert_sent(address="a@example.org", title="Hi Ada", body="3 new")
    assert ada.operation == "SendBulkEmail"
    assert ada.template == "news"
    assert ada.tags == {"kind": "news"}
    assert ada.message_id == results[0]["MessageId"]
    stub.assert_sent(address="b@example.org", title="Hi you", body="0 new")


def test_sandbox_rejects_an_unverified_entry_only(ses: Any) -> None:
    with PinpointStub(ses_sandbox=True, ses_identities=["example.com"]) as stub:
        ses.create_email_template(TemplateName="news", TemplateContent={"Subject": "x"})
        results = bulk(ses, entry("a@example.org"), entry("ok@example.com"))
        assert [r["Status"] for r in results] == ["MESSAGE_REJECTED", "SUCCESS"]
        assert [m.address for m in stub.sent] == ["ok@example.com"]


def test_throttled_entry_is_account_throttled(stub: PinpointStub, ses: Any) -> None:
    stub.outcome("THROTTLED", address="a@example.org", times=1)
    results = bulk(ses, entry("a@example.org"), entry("b@example.org"))
    assert [r["Status"] for r in results] == ["ACCOUNT_THROTTLED", "SUCCESS"]


def test_unverified_sender_rejects_the_call(stub: PinpointStub, ses: Any) -> None:
    with pytest.raises(ses.exceptions.MessageRejected):
        ses.send_bulk_email(
            FromEmailAddress="x@elsewhere.example",
            DefaultContent={"Template": {"TemplateName": "news", "TemplateData": "{}"}},
            BulkEmailEntries=[entry("a@example.org")],
        )
    assert stub.sent == []


def test_the_plugin_with_the_marker_s_ses_options(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        import pytest

        def send(sender):
            boto3.client("sesv2", region_name="us-east-1").send_email(
                FromEmailAddress=sender,
                Destination={"ToAddresses": ["a@example.org"]},
                Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "b"}}}},
            )

        @pytest.mark.pinpoint(ses_identities=["example.com"])
        def test_verified(pinpoint_stub):
            send("app@example.com")
            pinpoint_stub.assert_sent(channel="EMAIL", address="a@example.org", title="Hi")

        @pytest.mark.pinpoint(ses_identities=["example.com"])
        def test_unverified(pinpoint_stub):
            send("app@other.example")

        def test_header_too_many(pinpoint_stub):
            client = boto3.client("sesv2", region_name="us-east-1")
            headers = [{"Name": f"X-{i}", "Value": "v"} for i in range(16)]
            try:
                client.send_email(
                    FromEmailAddress="a@example.com",
                    Destination={"ToAddresses": ["a@example.org"]},
                    Content={"Simple": {"Subject": {"Data": "s"}, "Body": {}, "Headers": headers}},
                )
            except client.exceptions.BadRequestException:
                pass  # the app swallows it: teardown still fails the test
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1, errors=1)  # the swallowed 400: teardown
    result.stdout.fnmatch_lines(["*MessageRejected*app@other.example*", "*ses-headers-max*"])


def test_the_ini_file_declares_identities_in_one_line(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\npinpoint_ses_identities = example.com ops@other.example\n")
    pytester.makepyfile(
        """
        import boto3
        import pytest

        def send(sender):
            boto3.client("sesv2", region_name="us-east-1").send_email(
                FromEmailAddress=sender,
                Destination={"ToAddresses": ["a@example.org"]},
                Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "b"}}}},
            )

        def test_verified(pinpoint_stub):
            send("app@example.com")
            send("ops@other.example")

        def test_unverified(pinpoint_stub):
            with pytest.raises(Exception, match="MessageRejected"):
                send("app@other.example")

        @pytest.mark.pinpoint(ses_identities=None)
        def test_the_marker_overrides_it(pinpoint_stub):
            send("anyone@anywhere.example")
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
