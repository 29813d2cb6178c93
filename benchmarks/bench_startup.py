"""What loading the plugin adds to pytest start-up when no test uses it."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _time(args: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, capture_output=True, check=True)
    return time.perf_counter() - start


def run(quick: bool = False) -> dict[str, Any]:
    rounds = 5 if quick else 15
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "test_one.py").write_text("def test_one():\n    assert True\n")
        Path(tmp, "pytest.ini").write_text("[pytest]\n")
        base = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
        with_plugin, without = [], []
        for _ in range(rounds):  # interleaved, so drift hits both sides alike
            with_plugin.append(_time(base, tmp))
            without.append(_time([*base, "-p", "no:pinpoint"], tmp))
    on, off = statistics.median(with_plugin), statistics.median(without)
    return {"with_ms": on * 1000, "without_ms": off * 1000, "added_ms": (on - off) * 1000}
