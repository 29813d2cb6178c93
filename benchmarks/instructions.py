"""Instructions the stub adds to one call, counted by callgrind: the same every run.

python benchmarks/instructions.py [--calls 100] [--per-message]
                                                   (needs valgrind: callgrind, callgrind_control)

The timed figures of bench_calls move by ±4 µs on a shared machine, as much as most single
changes to the send path. Instruction counts do not: this runs a loop of calls under valgrind's
callgrind, counting only inside the loop (instrumentation is switched on with
``callgrind_control -i on`` after start-up), once with the stub's sends and once with the
canned floor in their place. The difference per call is the stub's own work, with the L1
cache misses callgrind simulates (a cold path costs misses as well as instructions). Both
operations of bench_calls are sent in turn, so the figures are their mean.

``--per-message`` counts bench_calls' scale pair instead: 100 users with three SMS endpoints
each against 100 users with one, per extra endpoint message (the whole call: botocore's parse
of each result entry is about half of it).

Instructions are not time: inside a call the stub's code runs at about half the rate of
botocore's (it is cold each time), so use this to compare versions of the code, and
bench_calls for the ratio the issue sets. Findings: benchmarks/PROFILE.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# callgrind's summary line: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw (with --cache-sim=yes)
_COLLECTED = re.compile(r"Collected : ([\d ]+)")


def _loop(mode: str, calls: int) -> None:
    """The measured process: warm up, switch instrumentation on, run the loop."""
    sys.path.insert(0, str(HERE))
    from bench_calls import (
        SEND_MESSAGES_REQUEST,
        SEND_MESSAGES_RESPONSE_BODY,
        _client,
        floor_client,
        stub_call,
    )
    from common import SEED_REQUEST, SEED_RESPONSE_BODY, dummy_aws_env

    dummy_aws_env()
    from pytest_pinpoint import PinpointStub

    client = _client()
    floor_users = floor_client("SendUsersMessages", SEED_RESPONSE_BODY)
    floor_messages = floor_client("SendMessages", SEND_MESSAGES_RESPONSE_BODY)
    with PinpointStub(seed=0, contract="strict") as stub:
        floors = (
            lambda: floor_users.send_users_messages(**SEED_REQUEST),
            lambda: floor_messages.send_messages(**SEND_MESSAGES_REQUEST),
        )
        stubs = (
            stub_call(stub, client.send_users_messages, SEED_REQUEST),
            stub_call(stub, client.send_messages, SEND_MESSAGES_REQUEST),
        )
        measured = stubs if mode == "stub" else floors
        for call in (*floors, *stubs, *floors, *stubs):
            call()  # imports, patching, caches
        gc.disable()
        on = ["callgrind_control", "-i", "on", str(os.getpid())]
        subprocess.run(on, check=True, capture_output=True)
        for _ in range(calls):
            for call in measured:
                call()


def _scale_loop(endpoints: int, calls: int) -> None:
    """The measured process of --per-message: 100 users with ``endpoints`` SMS endpoints each."""
    sys.path.insert(0, str(HERE))
    from bench_calls import _client, _sms_endpoints, scale_request, stub_call
    from common import dummy_aws_env

    dummy_aws_env()
    from pytest_pinpoint import PinpointStub

    client = _client()
    with PinpointStub(seed=0, contract="strict") as stub:
        for u in range(100):
            stub.add_user(f"u-{u}", endpoints=_sms_endpoints(u, endpoints))
        call = stub_call(stub, client.send_users_messages, scale_request(100, "u"))
        for _ in range(3):
            call()  # imports, patching, caches
        gc.disable()
        on = ["callgrind_control", "-i", "on", str(os.getpid())]
        subprocess.run(on, check=True, capture_output=True)
        for _ in range(calls):
            call()


def _count(mode: str, calls: int, out: Path) -> list[int]:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        "--cache-sim=yes",
        f"--callgrind-out-file={out / mode}.out",
        sys.executable,
        __file__,
        "--child",
        mode,
        "--calls",
        str(calls),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        sys.exit(f"callgrind run ({mode}) failed:\n{done.stderr[-2000:]}")
    return [int(x) for x in found.group(1).split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100, help="loop turns (2 sends each)")
    parser.add_argument("--per-message", action="store_true", help="the 100 x 3 vs 100 x 1 pair")
    parser.add_argument(
        "--child", choices=("stub", "floor", "scale1", "scale3"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        if args.child.startswith("scale"):
            _scale_loop(int(args.child[-1]), args.calls)
        else:
            _loop(args.child, args.calls)
        return
    missing = [tool for tool in ("valgrind", "callgrind_control") if shutil.which(tool) is None]
    if missing:
        sys.exit(f"needs valgrind's callgrind: {', '.join(missing)} not found on PATH")
    if args.per_message:
        calls = max(1, args.calls // 10)  # a 100-user call is ~15 times a seed call
        with tempfile.TemporaryDirectory() as tmp:
            one, three = (_count(mode, calls, Path(tmp)) for mode in ("scale1", "scale3"))
        print(f"per extra endpoint message (100 users x 3 vs x 1 SMS endpoints, {calls} calls):")
        print(f"  instructions {(three[0] - one[0]) / calls / 200:,.0f}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        stub, floor = (_count(mode, args.calls, Path(tmp)) for mode in ("stub", "floor"))
    sends = 2 * args.calls
    ir = (stub[0] - floor[0]) / sends
    i1 = (stub[3] - floor[3]) / sends
    d1 = (stub[4] + stub[5] - floor[4] - floor[5]) / sends
    print(f"per call, the stub over the canned floor ({sends} sends of each, mean of both ops):")
    print(f"  instructions {ir:,.0f}  L1i misses {i1:,.0f}  L1d misses {d1:,.0f}")
    print(f"  (the floor itself: {floor[0] / sends:,.0f} instructions per call)")


if __name__ == "__main__":
    main()
