"""What a user's suite pays per test: N generated tests of each kind, one pytest subprocess per
kind and round, kinds interleaved round by round.

Kinds: an empty test (the baseline, with and without the plugin loaded), the bare
`pinpoint_stub` fixture, `pinpoint_stub` + one send_users_messages, a hand-written
`botocore.stub.Stubber` test doing the same send, pytest-httpx's bare `httpx_mock` fixture, and
moto's `mock_aws` with create_app + get_app. Clients are module-level in every kind, as a suite
would share them.

A tiny timing plugin inside each pytest process stamps (CPU time of the process, so waiting
for a shared core does not count) the start of every test's run protocol (setup + call +
teardown + reporting); the per-test figure of a run is the median duration
over the window that skips the first tenth (lazy imports, first client use) and the last test
(module teardown), so interpreter start-up and collection, measured in bench_startup, stay out
of it, and a test preempted by another process on a shared core does not move it. The mean
over the same window is kept beside (`mean_per_test`): it includes the garbage collections.
The overhead of a kind is its figure minus the empty test's from the same round.

The target ratios come from one pytest process per round that runs the empty, bare-fixture,
fixture + send, Stubber and httpx_mock kinds interleaved test by test (`MIXED`), so a busy
moment of the machine lands on every kind alike; its baseline is the empty test with the plugin
loaded (the empty, Stubber and httpx_mock tests then all arm the live-send guard, ~10 µs,
which the fixture's tests do not: the fixture's overheads read up to that much low).

Each kind also runs in its own process per round (the second table): there the competitors
(Stubber, httpx_mock, moto) and the baseline run with `-p no:pinpoint`, as in a suite that does
not install this plugin, and the `empty` kind (plugin loaded, fixture unused) shows what the
live-send guard costs every other test. Those runs also give the whole-run CPU time per test.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import dummy_aws_env, interleave, ratios, spread

TIMER_PLUGIN = """
import json, os, time
import pytest

_starts = []

@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    _starts.append((item.name, time.process_time()))
    return (yield)

def pytest_unconfigure(config):
    with open(os.environ["PERTEST_OUT"], "w") as f:
        json.dump(_starts, f)
"""

CLIENT = """
import boto3

CLIENT = boto3.session.Session().client("pinpoint", region_name="us-west-2")
REQUEST = {
    "ApplicationId": "611e3e3cdd47474c9c1399a505665b91",
    "SendUsersMessageRequest": {
        "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
        "Users": {"testuser": {}},
    },
}
"""
STUBBER_HEAD = """
import copy
from botocore.stub import Stubber

RESPONSE = {"SendUsersMessageResponse": {
    "ApplicationId": "611e3e3cdd47474c9c1399a505665b91",
    "RequestId": "e0b12cf5-2359-11e9-bb0b-d5fb91876b25",
    "Result": {"testuser": {"testuserendpoint": {
        "DeliveryStatus": "SUCCESSFUL", "MessageId": "7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",
        "StatusCode": 200, "Address": "+12345678900",
        "StatusMessage": "MessageId: 7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0"}}}}}
"""
# kind -> (module head, test signature, test body, extra pytest args)
NO_PLUGIN = ("-p", "no:pinpoint")
KINDS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "empty_no_plugin": ("", "", "    pass\n", NO_PLUGIN),
    "empty": ("", "", "    pass\n", ()),
    "fixture": ("", "pinpoint_stub", "    pass\n", ()),
    "fixture_send": (CLIENT, "pinpoint_stub", "    CLIENT.send_users_messages(**REQUEST)\n", ()),
    "stubber_send": (
        CLIENT + STUBBER_HEAD,
        "",
        "    with Stubber(CLIENT) as stubber:\n"
        '        stubber.add_response("send_users_messages", copy.deepcopy(RESPONSE), REQUEST)\n'
        "        CLIENT.send_users_messages(**REQUEST)\n"
        "        stubber.assert_no_pending_responses()\n",
        NO_PLUGIN,
    ),
    "httpx_mock": ("", "httpx_mock", "    pass\n", NO_PLUGIN),
    "moto": (
        "from moto import mock_aws\n" + CLIENT,
        "",
        "    with mock_aws():\n"
        '        app = CLIENT.create_app(CreateApplicationRequest={"Name": "bench"})\n'
        '        CLIENT.get_app(ApplicationId=app["ApplicationResponse"]["Id"])\n',
        NO_PLUGIN,
    ),
}
BASELINE = "empty_no_plugin"
NEEDS = {"httpx_mock": "pytest_httpx", "moto": "moto"}  # the kinds that need an extra package
# run test by test in one process (plugin loaded): the figures behind the target ratios
MIXED = ["empty", "fixture", "fixture_send", "stubber_send", "httpx_mock"]
SLOW_KINDS = {"moto": 5}  # tests per kind divided by this: ~10 ms each


def write_suite(root: Path, kind: str, count: int) -> Path:
    """`root/<kind>/test_<kind>.py` with `count` tests of that kind, and its pytest.ini."""
    head, fixture, body, _ = KINDS[kind]
    folder = root / kind
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pytest.ini").write_text("[pytest]\n")
    tests = "".join(f"\n\ndef test_{i}({fixture}):\n{body}" for i in range(count))
    path = folder / f"test_{kind}.py"
    path.write_text(head + tests)
    return path


def write_mixed(root: Path, count: int) -> Path:
    """`root/mixed/test_mixed.py`: `count` tests of each MIXED kind, interleaved test by test
    (the order of the kinds rotating), all in one module."""
    folder = root / "mixed"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pytest.ini").write_text("[pytest]\n")
    tests = []
    for i in range(count):
        k = i % len(MIXED)
        for kind in MIXED[k:] + MIXED[:k]:
            _, fixture, body, _ = KINDS[kind]
            tests.append(f"\n\ndef test_{kind}_{i}({fixture}):\n{body}")
    path = folder / "test_mixed.py"
    path.write_text(CLIENT + STUBBER_HEAD + "".join(tests))
    return path


def _mixed(root: Path, count: int, sink: dict[str, list[float]]) -> Any:
    """A variant: one pytest process running the MIXED kinds test by test; the median duration
    of each kind's tests (after the first tenth of the run) goes to `sink`."""
    path = write_mixed(root, count)
    out = root / "mixed.json"
    env = {**os.environ, "PERTEST_OUT": str(out), "PYTHONPATH": str(root)}
    command = [*pytest_command(path, "empty"), "-p", "_pertest_timer"]

    def measure() -> float:
        done = subprocess.run(command, cwd=path.parent, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"mixed: pytest exited {done.returncode}\n{done.stdout[-2000:]}")
        stamps = json.loads(out.read_text())
        stamps = stamps[len(stamps) // 10 :]
        durations: dict[str, list[float]] = {}
        for (name, start), (_, end) in itertools.pairwise(stamps):
            durations.setdefault(name.rsplit("_", 1)[0].removeprefix("test_"), []).append(
                end - start
            )
        for kind, values in durations.items():
            sink.setdefault(kind, []).append(statistics.median(values))
        return 0.0

    return measure


def pytest_command(path: Path, kind: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        *KINDS[kind][3],
        str(path),
    ]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _per_test(root: Path, kind: str, count: int, side: dict[str, list[float]]) -> Any:
    path = write_suite(root, kind, count)
    out = root / f"{kind}.json"
    env = {**os.environ, "PERTEST_OUT": str(out), "PYTHONPATH": str(root)}
    command = [*pytest_command(path, kind), "-p", "_pertest_timer"]

    def measure() -> float:
        cpu = _children_cpu()
        done = subprocess.run(command, cwd=path.parent, env=env, capture_output=True, text=True)
        side["run"].append((_children_cpu() - cpu) / count)
        if done.returncode != 0:
            raise RuntimeError(f"{kind}: pytest exited {done.returncode}\n{done.stdout[-2000:]}")
        starts: list[float] = [stamp for _, stamp in json.loads(out.read_text())]
        window = starts[len(starts) // 10 :]  # the first tenth pays one-time imports
        # the last stamp starts the last test (module teardown): the window ends there
        durations = [b - a for a, b in itertools.pairwise(window)]
        side["mean"].append(sum(durations) / len(durations))
        return statistics.median(durations)

    return measure


def run(quick: bool = False) -> dict[str, Any]:
    dummy_aws_env()
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    count, rounds = (100, 2) if quick else (200, 4)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "_pertest_timer.py").write_text(TIMER_PLUGIN)
        kinds = [k for k in KINDS if importlib.util.find_spec(NEEDS.get(k, "pytest"))]
        side: dict[str, dict[str, list[float]]] = {k: {"mean": [], "run": []} for k in kinds}
        variants = {
            kind: _per_test(root, kind, count // SLOW_KINDS.get(kind, 1), side[kind])
            for kind in kinds
        }
        paired: dict[str, list[float]] = {}
        if all(k in kinds for k in MIXED):
            variants["mixed"] = _mixed(root, count, paired)
        samples = interleave(variants, rounds)
        samples.pop("mixed", None)
    empty = samples[BASELINE]
    overhead = {kind: [a - b for a, b in zip(s, empty, strict=True)] for kind, s in samples.items()}
    out: dict[str, Any] = {"tests": count, "rounds": rounds}
    out["missing"] = {k: f"n/a: {NEEDS[k]} is not installed" for k in KINDS if k not in samples}
    out["per_test"] = {kind: spread(s) for kind, s in samples.items()}
    out["mean_per_test"] = {kind: spread(s["mean"]) for kind, s in side.items()}
    # the whole pytest process's CPU time / tests: start-up, collection, one-time imports too
    run_cpu = {kind: s["run"] for kind, s in side.items()}
    out["whole_run"] = {kind: spread(s) for kind, s in run_cpu.items()}
    if "stubber_send" in run_cpu:
        out["whole_run_send_vs_stubber"] = _pair(run_cpu, "fixture_send", "stubber_send")
    out["overhead"] = {
        kind: {**spread(o), "best_minus_best": min(samples[kind]) - min(empty)}
        for kind, o in overhead.items()
        if kind != BASELINE
    }
    if paired:
        out["paired"] = {kind: spread(s) for kind, s in paired.items()}
        out["paired_overhead"] = {
            kind: min(s) - min(paired["empty"]) for kind, s in paired.items() if kind != "empty"
        }
    for name, (a, b) in PAIRS.items():
        if paired and a in paired and b in paired:  # one process, paired test by test
            out[name] = _pair(paired, a, b, "empty")
        elif a in samples and b in samples:
            out[name] = _pair(samples, a, b)
    return out


def _pair(
    samples: dict[str, list[float]], a: str, b: str, baseline: str = BASELINE
) -> dict[str, float]:
    """`a`'s overhead over the baseline against `b`'s: per-round ratios, and the ratio of the
    best figures with the best baseline subtracted."""
    base = samples[baseline]
    pair = ratios(
        [x - y for x, y in zip(samples[a], base, strict=True)],
        [x - y for x, y in zip(samples[b], base, strict=True)],
    )
    below = min(samples[b]) - min(base)
    pair["best"] = (min(samples[a]) - min(base)) / below if below > 0 else float("nan")
    return pair


PAIRS = {
    "send_vs_stubber": ("fixture_send", "stubber_send"),
    "fixture_vs_httpx": ("fixture", "httpx_mock"),
    "moto_vs_send": ("moto", "fixture_send"),
}


if __name__ == "__main__":
    print(json.dumps(run("--quick" in sys.argv), indent=1))
