"""strategies.py: every valid request passes the contract and botocore, every invalid one breaks
exactly its rule, the generators reach the documented boundaries, and builders get fuzzed."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from botocore.validate import ParamValidator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pytest_pinpoint import contract, model
from pytest_pinpoint.render import merge_substitutions, rendered_length
from pytest_pinpoint.strategies import (
    INVALID_RULES,
    SKIPPED_RULES,
    check_request,
    ci_settings,
    delivery_statuses,
    endpoint_message_results,
    invalid_send_users_messages_requests,
    message_configurations,
    outcome_maps,
    send_users_messages_requests,
    send_users_messages_responses,
)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "fuzzing.md"


def run(
    strategy: st.SearchStrategy[Any],
    check: Callable[[Any], None],
    count: int,
    *,
    derandomize: bool = False,
) -> float:
    """Draw ``count`` examples through the real engine (no shrinking when all pass); seconds."""

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        derandomize=derandomize,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def inner(value: Any) -> None:
        check(value)

    start = time.perf_counter()
    inner()
    return time.perf_counter() - start


def botocore_errors(params: Any) -> str:
    report = ParamValidator().validate(params, model.operation().input_shape)
    return report.generate_report() if report.has_errors() else ""


def assert_fully_valid(params: dict[str, Any]) -> None:
    assert contract.validate_request(params) == []
    assert botocore_errors(params) == ""


def assert_breaks_only(case: tuple[dict[str, Any], str]) -> None:
    params, rule = case
    found = contract.validate_request(params)
    assert found, f"nothing broken, expected {rule}"
    assert {v.rule for v in found} == {rule}, [str(v) for v in found]


# --- what the valid generator reaches ------------------------------------------------------------


def _header_worst(value: str, body: dict[str, Any]) -> int:
    cfg = body["MessageConfiguration"]
    base = merge_substitutions(
        (cfg.get("DefaultMessage") or {}).get("Substitutions"),
        (cfg.get("EmailMessage") or {}).get("Substitutions"),
    )
    contexts = [base] + [
        merge_substitutions(base, u["Substitutions"])
        for u in body["Users"].values()
        if "Substitutions" in u
    ]
    return max(rendered_length(value, c) for c in contexts)


def features(params: dict[str, Any]) -> set[str]:
    body = params["SendUsersMessageRequest"]
    cfg = body["MessageConfiguration"]
    seen = {f"channel:{c}" for c in cfg}
    for channel in ("APNSMessage", "GCMMessage"):
        if "Priority" in cfg.get(channel, {}):
            seen.add(f"priority:{channel}:{cfg[channel]['Priority']}")
    for channel, maximum in contract.TTL_MAXIMA.items():
        if cfg.get(channel, {}).get("TimeToLive") == maximum:
            seen.add(f"ttl-max:{channel}")
    collapse = cfg.get("APNSMessage", {}).get("CollapseId", "")
    if len(collapse.encode()) >= 60 and not collapse.isascii():
        seen.add("collapse-id-multibyte-near-64-bytes")
    raw_apns = cfg.get("APNSMessage", {}).get("RawContent")
    if raw_apns:
        seen.add(f"apns-content-available:{json.loads(raw_apns)['aps']['content-available']}")
    email = cfg.get("EmailMessage", {})
    if isinstance(email.get("RawEmail", {}).get("Data"), bytes):
        seen.add("raw-email-bytes")
    headers = email.get("SimpleEmail", {}).get("Headers", [])
    if len(headers) == contract.MAX_EMAIL_HEADERS:
        seen.add("15-headers")
    for h in headers:
        if len(h["Name"]) == contract.MAX_HEADER_NAME_LENGTH:
            seen.add("header-name-126")
        if _header_worst(h["Value"], body) == contract.MAX_HEADER_VALUE_LENGTH:
            seen.add("header-value-870-rendered")
            if "{CreationDate}" in h["Value"]:
                seen.add("header-870-with-creation-date")
            if "{{" in h["Value"]:
                seen.add("header-870-with-variable")
    for key in ("DefaultMessage", "EmailMessage"):
        if cfg.get(key, {}).get("Substitutions"):
            seen.add(f"substitutions:{key}")
    for conf in body["Users"].values():
        seen.update(f"user:{k}" for k in conf)
    if "TemplateConfiguration" in body:
        seen.add("templates")
    seen.update(k for k in ("TraceId", "Context") if k in body)
    adm = cfg.get("ADMMessage", {})
    seen.update(f"adm:{k}" for k in ("MD5", "ExpiresAfter") if k in adm)
    for channel in ("SMSMessage", "VoiceMessage"):
        if "OriginationNumber" in cfg.get(channel, {}):
            seen.add(f"origination:{channel}")
    return seen


EXPECTED_FEATURES = {
    *(f"channel:{c}" for c in model.channel_messages()),
    *(
        f"priority:{c}:{p}"
        for c in ("APNSMessage", "GCMMessage")
        for p in contract.PRIORITY_EQUIVALENT
    ),
    *(f"ttl-max:{c}" for c in contract.TTL_MAXIMA),
    "collapse-id-multibyte-near-64-bytes",
    "apns-content-available:0",
    "apns-content-available:1",
    "raw-email-bytes",
    "15-headers",
    "header-name-126",
    "header-value-870-rendered",
    "header-870-with-creation-date",
    "header-870-with-variable",
    "substitutions:DefaultMessage",
    "substitutions:EmailMessage",
    *(f"user:{k}" for k in ("BodyOverride", "TitleOverride", "Substitutions", "Context")),
    "user:RawContent",
    "templates",
    "TraceId",
    "Context",
    "adm:MD5",
    "adm:ExpiresAfter",
    "origination:SMSMessage",
    "origination:VoiceMessage",
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(send_users_messages_requests())
def test_valid_requests_random(params: dict[str, Any]) -> None:
    assert_fully_valid(params)
    # Header values never exceed the limit for the user with the longest substitutions.
    body = params["SendUsersMessageRequest"]
    headers = body["MessageConfiguration"].get("EmailMessage", {}).get("SimpleEmail", {})
    for h in headers.get("Headers", []):
        assert _header_worst(h["Value"], body) <= contract.MAX_HEADER_VALUE_LENGTH


def test_thousands_of_requests_pass_and_reach_every_boundary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """2,000 valid requests (contract + botocore) reach every documented boundary; 2,000 invalid
    ones each break exactly their rule, and every reachable rule comes up. Timed."""
    seen: set[str] = set()
    labels: set[str] = set()

    def check_valid(params: dict[str, Any]) -> None:
        assert_fully_valid(params)
        seen.update(features(params))

    def check_invalid(case: tuple[dict[str, Any], str]) -> None:
        assert_breaks_only(case)
        labels.add(case[1])

    valid_s = run(send_users_messages_requests(), check_valid, 2000, derandomize=True)
    invalid_s = run(invalid_send_users_messages_requests(), check_invalid, 2000, derandomize=True)
    with capsys.disabled():
        print(
            f"\n2000 valid: {valid_s:.1f}s ({2000 / valid_s:.0f}/s); "
            f"2000 invalid: {invalid_s:.1f}s ({2000 / invalid_s:.0f}/s)"
        )
    assert EXPECTED_FEATURES - seen == set()
    assert labels == INVALID_RULES


def test_shrinks_to_the_seed_request() -> None:
    from hypothesis import find

    smallest = find(
        send_users_messages_requests(), lambda _: True, settings=settings(database=None)
    )
    assert smallest["SendUsersMessageRequest"] == {
        "MessageConfiguration": {"SMSMessage": {"Body": smallest_body(smallest)}},
        "Users": {"testuser": {}},
    }
    assert re.fullmatch(r"[0-9a-f]{32}", smallest["ApplicationId"])


def smallest_body(params: dict[str, Any]) -> str:
    body: str = params["SendUsersMessageRequest"]["MessageConfiguration"]["SMSMessage"]["Body"]
    assert len(body) == 1
    return body


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(send_users_messages_requests(channels={"APNSMessage", "DefaultMessage"}, max_users=2))
def test_channels_and_max_users_restrict(params: dict[str, Any]) -> None:
    body = params["SendUsersMessageRequest"]
    assert set(body["MessageConfiguration"]) <= {"APNSMessage", "DefaultMessage"}
    assert 1 <= len(body["Users"]) <= 2
    assert_fully_valid(params)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(send_users_messages_requests(templates=False))
def test_templates_false(params: dict[str, Any]) -> None:
    assert "TemplateConfiguration" not in params["SendUsersMessageRequest"]


def test_bad_arguments_fail_at_call_time() -> None:
    with pytest.raises(ValueError, match=r"unknown channel.*'SmsMessage'.*SMSMessage"):
        send_users_messages_requests(channels={"SmsMessage"})
    with pytest.raises(ValueError, match="at least one"):
        send_users_messages_requests(channels=())
    with pytest.raises(ValueError, match="max_users must be between 1 and 100"):
        send_users_messages_requests(max_users=101)
    with pytest.raises(ValueError, match=r"'no-such-rule'.*known rules: action-enum"):
        invalid_send_users_messages_requests(rules={"no-such-rule"})
    with pytest.raises(ValueError, match=r"template-exists.*registered"):
        invalid_send_users_messages_requests(rules={"template-exists"})


# --- invalid requests -----------------------------------------------------------------------------


def test_invalid_rules_cover_every_rule_a_request_can_break() -> None:
    assert INVALID_RULES | set(SKIPPED_RULES) == set(contract.RULES)
    assert INVALID_RULES.isdisjoint(SKIPPED_RULES)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(invalid_send_users_messages_requests())
def test_invalid_requests_break_exactly_their_rule(case: tuple[dict[str, Any], str]) -> None:
    assert_breaks_only(case)


@pytest.mark.parametrize("rule", sorted(INVALID_RULES))
def test_every_rule_is_reachable(rule: str) -> None:
    labels: set[str] = set()

    def check(case: tuple[dict[str, Any], str]) -> None:
        labels.add(case[1])
        assert_breaks_only(case)

    run(invalid_send_users_messages_requests(rules={rule}), check, 12)
    assert labels == {rule}


def _cfg(params: dict[str, Any]) -> dict[str, Any]:
    cfg: dict[str, Any] = params["SendUsersMessageRequest"]["MessageConfiguration"]
    return cfg


BOUNDARY_CASES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "email-headers-max": lambda p: (
        len(_cfg(p)["EmailMessage"]["SimpleEmail"]["Headers"]) in (16, 17)
    ),
    "email-header-name-length": lambda p: any(
        len(h["Name"]) in (127, 128) for h in _cfg(p)["EmailMessage"]["SimpleEmail"]["Headers"]
    ),
    "users-max": lambda p: len(p["SendUsersMessageRequest"]["Users"]) == 101,
    "apns-collapse-id-bytes": lambda p: (
        65 <= len(_cfg(p)["APNSMessage"]["CollapseId"].encode()) <= 68
    ),
}


@pytest.mark.parametrize("rule", sorted(BOUNDARY_CASES))
def test_invalid_values_sit_just_past_the_boundary(rule: str) -> None:
    def check(case: tuple[dict[str, Any], str]) -> None:
        assert BOUNDARY_CASES[rule](case[0])

    run(invalid_send_users_messages_requests(rules={rule}), check, 10)


def test_header_value_rule_renders_to_871() -> None:
    def check(case: tuple[dict[str, Any], str]) -> None:
        params, _ = case
        found = contract.validate_request(params)
        assert len(found) == 1
        assert "renders to 871 characters" in found[0].message

    run(invalid_send_users_messages_requests(rules={"email-header-value-length"}), check, 30)


# --- message configurations, responses, outcomes ------------------------------------------------


@pytest.mark.parametrize("channel", sorted(model.channel_messages()))
def test_message_configurations_for_one_channel(channel: str) -> None:
    def check(cfg: dict[str, Any]) -> None:
        assert list(cfg) == [channel]
        assert_fully_valid(
            {
                "ApplicationId": "a" * 32,
                "SendUsersMessageRequest": {"MessageConfiguration": cfg, "Users": {"u": {}}},
            }
        )

    run(message_configurations(channel), check, 15)


def test_delivery_statuses() -> None:
    current: set[str] = set()
    legacy: set[str] = set()
    run(delivery_statuses(), current.add, 100, derandomize=True)
    run(delivery_statuses(legacy=True), legacy.add, 200, derandomize=True)
    assert current == set(contract.delivery_statuses())
    assert legacy == current | set(contract.LEGACY_DELIVERY_STATUSES)


@settings(max_examples=100, deadline=None)
@given(send_users_messages_responses())
def test_responses_pass_the_contract(response: dict[str, Any]) -> None:
    assert contract.validate_response(response) == []
    inner = response["SendUsersMessageResponse"]
    assert uuid.UUID(inner["RequestId"])
    assert inner["Result"]
    for endpoints in inner["Result"].values():
        for result in endpoints.values():
            if result["DeliveryStatus"] == "SUCCESSFUL":
                assert len(result["MessageId"]) == 40
                assert result["StatusMessage"] == f"MessageId: {result['MessageId']}"
                assert result["StatusCode"] == 200


def test_legacy_responses_carry_legacy_statuses() -> None:
    rules: set[str] = set()

    def check(result: dict[str, Any]) -> None:
        response = {
            "SendUsersMessageResponse": {"ApplicationId": "a", "Result": {"u": {"e": result}}}
        }
        rules.update(v.rule for v in contract.validate_response(response))

    run(endpoint_message_results(legacy=True), check, 200, derandomize=True)
    assert rules == {"delivery-status-legacy"}


@settings(max_examples=30, deadline=None)
@given(outcome_maps({"u1": ["e1", "e2"], "u2": ["e3"]}))
def test_outcome_maps(outcomes: dict[str, dict[str, str]]) -> None:
    assert {u: set(e) for u, e in outcomes.items()} == {"u1": {"e1", "e2"}, "u2": {"e3"}}
    assert all(s in contract.delivery_statuses() for e in outcomes.values() for s in e.values())


# --- fuzzing a request builder ------------------------------------------------------------------


@dataclass
class Order:
    user_id: str
    campaign: str


def buggy_build_request(order: Order) -> dict[str, Any]:
    """Truncates CollapseId by characters: APNs counts bytes."""
    return {
        "ApplicationId": "611e3e3cdd47474c9c1399a505665b91",
        "SendUsersMessageRequest": {
            "MessageConfiguration": {
                "APNSMessage": {"Body": "shipped", "CollapseId": order.campaign[:64]}
            },
            "Users": {order.user_id: {}},
        },
    }


def test_buggy_builder_gets_a_shrunk_counterexample_naming_the_rule() -> None:
    failing: list[Order] = []

    @settings(max_examples=300, database=None, derandomize=True, deadline=None)
    @given(st.builds(Order, user_id=st.just("u-1"), campaign=st.text(min_size=1, max_size=64)))
    def test_builder(order: Order) -> None:
        try:
            check_request(buggy_build_request(order))
        except AssertionError:
            failing.append(order)
            raise

    with pytest.raises(AssertionError) as info:
        test_builder()
    message = str(info.value)
    assert message.startswith(
        "send_users_messages request breaks 1 documented rule(s): apns-collapse-id-bytes at "
        "SendUsersMessageRequest.MessageConfiguration.APNSMessage.CollapseId"
    )
    # The last failing run is the shrunk one: just past 64 bytes.
    assert 65 <= len(failing[-1].campaign.encode()) <= 68


def test_check_request_passes_valid_and_reports_warnings_on_request() -> None:
    params = {
        "ApplicationId": "a" * 32,
        "SendUsersMessageRequest": {
            "MessageConfiguration": {"GCMMessage": {"Body": "b", "Url": "https://x.example"}},
            "Users": {"u": {}},
        },
    }
    check_request(params)  # action-url is a warning: not a failure by default
    with pytest.raises(AssertionError, match=r"action-url at .*GCMMessage\.Url"):
        check_request(params, warnings=True)
    check_request(params, warnings=True, severities={"action-url": "off"})


def test_docs_builder_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    builder = next(b for b in blocks if "def build_request" in b)
    namespace: dict[str, Any] = {}
    exec(compile(builder, str(DOCS), "exec"), namespace)
    namespace["test_build_request"]()  # the fixed builder passes 200 examples


def test_ci_settings() -> None:
    s = ci_settings(max_examples=7)
    assert s.max_examples == 7
    assert s.deadline is None
    assert HealthCheck.too_slow in s.suppress_health_check


def test_outcome_maps_drive_the_stub() -> None:
    from pytest_pinpoint import PinpointStub

    endpoints = {"u1": ["e1", "e2"], "u2": ["e3"]}
    with PinpointStub() as stub:
        for user, ids in endpoints.items():
            stub.add_user(
                user,
                endpoints={e: {"ChannelType": "SMS", "Address": "+12065550100"} for e in ids},
            )
        client = stub.client()

        def check(outcomes: dict[str, dict[str, str]]) -> None:
            stub.outcome(outcomes)
            response = client.send_users_messages(
                ApplicationId="a" * 32,
                SendUsersMessageRequest={
                    "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
                    "Users": {u: {} for u in endpoints},
                },
            )
            result = response["SendUsersMessageResponse"]["Result"]
            got = {u: {e: r["DeliveryStatus"] for e, r in eps.items()} for u, eps in result.items()}
            assert got == outcomes

        run(outcome_maps(endpoints), check, 15)
