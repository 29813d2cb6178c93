"""Loopback server throughput with 8 client threads, side by side with moto's threaded server.

Both servers run in this process on 127.0.0.1 (port 0); the load comes from a separate Python
process (8 threads, one keep-alive `http.client` connection each, replaying the exact request
botocore signed), so the client's work does not compete with the server for this process's GIL.
Each round is bounded in requests and in seconds; rounds alternate between the servers; both
servers are stopped in `finally`.

- ours: send_users_messages (the seed request), and get_app when the stub serves it;
- moto: get_app on an app made by create_app (moto has no send_users_messages).
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from common import APP_ID, SEED_REQUEST, dummy_aws_env, interleave, ratios, spread

THREADS = 8
LOAD = r"""
import http.client, json, sys, threading, time

cfg = json.loads(sys.argv[1])
body = cfg["body"].encode() if cfg["body"] is not None else None
lock = threading.Lock()
left = [cfg["requests"]]
counts = {"ok": 0, "failed": 0}
deadline = time.perf_counter() + cfg["seconds"]
barrier = threading.Barrier(cfg["threads"] + 1)

def take():
    with lock:
        if left[0] <= 0 or time.perf_counter() > deadline:
            return False
        left[0] -= 1
        return True

def work():
    conn = http.client.HTTPConnection(cfg["host"], cfg["port"], timeout=10)
    barrier.wait()
    ok = failed = 0
    while take():
        try:
            conn.request(cfg["method"], cfg["path"], body=body, headers=cfg["headers"])
            reply = conn.getresponse()
            reply.read()
            if 200 <= reply.status < 300:
                ok += 1
            else:
                failed += 1
            if reply.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException):
            failed += 1
            conn.close()
    conn.close()
    with lock:
        counts["ok"] += ok
        counts["failed"] += failed

threads = [threading.Thread(target=work) for _ in range(cfg["threads"])]
for t in threads:
    t.start()
barrier.wait()
start = time.perf_counter()
for t in threads:
    t.join()
counts["elapsed"] = time.perf_counter() - start
print(json.dumps(counts))
"""


def _text(value: Any) -> Any:
    return value.decode() if isinstance(value, bytes) else value


def captured(client: Any, method: str, **params: Any) -> dict[str, Any]:
    """The request botocore sends for `method(**params)` (URL path, headers, body); the call
    itself goes through to the server."""
    seen: dict[str, Any] = {}

    def record(request: Any, **_: Any) -> None:
        seen.update(
            method=request.method,
            path=urlsplit(request.url).path,
            headers={k: _text(v) for k, v in request.headers.items()},
            body=_text(request.body),
        )

    client.meta.events.register("before-send.pinpoint.*", record)
    try:
        getattr(client, method)(**params)
    finally:
        client.meta.events.unregister("before-send.pinpoint.*", record)
    seen["headers"].pop("Content-Length", None)
    return seen


def load(url: str, request: dict[str, Any], requests: int, seconds: float) -> Callable[[], float]:
    """A variant: one bounded round of load from a child process; returns seconds/request
    (so `best` is the lowest), with failures making the round count as failed."""
    parts = urlsplit(url)
    cfg = {**request, "host": parts.hostname, "port": parts.port, "threads": THREADS}
    cfg.update(requests=requests, seconds=seconds)

    def measure() -> float:
        done = subprocess.run(
            [sys.executable, "-c", LOAD, json.dumps(cfg)],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 30,
        )
        counts = json.loads(done.stdout)
        if counts["failed"] or not counts["ok"]:
            raise RuntimeError(f"{url}{request['path']}: {counts}")
        return float(counts["elapsed"]) / int(counts["ok"])

    return measure


def _client(url: str) -> Any:
    import boto3

    return boto3.session.Session().client("pinpoint", region_name="us-west-2", endpoint_url=url)


def run(quick: bool = False) -> dict[str, Any]:
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as exc:  # moto's server needs flask and flask-cors
        raise SystemExit(f"bench_server needs moto[server] installed: {exc}") from None

    from pytest_pinpoint import LoopbackServer

    dummy_aws_env()
    # werkzeug logs every request of moto's server to stderr; neither server should pay for it
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    requests, seconds, rounds = (400, 2.0, 2) if quick else (1500, 3.0, 4)
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    try:
        # the seed request's application stays known after get_app's create_app
        with LoopbackServer(seed=0, known_apps=[APP_ID]) as ours:
            ours_client = _client(ours.url)
            moto_client = _client("http://{}:{}".format(*moto.get_host_and_port()))
            app = moto_client.create_app(CreateApplicationRequest={"Name": "bench"})
            moto_app = app["ApplicationResponse"]["Id"]
            variants = {
                "ours_send": load(
                    ours.url,
                    captured(ours_client, "send_users_messages", **SEED_REQUEST),
                    requests,
                    seconds,
                ),
                "moto_get_app": load(
                    moto_client.meta.endpoint_url,
                    captured(moto_client, "get_app", ApplicationId=moto_app),
                    requests,
                    seconds,
                ),
            }
            skipped = None
            try:
                get_app = captured(ours_client, "get_app", ApplicationId=_app(ours_client))
                variants["ours_get_app"] = load(ours.url, get_app, requests, seconds)
            except Exception as exc:  # not served by the stub yet
                skipped = f"n/a: not served yet ({type(exc).__name__})"
            samples = interleave(variants, rounds)
            errors = len(ours.errors)
    finally:
        moto.stop()
    out: dict[str, Any] = {"threads": THREADS, "requests": requests, "seconds": seconds}
    out["per_s"] = {name: _rates(s) for name, s in samples.items()}
    out["ours_vs_moto"] = ratios(samples["moto_get_app"], samples["ours_send"])
    if skipped is None:
        out["get_app_vs_moto"] = ratios(samples["moto_get_app"], samples["ours_get_app"])
    else:
        out["ours_get_app_skipped"] = skipped
    out["server_errors"] = errors
    return out


def _app(client: Any) -> str:
    """An application the stub knows: made by create_app once the stub serves it."""
    try:
        return str(
            client.create_app(CreateApplicationRequest={"Name": "bench"})["ApplicationResponse"][
                "Id"
            ]
        )
    except Exception:  # create_app not served yet: the seed's application ID
        return APP_ID


def _rates(seconds_per_request: list[float]) -> dict[str, float]:
    s = spread(seconds_per_request)
    return {"best": 1 / s["best"], "median": 1 / s["median"], "worst": 1 / s["worst"]}
