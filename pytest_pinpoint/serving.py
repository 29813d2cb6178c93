"""``pytest-pinpoint serve``: the loopback server as a tool of its own, until Ctrl-C or SIGTERM.

A CLI or JavaScript suite has no ``pinpoint_stub``: it scripts the fake with ``--script FILE``
(:mod:`.serve_script`), reads and resets it over the control API under ``/_pinpoint``
(:mod:`.interception.control`) and gets the session report with ``--report PATH`` when the
server stops. The banner's first line has the URL; the next lines list what is served.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from dataclasses import dataclass
from typing import Any, TextIO

EXIT_OK, EXIT_USAGE = 0, 2


class _Terminated(Exception):
    pass


def _base_options(args: argparse.Namespace) -> dict[str, Any]:
    from .options import read_outcomes

    options: dict[str, Any] = {
        name: value
        for name in ("seed", "contract")
        if (value := getattr(args, name, None)) is not None
    }
    if getattr(args, "outcomes", None):
        options["outcomes"] = read_outcomes(args.outcomes)
    return options


def banner(url: str, served: dict[str, list[str]]) -> list[str]:
    """The first line (the URL, read by scripts), then each service and its operations."""
    lines = [f"pytest-pinpoint: serving at {url} (Ctrl-C to stop)"]
    for service, operations in served.items():
        lines.append(f"  {service}: {', '.join(operations)}")
    lines.append(
        f"  control API: {url}/_pinpoint (sent, calls, violations, problems, reset, script)"
    )
    return lines


@dataclass
class Session:
    """The running server, and the report of the stubs a reset or a new script replaced."""

    server: Any  # a started LoopbackServer
    counts: Any  # report.Counts

    def swap(self, stub: Any) -> None:
        stub.advise("serve")  # advice for a CLI user: the script file and the control API
        self.counts.add_stub(self.server.stub)
        self.server.stub = stub


def _start(args: argparse.Namespace) -> Session:
    """The started server with its control API, or PinpointStubError for bad options/files."""
    from . import report
    from .interception.control import Control
    from .interception.server import DEFAULT_HOST, LoopbackServer
    from .serve_script import read_script
    from .service.stub import PinpointStub

    options = _base_options(args)
    script = read_script(args.script) if getattr(args, "script", None) else None
    if script is not None:  # a flag on the command line wins over the start-up script
        script.options = {k: v for k, v in script.options.items() if k not in options}
    server = LoopbackServer(host=getattr(args, "host", None) or DEFAULT_HOST, port=args.port or 0)
    session = Session(server, report.Counts())
    control = Control(lambda: server.stub, session.swap, PinpointStub, options, script)
    server.stub = control.fresh()
    server.stub.advise("serve")
    server.control = control
    server.start()
    return session


def write_report(path: str, session: Session) -> None:
    """The session report (``--pinpoint-report``'s JSON form) of every stub the server had
    (``session.counts``: the last one is added when the server stops)."""
    from . import report

    counts = session.counts
    data = report.to_json(counts, report.not_simulated(counts))
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, ensure_ascii=False)
        fh.write("\n")


def serve_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Serve until Ctrl-C or SIGTERM. Returns 0 after a clean stop, 2 (with one line on
    stderr) for bad options or files."""
    import signal

    from .errors import PinpointStubError
    from .interception.control import served

    out = out or sys.stdout
    try:
        session = _start(args)
    except PinpointStubError as exc:
        print(f"pytest-pinpoint serve: error: {exc}", file=sys.stderr, flush=True)
        return EXIT_USAGE

    server = session.server

    def on_sigterm(signum: int, frame: Any) -> None:
        raise _Terminated

    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, on_sigterm) if in_main else None
    try:
        print("\n".join(banner(server.url, served(server.stub))), file=out, flush=True)
        forever = threading.Event()
        while not forever.wait(3600):
            pass
    except (KeyboardInterrupt, _Terminated):
        pass
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
        server.stop()
    session.counts.add_stub(server.stub)  # the stub in force joins those a reset replaced
    calls = session.counts.calls
    print(f"pytest-pinpoint: stopped after {calls} call{'s' * (calls != 1)}", file=out, flush=True)
    report_path = getattr(args, "report", None)
    if report_path:
        try:
            write_report(report_path, session)
        except OSError as exc:
            print(f"pytest-pinpoint serve: cannot write {report_path}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"pytest-pinpoint: report written to {report_path}", file=out, flush=True)
    return EXIT_OK
