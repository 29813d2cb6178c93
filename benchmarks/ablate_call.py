"""Where the stub's share of a call goes, measured inside the real call (not in a tight loop).

python benchmarks/ablate_call.py [--rounds 15] [--repeat 3] [--warm]

A stubbed send costs the canned before-send floor plus the stub's own work. Timing that work
alone in a loop (`PinpointStub.handle` called back to back) reads about half of what it costs
inside a call, where botocore's serializer, signer and parser run between two of its requests.
So each variant below replaces one part of the stub and is timed against the floor with
`common.paired`, in a process of its own (a replaced function stays replaced):

- `stub`: the stub as shipped (strict mode);
- `no-contract`: the send path without the contract check (what the check costs in a call);
- `flat`: the seed request's work in one function, hard-wired to its shape: the SDK headers,
  the parse, the type checks the contract makes on its members, a request ID, a `Call`, the
  invented endpoint, a MessageId, a `SentMessage` and the reply (what the stub would cost with
  none of its layers: routing, the generic checkers, the channel plans, the delivery rules).
  Before it is timed, its reply and records are checked equal to the stub's;
- `minimal`: `handle` parses the body and answers the canned shape with fresh IDs, nothing
  else (what the interception and a reply cost: the least any fake can cost);
- `canned`: `handle` returns a reply built once (what the interception alone costs).

Each figure is µs over the floor, repeated --repeat times in alternation: the best round
against the best round, and the median of 1,000 single calls timed one by one against the
floor's median (the calls alternate in a new random order each turn). ``--warm`` adds what
`handle` costs called back to back, with its caches warm. Findings: benchmarks/PROFILE.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

VARIANTS = ("stub", "no-contract", "flat", "minimal", "canned")
OPERATION = "SendUsersMessages"


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


def _flat_handle(self: Any, method: str, url: str, headers: Any, body: bytes) -> Any:
    from pytest_pinpoint.service.http import HttpReply, dumps_json, loads_json, sdk_headers
    from pytest_pinpoint.service.record import Call, SentMessage

    svc, app_id = self._svc, url.split("/")[-2]  # .../v1/apps/{app}/users-messages
    sdk, doc = sdk_headers(headers), loads_json(body)
    config, users = doc.get("MessageConfiguration"), doc.get("Users")
    sms = config.get("SMSMessage") if type(config) is dict else None
    valid = type(users) is dict and 0 < len(users) <= 100 and type(sms) is dict
    for key, value in sms.items() if valid else ():  # loops: a generator is a frame more
        valid = valid and type(key) is str and type(value) is str
    for user, conf in users.items() if valid else ():
        valid = valid and type(user) is str and user.strip() != "" and type(conf) is dict
    if not valid:
        raise AssertionError("flat serves the seed request only")
    state, result = svc.state, {}
    with state.lock:
        request_id = state.request_id()
        params = {"ApplicationId": app_id, "SendUsersMessageRequest": doc}
        invocation = sdk.get("amz-sdk-invocation-id")
        call = Call(params, None, None, 1, 200, [], request_id, method, url, invocation, OPERATION)
        svc.record.calls.append(call)
        message_ids = state.message_ids(len(users))
        for i, user in enumerate(users):
            message_id = message_ids[i]
            endpoint, text = user + "endpoint", "MessageId: " + message_id
            sent = SentMessage(
                user, endpoint, "SMS", "+12345678900", sms.get("Body"), None, {}, None, None,
                None, None, "SUCCESSFUL", 200, text, message_id, request_id, app_id,
                state.clock, OPERATION, None,
            )  # fmt: skip
            svc.record.sent.append(sent)
            result[user] = {
                endpoint: {
                    "DeliveryStatus": "SUCCESSFUL",
                    "MessageId": message_id,
                    "StatusCode": 200,
                    "StatusMessage": text,
                    "Address": sent.address,
                }
            }
        payload = {"ApplicationId": app_id, "RequestId": request_id, "Result": result}
        call.response = {"SendUsersMessageResponse": payload}
    headers = {"Content-Type": "application/json", "x-amzn-RequestId": request_id}
    return HttpReply(200, headers, dumps_json(payload))


def _check_flat(client: Any, request: dict[str, Any]) -> None:
    """`flat` must answer and record what the stub does for the seed (the same seed gives the
    same IDs), or it bounds nothing."""
    import dataclasses

    from pytest_pinpoint import PinpointStub
    from pytest_pinpoint.service.stub import PinpointStub as Stub

    real, seen = Stub.handle, []
    for handle in (real, _flat_handle):
        replies: list[Any] = []

        def keep(self: Any, *args: Any, handle: Any = handle, replies: list[Any] = replies) -> Any:
            replies.append(handle(self, *args))
            return replies[-1]

        Stub.handle = keep  # type: ignore[method-assign]
        try:
            with PinpointStub(seed=0, contract="strict") as stub:
                client.send_users_messages(**request)
        finally:
            Stub.handle = real  # type: ignore[method-assign]
        # the invocation ID is botocore's, new per call
        calls = [dataclasses.replace(call, invocation=None) for call in stub.calls]
        seen.append((replies, calls, stub.sent))
    if seen[0] != seen[1]:
        raise SystemExit(f"flat differs from the stub:\n{seen[0]}\n{seen[1]}")


def _medians(calls: dict[str, Any], pairs: int) -> dict[str, float]:
    """The median seconds of single calls, each timed on its own, the calls taken in a new
    (seeded) random order every turn."""
    import gc
    import random
    import statistics
    import time

    spent: dict[str, list[int]] = {name: [] for name in calls}
    order, shuffle, clock = list(calls), random.Random(0).shuffle, time.perf_counter_ns
    gc.disable()
    try:
        for _ in range(pairs):
            shuffle(order)
            for name in order:
                start = clock()
                calls[name]()
                spent[name].append(clock() - start)
    finally:
        gc.enable()
    return {name: statistics.median(ns) / 1e9 for name, ns in spent.items()}


def measure(variant: str, rounds: int) -> tuple[float, float]:
    """µs the stub's send costs over the floor: best round against best round, and median
    single call against median single call."""
    from bench_calls import _client, floor_client, stub_call
    from common import SEED_REQUEST, SEED_RESPONSE_BODY, dummy_aws_env, paired

    dummy_aws_env()
    from pytest_pinpoint import PinpointStub
    from pytest_pinpoint.service import pipeline
    from pytest_pinpoint.service.http import HttpReply
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
        elif variant == "flat":
            _check_flat(client, SEED_REQUEST)
            Stub.handle = _flat_handle  # type: ignore[method-assign]
        elif variant == "canned":
            headers = {"Content-Type": "application/json", "x-amzn-RequestId": "e0b12cf5"}
            reply = HttpReply(200, headers, SEED_RESPONSE_BODY)
            Stub.handle = lambda *args: reply  # type: ignore[method-assign]
        best: dict[str, float] = {}
        for _ in range(rounds):
            for name, seconds in paired(calls, 60).items():
                best[name] = min(best.get(name, seconds), seconds)
        median = _medians(calls, 1000)
    return (best["stub"] - best["floor"]) * 1e6, (median["stub"] - median["floor"]) * 1e6


def warm_handle(rounds: int) -> float:
    """µs of `PinpointStub.handle` for the seed request, called back to back (best round)."""
    import time

    from bench_calls import _client
    from common import SEED_REQUEST, dummy_aws_env

    dummy_aws_env()
    from pytest_pinpoint import PinpointStub
    from pytest_pinpoint.service.stub import PinpointStub as Stub

    seen: list[tuple[Any, ...]] = []
    handle = Stub.handle

    def keep(self: Any, *args: Any) -> Any:  # the request as the interception hands it over
        seen.append(args)
        return handle(self, *args)

    Stub.handle = keep  # type: ignore[method-assign]
    with PinpointStub(seed=0, contract="strict"):
        _client().send_users_messages(**SEED_REQUEST)
    Stub.handle = handle  # type: ignore[method-assign]
    stub, best = PinpointStub(seed=0, contract="strict"), float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(200):
            stub.handle(*seen[0])
            stub.calls.clear()
            stub.sent.clear()
        best = min(best, (time.perf_counter() - start) / 200)
    return best * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warm", action="store_true", help="also time handle back to back")
    parser.add_argument("--variant", choices=(*VARIANTS, "warm"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant == "warm":
        print(f"{warm_handle(args.rounds):.1f}")
        return
    if args.variant:
        print(" ".join(f"{v:.1f}" for v in measure(args.variant, args.rounds)))
        return
    here = Path(__file__).resolve().parent
    variants = (*VARIANTS, "warm") if args.warm else VARIANTS
    found: dict[str, list[list[float]]] = {v: [] for v in variants}
    for _ in range(args.repeat):
        for variant in variants:
            command = [sys.executable, str(here / "ablate_call.py"), "--variant", variant]
            command += ["--rounds", str(args.rounds)]
            out = subprocess.run(command, cwd=here, check=True, capture_output=True, text=True)
            found[variant].append([float(x) for x in out.stdout.split()])
    print("| variant | µs over the floor: best round (all runs) | median call (all runs) |")
    print("| --- | ---: | ---: |")
    for variant, runs in found.items():
        cells = []
        for column in zip(*runs, strict=True):
            cells.append(f"{min(column):.0f} ({', '.join(f'{v:.0f}' for v in column)})")
        if variant == "warm":  # not over the floor: handle alone, back to back
            print(f"| `handle` back to back, µs | {cells[0]} | |")
        else:
            print(f"| {variant} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
