"""`make soak`: >= 100,000 malformed inputs through every way in, and the concurrency figures.

Prints `internal errors: N` (must be 0). An internal error is any exception other than a
PinpointStubError escaping the plugin, or an HTTP reply that is not service-shaped.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.update(
    AWS_ACCESS_KEY_ID="soak", AWS_SECRET_ACCESS_KEY="soak", AWS_DEFAULT_REGION="us-east-1"
)

from pytest_pinpoint import PinpointStub, PinpointStubError, validate_request, validate_response
from tests.reliability.junk import Mutator, boto3_internal_errors
from tests.reliability.ops_junk import ops_boto3_internal_errors, ops_server_internal_errors
from tests.reliability.sms_v2_junk import (
    sms_v2_boto3_internal_errors,
    sms_v2_server_internal_errors,
)

URL = "https://pinpoint.us-east-1.amazonaws.com/v1/apps/app/users-messages"
TOTAL = int(os.environ.get("SOAK_INPUTS", "100000"))


def _record_internal(
    kind: str, exc: BaseException, internal: Counter[str], examples: dict[str, str]
) -> None:
    key = f"{kind}: {type(exc).__name__}"
    internal[key] += 1
    examples.setdefault(key, "".join(traceback.format_exception(exc)))


def _through_boto3(
    mutator: Mutator, n: int, internal: Counter[str], examples: dict[str, str]
) -> Counter[str]:
    for exc in boto3_internal_errors(mutator, n):
        _record_internal("boto3", exc, internal, examples)
    return Counter({"boto3": n})


def _through_server(
    mutator: Mutator, n: int, internal: Counter[str], examples: dict[str, str]
) -> Counter[str]:
    import http.client

    from pytest_pinpoint import LoopbackServer

    with LoopbackServer(contract="strict") as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        for _ in range(n):
            try:
                conn.request(
                    "POST",
                    "/v1/apps/app/users-messages",
                    body=mutator.raw_bytes(),
                    headers={"Content-Type": "application/json"},
                )
                resp = conn.getresponse()
                payload = resp.read()
                if resp.status not in (200, 400, 404, 405, 413):
                    raise AssertionError(f"unexpected status {resp.status}: {payload[:200]!r}")
                json.loads(payload)
            except Exception as exc:
                _record_internal("server", exc, internal, examples)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            server.stub.calls.clear()
            server.stub.sent.clear()
        conn.close()
        for exc in server.errors:
            _record_internal("server handler", exc, internal, examples)
    return Counter({"server": n})


def main() -> int:
    internal: Counter[str] = Counter()
    examples: dict[str, str] = {}
    mutator = Mutator(seed=int(os.environ.get("SOAK_SEED", "0")))
    counts: Counter[str] = Counter()
    start = time.perf_counter()
    stub = PinpointStub(contract="strict")  # handle() needs no interception, nor its teardown check
    for i in range(TOTAL):
        kind = ("validate_request", "validate_response", "handle")[i % 3]
        try:
            if kind == "validate_request":
                validate_request(
                    {"ApplicationId": "app", "SendUsersMessageRequest": mutator.body()}
                )
            elif kind == "validate_response":
                validate_response({"SendUsersMessageResponse": mutator.body()})
            else:
                reply = stub.handle(
                    "POST", URL, {"Content-Type": "application/json"}, mutator.raw_bytes()
                )
                if reply.status not in (200, 400, 404, 405, 413):
                    raise AssertionError(f"unexpected status {reply.status}")
                json.loads(reply.body)
                stub.calls.clear()
                stub.sent.clear()
        except PinpointStubError:
            pass
        except Exception as exc:
            key = f"{kind}: {type(exc).__name__}"
            internal[key] += 1
            examples.setdefault(key, traceback.format_exc())
        counts[kind] += 1
    # The same junk through the wire: boto3's interception and the loopback server.
    wire = int(os.environ.get("SOAK_WIRE_INPUTS", "5000"))
    counts.update(_through_boto3(mutator, wire, internal, examples))
    counts.update(_through_server(mutator, wire, internal, examples))
    # The app's own calls (apps, endpoints, templates), through boto3 and the server.
    for exc in ops_boto3_internal_errors(1, wire):
        _record_internal("ops boto3", exc, internal, examples)
    for text in ops_server_internal_errors(2, wire):
        internal["ops server"] += 1
        examples.setdefault("ops server", text)
    counts.update({"ops boto3": wire, "ops server": wire})
    # The SMS and voice v2 unit (issue 27): its json 1.0 front door, through boto3 and the server.
    for exc in sms_v2_boto3_internal_errors(3, wire):
        _record_internal("sms v2 boto3", exc, internal, examples)
    for text in sms_v2_server_internal_errors(4, wire):
        internal["sms v2 server"] += 1
        examples.setdefault("sms v2 server", text)
    counts.update({"sms v2 boto3": wire, "sms v2 server": wire})
    elapsed = time.perf_counter() - start
    print(
        f"inputs: {sum(counts.values()):,} "
        f"({', '.join(f'{k} {v:,}' for k, v in counts.items())}) in {elapsed:.1f} s"
    )

    # Concurrency: 8 threads x 1,000 calls through one stub.
    threads, per_thread = 8, 1000
    with PinpointStub(seed=1) as stub:
        stub.outcome("THROTTLED", times=2000)
        barrier = threading.Barrier(threads)
        body = json.dumps(
            {"MessageConfiguration": {"SMSMessage": {"Body": "x"}}, "Users": {"u": {}}}
        ).encode()

        def work(_: int) -> int:
            barrier.wait()
            return sum(stub.handle("POST", URL, {}, body).status == 200 for _ in range(per_thread))

        t0 = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            ok = sum(pool.map(work, range(threads)))
        took = time.perf_counter() - t0
        ids = {m.message_id for m in stub.sent}
        throttled = sum(m.status == "THROTTLED" for m in stub.sent)
        print(
            f"concurrency: {threads} threads x {per_thread:,} calls: {ok:,} answered 200, "
            f"{len(stub.calls):,} calls recorded, {len(ids):,} unique MessageIds, "
            f"{throttled:,}/2,000 scripted THROTTLED consumed, {took:.1f} s"
        )
        if not (ok == len(stub.calls) == len(ids) == threads * per_thread and throttled == 2000):
            internal["concurrency"] += 1

    for key, text in examples.items():
        print(f"\n--- {key} (x{internal[key]}) ---\n{text}")
    print(f"internal errors: {sum(internal.values())}")
    return 1 if internal else 0


if __name__ == "__main__":
    raise SystemExit(main())
