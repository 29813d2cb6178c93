"""`make bench`: every benchmark side by side in one process run; writes benchmarks/RESULTS.md.

python benchmarks/run.py [--quick]
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import bench_calls
import bench_generate
import bench_ops
import bench_startup
import bench_validate

HERE = Path(__file__).parent


def _versions() -> str:
    names = ["boto3", "botocore", "hypothesis", "hypothesis-jsonschema", "moto", "pytest"]
    return ", ".join(f"{n} {metadata.version(n)}" for n in names)


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f} µs"


def report(
    calls: dict[str, Any], validate: dict[str, Any], gen: dict[str, Any], start: dict[str, Any]
) -> str:
    floor = calls["floor"]
    rows = [
        ("floor: before-send canned response", calls["floor"]),
        ("botocore Stubber, one queued response", calls["stubber"]),
        ("pinpoint_stub (strict)", calls["pinpoint_stub"]),
        ("moto get_app (send_users_messages unimplemented)", calls["moto_get_app"]),
    ]
    out = [
        "# Benchmark results",
        "",
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {_versions()}",
        "- reproduce: `make bench` (or `.venv/bin/python benchmarks/run.py`)",
        "",
        "## Per call (same request, real boto3 client, one process)",
        "",
        "| path | per call | × floor |",
        "| --- | ---: | ---: |",
    ]
    out += [f"| {name} | {_us(t)} | {t / floor:.2f}× |" for name, t in rows]
    target = calls["pinpoint_stub"] / floor
    out += [
        "",
        f"Target ≤ 1.3× the floor: **{target:.2f}×** ({'met' if target <= 1.3 else 'missed'}); "
        f"vs moto: {calls['moto_get_app'] / calls['pinpoint_stub']:.2f}× faster.",
        "",
        "## Scale (users × endpoints per user, SMS with substitutions)",
        "",
        "| users × endpoints | per call | per endpoint message |",
        "| --- | ---: | ---: |",
    ]
    for key, t in calls["scale"].items():
        users, endpoints = map(int, key.split("x"))
        out.append(f"| {users} × {endpoints} | {_us(t)} | {_us(t / (users * endpoints))} |")
    scale = calls["scale"]
    marginal = (scale["100x3"] - scale["100x1"]) / 200
    marginal_small = (scale["10x3"] - scale["10x1"]) / 20
    out += [
        "",
        f"Marginal cost per extra endpoint: {_us(marginal)} at 100 users, {_us(marginal_small)} "
        "at 10 users: linear in endpoints, plus a fixed cost per call.",
    ]
    out += [
        "",
        "## validate_request",
        "",
        f"- seed example: **{validate['seed_per_s']:,.0f} requests/s** (target ≥ 20,000)",
        "- large request (100 users, all channels, 10 rendered headers): "
        f"{validate['large_per_s']:,.0f} requests/s",
        "",
        "## Generation (examples/s, same settings)",
        "",
    ]
    if gen.get("jsonschema_per_s"):
        ratio = gen["ours_per_s"] / gen["jsonschema_per_s"]
        out += [
            f"- `send_users_messages_requests()`: {gen['ours_per_s']:,.0f}/s",
            "- `hypothesis_jsonschema.from_schema(request_schema())`: "
            f"{gen['jsonschema_per_s']:,.0f}/s",
            f"- ratio: **{ratio:.1f}×** (target ≥ 10×)",
        ]
    else:
        out += [
            f"- `send_users_messages_requests()`: {gen['ours_per_s']:,.0f}/s",
            f"- hypothesis-jsonschema could not run: {gen.get('jsonschema_error')}",
        ]
    out += [
        "",
        "## Start-up (`pytest --collect-only` on a one-test file)",
        "",
        f"- with the plugin: {start['with_ms']:.0f} ms; "
        f"with `-p no:pinpoint`: {start['without_ms']:.0f} ms",
        f"- added: **{start['added_ms']:.1f} ms** (target ≤ 30 ms)",
        "",
    ]
    return "\n".join(out)


def main() -> int:
    quick = "--quick" in sys.argv
    calls = bench_calls.run(quick)
    validate = bench_validate.run(quick)
    gen = bench_generate.run(quick)
    start = bench_startup.run(quick)
    text = report(calls, validate, gen, start) + bench_ops.report(bench_ops.run(quick))
    print(text)
    if not quick:
        (HERE / "RESULTS.md").write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
