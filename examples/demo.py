"""`make demo`: run the demo app's suite with the plugin and print what the plugin caught.

1. The CLI checks a request the app builds, as a team would in CI or a pre-commit hook.
2. The app's own suite runs with the ``pinpoint_stub`` fixture (in this process, so the report
   below can read each test's stub); every violation the stub recorded is listed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
RULE = re.compile(r"\[([a-z0-9-]+)\]")


class Collector:
    """Reads each test's stub after the call phase; keeps outcome and violations."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, list[str]]] = []

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
        outcome = yield
        report = outcome.get_result()
        if report.when != "call":
            return
        found: list[str] = []
        stub = getattr(item, "funcargs", {}).get("pinpoint_stub")
        if stub is not None:
            found += [str(v) for v in stub.violations]
        if report.outcome != "passed" or hasattr(report, "wasxfail"):
            text = str(report.longrepr or "")
            lines = [line.strip().removeprefix("E").strip() for line in text.splitlines()]
            found += [line for line in lines if RULE.search(line) and ":" in line]
        status = "XFAIL" if hasattr(report, "wasxfail") else report.outcome.upper()
        self.rows.append((item.name, status, list(dict.fromkeys(found))))


def cli_check() -> None:
    sys.path.insert(0, str(HERE))
    from notify import app

    cafe = app.Order(
        "A-1003", "Café crème édition spéciale — tasse en porcelaine émaillée", "$9", "Cy"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "push-request.json"
        path.write_text(json.dumps(app.push_request("cy", cafe, urgent=True), ensure_ascii=False))
        print("$ pytest-pinpoint validate push-request.json")
        proc = subprocess.run(
            [sys.executable, "-m", "pytest_pinpoint.cli", "validate", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        for line in (proc.stdout + proc.stderr).splitlines():
            print("  " + line.replace(str(path), "push-request.json"))
        print(f"  (exit {proc.returncode})")


def main() -> int:
    os.chdir(HERE.parent)
    print("pytest-pinpoint demo\n")
    print("1) The contract, from the command line")
    cli_check()
    print("\n2) The demo app's suite (examples/tests) with the pinpoint_stub fixture")
    collector = Collector()
    code = pytest.main(
        ["-q", "-p", "no:cacheprovider", "--no-header", "examples/tests"], plugins=[collector]
    )
    print("\nWhat the plugin caught:")
    rules: set[str] = set()
    for name, status, found in collector.rows:
        print(f"  {status:<7} {name}")
        for line in found[:4]:
            print(f"          caught: {line}")
            rules.update(RULE.findall(line))
    print(f"\n{len(collector.rows)} tests; rules caught: {', '.join(sorted(rules)) or 'none'}")
    return int(code)


if __name__ == "__main__":
    raise SystemExit(main())
