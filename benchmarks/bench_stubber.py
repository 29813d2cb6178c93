"""What ContractStubber costs per call, against a plain botocore Stubber (issue 18: <= 1.5x).

python benchmarks/bench_stubber.py [--quick]

One call = what a Stubber test does per call: ``add_response`` of the seed's response with the
seed's expected params, then ``client.send_users_messages``. Both stubbers run in one process,
interleaved round by round (the order alternates), so a slow moment of a shared machine hits
both; the result is the best round of each, and the spread of the per-round ratios.
"""

from __future__ import annotations

import copy
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import SEED_REQUEST, SEED_RESPONSE_BODY, dummy_aws_env

TARGET = 1.5  # issue 18: "a ContractStubber call stays within 1.5x a plain Stubber call"


def _call(stubber_class: type) -> Callable[[], Any]:
    import boto3

    client = boto3.session.Session().client("pinpoint", region_name="us-west-2")
    response = {"SendUsersMessageResponse": json.loads(SEED_RESPONSE_BODY)}
    stubber = stubber_class(client)
    stubber.activate()

    def call() -> Any:
        stubber.add_response("send_users_messages", copy.deepcopy(response), SEED_REQUEST)
        return client.send_users_messages(**SEED_REQUEST)

    call()  # warm caches (model, validators, serializers)
    return call


def _round(fn: Callable[[], Any], number: int) -> float:
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        return (time.perf_counter() - start) / number
    finally:
        gc.enable()


def run(quick: bool = False) -> dict[str, Any]:
    from botocore.stub import Stubber

    from pytest_pinpoint import ContractStubber

    dummy_aws_env()
    number, rounds = (200, 5) if quick else (1000, 9)
    plain, checked = _call(Stubber), _call(ContractStubber)
    times: dict[str, list[float]] = {"stubber": [], "contract_stubber": []}
    for i in range(rounds):
        pair = [("stubber", plain), ("contract_stubber", checked)]
        for name, fn in pair if i % 2 == 0 else pair[::-1]:
            times[name].append(_round(fn, number))
    ratios = [c / p for p, c in zip(times["stubber"], times["contract_stubber"], strict=True)]
    return {
        "calls_per_round": number,
        "rounds": rounds,
        "stubber": min(times["stubber"]),
        "contract_stubber": min(times["contract_stubber"]),
        "ratio": min(times["contract_stubber"]) / min(times["stubber"]),
        "ratio_spread": (min(ratios), max(ratios)),
    }


def main() -> int:
    out = run(quick="--quick" in sys.argv)
    low, high = out["ratio_spread"]
    print(
        f"Stubber {out['stubber'] * 1e6:,.0f} µs/call, ContractStubber "
        f"{out['contract_stubber'] * 1e6:,.0f} µs/call (best of {out['rounds']} interleaved "
        f"rounds of {out['calls_per_round']}): {out['ratio']:.2f}x, per-round ratios "
        f"{low:.2f}-{high:.2f}x (target <= {TARGET}x)"
    )
    return 0 if out["ratio"] <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
