"""The Markdown section of each benchmark module this folder's lead knows (RESULTS.md)."""

from __future__ import annotations

from typing import Any

SPREAD = "best (median, worst)"


def t(seconds: float) -> str:
    """µs below 10 ms, ms above."""
    if abs(seconds) < 0.01:
        return f"{seconds * 1e6:,.0f} µs"
    return f"{seconds * 1e3:,.1f} ms"


def x(r: dict[str, float], digits: int = 2) -> str:
    """A ratio, best (per-round range); ``digits=3`` where a target sits within 0.01 of it."""
    return f"**{r['best']:.{digits}f}×** ({r['low']:.{digits}f}–{r['high']:.{digits}f}×)"


def span(s: dict[str, float]) -> str:
    return f"{t(s['best'])} ({t(s['median'])}, {t(s['worst'])})"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def startup(r: dict[str, Any]) -> list[str]:
    names = {
        "import_plugin": '`python -c "import pytest, pytest_pinpoint.plugin"`',
        "import_pytest": '`python -c "import pytest"`',
        "collect_with": "`pytest --collect-only` on one test",
        "collect_without": "`pytest --collect-only -p no:pinpoint`",
    }
    out = [f"{r['import_plugin']['rounds']} rounds, the four commands interleaved.", ""]
    out += [f"| command | CPU time, {SPREAD} | wall time, {SPREAD} |", "| --- | ---: | ---: |"]
    out += [f"| {label} | {span(r[k])} | {span(r['wall'][k])} |" for k, label in names.items()]
    for key, what in (("import_added", "import"), ("collect_added", "pytest --co")):
        a = r[key]
        out.append(
            f"\n- added by the plugin ({what}, CPU): **{a['best_ms']:.1f} ms** best − best; "
            f"per round median {a['median_ms']:.1f} ms, range {a['low_ms']:.0f}…{a['high_ms']:.0f}"
        )
    w = r["wall_collect_added"]
    out.append(
        f"- the same in wall time (pytest --co): {w['best_ms']:.1f} ms best − best, per round "
        f"{w['low_ms']:.0f}…{w['high_ms']:.0f} ms: single pairs of runs are noise"
    )
    out.append(
        f"- `-X importtime`, cumulative for pytest_pinpoint (pytest imported first): "
        f"{span(r['importtime'])}"
    )
    return out


def calls(r: dict[str, Any]) -> list[str]:
    rows = [
        ("floor: before-send canned response (serialize + sign + parse)", "floor", None),
        ("botocore Stubber, one queued response", "stubber", "stubber_vs_floor"),
        ("pinpoint_stub (strict), send_users_messages", "pinpoint_stub", "vs_floor"),
        ("floor for send_messages", "floor_send_messages", None),
        ("pinpoint_stub (strict), send_messages", "send_messages", "send_messages_vs_floor"),
        ("floor for send_text_message (SMS v2, json 1.0)", "floor_send_text_message", None),
        (
            "pinpoint_stub (strict), send_text_message",
            "send_text_message",
            "send_text_message_vs_floor",
        ),
        ("moto get_app (moto has no send_users_messages)", "moto_get_app", None),
    ]
    out = [
        f"{r['floor']['rounds']} rounds, CPU time. In each round the floor, Stubber and the "
        "stub's sends are called in turn, one call at a time, under one started strict stub; "
        "moto (whose `mock_aws` would answer the others) and the scale pairs run in their own "
        "blocks of the same round. One real boto3 client per variant.",
        "",
        f"| path | per call, {SPREAD} | × floor, best (per-round range) |",
        "| --- | ---: | ---: |",
    ]
    for label, key, ratio in rows:
        if key not in r:
            out.append(f"| {label} | {r.get('send_messages_skipped', 'n/a')} | |")
            continue
        out.append(f"| {label} | {span(r[key])} | {x(r[ratio], 3) if ratio else ''} |")
    out.append(f"\nmoto's get_app vs the stub's send: {x(r['moto_vs_stub'])} slower.")
    out += ["", "Scale (SMS with substitutions, users × endpoints per user):", ""]
    out += [f"| users × endpoints | per call, {SPREAD} | per endpoint message |"]
    out += ["| --- | ---: | ---: |"]
    for users in (10, 100):
        for endpoints in (1, 3):
            s = r[f"scale_{users}x{endpoints}"]
            out.append(
                f"| {users} × {endpoints} | {span(s)} | {t(s['best'] / (users * endpoints))} |"
            )
    for users in (10, 100):
        m = r[f"marginal_{users}"]
        out.append(
            f"\n- marginal cost per extra endpoint message at {users} users: **{t(m['best'])}** "
            f"(per round {t(m['low'])}–{t(m['high'])})"
        )
    return out


PERTEST_LABELS = {
    "empty_no_plugin": "empty test, `-p no:pinpoint` (the baseline)",
    "empty": "empty test, plugin loaded (live-send guard armed)",
    "fixture": "bare `pinpoint_stub`",
    "fixture_send": "`pinpoint_stub` + one send_users_messages",
    "stubber_send": "hand-written Stubber test, same send",
    "httpx_mock": "bare `httpx_mock`",
    "moto": "`mock_aws` + create_app + get_app",
}


def pertest(r: dict[str, Any]) -> list[str]:
    out = [
        f"{r['tests']} tests per kind (moto: a fifth), {r['rounds']} rounds. Per test = the "
        "median CPU time of a test's run protocol (setup, call, teardown, report) after the "
        "first tenth of the run (one-time imports); overhead = minus the empty test's figure.",
        "",
    ]
    if "paired" in r:
        out += [
            "One pytest process per round, the kinds interleaved test by test (the target "
            "ratios; baseline: the empty test, plugin loaded):",
            "",
            f"| kind | per test, {SPREAD} | overhead, best − best |",
            "| --- | ---: | ---: |",
        ]
        for key, s in r["paired"].items():
            over = t(r["paired_overhead"][key]) if key in r["paired_overhead"] else "—"
            out.append(f"| {PERTEST_LABELS[key]} | {span(s)} | {over} |")
        out.append("")
    out += [f"- `pinpoint_stub` + send vs Stubber (overheads): {x(r['send_vs_stubber'])}"]
    if "fixture_vs_httpx" in r:
        out.append(
            f"- bare `pinpoint_stub` vs `httpx_mock` (overheads): {x(r['fixture_vs_httpx'])}; "
            "both are about 0.1 ms, so this ratio swings with noise"
        )
    if "moto_vs_send" in r:
        out.append(f"- moto vs `pinpoint_stub` + send: {x(r['moto_vs_send'])}")
    out += _separate(r)
    return out


def _separate(r: dict[str, Any]) -> list[str]:
    out = [
        "",
        "One pytest process per kind and round (competitors and baseline with `-p no:pinpoint`"
        "); the last column is the CPU time of the whole process ÷ tests (start-up, collection "
        "and one-time imports spread over the run: what a short suite feels):",
        "",
        f"| kind | per test, {SPREAD} | overhead, best − best (per round) | mean | whole run |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for key, label in PERTEST_LABELS.items():
        if key in r.get("missing", {}):
            out.append(f"| {label} | {r['missing'][key]} | | | |")
            continue
        o = r["overhead"].get(key)
        cell = f"{t(o['best_minus_best'])} ({t(o['best'])}–{t(o['worst'])})" if o else "—"
        mean = t(r["mean_per_test"][key]["best"])
        whole = t(r["whole_run"][key]["best"]) if "whole_run" in r else ""
        out.append(f"| {label} | {span(r['per_test'][key])} | {cell} | {mean} | {whole} |")
    if "whole_run_send_vs_stubber" in r:
        out.append(
            f"\n- `pinpoint_stub` + send vs Stubber, whole run: {x(r['whole_run_send_vs_stubber'])}"
        )
    return out


def server(r: dict[str, Any]) -> list[str]:
    labels = {
        "ours_send": "LoopbackServer, send_users_messages (seed request)",
        "ours_get_app": "LoopbackServer, get_app",
        "moto_get_app": "moto ThreadedMotoServer, get_app",
    }
    out = [
        f"{r['threads']} client threads in a separate process, keep-alive connections; each "
        f"round ≤ {r['requests']:,} requests and ≤ {r['seconds']:g} s; servers alternate.",
        "",
        "| server | requests/s, best (median, worst) |",
        "| --- | ---: |",
    ]
    for key, label in labels.items():
        if key in r["per_s"]:
            p = r["per_s"][key]
            out.append(f"| {label} | {p['best']:,.0f} ({p['median']:,.0f}, {p['worst']:,.0f}) |")
        else:
            out.append(f"| {label} | {r.get('ours_get_app_skipped', 'n/a')} |")
    out.append(f"\nLoopbackServer (send) vs moto (get_app): {x(r['ours_vs_moto'])} the throughput.")
    if "get_app_vs_moto" in r:
        out.append(f"Same operation (get_app): {x(r['get_app_vs_moto'])}.")
    out.append(f"Errors inside the loopback server: {r['server_errors']}.")
    return out


def validate(r: dict[str, Any]) -> list[str]:
    seed, large = r["seed_per_s"], r["large_per_s"]
    return [
        f"{r['rounds']} rounds, the two requests interleaved; requests/s best (median, worst).",
        "",
        f"- seed example: **{seed['best']:,.0f}/s** ({seed['median']:,.0f}, {seed['worst']:,.0f})"
        " (target ≥ 20,000)",
        "- large request (100 users, all channels, 10 rendered headers): "
        f"{large['best']:,.0f}/s ({large['median']:,.0f}, {large['worst']:,.0f})",
    ]


def generate(r: dict[str, Any]) -> list[str]:
    out = [f"- `send_users_messages_requests()`: {r['ours_per_s']:,.0f} examples/s"]
    if r.get("jsonschema_per_s"):
        ratio = r["ours_per_s"] / r["jsonschema_per_s"]
        out += [
            f"- `hypothesis_jsonschema.from_schema(request_schema())`: "
            f"{r['jsonschema_per_s']:,.0f} examples/s",
            f"- ratio: **{ratio:.1f}×** (target ≥ 20×)",
        ]
    else:
        out.append(f"- hypothesis-jsonschema could not run: {r.get('jsonschema_error')}")
    return out
