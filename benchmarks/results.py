"""benchmarks/RESULTS.md from the results of every module: the machine, versions, issue 17's
targets table (today / target / measured), then one section per module."""

from __future__ import annotations

import datetime
import json
import os
import platform
from importlib import metadata
from typing import Any

from sections import t, verdict, x

Row = tuple[str, str, str, str]
VERSIONS = ["boto3", "botocore", "hypothesis", "hypothesis-jsonschema", "moto", "pytest"]
VERSIONS += ["pytest-httpx", "werkzeug"]
NOISE = (
    "The machine may be shared with other work, so the figures are noisy by nature (the load "
    "average above says how busy it was): in-process figures are CPU time "
    "(`time.process_time`), variants are interleaved round by round (per call: called in "
    "turn, one call at a time, in a new random order each turn) and each figure "
    "is the best round with the spread (median, worst; ratios: the ratio of the best figures "
    "and the per-round ratios low–high, each round's figures measured next to each other). "
    "Read the best figure; a wide range means the machine was busy, not that the code is slow."
)


def _version(name: str) -> str:
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} (not installed)"


def header(quick: bool) -> list[str]:
    now = datetime.datetime.now(datetime.timezone.utc)
    return [
        "# Benchmark results" + (" (quick smoke run: not figures)" if quick else ""),
        "",
        f"- date: {now:%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {', '.join(_version(n) for n in VERSIONS)}",
        "- reproduce: `make bench` (or `.venv/bin/python benchmarks/run.py`; "
        "`--only calls pertest` for some modules, `--quick` for a smoke run)",
        "- load average when written (1, 5, 15 min): "
        + ", ".join(f"{v:.2f}" for v in os.getloadavg()),
        f"- {NOISE}",
        "",
    ]


NA = "not measured (module not run or failed)"


def _pertest_rows(p: dict[str, Any]) -> list[Row]:
    if "send_vs_stubber" not in p:
        return [("pytest, per test (bench_pertest)", "3.2–3.7×", "≤ 2.5×", NA)]
    r, b = p["send_vs_stubber"], p.get("fixture_vs_httpx")
    httpx = f"{x(b)} {verdict(b['best'] <= 1.5)}" if b else p["missing"].get("httpx_mock", NA)
    return [
        (
            "pytest, per test: `pinpoint_stub` + one send vs a hand-written Stubber test",
            "3.2–3.7×",
            "≤ 2.5×",
            f"{x(r)} {verdict(r['best'] <= 2.5)}",
        ),
        (
            "pytest, per test: bare `pinpoint_stub` vs pytest-httpx's `httpx_mock`",
            "0.24–0.77×",
            "stays ≤ 1.5×",
            httpx,
        ),
    ]


def _calls_rows(c: dict[str, Any]) -> list[Row]:
    if "vs_floor" not in c:
        return [("per call vs the floor (bench_calls)", "1.27×", "≤ 1.10×", NA)]
    r, sm, m = c["vs_floor"], c.get("send_messages_vs_floor"), c["marginal_100"]
    return [
        (
            "per call vs the canned before-send floor",
            "1.27×",
            "≤ 1.10×",
            f"{x(r, 3)} {verdict(r['best'] <= 1.10)}",
        ),
        (
            "`send_messages` per call vs the same floor",
            "—",
            "≤ 1.10×",
            f"{x(sm, 3)} {verdict(sm['best'] <= 1.10)}" if sm else c["send_messages_skipped"],
        ),
        (
            "marginal cost per endpoint message (100 users × 1 vs × 3)",
            "19 µs",
            "≤ 8 µs",
            f"**{t(m['best'])}** ({t(m['low'])}–{t(m['high'])}) {verdict(m['best'] <= 8e-6)}",
        ),
        _text_row(c.get("send_text_message_vs_floor")),
    ]


def _text_row(r: dict[str, Any] | None) -> Row:
    """Issue 27: SMS v2's send against its own canned floor (its json 1.0 protocol)."""
    measured = f"{x(r, 3)} {verdict(r['best'] <= 1.15)}" if r else NA
    return ("`send_text_message` per call vs its own floor", "—", "≤ 1.15×", measured)


def _server_rows(s: dict[str, Any]) -> list[Row]:
    if "per_s" not in s:
        return [("loopback server vs moto (bench_server)", "831/s", "≥ 1,660/s", NA)]
    ours, moto = s["per_s"]["ours_send"], s["per_s"]["moto_get_app"]
    ok = ours["best"] >= 1660 and s["ours_vs_moto"]["best"] >= 1
    return [
        (
            "loopback server, 8 threads, requests/s vs moto's threaded server (`get_app`)",
            "831/s, no ratio",
            "≥ 1,660/s and ≥ moto's",
            f"**{ours['best']:,.0f}/s** vs moto {moto['best']:,.0f}/s: "
            f"{x(s['ours_vs_moto'])} {verdict(ok)}",
        )
    ]


def _other_rows(g: dict[str, Any], v: dict[str, Any], st: dict[str, Any]) -> list[Row]:
    if g.get("jsonschema_per_s"):
        ratio = g["ours_per_s"] / g["jsonschema_per_s"]
        measured = f"**{ratio:.1f}×** {verdict(ratio >= 20)}"
    else:
        measured = g.get("jsonschema_error") or g.get("_error") or "see bench_generate"
    rows: list[Row] = [
        (
            "valid-request generation vs `hypothesis_jsonschema.from_schema`",
            "13×",
            "≥ 20×",
            measured,
        ),
        (
            "`make test`, serial, on this machine",
            "~150 s",
            "≤ 90 s",
            "not measured by `make bench`",
        ),
    ]
    if "seed_per_s" in v:
        seed = f"**{v['seed_per_s']['best']:,.0f}/s**"
        rows.append(("`validate_request`, seed example", "85,086/s", "≥ 20,000/s", seed))
    if "collect_added" in st:
        a, imp = st["collect_added"], st["importtime"]["best"] * 1000
        rows.append(
            (
                "plugin start-up when unused: `pytest --co` (CPU), `-X importtime`",
                "4–8 ms (42 ms once)",
                "≤ 30 ms",
                f"import **{imp:.1f} ms** {verdict(imp <= 30)}; `pytest --co` "
                f"{a['best_ms']:.1f} ms best − best (per round median {a['median_ms']:.1f}, "
                f"{a['low_ms']:.0f}…{a['high_ms']:.0f}: within this machine's noise)",
            )
        )
    return rows


def target_rows(found: dict[str, dict[str, Any]]) -> list[Row]:
    rows = _pertest_rows(found.get("pertest", {}))
    rows += _calls_rows(found.get("calls", {}))
    rows += _server_rows(found.get("server", {}))
    rows += _other_rows(*(found.get(k, {}) for k in ("generate", "validate", "startup")))
    for result in found.values():
        rows += [(a, b, c, d) for a, b, c, d in result.get("_targets", [])]
    return rows


def render(found: dict[str, dict[str, Any]], quick: bool) -> str:
    import sections  # the per-module sections (it provides the formatting helpers too)

    out = header(quick)
    out += ["## Issue 17 targets (each a ratio measured side by side in one run)", ""]
    out += ["| measure | today | target | measured: best (per-round range) |"]
    out += ["| --- | --- | --- | --- |"]
    out += [f"| {' | '.join(row)} |" for row in target_rows(found)]
    out.append("")
    for name, result in found.items():
        took = f" ({result['_seconds']:.0f} s)" if "_seconds" in result else ""
        out.append(f"## bench_{name}{took}")
        out.append("")
        if "_error" in result:
            out += ["Failed:", "", "```", result["_error"], "```", ""]
        elif "_section" in result:
            out += [result["_section"], ""]
        elif hasattr(sections, name):
            out += [*getattr(sections, name)(result), ""]
        else:
            raw = {k: v for k, v in result.items() if not k.startswith("_")}
            out += ["```json", json.dumps(raw, indent=1), "```", ""]
    return "\n".join(out)
