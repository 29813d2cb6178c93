"""Where the stub's share of a call goes, measured inside the real call (not in a tight loop).

python benchmarks/ablate_call.py [--rounds 15] [--repeat 3]

A stubbed send costs the canned before-send floor plus the stub's own work. Timing that work
alone in a loop (`PinpointStub.handle` called back to back) reads about half of what it costs
inside a call, where botocore's serializer, signer and parser run between two of its requests.
So each variant below replaces one part of the stub and is timed against the floor with
`common.paired`, in a process of its own (a replaced function stays replaced):

- `stub`: the stub as shipped (strict mode);
- `no-contract`: the send path without the contract check (what the check costs in a call);
- `minimal`: `handle` parses the body and answers the canned shape with fresh IDs, nothing
  else (what the interception and a reply cost: the least any fake can cost).

Each figure is µs over the floor (best round), repeated --repeat times in alternation.
Findings: benchmarks/PROFILE.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

VARIANTS = ("stub", "no-contract", "minimal")


def _minimal_handle(self: Any, method: str, url: str, headers: Any, body: bytes) -> Any:
    from pytest_pinpoint.service.http import HttpReply, dumps_json, loads_json

    state = self._svc.state
    users = loads_json(body).get("Users", {})
    request_id = state.request_id()
    result = {}
    for user in users:
        message_id = state.message_id()
        entry = {
            "DeliveryStatus": "SUCCESSFUL",
            "MessageId": message_id,
            "StatusCode": 200,
            "StatusMessage": f"MessageId: {message_id}",
            "Address": "+12345678900",
        }
        result[user] = {f"{user}endpoint": entry}
    payload = {"ApplicationId": "app", "RequestId": request_id, "Result": result}
    headers = {"Content-Type": "application/json", "x-amzn-RequestId": request_id}
    return HttpReply(200, headers, dumps_json(payload))


def measure(variant: str, rounds: int) -> float:
    """µs the stub's send costs over the floor (best round against best round)."""
    from bench_calls import _client, floor_client, stub_call
    from common import SEED_REQUEST, SEED_RESPONSE_BODY, dummy_aws_env, paired

    dummy_aws_env()
    from pytest_pinpoint import PinpointStub
    from pytest_pinpoint.service import pipeline
    from pytest_pinpoint.service.stub import PinpointStub as Stub

    floor, client = floor_client("SendUsersMessages", SEED_RESPONSE_BODY), _client()
    with PinpointStub(seed=0, contract="strict") as stub:
        calls = {
            "floor": lambda: floor.send_users_messages(**SEED_REQUEST),
            "stub": stub_call(stub, client.send_users_messages, SEED_REQUEST),
        }
        for call in calls.values():
            call()  # one-time patching and imports
        if variant == "no-contract":
            pipeline.check_wire_request = lambda *args: []  # type: ignore[assignment]
        elif variant == "minimal":
            Stub.handle = _minimal_handle  # type: ignore[method-assign]
        best: dict[str, float] = {}
        for _ in range(rounds):
            for name, seconds in paired(calls, 60).items():
                best[name] = min(best.get(name, seconds), seconds)
    return (best["stub"] - best["floor"]) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        print(f"{measure(args.variant, args.rounds):.1f}")
        return
    here = Path(__file__).resolve().parent
    found: dict[str, list[float]] = {v: [] for v in VARIANTS}
    for _ in range(args.repeat):
        for variant in VARIANTS:
            command = [sys.executable, str(here / "ablate_call.py"), "--variant", variant]
            command += ["--rounds", str(args.rounds)]
            out = subprocess.run(command, cwd=here, check=True, capture_output=True, text=True)
            found[variant].append(float(out.stdout.strip()))
    print("| variant | µs over the floor: best (all runs) |\n| --- | ---: |")
    for variant, values in found.items():
        print(f"| {variant} | {min(values):.0f} ({', '.join(f'{v:.0f}' for v in values)}) |")


if __name__ == "__main__":
    main()
