"""What the session report costs a suite that does not use the plugin (issue 16).

Runs one generated suite of plain tests (300 by default) in fresh pytest processes, three ways,
interleaved round by round so machine drift hits all alike, and reports the best of the rounds
with the spread:

- ``no plugin``: ``-p no:pinpoint`` (the floor);
- ``before the report``: the plugin as it was in the commit before ``report.py`` was added
  (exported from git into a temporary package), so the difference to the next row is the
  report alone;
- ``with the report``: the plugin as installed.

Process timings on a shared 2-core machine move by hundreds of milliseconds, so it also reports
the child's CPU time and, in process, what the report's session hooks cost an unused session.

    .venv/bin/python benchmarks/bench_report.py [--tests 300] [--rounds 7] [--base REV]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"]


def _base_rev() -> str | None:
    """The commit before the one that added pytest_pinpoint/report.py."""
    found = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", "pytest_pinpoint/report.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    commits = found.stdout.split()
    return f"{commits[-1]}^" if found.returncode == 0 and commits else None


def _export_base(rev: str, into: Path) -> bool:
    """The plugin package at ``rev`` as ``pytest_pinpoint_base`` (relative imports only)."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, "pytest_pinpoint"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        return False
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    (into / "pytest_pinpoint").rename(into / "pytest_pinpoint_base")
    return True


def _time(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child): CPU time barely moves when other processes
    compete for the cores, so it is the steadier figure on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:  # say why: a bare CalledProcessError hides pytest's own words
        tail = (done.stdout + done.stderr)[-2000:]
        raise RuntimeError(f"{' '.join(args)} in {cwd} exited {done.returncode}:\n{tail}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def run(quick: bool = False) -> dict[str, Any]:
    """What `make bench` (benchmarks/run.py) records: the hooks' cost and the best CPU and
    wall milliseconds of each variant (run.py calls ``run(quick)``)."""
    tests, rounds = (100, 3) if quick else (300, 7)
    micro, imported = hook_cost()
    times = measure(tests, rounds)
    best = {
        name: [min(t[i] for t in values) * 1000 for i in (0, 1)] for name, values in times.items()
    }
    return {"tests": tests, "rounds": rounds, "hooks_us": micro, "report_imported": imported,
            "best_wall_cpu_ms": best}  # fmt: skip


def measure(
    tests: int = 300, rounds: int = 7, base: str | None = None
) -> dict[str, list[tuple[float, float]]]:
    # .pyc files as users have them (any value of PYTHONDONTWRITEBYTECODE turns them off)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        suite = Path(tmp, "suite")
        suite.mkdir()
        body = "".join(f"def test_{i}():\n    assert {i} >= 0\n\n\n" for i in range(tests))
        (suite / "test_plain.py").write_text(body)
        (suite / "pytest.ini").write_text("[pytest]\n")
        variants: dict[str, list[str]] = {
            "no plugin": [*PYTEST, "-p", "no:pinpoint"],
            "with the report": PYTEST,
        }
        base = base or _base_rev()
        base_env = env
        if base and _export_base(base, Path(tmp)):
            base_env = dict(env, PYTHONPATH=os.pathsep.join([tmp, env.get("PYTHONPATH", "")]))
            variants = {
                "no plugin": variants["no plugin"],
                f"before the report ({base[:12]})": [
                    *PYTEST,
                    "-p",
                    "no:pinpoint",
                    "-p",
                    "pytest_pinpoint_base.plugin",
                ],
                "with the report": PYTEST,
            }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        for args in variants.values():  # warm the file cache and .pyc files once
            _time(args, suite, base_env)
        for _ in range(rounds):
            for name, args in variants.items():
                times[name].append(_time(args, suite, base_env))
    return times


def hook_cost(repeat: int = 20_000) -> tuple[float, bool]:
    """In process: microseconds per session of the report's session hooks when no test used
    the plugin, and whether they imported report.py (they must not). No per-test hook exists."""
    import types

    from _pytest.config import _prepareconfig

    from pytest_pinpoint import plugin

    config = _prepareconfig(["-p", "no:cacheprovider", "-p", "no:randomly"])
    try:
        session = types.SimpleNamespace(config=config)
        start = time.perf_counter()
        for _ in range(repeat):
            plugin.pytest_sessionstart(session)  # type: ignore[arg-type]
            plugin.pytest_sessionfinish(session)  # type: ignore[arg-type]
            plugin.pytest_terminal_summary(None, config)
        per_session = (time.perf_counter() - start) / repeat * 1e6
    finally:
        config._ensure_unconfigure()
    return per_session, "pytest_pinpoint.report" in sys.modules


def _row(name: str, values: list[float], floor: float) -> str:
    best, spread = min(values), max(values) - min(values)
    return (
        f"  {name:<34} best {best * 1000:7.1f}  median {statistics.median(values) * 1000:7.1f}"
        f"  spread {spread * 1000:6.1f}  vs no plugin {(best - floor) * 1000:+6.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--base", default=None, help="git revision of the plugin without report")
    args = parser.parse_args()
    micro, imported = hook_cost()
    print(
        f"report's session hooks, unused plugin: {micro:.1f} µs per session "
        f"(report.py imported: {imported})"
    )
    times = measure(args.tests, args.rounds, args.base)
    names = list(times)
    for index, kind in enumerate(("wall", "CPU")):
        print(f"{args.tests} plain tests, {kind} ms, best of {args.rounds} interleaved rounds")
        series = {name: [t[index] for t in times[name]] for name in names}
        floor = min(series["no plugin"])
        for name in names:
            print(_row(name, series[name], floor))
        if len(names) == 3:
            before, after = min(series[names[1]]), min(series[names[2]])
            print(f"  the report adds {(after - before) * 1000:+.1f} ms ({kind}, best vs best)")


if __name__ == "__main__":
    main()
