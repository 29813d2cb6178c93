"""The demo app registers its own devices (``update_endpoint``): the stub keeps them, and the
sends reach exactly those endpoints."""

from __future__ import annotations

from notify import app


def test_registered_devices_receive_the_code(pinpoint_stub):
    app.register_device("ada", "phone", "SMS", "+12065550142")
    app.register_device("ada", "old-phone", "SMS", "+12065550199", opted_out=True)
    assert app.devices("ada") == {"phone": "+12065550142", "old-phone": "+12065550199"}
    assert app.send_otp("ada", "482913") == {"ada": {"phone": "SUCCESSFUL", "old-phone": "OPT_OUT"}}
    pinpoint_stub.assert_sent(user="ada", address="+12065550142", status="SUCCESSFUL")
    assert [c.operation for c in pinpoint_stub.calls] == [
        "UpdateEndpoint",
        "UpdateEndpoint",
        "GetUserEndpoints",
        "SendUsersMessages",
    ]


def test_a_forgotten_user_gets_nothing(pinpoint_stub):
    app.register_device("bob", "phone", "SMS", "+12065550143")
    assert app.forget_user("bob") == 1
    assert app.devices("bob") == {}
    assert app.send_otp("bob", "1") == {"bob": {}}  # not invented again
    assert pinpoint_stub.sent == []


def test_changing_a_number_updates_the_same_endpoint(pinpoint_stub):
    app.register_device("cy", "phone", "SMS", "+12065550144")
    app.register_device("cy", "phone", "SMS", "+12065550145")
    app.send_otp("cy", "7")
    pinpoint_stub.assert_sent(user="cy", endpoint="phone", address="+12065550145")
