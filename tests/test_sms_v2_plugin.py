"""The plugin end to end with pytester: a v2 send under pinpoint_stub, a swallowed contract
break failing the test at teardown, and the ini's sandbox."""

from __future__ import annotations

import pytest

CLIENT = """
import boto3, pytest
from botocore.exceptions import ClientError

sms = boto3.client("pinpoint-sms-voice-v2", region_name="us-east-1",
                   aws_access_key_id="AKID", aws_secret_access_key="SECRET")

def notify(body, ttl=300):
    try:
        return sms.send_text_message(DestinationPhoneNumber="+12065550100", MessageBody=body,
                                     TimeToLive=ttl)["MessageId"]
    except ClientError:
        return None  # the app swallows the error
"""


def test_plugin_serves_and_fails_a_swallowed_break(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        CLIENT
        + """
def test_sends(pinpoint_stub):
    assert notify("hello")
    pinpoint_stub.assert_sent(channel="SMS", address="+12065550100", body="hello")

def test_swallowed(pinpoint_stub):
    assert notify("hello", ttl=300000) is None

@pytest.mark.pinpoint(contract="warn")
def test_warned(pinpoint_stub):
    assert notify("hello", ttl=300000)
"""
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(["*TimeToLive: is 300000*[[]sms-v2-time-to-live[]]*"])


def test_ini_puts_the_account_in_the_sandbox(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\npinpoint_sms_sandbox = true\n")
    pytester.makepyfile(
        CLIENT
        + """
def test_sandboxed(pinpoint_stub):
    assert pinpoint_stub.options.sms_sandbox
    assert notify("hello") is None
    pinpoint_stub.sms_v2.verify("+12065550100")
    assert notify("hello")
"""
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)
