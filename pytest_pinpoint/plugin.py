"""The pytest plugin: the ``pinpoint_stub`` fixture, the ``pinpoint`` markers and options.

Thin on purpose, and cheap to load: boto3, botocore and hypothesis are imported only inside
fixtures and hooks that need them (the live-send guard patches botocore when it is imported,
through an import hook in :mod:`pytest_pinpoint.interception.botocore`). The options are
:class:`~pytest_pinpoint.options.StubOptions`: the marker's keywords are its fields.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Generator, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import pytest

from . import plugin_options, usage
from .options import OPTION_NAMES

if TYPE_CHECKING:
    from .factory import PinpointStubFactory
    from .interception.server import LoopbackServer
    from .service.stub import PinpointStub

# The keyword-only options of PinpointStub.__init__ = the fields of StubOptions.
MARKER_OPTIONS = OPTION_NAMES
_GUARD_KEY = pytest.StashKey[bool]()


def pytest_addoption(parser: pytest.Parser) -> None:
    plugin_options.add(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "pinpoint(**options): options of the pinpoint_stub fixture (the keyword arguments of "
        f"PinpointStub: {', '.join(MARKER_OPTIONS)})",
    )
    config.addinivalue_line(
        "markers",
        "pinpoint_live: this test may send to the real Amazon Pinpoint (turns off the "
        "live-send guard)",
    )
    plugin_options.read(config)
    plugin_options.read_eos(config)
    listener: Callable[[Any], None] = functools.partial(_contract_stubber_used, config)
    config.stash[_STUBBER_LISTENER] = listener
    usage.CONTRACT_STUBBER_LISTENERS.append(listener)


# the ini/command-line options as stub keywords, read and checked once per session
_DEFAULTS = pytest.StashKey[Mapping[str, Any]]()


def _defaults(config: pytest.Config) -> Mapping[str, Any]:
    """``{"contract", "seed", "eos"}``, the SMS v2 and SES v2 ini keys from the ini/command line,
    resolved on first use (after every pytest_configure ran) and kept for the session: the
    per-test path reads no option."""
    found = config.stash.get(_DEFAULTS, None)
    if found is None:
        contract, seed = plugin_options.read(config)
        given = {
            "contract": contract,
            "seed": seed,
            "eos": plugin_options.read_eos(config),
            **plugin_options.read_ses(config),
        }
        if config.getini("pinpoint_sms_sandbox"):
            given["sms_sandbox"] = True
        found = config.stash[_DEFAULTS] = MappingProxyType(given)
    return found


def pytest_report_header(config: pytest.Config) -> str:
    defaults = _defaults(config)
    return (
        f"pinpoint: contract={defaults['contract']} seed={defaults['seed']} eos={defaults['eos']}"
    )


def _options(request: pytest.FixtureRequest) -> Mapping[str, Any]:
    defaults = _defaults(request.config)
    node = request.node
    if node.get_closest_marker("pinpoint") is None:
        return defaults  # read-only; every caller unpacks it (**options)
    options = dict(defaults)
    # iter_markers yields the closest marker first; the closest must win.
    for marker in reversed(list(node.iter_markers("pinpoint"))):
        if marker.args:
            pytest.fail(
                f"@pytest.mark.pinpoint takes keyword options only ({', '.join(MARKER_OPTIONS)})"
                f", got positional {marker.args!r}",
                pytrace=False,
            )
        unknown = sorted(set(marker.kwargs) - set(MARKER_OPTIONS))
        if unknown:
            pytest.fail(
                f"@pytest.mark.pinpoint: unknown option(s) {', '.join(unknown)}; valid options: "
                f"{', '.join(MARKER_OPTIONS)}",
                pytrace=False,
            )
        options.update(marker.kwargs)
    return options


@pytest.fixture
def pinpoint_stub(request: pytest.FixtureRequest) -> Iterator[PinpointStub]:
    """A started :class:`~pytest_pinpoint.PinpointStub`: every botocore Pinpoint client in the
    test talks to it. Options come from ``@pytest.mark.pinpoint(...)`` and the ini/CLI.

    At teardown the test fails for unexpected contract errors (strict mode) and for scripted
    outcomes, failures or expected violations that were never used.
    """
    from .errors import PinpointStubError
    from .service.stub import PinpointStub

    try:
        stub = PinpointStub(**_options(request))
    except PinpointStubError as exc:
        pytest.fail(f"@pytest.mark.pinpoint: {exc}", pytrace=False)
    _pin(request.config)
    stub.start()
    try:
        yield stub
    finally:
        stub.stop()
        _record(request, stub)
    if stub.violations and isinstance(request.node, pytest.Item):
        # every recorded violation (warnings too) in the test's report (-rA shows passing ones)
        lines = [f"{v} ({v.severity})" for v in stub.violations]
        request.node.add_report_section("teardown", "pinpoint violations", "\n".join(lines))
    problems = stub.problems()
    if problems:
        pytest.fail("pinpoint_stub: " + "\n".join(problems), pytrace=False)


@pytest.fixture
def pinpoint_responses(pinpoint_stub: PinpointStub) -> Iterator[Any]:
    """An active ``responses.RequestsMock`` whose Pinpoint users-messages URLs (any region)
    are answered by ``pinpoint_stub``: for apps that call the REST API with ``requests``."""
    import responses

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        pinpoint_stub.responses(mock)
        yield mock


def _serve(options: Mapping[str, Any], request: pytest.FixtureRequest) -> Iterator[LoopbackServer]:
    from .errors import PinpointStubError
    from .interception.server import LoopbackServer

    try:
        server = LoopbackServer(**options)
    except PinpointStubError as exc:
        pytest.fail(f"@pytest.mark.pinpoint: {exc}", pytrace=False)
    try:
        with server:
            yield server
    finally:
        _record(request, server.stub)
    # exceptions the stub raised (answered 500, maybe retried and swallowed) fail the test too
    problems = server.problems()
    if problems:
        pytest.fail("pinpoint_server: " + "\n".join(problems), pytrace=False)


@pytest.fixture
def pinpoint_server(request: pytest.FixtureRequest) -> Iterator[LoopbackServer]:
    """A loopback HTTP server (``.url``, ``.stub``) answering send_users_messages from its own
    stub, for the AWS CLI, subprocesses and other SDKs (``--endpoint-url``). Takes the same
    ``@pytest.mark.pinpoint(...)`` options as ``pinpoint_stub``."""
    yield from _serve(_options(request), request)


@pytest.fixture(scope="session")
def pinpoint_server_session(request: pytest.FixtureRequest) -> Iterator[LoopbackServer]:
    """One loopback server for the whole session (options from the ini / command line)."""
    _track(request.config)
    yield from _serve(_defaults(request.config), request)


@pytest.fixture(scope="session")
def pinpoint_stub_factory(request: pytest.FixtureRequest) -> PinpointStubFactory:
    """Fresh stubs on demand, for ``@given`` tests (as ``tmp_path_factory`` is to ``tmp_path``):
    ``with pinpoint_stub_factory(**options) as stub:`` gives a started stub for one example,
    with the ini/command-line options as defaults; on exit it runs the teardown checks, so a
    swallowed violation or an unused script fails that example and Hypothesis shrinks it."""
    from . import report
    from .factory import PinpointStubFactory

    config = request.config
    _track(config)
    _pin(config)  # a stub per example: start/stop then only swap the registry's snapshot
    factory = PinpointStubFactory(
        _defaults(config),
        on_exit=lambda stub: report.record_current(config, stub),
    )
    factory.warm()
    return factory


# --- session report (the logic is in report.py) ------------------------------------------------

# Set when a way in is first used: until then the session hooks do not even import report.py.
_REPORT_USED = pytest.StashKey[bool]()
_REPORT_OPTIONS = ("pinpoint_report", "pinpoint_require_simulated")


def _report_needed(config: pytest.Config) -> bool:
    """A stub was recorded, or an option asks for the report."""
    return config.stash.get(_REPORT_USED, False) or any(
        config.getoption(name, None) or config.getini(name) for name in _REPORT_OPTIONS
    )


_STUBBER_LISTENER = pytest.StashKey[Callable[[Any], None]]()


def _contract_stubber_used(config: pytest.Config, stubber: Any) -> None:
    """A ContractStubber was activated in a test: the report counts that test."""
    from . import report

    config.stash[_REPORT_USED] = True
    report.record_contract_stubber(config)


def _record(request: pytest.FixtureRequest, stub: Any) -> None:
    from . import report

    request.config.stash[_REPORT_USED] = True
    report.record(request.config, stub, request.node)


def _track(config: pytest.Config) -> None:
    from . import report

    config.stash[_REPORT_USED] = True
    report.track(config)


def pytest_sessionstart(session: pytest.Session) -> None:
    if _report_needed(session.config) and not hasattr(session.config, "workerinput"):
        from . import report

        names = report.required_names(session.config)
        if names:
            report.check_required(names)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _report_needed(session.config):
        from . import report

        report.sessionfinish(session)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any) -> None:
    if getattr(node, "workeroutput", None):  # xdist controller: a worker's counts
        from . import report

        node.config.stash[_REPORT_USED] = True
        report.testnodedown(node)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if _report_needed(config):
        from . import report

        report.terminal_summary(terminalreporter, config)


# --- interception pin and live-send guard ------------------------------------------------------

_PINNED = pytest.StashKey[bool]()


def _pin(config: pytest.Config) -> None:
    """From the first stub or guard to pytest_unconfigure, botocore stays patched (the patches
    pass requests through while no stub is active and the guard is off), so each test's
    start/stop or guard on/off only swaps the registry's snapshot."""
    if not config.stash.get(_PINNED, False):
        from .interception import registry

        registry.pin()
        config.stash[_PINNED] = True


def pytest_unconfigure(config: pytest.Config) -> None:
    listener = config.stash.get(_STUBBER_LISTENER, None)
    if listener in usage.CONTRACT_STUBBER_LISTENERS:
        usage.CONTRACT_STUBBER_LISTENERS.remove(listener)
    if config.stash.get(_PINNED, False):
        from .interception import registry

        registry.unpin()
        config.stash[_PINNED] = False


def _wants_guard(item: pytest.Item) -> bool:
    if "pinpoint_stub" in getattr(item, "fixturenames", ()):
        return False
    if item.get_closest_marker("pinpoint_live") is not None:
        return False
    return not item.config.getini("pinpoint_allow_live")


def _arm(item: pytest.Item) -> None:
    # The registry patches botocore now if it is loaded, or the moment it is imported.
    if item.stash.get(_GUARD_KEY, False):
        return
    if _wants_guard(item):
        from .interception import registry

        _pin(item.config)
        registry.set_guard(True)
        item.stash[_GUARD_KEY] = True


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _arm(item)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    _arm(item)  # botocore may have been imported by a fixture


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    try:
        return (yield)
    finally:
        if item.stash.get(_GUARD_KEY, False):
            from .interception import registry

            registry.set_guard(False)
            item.stash[_GUARD_KEY] = False
