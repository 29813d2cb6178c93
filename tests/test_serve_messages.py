"""Messages a new user met that misled (issue 29): each says what happened, in the reader's
terms."""

from __future__ import annotations

import json
import urllib.request

import pytest
from botocore.exceptions import ClientError

from pytest_pinpoint import PinpointStub, PinpointStubError
from pytest_pinpoint.cli import main
from pytest_pinpoint.interception.server import LoopbackServer

VALIDATE = {"NumberValidateRequest": {"PhoneNumber": "+12065550100"}}
ANSWER = {"NumberValidateResponse": {"PhoneType": "MOBILE"}}


def test_a_respond_script_that_ran_out_says_scripted_n_called_m() -> None:
    stub = PinpointStub()
    stub.respond("phone_number_validate", ANSWER, times=1)
    stub.start()
    try:
        client = stub.client()
        client.phone_number_validate(**VALIDATE)
        with pytest.raises(ClientError):
            client.phone_number_validate(**VALIDATE)
    finally:
        stub.stop()
    [problem] = stub.problems()
    assert "PhoneNumberValidate was scripted 1 time and called 2 times" in problem
    assert "the 1 call after the script ran out" in problem
    assert "does not model" not in problem


def test_an_outcome_refused_at_scripting_time_has_no_use_count() -> None:
    stub = PinpointStub()
    stub.add_user("ada", endpoints={"ada-phone": {"ChannelType": "SMS", "Address": "+12065550100"}})
    with pytest.raises(PinpointStubError) as refused:
        stub.outcome("OPT_OUT", user="ada", endpoint="ada-phon")
    message = str(refused.value)
    assert "used 0x" not in message
    assert "user 'ada' has no endpoint 'ada-phon' (endpoints: ada-phone)" in message


def test_create_app_with_an_empty_name_says_empty_not_required() -> None:
    with PinpointStub() as stub, pytest.raises(ClientError) as failed:
        stub.client().create_app(CreateApplicationRequest={"Name": ""})
    message = failed.value.response["Error"]["Message"]
    assert "CreateApplicationRequest.Name: is empty" in message
    assert "is required" not in message


def test_rules_name_the_public_quota_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "not in the seeds" not in out
    assert "https://docs.aws.amazon.com/pinpoint/latest/developerguide/quotas.html" in out


def _post(url: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_an_unserved_operation_through_serve_advises_a_cli_user() -> None:
    stub = PinpointStub()
    stub.advise("serve")
    with LoopbackServer(stub) as server:
        status, body = _post(f"{server.url}/v1/phone/number/validate", VALIDATE)
    assert status == 404
    message = str(body["Message"])
    assert "pinpoint_stub" not in message
    assert "teardown" not in message
    assert "--script" in message
    assert "/_pinpoint/script" in message
    [problem] = stub.problems()
    assert "pinpoint_stub" not in problem
    assert "--script" in problem


def test_a_python_test_still_gets_the_fixture_advice() -> None:
    stub = PinpointStub().start()
    try:
        with pytest.raises(ClientError) as failed:
            stub.client().phone_number_validate(**VALIDATE)
    finally:
        stub.stop()
    message = failed.value.response["Error"]["Message"]
    assert "pinpoint_stub.respond('PhoneNumberValidate'" in message
    assert "the test fails at teardown" in message
    with pytest.raises(PinpointStubError):
        stub.advise("cli")
