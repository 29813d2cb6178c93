"""Shared pieces of the benchmarks: the request under test, robust timing, dummy credentials.

Every figure is measured on a machine other processes share: variants are interleaved (each
round times every variant once, in a rotated order, so drift hits all of them alike) and a
figure is the best of the rounds with the spread beside it, never one pair of runs.

In-process timings use the process's CPU time (`time.process_time`), not the wall clock: a
benchmark preempted by another process on a shared core does not accrue CPU time meanwhile.
(Cache and memory-bandwidth contention still inflate it a little; the best round filters most.)
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import time
from collections.abc import Callable, Mapping
from typing import Any

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
SEED_REQUEST: dict[str, Any] = {  # AWS CLI v2 reference, send-users-messages example
    "ApplicationId": APP_ID,
    "SendUsersMessageRequest": {
        "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
        "Users": {"testuser": {}},
    },
}
SEED_RESPONSE_BODY = (
    b'{"ApplicationId":"611e3e3cdd47474c9c1399a505665b91",'
    b'"RequestId":"e0b12cf5-2359-11e9-bb0b-d5fb91876b25","Result":{"testuser":{"testuserendpoint":'
    b'{"DeliveryStatus":"SUCCESSFUL","MessageId":"7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",'
    b'"StatusCode":200,"StatusMessage":"MessageId: 7qu4hk5bqhda3i7i2n4pjf98qcuh8b7p45ifsmo0",'
    b'"Address":"+12345678900"}}}}'
)


def dummy_aws_env() -> None:
    os.environ.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION="us-west-2",
        AWS_CONFIG_FILE="/nonexistent",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
    )


def large_request(users: int = 100) -> dict[str, Any]:
    """Every channel at once, 100 users with substitutions: the heavy end of real use."""
    return {
        "ApplicationId": APP_ID,
        "SendUsersMessageRequest": {
            "MessageConfiguration": {
                "APNSMessage": {
                    "Title": "Hi",
                    "Body": "{{Name}}",
                    "Priority": "10",
                    "CollapseId": "c",
                },
                "GCMMessage": {
                    "Title": "Hi",
                    "Body": "{{Name}}",
                    "Priority": "high",
                    "TimeToLive": 60,
                },
                "BaiduMessage": {"Title": "Hi", "Body": "x", "TimeToLive": 60},
                "ADMMessage": {"Title": "Hi", "Body": "x", "ExpiresAfter": "60"},
                "SMSMessage": {"Body": "Hi {{Name}}", "MessageType": "TRANSACTIONAL"},
                "VoiceMessage": {"Body": "Hi", "OriginationNumber": "+12065550100"},
                "EmailMessage": {
                    "SimpleEmail": {
                        "Subject": {"Data": "Hi {{Name}}"},
                        "TextPart": {"Data": "Body"},
                        "Headers": [
                            {"Name": f"X-H{i}", "Value": "{{Name}} {CreationDate}"}
                            for i in range(10)
                        ],
                    }
                },
                "DefaultMessage": {"Body": "x", "Substitutions": {"Name": ["friend"]}},
            },
            "Users": {
                f"user-{i}": {"Substitutions": {"Name": [f"Name {i}"]}} for i in range(users)
            },
        },
    }


def per_call(fn: Callable[[], Any], *, number: int, repeat: int = 5) -> float:
    """Median seconds per call over `repeat` rounds of `number` calls (GC off while timing)."""
    fn()  # warm caches
    rounds = []
    for _ in range(repeat):
        gc.disable()
        try:
            start = time.process_time()
            for _ in range(number):
                fn()
            rounds.append((time.process_time() - start) / number)
        finally:
            gc.enable()
    return statistics.median(rounds)


def spread(samples: list[float]) -> dict[str, float]:
    """best (min), median and worst (max) of one variant's rounds."""
    return {
        "best": min(samples),
        "median": statistics.median(samples),
        "worst": max(samples),
        "rounds": len(samples),
    }


def interleave(variants: Mapping[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Call every variant once per round, rotating the order each round; each call returns one
    measurement (seconds per unit). Returns the samples of every variant."""
    names = list(variants)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        k = r % len(names)
        for name in names[k:] + names[:k]:
            samples[name].append(variants[name]())
    return samples


def timed(fn: Callable[[], Any], number: int) -> Callable[[], float]:
    """A variant for `interleave`: CPU seconds per call of `number` calls (GC off while
    timing)."""

    def measure() -> float:
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            for _ in range(number):
                fn()
            return (time.process_time() - start) / number
        finally:
            gc.enable()

    return measure


def paired(calls: Mapping[str, Callable[[], Any]], number: int) -> dict[str, float]:
    """CPU seconds per call of each function, called in turn one call at a time, so a busy
    moment of the machine lands on all of them alike (GC off while timing).

    Each turn takes the functions in a new (seeded) random order: in a fixed order each one
    always follows the same other, whose leftovers in the CPU caches moved a ratio by up to 4%
    (the send_messages floor read 358 µs after the Stubber call, 372 µs in random order)."""
    spent = dict.fromkeys(calls, 0.0)
    order = list(calls)
    shuffle = random.Random(0).shuffle
    clock = time.process_time
    gc.collect()
    gc.disable()
    try:
        for _ in range(number):
            shuffle(order)
            for name in order:
                fn = calls[name]
                start = clock()
                fn()
                spent[name] += clock() - start
    finally:
        gc.enable()
    return {name: total / number for name, total in spent.items()}


def ratios(num: list[float], den: list[float]) -> dict[str, float]:
    """The ratio of the best figures, and the spread of the per-round ratios (each round's two
    figures were measured next to each other)."""
    per_round = sorted(a / b for a, b in zip(num, den, strict=True) if b > 0)
    best = min(num) / min(den) if min(den) > 0 else float("nan")
    if not per_round:
        return {"best": best, "low": float("nan"), "median": float("nan"), "high": float("nan")}
    return {
        "best": best,
        "low": per_round[0],
        "median": statistics.median(per_round),
        "high": per_round[-1],
    }
