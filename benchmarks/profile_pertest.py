"""Where a pytest test with `pinpoint_stub` + one send spends its time, against a tight loop.

python benchmarks/profile_pertest.py [--tests 300] [--top 40] [--out DIR]

Writes `pinpoint_stub` + one send_users_messages tests (bench_pertest's `fixture_send` kind),
runs pytest on them under cProfile in a subprocess, then profiles the same call in a loop in
this process, and prints the top cumulative entries of both (all, and pytest_pinpoint's own).
The .prof files stay in --out for snakeviz / pstats. Findings: benchmarks/PROFILE.md.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_pertest import pytest_command, write_suite
from common import SEED_REQUEST, dummy_aws_env


def _print(path: Path, top: int, title: str, calls: int) -> None:
    stats = pstats.Stats(str(path))
    total = stats.total_tt  # type: ignore[attr-defined]
    # the pytest run's total includes start-up and collection: read its per-test entries
    print(f"\n=== {title}: {total:.2f} s profiled in all, {calls} tests/calls ===")
    stats.sort_stats("cumulative").print_stats(top)
    print(f"--- {title}: pytest_pinpoint entries ---")
    stats.sort_stats("cumulative").print_stats("pytest_pinpoint", top)


def profile_pytest(root: Path, tests: int) -> Path:
    path = write_suite(root, "fixture_send", tests)
    prof = root / "pytest.prof"
    command = pytest_command(path, "fixture_send")
    command[1:1] = ["-m", "cProfile", "-o", str(prof)]
    env = {**os.environ, "AWS_EC2_METADATA_DISABLED": "true"}
    subprocess.run(command, cwd=path.parent, env=env, check=True, capture_output=True)
    return prof


def profile_loop(root: Path, calls: int) -> Path:
    import boto3

    from pytest_pinpoint import PinpointStub

    client = boto3.session.Session().client("pinpoint", region_name="us-west-2")
    prof = root / "loop.prof"
    with PinpointStub(seed=0, contract="strict") as stub:
        client.send_users_messages(**SEED_REQUEST)  # warm
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(calls):
            stub.calls.clear()
            stub.sent.clear()
            client.send_users_messages(**SEED_REQUEST)
        profiler.disable()
    profiler.dump_stats(str(prof))
    return prof


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tests", type=int, default=300)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    dummy_aws_env()
    root = args.out or Path(tempfile.mkdtemp(prefix="pinpoint-profile-"))
    root.mkdir(parents=True, exist_ok=True)
    _print(profile_pytest(root, args.tests), args.top, "pytest run", args.tests)
    _print(profile_loop(root, args.tests), args.top, "tight loop", args.tests)
    print(f"\nprofiles: {root}/pytest.prof, {root}/loop.prof")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
