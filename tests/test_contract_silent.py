"""``SilentPushCounter``: apns-silent-rate across calls, with the caller's clock."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from pytest_pinpoint.contract import RULES, check_severities
from pytest_pinpoint.contract.silent import SilentPushCounter

APP = "611e3e3cdd47474c9c1399a505665b91"
T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)


def draft(push_type: str = "background", **fields: str | None) -> SimpleNamespace:
    base: dict[str, str | None] = {"user": "u1", "endpoint": "e1", "address": None}
    return SimpleNamespace(push_type=push_type, **{**base, **fields})


def test_fourth_silent_push_within_an_hour_is_flagged() -> None:
    counter = SilentPushCounter()
    for minute in range(3):
        clock = T0 + dt.timedelta(minutes=minute)
        assert counter.check(APP, [draft()], clock) == []
        counter.record(APP, [draft()], clock)
    clock = T0 + dt.timedelta(minutes=59)
    [v] = counter.check(APP, [draft()], clock)
    assert v.rule == "apns-silent-rate"
    assert v.severity == "warning"
    assert v.path == 'SendUsersMessageRequest.Users["u1"]'
    assert "silent push number 4 to endpoint 'e1'" in v.message
    assert "2026-11-23T09:59:00.000Z" in v.message
    assert v.limit == RULES["apns-silent-rate"].limit
    assert v.actual == "4"


def test_window_slides_and_check_does_not_record() -> None:
    counter = SilentPushCounter()
    for minute in range(3):
        counter.record(APP, [("u1", "e1")], T0 + dt.timedelta(minutes=minute))
    assert counter.check(APP, [("u1", "e1")], T0 + dt.timedelta(minutes=30)) != []
    assert counter.check(APP, [("u1", "e1")], T0 + dt.timedelta(minutes=30)) != []  # still 3
    assert counter.check(APP, [("u1", "e1")], T0 + dt.timedelta(hours=1)) == []  # first expired


def test_only_background_pushes_count_and_recipients_are_separate() -> None:
    counter = SilentPushCounter()
    for minute in range(5):
        clock = T0 + dt.timedelta(minutes=minute)
        counter.record(APP, [draft("alert"), draft(user="u2")], clock)
    assert counter.check(APP, [draft("alert")], T0 + dt.timedelta(minutes=6)) == []
    assert counter.check(APP, [draft()], T0 + dt.timedelta(minutes=6)) == []  # u1: none silent
    assert counter.check("other-app", [draft(user="u2")], T0 + dt.timedelta(minutes=6)) == []
    assert len(counter.check(APP, [draft(user="u2")], T0 + dt.timedelta(minutes=6))) == 1


def test_addresses_of_send_messages() -> None:
    counter = SilentPushCounter()
    silent = draft(user=None, endpoint=None, address="tok-1")
    for minute in range(3):
        counter.record(APP, [silent], T0 + dt.timedelta(minutes=minute))
    [v] = counter.check(APP, [silent], T0 + dt.timedelta(minutes=3))
    assert v.path == 'MessageRequest.Addresses["tok-1"]'
    assert "to address 'tok-1'" in v.message


def test_severity_settings() -> None:
    counter = SilentPushCounter.from_severities(check_severities({"apns-silent-rate": "off"}))
    for minute in range(5):
        counter.record(APP, [draft()], T0 + dt.timedelta(minutes=minute))
    assert counter.check(APP, [draft()], T0 + dt.timedelta(minutes=5)) == []
    strict = SilentPushCounter("error")
    for minute in range(3):
        strict.record(APP, [draft()], T0 + dt.timedelta(minutes=minute))
    [v] = strict.check(APP, [draft()], T0 + dt.timedelta(minutes=5))
    assert v.severity == "error"
    strict.reset()
    assert strict.check(APP, [draft()], T0 + dt.timedelta(minutes=5)) == []
