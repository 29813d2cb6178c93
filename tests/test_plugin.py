"""The pytest plugin end to end, with pytester (in-process unless the test says otherwise)."""

from __future__ import annotations

import inspect

# Imported once here so the in-process inner sessions reuse them instead of re-importing
# (pytester restores sys.modules after each run; hypothesis' plugin imports it at summary time).
import boto3  # noqa: F401
import hypothesis  # noqa: F401
import pytest

from pytest_pinpoint import plugin
from pytest_pinpoint.service.stub import PinpointStub

# The outer test must not arm the live-send guard around the inner sessions it runs.
pytestmark = pytest.mark.pinpoint_live

APP = """
import boto3

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
# created at import time, before any fixture runs
client = boto3.client("pinpoint", region_name="us-east-1")


def send_welcome(user_id, body="Welcome!"):
    try:
        return client.send_users_messages(
            ApplicationId=APP_ID,
            SendUsersMessageRequest={
                "MessageConfiguration": {"SMSMessage": {"Body": body}},
                "Users": {user_id: {}},
            },
        )
    except client.exceptions.BadRequestException:
        return None  # swallowed, as careless apps do


def send_raw(request):
    try:
        return client.send_users_messages(ApplicationId=APP_ID, SendUsersMessageRequest=request)
    except client.exceptions.BadRequestException:
        return None
"""

BAD_SMS = (
    '{"MessageConfiguration": {"SMSMessage": {"Body": "x", "MessageType": "URGENT"}}, '
    '"Users": {"u1": {}}}'
)


@pytest.fixture
def app(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(app=APP)
    pytester.syspathinsert()
    return pytester


def test_marker_options_mirror_the_constructor() -> None:
    params = inspect.signature(PinpointStub.__init__).parameters
    keyword_only = [n for n, p in params.items() if p.kind is inspect.Parameter.KEYWORD_ONLY]
    assert tuple(keyword_only) == plugin.MARKER_OPTIONS


def test_design_example_and_module_level_client(app: pytest.Pytester) -> None:
    app.makepyfile(
        test_welcome="""
        import app
        from app import APP_ID

        def test_welcome(pinpoint_stub):
            pinpoint_stub.add_user(
                "u1", endpoints={"e1": {"ChannelType": "SMS", "Address": "+12065550100"}}
            )
            pinpoint_stub.outcome("PERMANENT_FAILURE", user="u1", endpoint="e1")
            pinpoint_stub.fail("TooManyRequestsException", times=2)
            app.send_welcome("u1")
            pinpoint_stub.assert_sent(user="u1", channel="SMS", body="Welcome!")
            assert pinpoint_stub.sent[0].status == "PERMANENT_FAILURE"
            assert pinpoint_stub.calls[-1].params["ApplicationId"] == APP_ID
            assert [c.attempt for c in pinpoint_stub.calls] == [1, 2, 3]
        """
    )
    result = app.runpytest("-W", "error")
    result.assert_outcomes(passed=1)


def test_report_header_and_cli_options(app: pytest.Pytester) -> None:
    app.makepyfile(test_h="def test_ok(): pass")
    app.runpytest().stdout.fnmatch_lines(["pinpoint: contract=strict seed=0 eos=warn"])
    app.makeini("[pytest]\npinpoint_contract = warn\npinpoint_seed = 5\n")
    app.runpytest().stdout.fnmatch_lines(["pinpoint: contract=warn seed=5 eos=warn"])
    result = app.runpytest("--pinpoint-contract=off", "--pinpoint-seed=9")
    result.stdout.fnmatch_lines(["pinpoint: contract=off seed=9 eos=warn"])
    assert "--pinpoint-contract" in "\n".join(app.runpytest("--help").outlines)


def test_ini_options_reach_every_stub_and_a_marker_changes_only_its_test(
    app: pytest.Pytester,
) -> None:
    # the ini/CLI options are resolved once per session; a marker's test gets its own copy
    app.makeini("[pytest]\npinpoint_contract = warn\npinpoint_seed = 5\n")
    app.makepyfile(
        test_options="""
        import pytest

        def test_plain(pinpoint_stub):
            assert (pinpoint_stub.options.contract, pinpoint_stub.options.seed) == ("warn", 9)

        @pytest.mark.pinpoint(seed=3)
        def test_marked(pinpoint_stub):
            assert (pinpoint_stub.options.contract, pinpoint_stub.options.seed) == ("warn", 3)

        def test_plain_again(pinpoint_stub):
            assert (pinpoint_stub.options.contract, pinpoint_stub.options.seed) == ("warn", 9)
        """
    )
    app.runpytest("-p", "no:randomly", "--pinpoint-seed=9").assert_outcomes(passed=3)


def test_bad_ini_value_is_a_usage_error(app: pytest.Pytester) -> None:
    app.makeini("[pytest]\npinpoint_contract = loose\n")
    app.makepyfile(test_h="def test_ok(): pass")
    result = app.runpytest()
    result.stderr.fnmatch_lines(["*pinpoint_contract = 'loose': must be one of strict, warn, off*"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_marker_options_and_unknown_option(app: pytest.Pytester) -> None:
    app.makepyfile(
        test_marker="""
        import pytest
        import app

        pytestmark = pytest.mark.pinpoint(seed=1)

        @pytest.mark.pinpoint(
            seed=3,
            users={"u1": {"p": {"ChannelType": "SMS", "Address": "+12065550100"}}},
            outcomes={"u1": {"p": "OPT_OUT"}},
        )
        def test_options(pinpoint_stub):
            assert pinpoint_stub.options.seed == 3  # the closest marker wins
            out = app.send_welcome("u1")
            result = out["SendUsersMessageResponse"]["Result"]["u1"]["p"]
            assert result["DeliveryStatus"] == "OPT_OUT"

        def test_module_marker(pinpoint_stub):
            assert pinpoint_stub.options.seed == 1

        @pytest.mark.pinpoint(colour="red")
        def test_unknown(pinpoint_stub):
            pass

        @pytest.mark.pinpoint(contract="loose")
        def test_bad_value(pinpoint_stub):
            pass
        """
    )
    result = app.runpytest()
    result.assert_outcomes(passed=2, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*@pytest.mark.pinpoint: unknown option(s) colour; valid options: contract, seed,*",
            "*@pytest.mark.pinpoint: contract='loose': must be one of strict, warn, off*",
        ]
    )


def test_contract_modes(app: pytest.Pytester) -> None:
    app.makepyfile(
        test_modes=f"""
        import json
        import pytest
        import app

        BAD = json.loads('{BAD_SMS}')

        def test_strict_swallowed(pinpoint_stub):
            assert app.send_raw(BAD) is None  # the app swallowed the 400

        @pytest.mark.pinpoint(contract="warn")
        def test_warn(pinpoint_stub):
            assert app.send_raw(BAD) is not None
            assert [v.rule for v in pinpoint_stub.violations] == ["sms-message-type-enum"]

        @pytest.mark.pinpoint(contract="off")
        def test_off(pinpoint_stub):
            assert app.send_raw(BAD) is not None
            assert pinpoint_stub.violations == []

        def test_expected(pinpoint_stub):
            pinpoint_stub.expect_violation("sms-message-type-enum")
            assert app.send_raw(BAD) is None  # rejected with 400, yet no teardown failure
        """
    )
    result = app.runpytest("-rP")
    result.assert_outcomes(passed=4, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_strict_swallowed*",
            "*1 contract violation(s)*contract=strict*",
            "*SMSMessage.MessageType: MessageType 'URGENT' is not one of*sms-message-type-enum]",
            "*PASSES*",
            "*- Captured pinpoint violations teardown -*",  # warn mode: listed, not failed
            "*MessageType 'URGENT' is not one of*sms-message-type-enum] (error)",
        ]
    )


def test_unused_outcome_fails_at_teardown_and_opt_out(app: pytest.Pytester) -> None:
    app.makepyfile(
        test_unused="""
        import pytest

        def test_unused(pinpoint_stub):
            pinpoint_stub.outcome("THROTTLED", user="u1", times=1)

        @pytest.mark.pinpoint(fail_on_unused=False)
        def test_opted_out(pinpoint_stub):
            pinpoint_stub.outcome("THROTTLED", user="u1", times=1)
            pinpoint_stub.fail("InternalServerErrorException")
        """
    )
    result = app.runpytest()
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_unused*",
            "*outcome('THROTTLED', user='u1', times=1) used 0x*",
            "*opt out with @pytest.mark.pinpoint(fail_on_unused=False)*",
        ]
    )


def test_live_send_guard_and_opt_outs(app: pytest.Pytester) -> None:
    app.makepyfile(
        test_guard="""
        import pytest
        import app
        from pytest_pinpoint.errors import PinpointStubError

        def test_forgot_fixture():
            with pytest.raises(PinpointStubError) as info:
                app.send_welcome("u1")
            assert "send_users_messages reached Pinpoint without the pinpoint_stub" in str(
                info.value
            )
            assert "@pytest.mark.pinpoint_live" in str(info.value)

        @pytest.mark.pinpoint_live
        def test_live_allowed():
            from pytest_pinpoint.interception import registry
            assert not registry.guard_enabled()

        def test_other_services_untouched():
            from pytest_pinpoint.interception import registry
            assert registry.guard_enabled()
            import boto3
            sts = boto3.client("sts", region_name="us-east-1")
            assert sts.meta.endpoint_url.startswith("https://sts")
        """
    )
    app.runpytest().assert_outcomes(passed=3)
    app.makeini("[pytest]\npinpoint_allow_live = true\n")
    app.makepyfile(
        test_guard="""
        def test_allowed_by_ini():
            from pytest_pinpoint.interception import registry
            assert not registry.guard_enabled()
        """
    )
    app.runpytest().assert_outcomes(passed=1)


@pytest.mark.slow  # subprocesses under xdist: CI runs it (make test with CI=true)
def test_entry_point_in_a_subprocess_and_xdist(app: pytest.Pytester) -> None:
    app.makepyfile(
        test_sub="""
        import pytest
        import app

        @pytest.mark.parametrize("n", range(4))
        def test_send(pinpoint_stub, n):
            app.send_welcome(f"user{n}")
            pinpoint_stub.assert_sent(user=f"user{n}", body="Welcome!")
        """
    )
    result = app.runpytest_subprocess("-n", "2", "-p", "xdist")
    result.assert_outcomes(passed=4)


def test_the_session_pins_the_interception_until_unconfigure(app: pytest.Pytester) -> None:
    from pytest_pinpoint.interception import registry

    app.makepyfile(
        test_pin="""
        import pytest
        from pytest_pinpoint.interception import registry

        def test_stub(pinpoint_stub):
            assert registry.pinned() and registry.installed()

        @pytest.mark.pinpoint_live
        def test_after_the_stub_nothing_is_active_and_requests_pass():
            assert registry.installed()  # patched once for the session...
            assert not registry.active() and not registry.guard_enabled()  # ...inert here
        """
    )
    pins = registry.pinned()
    app.runpytest("-p", "no:randomly").assert_outcomes(passed=2)
    assert registry.pinned() == pins  # the inner session released its pin at unconfigure


def test_names_that_moved_say_where_they_are() -> None:
    import pytest_pinpoint
    from pytest_pinpoint import PinpointStub

    with pytest.raises(AttributeError, match=r"import it from pytest_pinpoint\.contract"):
        pytest_pinpoint.RULES  # noqa: B018
    with pytest.raises(AttributeError, match=r"no attribute 'Nope'$"):
        pytest_pinpoint.Nope  # noqa: B018
    assert "RULES" not in pytest_pinpoint.__all__
    stub = PinpointStub(seed=4)
    assert stub.options.seed == 4
    with pytest.raises(AttributeError, match=r"read stub\.options\.seed"):
        stub.seed  # noqa: B018
    with pytest.raises(AttributeError, match=r"no attribute 'sed'$"):
        stub.sed  # noqa: B018
