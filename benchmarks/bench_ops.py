"""The app's own calls: registering endpoints and sending to registered users, as a ratio to
the ``add_user`` path (issue 12).

python benchmarks/bench_ops.py [--quick]

Four measurements, interleaved round by round in one process (a slow moment of a shared
machine hits all of them), best round of each:

- register 1,000 endpoints (334 users of up to 3) with 1,000 ``update_endpoint`` calls through
  boto3; with 10 ``update_endpoints_batch`` calls of 100; with 334 ``stub.add_user`` calls (the
  floor: no HTTP, no botocore);
- one ``send_users_messages`` to 100 users of 3 SMS endpoints each, registered by the app
  (``update_endpoints_batch``) or by ``add_user``: the send itself should cost the same.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import dummy_aws_env

ENDPOINTS = 1000
SEND_USERS = 100
PER_USER = 3


def _endpoint(i: int) -> dict[str, Any]:
    return {"ChannelType": "SMS", "Address": f"+1206{i:07d}", "User": {"UserId": f"u{i // 3}"}}


def _timed(setup: Callable[[], Any], work: Callable[[Any], Any]) -> float:
    """Seconds for ``work(setup())`` (setup not timed; GC off while timing)."""
    arg = setup()
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        work(arg)
        return time.perf_counter() - start
    finally:
        gc.enable()
        stub = arg[0]
        stub.stop()


def _fresh() -> tuple[Any, Any]:
    from pytest_pinpoint import PinpointStub

    stub = PinpointStub(fail_on_unused=False).start()
    return stub, stub.client()


def register_update_endpoint(arg: tuple[Any, Any]) -> None:
    _, client = arg
    for i in range(ENDPOINTS):
        client.update_endpoint(
            ApplicationId="app", EndpointId=f"e{i}", EndpointRequest=_endpoint(i)
        )


def register_batch(arg: tuple[Any, Any]) -> None:
    _, client = arg
    for start in range(0, ENDPOINTS, 100):
        items = [{**_endpoint(i), "Id": f"e{i}"} for i in range(start, start + 100)]
        client.update_endpoints_batch(ApplicationId="app", EndpointBatchRequest={"Item": items})


def register_add_user(arg: tuple[Any, Any]) -> None:
    stub, _ = arg
    users: dict[str, dict[str, Any]] = {}
    for i in range(ENDPOINTS):
        users.setdefault(f"u{i // 3}", {})[f"e{i}"] = {
            "ChannelType": "SMS",
            "Address": f"+1206{i:07d}",
        }
    for user, endpoints in users.items():
        stub.add_user(user, endpoints)


SEND = {
    "MessageConfiguration": {"SMSMessage": {"Body": "Hi {{Name}}"}},
    "Users": {f"u{i}": {"Substitutions": {"Name": [f"n{i}"]}} for i in range(SEND_USERS)},
}


def _send_setup(by_app: bool) -> Callable[[], tuple[Any, Any]]:
    def setup() -> tuple[Any, Any]:
        stub, client = _fresh()
        if by_app:
            items = [{**_endpoint(i), "Id": f"e{i}"} for i in range(SEND_USERS * PER_USER)]
            for start in range(0, len(items), 100):
                client.update_endpoints_batch(
                    ApplicationId="app", EndpointBatchRequest={"Item": items[start : start + 100]}
                )
        else:
            for u in range(SEND_USERS):
                stub.add_user(
                    f"u{u}",
                    {
                        f"e{3 * u + k}": {"ChannelType": "SMS", "Address": f"+1206{3 * u + k:07d}"}
                        for k in range(PER_USER)
                    },
                )
        return stub, client

    return setup


def send(arg: tuple[Any, Any]) -> None:
    stub, client = arg
    reply = client.send_users_messages(ApplicationId="app", SendUsersMessageRequest=SEND)
    result = reply["SendUsersMessageResponse"]["Result"]
    assert sum(len(v) for v in result.values()) == SEND_USERS * PER_USER, result
    assert len(stub.sent) == SEND_USERS * PER_USER


def run(quick: bool = False) -> dict[str, float]:
    dummy_aws_env()
    cases: dict[str, tuple[Callable[[], Any], Callable[[Any], Any]]] = {
        "register: 1,000 update_endpoint": (_fresh, register_update_endpoint),
        "register: 10 update_endpoints_batch": (_fresh, register_batch),
        "register: add_user (floor)": (_fresh, register_add_user),
        "send 100 users x 3: registered by the app": (_send_setup(True), send),
        "send 100 users x 3: registered by add_user": (_send_setup(False), send),
    }
    rounds = 2 if quick else 5
    best = {name: float("inf") for name in cases}
    names = list(cases)
    for r in range(rounds):
        for name in names if r % 2 == 0 else reversed(names):
            setup, work = cases[name]
            best[name] = min(best[name], _timed(setup, work))
    return best


def report(best: dict[str, float]) -> str:
    """The Markdown section of benchmarks/RESULTS.md."""
    floor = best["register: add_user (floor)"]
    send_floor = best["send 100 users x 3: registered by add_user"]
    out = [
        "",
        "## The app's own calls (`benchmarks/bench_ops.py`, best of interleaved rounds)",
        "",
        "| what | time | × the add_user path |",
        "| --- | ---: | ---: |",
    ]
    for name, seconds in best.items():
        base = send_floor if name.startswith("send") else floor
        out.append(f"| {name} | {seconds * 1000:,.1f} ms | {seconds / base:.1f}× |")
    return "\n".join([*out, ""])


def main() -> int:
    print(report(run("--quick" in sys.argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def section(result: dict[str, float]) -> str:
    """The RESULTS.md section (benchmarks/run.py calls it)."""
    return report(result)
