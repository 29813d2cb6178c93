"""Malformed input for the reliability tests and `make soak`.

Two sources: Hypothesis (bounded tests, shrinking) and a fast seeded mutator of valid samples
(the soak's 100,000 inputs), both aimed at every path of the request.
"""

from __future__ import annotations

import copy
import json
import random
import traceback
from typing import Any

from hypothesis import strategies as st

SEED_BODY: dict[str, Any] = {
    "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
    "Users": {"testuser": {}},
}
RICH_BODY: dict[str, Any] = {
    "Context": {"k": "v"},
    "MessageConfiguration": {
        "APNSMessage": {
            "Body": "b",
            "Priority": "10",
            "CollapseId": "c",
            "TimeToLive": 5,
            "RawContent": '{"aps": {"content-available": 0}}',
        },
        "GCMMessage": {"Body": "b", "Priority": "high", "TimeToLive": 5},
        "ADMMessage": {"Body": "b", "ExpiresAfter": "60", "MD5": "AAAAAAAAAAAAAAAAAAAAAA=="},
        "EmailMessage": {
            "SimpleEmail": {
                "Headers": [{"Name": "X-A", "Value": "{CreationDate}"}],
                "Subject": {"Data": "s"},
            }
        },
        "SMSMessage": {
            "Body": "b",
            "MessageType": "TRANSACTIONAL",
            "OriginationNumber": "+12065550100",
        },
        "DefaultMessage": {"Body": "d", "Substitutions": {"A": ["1"]}},
    },
    "TemplateConfiguration": {"SMSTemplate": {"Name": "t"}},
    "Users": {"u1": {"Substitutions": {"A": ["2"]}, "BodyOverride": "o"}, "u2": {}},
}

JUNK_SCALARS: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    2**63,
    1.5,
    float("inf"),
    "",
    "x" * 1000,
    "é" * 70,
    "\ud800",
    "{",
    "[1]",
    '{"aps": {"content-available": "1"}}',
    [],
    {},
    [None],
    {"": None},
    {"a": [1]},
]

json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += paths(v, (*prefix, i))
    return found


def replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    out = copy.deepcopy(value)
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return out


class Mutator:
    """Seeded, fast: replace a random path of a valid body with junk, or add an unknown key."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.bases = [SEED_BODY, RICH_BODY]
        self.paths = [paths(b) for b in self.bases]

    def junk(self, depth: int = 0) -> Any:
        r = self.rng.random()
        if depth < 3 and r < 0.15:
            return [self.junk(depth + 1) for _ in range(self.rng.randint(0, 3))]
        if depth < 3 and r < 0.3:
            return {
                self.rng.choice(["", "a", "Body", "aps", "Users"]): self.junk(depth + 1)
                for _ in range(self.rng.randint(0, 3))
            }
        # a copy: body() may add a key to the junk it returns, which must not reach the shared
        # list (a junk dict that grew itself as a member made json.dumps raise in the soak)
        return copy.deepcopy(self.rng.choice(JUNK_SCALARS))

    def body(self) -> Any:
        i = self.rng.randrange(len(self.bases))
        base = self.bases[i]
        out = replace(base, self.rng.choice(self.paths[i]), self.junk())
        if self.rng.random() < 0.2 and isinstance(out, dict):
            out[self.rng.choice(["Bogus", "users", ""])] = self.junk()
        return out

    def raw_bytes(self) -> bytes:
        r = self.rng.random()
        if r < 0.5:
            try:
                return json.dumps(self.body(), allow_nan=True).encode()
            except (TypeError, ValueError):
                return b"{"
        if r < 0.7:
            return bytes(self.rng.randrange(256) for _ in range(self.rng.randint(0, 64)))
        if r < 0.85:
            return b'{"Users": {"\xff\xfe": {}}}'
        return json.dumps(SEED_BODY).encode()[: self.rng.randint(0, 60)]


def ours(exc: BaseException) -> bool:
    """Whether an exception a junk call raised is an internal error of the plugin: raised from
    inside pytest_pinpoint, or of a kind botocore's own refusal of junk never takes (botocore's
    serializer refuses some junk before a request exists: that is not ours)."""
    from botocore.exceptions import BotoCoreError

    frames = traceback.extract_tb(exc.__traceback__)
    inside = any("pytest_pinpoint" in f.filename for f in frames)
    return inside or not isinstance(
        exc, BotoCoreError | TypeError | ValueError | AttributeError | KeyError
    )


def boto3_internal_errors(mutator: Mutator, n: int) -> list[BaseException]:
    """Send `n` junk bodies through a real boto3 client (parameter validation off) into a strict
    stub. Returns the exceptions that came from inside pytest_pinpoint: there must be none."""

    from botocore.config import Config
    from botocore.exceptions import ClientError

    from pytest_pinpoint import PinpointStub, PinpointStubError

    internal: list[BaseException] = []
    stub = PinpointStub(contract="strict").start()
    try:
        client = stub.client(config=Config(parameter_validation=False, retries={"max_attempts": 1}))
        for _ in range(n):
            try:
                client.send_users_messages(
                    ApplicationId="app", SendUsersMessageRequest=mutator.body()
                )
            except (ClientError, PinpointStubError):
                pass
            except Exception as exc:
                if ours(exc):
                    internal.append(exc)
            stub.calls.clear()
            stub.sent.clear()
    finally:
        stub.stop()
    return internal
