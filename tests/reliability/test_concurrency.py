"""Many threads through one stub: nothing lost, nothing recorded twice, outcomes consumed exactly
as scripted."""

from __future__ import annotations

import json
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from pytest_pinpoint import PinpointStub

URL = "https://pinpoint.us-east-1.amazonaws.com/v1/apps/app/users-messages"
THREADS = 8


def _body(i: int) -> bytes:
    return json.dumps(
        {
            "MessageConfiguration": {"SMSMessage": {"Body": f"hello {i}"}},
            "Users": {"u1": {}},
        }
    ).encode()


def test_8_threads_x_1000_calls_through_handle() -> None:
    per_thread = 1000
    with PinpointStub(seed=3) as stub:
        stub.add_user("u1", endpoints={"e1": {"ChannelType": "SMS", "Address": "+12065550100"}})
        stub.outcome("THROTTLED", user="u1", endpoint="e1", times=1500)
        barrier = threading.Barrier(THREADS)

        def work(t: int) -> list[int]:
            barrier.wait()
            return [
                stub.handle("POST", URL, {}, _body(t * per_thread + i)).status
                for i in range(per_thread)
            ]

        with ThreadPoolExecutor(THREADS) as pool:
            statuses = [s for chunk in pool.map(work, range(THREADS)) for s in chunk]

        total = THREADS * per_thread
        assert statuses == [200] * total
        assert len(stub.calls) == total
        assert len(stub.sent) == total
        bodies = Counter(m.body for m in stub.sent)
        assert len(bodies) == total, "a message was recorded twice or lost"
        assert len({m.message_id for m in stub.sent}) == total
        assert Counter(m.status for m in stub.sent) == {
            "THROTTLED": 1500,
            "SUCCESSFUL": total - 1500,
        }


def test_8_threads_through_boto3_clients() -> None:
    per_thread = 60
    with PinpointStub(seed=4) as stub:
        stub.outcome("PERMANENT_FAILURE", times=100)

        def work(t: int) -> list[str]:
            client = stub.client()  # one client per thread, as boto3 recommends
            out = []
            for i in range(per_thread):
                r = client.send_users_messages(
                    ApplicationId="app",
                    SendUsersMessageRequest={
                        "MessageConfiguration": {"SMSMessage": {"Body": f"m{t}-{i}"}},
                        "Users": {f"user{t}": {}},
                    },
                )
                out.append(
                    r["SendUsersMessageResponse"]["Result"][f"user{t}"][f"user{t}endpoint"][
                        "DeliveryStatus"
                    ]
                )
            return out

        with ThreadPoolExecutor(THREADS) as pool:
            results = [s for chunk in pool.map(work, range(THREADS)) for s in chunk]

        total = THREADS * per_thread
        assert len(stub.calls) == total
        assert Counter(results) == {"PERMANENT_FAILURE": 100, "SUCCESSFUL": total - 100}
        assert len({m.message_id for m in stub.sent}) == total
