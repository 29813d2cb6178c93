"""What the plugin adds to start-up when no test uses it, from many interleaved subprocesses.

Two pairs, each round running all four commands in a rotated order:
- `python -c "import pytest_pinpoint.plugin"` vs `python -c "import pytest"` (the plugin's own
  import; pytest is imported by both so only the plugin's share is left);
- `pytest --collect-only` on a one-test file, with and without `-p no:pinpoint`.
Each child's CPU time (user + sys) is the figure, since waiting for a shared core does not
count in it; wall times are kept beside. The added time is best minus best, with the per-round
differences as the spread. `-X importtime` gives a third view: what the interpreter attributes
to importing the package. A single pair of runs once showed 42 ms on a busy machine: that is
noise, not a figure.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import interleave, spread


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timer(args: list[str], cwd: str, wall: list[float]) -> Any:
    """A variant returning the child's CPU time (user + sys), which waiting for a core shared
    with other processes does not inflate; the wall time goes to `wall`."""

    def measure() -> float:
        cpu, start = _cpu(), time.perf_counter()
        subprocess.run(args, cwd=cwd, capture_output=True, check=True)
        wall.append(time.perf_counter() - start)
        return _cpu() - cpu

    return measure


def _import_time(cwd: str) -> float:
    """Seconds `-X importtime` attributes to pytest_pinpoint (cumulative, pytest imported
    first so its share is not counted)."""
    code = "import pytest; import pytest_pinpoint.plugin"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    total = 0
    for line in done.stderr.splitlines():
        # "import time: self [us] | cumulative | imported package"; top-level entries only
        parts = line.split("|")
        name = parts[2].rstrip() if len(parts) == 3 else ""
        if name.startswith(" pytest_pinpoint") and not name.startswith("  "):
            total += int(parts[1])
    return total / 1e6


def _added(on: list[float], off: list[float]) -> dict[str, float]:
    per_round = sorted((a - b) * 1000 for a, b in zip(on, off, strict=True))
    return {
        "best_ms": (min(on) - min(off)) * 1000,
        "low_ms": per_round[0],
        "median_ms": statistics.median(per_round),
        "high_ms": per_round[-1],
    }


def run(quick: bool = False) -> dict[str, Any]:
    rounds = 5 if quick else 10
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "test_one.py").write_text("def test_one():\n    assert True\n")
        Path(tmp, "pytest.ini").write_text("[pytest]\n")
        py = [sys.executable]
        pytest = [*py, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
        walls: dict[str, list[float]] = {}
        commands = {
            "import_plugin": [*py, "-c", "import pytest, pytest_pinpoint.plugin"],
            "import_pytest": [*py, "-c", "import pytest"],
            "collect_with": pytest,
            "collect_without": [*pytest, "-p", "no:pinpoint"],
        }
        variants = {k: _timer(v, tmp, walls.setdefault(k, [])) for k, v in commands.items()}
        variants["importtime"] = lambda: _import_time(tmp)
        samples = interleave(variants, rounds)
    out: dict[str, Any] = {name: spread(s) for name, s in samples.items()}
    out["wall"] = {name: spread(s) for name, s in walls.items()}
    out["wall_collect_added"] = _added(walls["collect_with"], walls["collect_without"])
    out["import_added"] = _added(samples["import_plugin"], samples["import_pytest"])
    out["collect_added"] = _added(samples["collect_with"], samples["collect_without"])
    return out
