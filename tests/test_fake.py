"""The engine: PinpointStub.handle() and the same engine behind a real boto3 client."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import threading
import uuid
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from pytest_pinpoint import contract, model
from pytest_pinpoint.contract.limits import STATUS_DETAILS
from pytest_pinpoint.errors import PinpointStubError
from pytest_pinpoint.service.http import HttpReply
from pytest_pinpoint.service.record import SentMessage
from pytest_pinpoint.service.router import MAX_PAYLOAD_BYTES
from pytest_pinpoint.service.stub import PinpointStub

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "611e3e3cdd47474c9c1399a505665b91"
URL = f"https://pinpoint.us-west-2.amazonaws.com/v1/apps/{APP_ID}/users-messages"
SEED_BODY = json.loads((ROOT / "fixtures" / "seed" / "myfile.json").read_text())
MESSAGE_ID = re.compile(r"[0-9a-z]{40}")


def post(stub: PinpointStub, body: Any, headers: dict[str, str] | None = None) -> HttpReply:
    return stub.handle("POST", URL, headers or {}, json.dumps(body).encode())


def sms(body: str = "hi", users: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "MessageConfiguration": {"SMSMessage": {"Body": body}},
        "Users": users if users is not None else {"u1": {}},
    }


def send(client: Any, body: dict[str, Any], app_id: str = APP_ID) -> dict[str, Any]:
    out: dict[str, Any] = client.send_users_messages(
        ApplicationId=app_id, SendUsersMessageRequest=body
    )
    return out


def check_seed_shape(result: dict[str, Any]) -> None:
    entry = result["testuser"]["testuserendpoint"]
    assert entry["DeliveryStatus"] == "SUCCESSFUL"
    assert entry["StatusCode"] == 200
    assert MESSAGE_ID.fullmatch(entry["MessageId"])
    assert entry["StatusMessage"] == "MessageId: " + entry["MessageId"]
    assert entry["Address"] == "+12345678900"
    assert set(result) == {"testuser"}
    assert set(result["testuser"]) == {"testuserendpoint"}


# --- the seed's worked example --------------------------------------------------------------


def test_seed_example_via_handle() -> None:
    stub = PinpointStub()
    reply = post(stub, SEED_BODY)
    assert reply.status == 200
    data = json.loads(reply.body)
    assert data["ApplicationId"] == APP_ID
    assert uuid.UUID(data["RequestId"]).version == 4
    assert reply.headers["x-amzn-RequestId"] == data["RequestId"]
    check_seed_shape(data["Result"])
    assert contract.validate_response({"SendUsersMessageResponse": data}) == []


def test_seed_example_via_boto3() -> None:
    with PinpointStub() as stub:
        out = send(stub.client(region_name="us-west-2"), SEED_BODY)
    check_seed_shape(out["SendUsersMessageResponse"]["Result"])
    assert out["ResponseMetadata"]["RetryAttempts"] == 0
    (call,) = stub.calls
    assert call.params == {"ApplicationId": APP_ID, "SendUsersMessageRequest": SEED_BODY}
    assert call.attempt == 1
    assert call.error is None
    assert call.status_code == 200
    (sent,) = stub.sent
    assert (sent.user, sent.endpoint, sent.channel, sent.body) == (
        "testuser",
        "testuserendpoint",
        "SMS",
        "hello, how are you?",
    )
    assert call.response == {
        "SendUsersMessageResponse": {k: v for k, v in out["SendUsersMessageResponse"].items()}
    }


def test_ids_are_deterministic_under_a_seed() -> None:
    def ids(seed: int) -> list[str]:
        stub = PinpointStub(seed=seed)
        out = []
        for _ in range(3):
            data = json.loads(post(stub, SEED_BODY).body)
            out += [data["RequestId"], data["Result"]["testuser"]["testuserendpoint"]["MessageId"]]
        return out

    assert ids(7) == ids(7)
    assert ids(7) != ids(8)
    assert len(set(ids(7))) == 6


@pytest.mark.parametrize("count", [0, 1, 2, 5, 300])
def test_message_ids_drawn_at_once_are_those_drawn_one_by_one(count: int) -> None:
    """A call draws its messages' IDs in one go: the same IDs, and the generator left where
    one-by-one draws leave it (the next request ID is the same too)."""
    from pytest_pinpoint.service.state import State

    clock = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    at_once, one_by_one = State(3, clock), State(3, clock)
    assert at_once.message_ids(count) == [one_by_one.message_id() for _ in range(count)]
    assert at_once.request_id() == one_by_one.request_id()


# --- HTTP-level errors ----------------------------------------------------------------------


def error_of(reply: HttpReply) -> tuple[int, str, str]:
    body = json.loads(reply.body)
    assert body["RequestID"] == reply.headers["x-amzn-RequestId"]
    return reply.status, reply.headers["x-amzn-ErrorType"], body["Message"]


def test_unimplemented_operation_is_named() -> None:
    stub = PinpointStub()
    status, code, message = error_of(
        stub.handle(
            "GET", f"https://pinpoint.us-east-1.amazonaws.com/v1/apps/{APP_ID}/eventstream", {}, b""
        )
    )
    assert (status, code) == (404, "NotFoundException")
    assert "does not model GetEventStream" in message
    assert "pinpoint_stub.respond('GetEventStream'" in message
    assert any("GetEventStream" in p for p in stub.problems())
    assert stub.calls[-1].error == "NotFoundException"


def test_wrong_method_bad_json_and_too_large() -> None:
    stub = PinpointStub()
    assert error_of(stub.handle("PUT", URL, {}, b"{}"))[:2] == (405, "MethodNotAllowedException")
    assert error_of(stub.handle("POST", URL, {}, b"{not json"))[:2] == (
        400,
        "BadRequestException",
    )
    assert error_of(stub.handle("POST", URL, {}, b"[1]"))[:2] == (400, "BadRequestException")
    status, code, message = error_of(stub.handle("POST", URL, {}, b" " * (MAX_PAYLOAD_BYTES + 1)))
    assert (status, code) == (413, "PayloadTooLargeException")
    assert str(MAX_PAYLOAD_BYTES) in message


def test_strict_rejects_with_rule_ids_warn_records_off_skips() -> None:
    bad = sms()
    bad["MessageConfiguration"]["SMSMessage"]["MessageType"] = "URGENT"
    strict = PinpointStub()
    status, code, message = error_of(post(strict, bad))
    assert (status, code) == (400, "BadRequestException")
    assert "SendUsersMessageRequest.MessageConfiguration.SMSMessage.MessageType:" in message
    assert "[sms-message-type-enum]" in message
    assert [v.rule for v in strict.violations] == ["sms-message-type-enum"]
    assert strict.sent == []

    warn = PinpointStub(contract="warn")
    assert post(warn, bad).status == 200
    assert [v.rule for v in warn.violations] == ["sms-message-type-enum"]
    assert warn.problems() == []

    off = PinpointStub(contract="off")
    assert post(off, bad).status == 200
    assert off.violations == []


def test_severities_and_expect_violation() -> None:
    bad = sms()
    bad["MessageConfiguration"]["SMSMessage"]["MessageType"] = "URGENT"
    lowered = PinpointStub(severities={"sms-message-type-enum": "warning"})
    assert post(lowered, bad).status == 200
    expected = PinpointStub()
    expected.expect_violation("sms-message-type-enum")
    reply = post(expected, bad)  # still rejected, as the service would
    assert reply.status == 400
    assert b"sms-message-type-enum" in reply.body
    assert expected.problems() == []  # but not reported at teardown
    with pytest.raises(
        PinpointStubError, match=r"expect_violation\('no-such-rule'\): unknown rule"
    ):
        expected.expect_violation("no-such-rule")
    with pytest.raises(PinpointStubError, match="severities"):
        PinpointStub(severities={"no-such-rule": "off"})


def test_raw_email_data_is_decoded_before_validation() -> None:
    mime = b"From: a@example.com\r\nSubject: hi\r\n\r\nbody"
    body = {
        "MessageConfiguration": {"EmailMessage": {"RawEmail": {"Data": mime}}},
        "Users": {"u1": {}},
    }
    with PinpointStub() as stub:
        send(stub.client(), body)
    assert (
        stub.calls[0].params["SendUsersMessageRequest"]["MessageConfiguration"]["EmailMessage"][
            "RawEmail"
        ]["Data"]
        == mime
    )
    assert stub.violations == []
    not_mime = {
        "MessageConfiguration": {
            "EmailMessage": {"RawEmail": {"Data": base64.b64encode(b"hello").decode()}}
        },
        "Users": {"u1": {}},
    }
    assert error_of(post(PinpointStub(), not_mime))[1] == "BadRequestException"


def test_known_apps() -> None:
    stub = PinpointStub(known_apps=["app-1"])
    assert post(stub, sms()).status == 404
    ok = stub.handle("POST", URL.replace(APP_ID, "app-1"), {}, json.dumps(sms()).encode())
    assert ok.status == 200


# --- every declared error through botocore ----------------------------------------------------


@pytest.mark.parametrize("code", sorted(model.error_statuses()))
def test_each_declared_error_is_the_modeled_exception(code: str) -> None:
    with PinpointStub(fail_on_unused=False) as stub:
        client = stub.client(config=_no_retries())
        stub.fail(code, message=f"scripted {code}")
        with pytest.raises(getattr(client.exceptions, code)) as info:
            send(client, sms())
    err = info.value.response
    assert err["Error"]["Code"] == code
    assert err["Error"]["Message"] == f"scripted {code}"
    assert err["ResponseMetadata"]["HTTPStatusCode"] == model.error_statuses()[code]
    assert stub.calls[-1].error == code


def _no_retries() -> Any:
    from botocore.config import Config

    return Config(retries={"total_max_attempts": 1, "mode": "standard"})


def test_throttled_twice_then_success_retries_for_real() -> None:
    with PinpointStub() as stub:
        stub.fail("TooManyRequestsException", times=2)
        out = send(stub.client(), sms())
    assert out["ResponseMetadata"]["RetryAttempts"] == 2
    assert [(c.attempt, c.error) for c in stub.calls] == [
        (1, "TooManyRequestsException"),
        (2, "TooManyRequestsException"),
        (3, None),
    ]
    assert len({c.invocation for c in stub.calls}) == 1
    assert len(stub.retry_delays) == 2  # botocore's backoff was computed, not slept
    assert len(stub.sent) == 1


def test_fail_unknown_code_lists_valid_names() -> None:
    stub = PinpointStub()
    with pytest.raises(PinpointStubError) as info:
        stub.fail("ThrottlingException")
    for code, status in model.error_statuses().items():
        assert f"{code} ({status})" in str(info.value)
    with pytest.raises(PinpointStubError, match="positive integer"):
        stub.fail("BadRequestException", times=0)


# --- users, endpoints, channels -----------------------------------------------------------------


def test_registered_user_endpoints_and_channel_filter() -> None:
    stub = PinpointStub()
    stub.add_user(
        "u1",
        endpoints={
            "phone": {"ChannelType": "SMS", "Address": "+12065550100"},
            "mail": {"ChannelType": "EMAIL", "Address": "u1@example.com"},
        },
    )
    data = json.loads(post(stub, sms(users={"u1": {}})).body)
    assert set(data["Result"]["u1"]) == {"phone"}
    assert data["Result"]["u1"]["phone"]["Address"] == "+12065550100"
    body = {
        "MessageConfiguration": {"DefaultMessage": {"Body": "both"}},
        "Users": {"u1": {}},
    }
    data = json.loads(post(stub, body).body)
    assert set(data["Result"]["u1"]) == {"phone", "mail"}


def test_add_user_validates_channel_type() -> None:
    stub = PinpointStub()
    with pytest.raises(PinpointStubError, match=r"ChannelType is 'TEXT'.*SMS"):
        stub.add_user("u1", endpoints={"e1": {"ChannelType": "TEXT", "Address": "x"}})
    stub.add_user("u2")
    assert json.loads(post(stub, sms(users={"u2": {}})).body)["Result"]["u2"]["e1"]["Address"] == (
        "+12065550100"
    )


def test_strict_users_and_unknown_user_channel_pick() -> None:
    strict = PinpointStub(strict_users=True)
    assert json.loads(post(strict, sms(users={"ghost": {}})).body)["Result"] == {"ghost": {}}
    stub = PinpointStub()
    body = {
        "MessageConfiguration": {"APNSMessage": {"Body": "hi", "Priority": "high"}},
        "Users": {"u": {}},
    }
    post(stub, body)
    (sent,) = stub.sent
    assert (sent.endpoint, sent.channel, sent.priority, sent.push_type) == (
        "uendpoint",
        "APNS",
        "10",
        "alert",
    )


def test_opted_out_endpoint_answers_opt_out() -> None:
    stub = PinpointStub()
    stub.add_user("u1", endpoints={"e1": {"ChannelType": "SMS", "Address": "+1", "OptOut": "ALL"}})
    entry = json.loads(post(stub, sms()).body)["Result"]["u1"]["e1"]
    assert entry["DeliveryStatus"] == "OPT_OUT"
    assert MESSAGE_ID.fullmatch(entry["MessageId"])


# --- outcomes ---------------------------------------------------------------------------------


def statuses(stub: PinpointStub, n: int, users: dict[str, Any] | None = None) -> list[str]:
    out = []
    for _ in range(n):
        data = json.loads(post(stub, sms(users=users)).body)
        out += [e["DeliveryStatus"] for ep in data["Result"].values() for e in ep.values()]
    return out


def test_outcome_sequences_with_times() -> None:
    stub = PinpointStub()
    stub.outcome("THROTTLED", user="u1", times=1)
    stub.outcome("TEMPORARY_FAILURE", user="u1", times=2)
    stub.outcome("SUCCESSFUL", user="u1")
    assert statuses(stub, 5) == [
        "THROTTLED",
        "TEMPORARY_FAILURE",
        "TEMPORARY_FAILURE",
        "SUCCESSFUL",
        "SUCCESSFUL",
    ]
    assert stub.problems() == []


def test_status_codes_and_messages_table() -> None:
    for status, (code, _message) in STATUS_DETAILS.items():
        stub = PinpointStub()
        stub.outcome(status)
        entry = json.loads(post(stub, sms()).body)["Result"]["u1"]["u1endpoint"]
        assert (entry["DeliveryStatus"], entry["StatusCode"]) == (status, code)
        if status == "SUCCESSFUL":
            assert entry["StatusMessage"] == "MessageId: " + entry["MessageId"]
        else:
            assert entry["StatusMessage"] != "MessageId: " + entry["MessageId"]
            assert entry["StatusMessage"]
    assert set(STATUS_DETAILS) == set(contract.delivery_statuses())
    custom = PinpointStub()
    custom.outcome("PERMANENT_FAILURE", status_code=410, status_message="gone")
    entry = json.loads(post(custom, sms()).body)["Result"]["u1"]["u1endpoint"]
    assert (entry["StatusCode"], entry["StatusMessage"]) == (410, "gone")


def test_callable_outcome_and_mapping_outcome() -> None:
    stub = PinpointStub()

    def by_body(message: SentMessage) -> str | None:
        return "PERMANENT_FAILURE" if "fail" in (message.body or "") else None

    stub.outcome(by_body)
    post(stub, sms("please fail"))
    post(stub, sms("fine"))
    assert [m.status for m in stub.sent] == ["PERMANENT_FAILURE", "SUCCESSFUL"]

    mapped = PinpointStub()
    mapped.outcome({"a": {"aendpoint": "OPT_OUT"}, "b": {"bendpoint": "DUPLICATE"}})
    assert statuses(mapped, 2, users={"a": {}, "b": {}}) == [
        "OPT_OUT",
        "DUPLICATE",
        "SUCCESSFUL",
        "SUCCESSFUL",
    ]


def test_legacy_and_unknown_status_errors() -> None:
    stub = PinpointStub()
    with pytest.raises(PinpointStubError, match=r"'SUCCESS' is a legacy value.*'SUCCESSFUL'"):
        stub.outcome("SUCCESS")
    with pytest.raises(PinpointStubError, match=r"'QUIET_TIME' is a legacy.*no current value"):
        stub.outcome("QUIET_TIME")
    with pytest.raises(PinpointStubError, match="'BOGUS' is not one of SUCCESSFUL"):
        stub.outcome("BOGUS")
    with pytest.raises(PinpointStubError, match="positive integer"):
        stub.outcome("SUCCESSFUL", times=0)
    with pytest.raises(PinpointStubError, match="positive integer"):
        stub.outcome("SUCCESSFUL", times=-2)


def test_outcome_for_missing_endpoint_errors_at_registration() -> None:
    stub = PinpointStub()
    stub.add_user("u1")
    with pytest.raises(PinpointStubError, match="user 'u1' has no endpoint 'nope'"):
        stub.outcome("THROTTLED", user="u1", endpoint="nope")
    # a user not registered yet may be registered by the app (update_endpoint): not refused
    stub.outcome("THROTTLED", user="u2", endpoint="e9")
    PinpointStub(strict_users=True).outcome("THROTTLED", user="ghost")
    later = PinpointStub()
    later.outcome("THROTTLED", user="u4")
    later.outcome("OPT_OUT", user="u5", endpoint="u5endpoint")
    with pytest.raises(PinpointStubError, match="names endpoint 'u5endpoint'"):
        later.add_user("u5")


def test_unused_scripts_are_teardown_problems() -> None:
    stub = PinpointStub()
    stub.outcome("THROTTLED", user="u9", times=2)
    stub.fail("InternalServerErrorException")
    stub.expect_violation("action-url")
    with pytest.raises(AssertionError) as info:
        stub.verify()
    text = str(info.value)
    assert "outcome('THROTTLED', user='u9', times=2) used 0x" in text
    assert "fail('InternalServerErrorException', times=1) used 0x" in text
    assert "expect_violation('action-url') never occurred" in text
    assert "fail_on_unused=False" in text
    assert (
        PinpointStub(fail_on_unused=False, outcomes={"u": {"uendpoint": "OPT_OUT"}}).problems()
        == []
    )


# --- rendering into SentMessage -----------------------------------------------------------------


def test_rendered_fields_and_clock() -> None:
    when = dt.datetime(2026, 3, 4, 5, 6, 7, 890000, tzinfo=dt.timezone.utc)
    stub = PinpointStub(clock=when)
    body = {
        "MessageConfiguration": {
            "DefaultMessage": {"Body": "x", "Substitutions": {"name": ["Default"], "d": ["dd"]}},
            "SMSMessage": {"Body": "Hi {{name}} {{d}} at {CreationDate}"},
        },
        "Users": {"u1": {"Substitutions": {"name": ["Ann"]}, "Context": {"k": "v"}}},
    }
    post(stub, body)
    sent = stub.assert_sent(user="u1", body="Hi Ann dd at 2026-03-04T05:06:07.890Z")
    assert sent.context == {"k": "v"}
    assert sent.substitutions == {"name": ["Ann"], "d": ["dd"]}
    assert sent.sent_at == when
    stub.advance(60)
    assert stub.clock == when + dt.timedelta(seconds=60)


def test_silent_push_rate_is_a_cross_call_warning() -> None:
    stub = PinpointStub()
    body = {
        "MessageConfiguration": {"APNSMessage": {"SilentPush": True, "Data": {"k": "v"}}},
        "Users": {"u1": {}},
    }
    for _ in range(contract.limits.SILENT_PUSH_MAX_PER_HOUR):
        assert post(stub, body).status == 200
    assert stub.violations == []
    assert post(stub, body).status == 200
    (v,) = stub.violations
    assert (v.rule, v.severity) == ("apns-silent-rate", "warning")
    stub.advance(3601)
    assert post(stub, body).status == 200
    assert len(stub.violations) == 1
    assert {m.push_type for m in stub.sent} == {"background"}


# --- assertions -------------------------------------------------------------------------------


def test_assert_sent_matching_and_failure_message() -> None:
    stub = PinpointStub()
    post(stub, sms("Welcome!", users={"u1": {}, "u2": {}}))
    assert stub.assert_sent(user="u2", body=mock.ANY).user == "u2"
    stub.assert_sent(body=lambda b: b.startswith("Wel"), channel="SMS")
    stub.assert_not_sent(user="u3")
    with pytest.raises(AssertionError) as info:
        stub.assert_sent(user="u2", body="Goodbye")
    text = str(info.value)
    assert "2 sent, closest first" in text
    first = text.splitlines()[1]
    assert "user='u2'" in first  # the closest (only body differs) comes first
    assert "body='Welcome!' (wanted 'Goodbye')" in text
    with pytest.raises(AssertionError, match="expected no message matching user='u1'"):
        stub.assert_not_sent(user="u1")
    with pytest.raises(PinpointStubError, match="unknown SentMessage field"):
        stub.assert_sent(phone="x")
    with pytest.raises(AssertionError, match="nothing was sent"):
        PinpointStub().assert_sent(user="u1")


# --- concurrency ----------------------------------------------------------------------------


def test_thread_safety_every_call_recorded_once() -> None:
    threads, per_thread = 8, 200
    with PinpointStub() as stub:
        errors: list[BaseException] = []

        def work(n: int) -> None:
            try:
                client = stub.client()
                for i in range(per_thread):
                    send(client, sms(f"t{n}-{i}", users={f"user{n}": {}}))
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
    assert errors == []
    assert len(stub.calls) == len(stub.sent) == threads * per_thread
    assert len({m.body for m in stub.sent}) == threads * per_thread
    assert len({m.message_id for m in stub.sent}) == threads * per_thread


def test_constructor_options_are_checked() -> None:
    with pytest.raises(PinpointStubError, match="contract='loose'"):
        PinpointStub(contract="loose")  # type: ignore[arg-type]
    with pytest.raises(PinpointStubError, match="seed"):
        PinpointStub(seed="1")  # type: ignore[arg-type]
    with pytest.raises(PinpointStubError, match="known_apps='app-1'"):
        PinpointStub(known_apps="app-1")
    with pytest.raises(PinpointStubError, match=r"users=.*must map user IDs"):
        PinpointStub(users=["u1"])  # type: ignore[arg-type]
    stub = PinpointStub(users={"u1": {"p": {"ChannelType": "SMS", "Address": "+1"}}})
    assert set(json.loads(post(stub, sms()).body)["Result"]["u1"]) == {"p"}


def test_rule_errors_propagate_and_a_stopped_stub_refuses_scripts() -> None:
    from pytest_pinpoint.interception import registry

    def broken(message: SentMessage) -> str | None:
        raise ZeroDivisionError("rule bug")

    stub = PinpointStub()
    stub.outcome(broken)
    with pytest.raises(ZeroDivisionError, match="rule bug"), stub:
        send(stub.client(), sms())
    assert not registry.active()
    with pytest.raises(PinpointStubError, match="was stopped"):
        stub.outcome("THROTTLED")
    with pytest.raises(PinpointStubError, match="was stopped"):
        stub.fail("BadRequestException")
    stub.start()  # a restarted stub takes scripts again
    stub.fail("ForbiddenException")
    assert post(stub, sms()).status == 403
    stub.stop()


def test_context_manager_exit_runs_the_teardown_checks() -> None:
    bad = sms()
    bad["MessageConfiguration"]["SMSMessage"]["MessageType"] = "URGENT"
    with pytest.raises(AssertionError, match=r"\[sms-message-type-enum\]"), PinpointStub() as stub:
        assert post(stub, bad).status == 400  # "swallowed" by the code under test
    manual = PinpointStub().start()
    post(manual, bad)
    manual.stop()  # stop() alone does not check
    assert len(manual.problems()) == 1


def test_attempt_and_invocation_headers_any_case() -> None:
    stub = PinpointStub()
    for attempt, name in ((1, "amz-sdk-request"), (2, "Amz-Sdk-Request")):
        headers = {name: f"attempt={attempt}; max=3", "Amz-Sdk-Invocation-Id": "inv-1"}
        post(stub, sms(), headers)
    assert [(c.attempt, c.invocation) for c in stub.calls] == [(1, "inv-1"), (2, "inv-1")]
    post(stub, sms())  # no SDK headers (curl, another SDK): a first attempt of its own
    assert (stub.calls[-1].attempt, stub.calls[-1].invocation) == (1, None)
