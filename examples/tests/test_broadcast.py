"""The demo app's broadcast (``send_messages`` to addresses): each number gets its own rendered
text, and an opted-out number is reported as such."""

from __future__ import annotations

from notify import app

NUMBERS = {"+12065550142": "Ada", "+12065550143": "Bob"}


def test_each_number_gets_its_own_greeting(pinpoint_stub):
    assert app.broadcast_sms(NUMBERS, "Hi {{FirstName}}, we are down 2-3 am.") == {
        "+12065550142": "SUCCESSFUL",
        "+12065550143": "SUCCESSFUL",
    }
    pinpoint_stub.assert_sent(address="+12065550142", body="Hi Ada, we are down 2-3 am.")
    pinpoint_stub.assert_sent(address="+12065550143", body="Hi Bob, we are down 2-3 am.")
    assert {m.operation for m in pinpoint_stub.sent} == {"SendMessages"}


def test_an_opted_out_number_is_reported(pinpoint_stub):
    pinpoint_stub.outcome("OPT_OUT", address="+12065550143")
    statuses = app.broadcast_sms(NUMBERS, "Hi {{FirstName}}")
    assert statuses["+12065550143"] == "OPT_OUT"
    assert statuses["+12065550142"] == "SUCCESSFUL"
