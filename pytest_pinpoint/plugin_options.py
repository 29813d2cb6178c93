"""The plugin's command-line options and ini keys, and reading them: the stub's defaults
(``--pinpoint-contract`` / ``pinpoint_contract``, ``--pinpoint-seed`` / ``pinpoint_seed``), the
live-send switch, and the session report's options. The stub keywords themselves are
:class:`~pytest_pinpoint.options.StubOptions`."""

from __future__ import annotations

from typing import Any

import pytest

from .options import CONTRACT_MODES, EOS_MODES


def add(parser: pytest.Parser) -> None:
    """Every ``--pinpoint-*`` option and ``pinpoint_*`` ini key."""
    group = parser.getgroup("pinpoint", "pytest-pinpoint: Amazon Pinpoint send_users_messages")
    group.addoption(
        "--pinpoint-contract",
        dest="pinpoint_contract",
        choices=CONTRACT_MODES,
        default=None,
        help="contract mode of pinpoint_stub: strict (violations answer 400 and fail the "
        "test), warn (recorded only) or off. Default: the pinpoint_contract ini value.",
    )
    group.addoption(
        "--pinpoint-seed",
        dest="pinpoint_seed",
        type=int,
        default=None,
        help="seed of pinpoint_stub's message and request IDs. Default: pinpoint_seed.",
    )
    group.addoption(
        "--pinpoint-eos",
        dest="pinpoint_eos",
        choices=EOS_MODES,
        default=None,
        help="calls to Amazon Pinpoint features past end of support (2026-10-30): warn (listed "
        "in the session report, default), error (each test that makes one fails, naming the "
        "replacement) or off. Default: the pinpoint_eos ini value.",
    )
    parser.addini(
        "pinpoint_contract", "pinpoint_stub contract mode: strict | warn | off", default="strict"
    )
    parser.addini(
        "pinpoint_eos", "calls past Pinpoint's end of support: warn | error | off", default="warn"
    )
    parser.addini("pinpoint_seed", "pinpoint_stub ID seed (an integer)", default="0")
    parser.addini(
        "pinpoint_allow_live",
        "let tests without pinpoint_stub send to the real Pinpoint",
        type="bool",
        default=False,
    )
    parser.addini(
        "pinpoint_sms_sandbox",
        "pinpoint_stub's SMS v2 account is in the sandbox (sends only to verified numbers)",
        type="bool",
        default=False,
    )
    _add_report(parser, group)
    _add_ses(parser)


def _add_ses(parser: pytest.Parser) -> None:
    parser.addini(
        "pinpoint_ses_identities",
        "SES v2: the account's verified identities (addresses and domains, space-separated); "
        "once given, a sender must be one of them",
        type="args",
        default=None,
    )
    parser.addini(
        "pinpoint_ses_sandbox",
        "SES v2: the account is in the sandbox (recipients must be verified too)",
        type="bool",
        default=False,
    )


def read_ses(config: pytest.Config) -> dict[str, Any]:
    """The SES v2 stub keywords the ini file sets (none when it sets none)."""
    out: dict[str, Any] = {}
    identities = config.getini("pinpoint_ses_identities")
    if identities:
        out["ses_identities"] = tuple(identities)
    if config.getini("pinpoint_ses_sandbox"):
        out["ses_sandbox"] = True
    return out


def _add_report(parser: pytest.Parser, group: pytest.OptionGroup) -> None:
    group.addoption(
        "--pinpoint-report",
        dest="pinpoint_report",
        default=None,
        metavar="none|term|PATH",
        help="the session report of what the suite simulated: term (the terminal summary, "
        "default), none (hide it) or a PATH to also write it as JSON. Default: pinpoint_report.",
    )
    group.addoption(
        "--pinpoint-require-simulated",
        dest="pinpoint_require_simulated",
        default=None,
        metavar="NAMES",
        help="comma-separated DeliveryStatuses and error names (e.g. "
        "OPT_OUT,THROTTLED,TooManyRequestsException) the suite must simulate; the session "
        "fails when one never occurred. Default: pinpoint_require_simulated.",
    )
    parser.addini("pinpoint_report", "session report: term | none | PATH of a JSON report")
    parser.addini(
        "pinpoint_require_simulated",
        "DeliveryStatuses and error names the suite must simulate (comma-separated)",
    )


def read(config: pytest.Config) -> tuple[str, int]:
    """``(contract, seed)``: the command line over the ini file, checked (a UsageError names the
    bad value)."""
    contract = config.getoption("pinpoint_contract") or config.getini("pinpoint_contract")
    if contract not in CONTRACT_MODES:
        raise pytest.UsageError(
            f"pinpoint_contract = {contract!r}: must be one of {', '.join(CONTRACT_MODES)}"
        )
    seed = config.getoption("pinpoint_seed")
    if seed is None:
        raw = config.getini("pinpoint_seed")
        try:
            seed = int(raw)
        except ValueError:
            raise pytest.UsageError(f"pinpoint_seed = {raw!r}: must be an integer") from None
    return str(contract), int(seed)


def read_eos(config: pytest.Config) -> str:
    """The session's ``eos`` mode: the command line over the ini file, checked."""
    mode = config.getoption("pinpoint_eos", None) or config.getini("pinpoint_eos")
    mode = str(mode).strip()
    if mode not in EOS_MODES:
        raise pytest.UsageError(f"pinpoint_eos = {mode!r}: must be one of {', '.join(EOS_MODES)}")
    return mode
