"""What a Hypothesis ``@given`` test pays per example (issue 26: <= 2.5x a plain Stubber).

python benchmarks/bench_given.py [--quick]

The same property test twice: each example sends one SMS with the generated body through
``send_users_messages``. One variant takes a fresh stub per example from
``PinpointStubFactory`` (what the ``pinpoint_stub_factory`` fixture yields) and asserts on
``stub.sent``; the other is the hand-written equivalent, a ``botocore.stub.Stubber`` made per
example with the seed's response queued. Both run in one process, interleaved round by round,
with Hypothesis' own cost (generation, the example loop) in both; the figure is CPU time per
example, the best round of each, with the spread of the per-round ratios.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import APP_ID, SEED_RESPONSE_BODY, dummy_aws_env, interleave, ratios, timed

TARGET = 2.5  # issue 26: "per example ... against the same test with a plain Stubber"


def _request(body: str) -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "SendUsersMessageRequest": {
            "MessageConfiguration": {"SMSMessage": {"Body": body}},
            "Users": {"testuser": {}},
        },
    }


def _property(example: Callable[[str], None], examples: int) -> Callable[[], None]:
    """A ``@given`` test of ``examples`` examples running ``example`` (no database, fixed seed,
    no deadline: the timing is the benchmark's, not Hypothesis')."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(
        max_examples=examples,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=40))
    def test(body: str) -> None:
        example(body)

    return test


def _variants(examples: int) -> dict[str, Callable[[], None]]:
    import boto3
    from botocore.stub import Stubber

    from pytest_pinpoint import PinpointStubFactory

    client = boto3.session.Session().client("pinpoint", region_name="us-west-2")
    response = {"SendUsersMessageResponse": json.loads(SEED_RESPONSE_BODY)}
    factory = PinpointStubFactory()
    factory.warm()

    def with_factory(body: str) -> None:
        with factory() as stub:
            client.send_users_messages(**_request(body))
            assert stub.sent[0].body == body

    def with_stubber(body: str) -> None:
        request = _request(body)
        with Stubber(client) as stubber:
            stubber.add_response("send_users_messages", copy.deepcopy(response), request)
            client.send_users_messages(**request)
            stubber.assert_no_pending_responses()

    return {
        "factory": _property(with_factory, examples),
        "stubber": _property(with_stubber, examples),
    }


def run(quick: bool = False) -> dict[str, Any]:
    dummy_aws_env()
    examples, rounds = (20, 3) if quick else (100, 7)
    tests = _variants(examples)
    for test in tests.values():
        test()  # warm: imports, botocore's model and the compiled contract
    samples = interleave({name: timed(test, 1) for name, test in tests.items()}, rounds)
    per_example = {name: [s / examples for s in got] for name, got in samples.items()}
    ratio = ratios(per_example["factory"], per_example["stubber"])
    return {
        "examples": examples,
        "rounds": rounds,
        "factory": min(per_example["factory"]),
        "stubber": min(per_example["stubber"]),
        "ratio": ratio["best"],
        "ratio_spread": (ratio["low"], ratio["high"]),
    }


def section(result: dict[str, Any]) -> str:
    low, high = result["ratio_spread"]
    return (
        "## A `@given` test per example\n\n"
        f"One `send_users_messages` per example, {result['examples']} examples per test, best of "
        f"{result['rounds']} interleaved rounds (CPU time):\n\n"
        "| variant | per example | ratio |\n|---|---:|---:|\n"
        f"| `Stubber` per example | {result['stubber'] * 1e6:,.0f} µs | 1.000× |\n"
        f"| `pinpoint_stub_factory` per example | {result['factory'] * 1e6:,.0f} µs | "
        f"{result['ratio']:.3f}× (rounds {low:.3f}–{high:.3f}×) |\n"
    )


def targets(result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [
        (
            "`@given` example via `pinpoint_stub_factory` vs a `Stubber` per example",
            "(new row)",
            f"≤ {TARGET}×",
            f"{result['ratio']:.3f}×",
        )
    ]


def main() -> int:
    out = run(quick="--quick" in sys.argv)
    print(section(out))
    return 0 if out["ratio"] <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
