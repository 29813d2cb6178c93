"""``pytest-pinpoint serve`` as a tool of its own (issue 29): a script file, the control API under
``/_pinpoint``, the banner, ``--report``, and ARNs that follow the request's signing Region."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from pytest_pinpoint.cli import main
from pytest_pinpoint.serve_script import ScriptError, check_script, read_script
from pytest_pinpoint.serving import Session, _start, banner

APP_ID = "611e3e3cdd47474c9c1399a505665b91"
SEED_BODY = {
    "MessageConfiguration": {"SMSMessage": {"Body": "hello, how are you?"}},
    "Users": {"testuser": {}},
}
SCRIPT = {
    "contract": "warn",
    "seed": 3,
    "users": {"ada": {"ada-phone": {"ChannelType": "SMS", "Address": "+12065550100"}}},
    "templates": [{"name": "welcome", "kind": "SMSTemplate"}],
    "outcomes": [{"status": "OPT_OUT", "user": "ada", "times": None}],
    "failures": [{"error": "TooManyRequestsException", "times": 1}],
    "respond": [
        {
            "operation": "PhoneNumberValidate",
            "response": {"NumberValidateResponse": {"PhoneType": "MOBILE"}},
            "times": None,
        }
    ],
    "severities": {"substitution-missing": "off"},
}


def http(method: str, url: str, body: Any = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def args(**given: Any) -> argparse.Namespace:
    defaults = {"host": None, "port": 0, "seed": None, "contract": None, "outcomes": None}
    return argparse.Namespace(**{**defaults, "script": None, "report": None, **given})


@pytest.fixture
def script_file(tmp_path: Path) -> Path:
    path = tmp_path / "script.json"
    path.write_text(json.dumps(SCRIPT))
    return path


@pytest.fixture
def session(script_file: Path) -> Iterator[Session]:
    started = _start(args(script=str(script_file)))
    try:
        yield started
    finally:
        started.server.stop()


def send(url: str) -> tuple[int, Any]:
    body = {**SEED_BODY, "Users": {"ada": {}}}
    return http("POST", f"{url}/v1/apps/{APP_ID}/users-messages", body)


def test_the_script_scripts_what_a_python_test_can(session: Session) -> None:
    url = session.server.url
    assert send(url)[0] == 429  # failures[0]
    status, answer = send(url)
    assert status == 200
    assert answer["Result"]["ada"]["ada-phone"]["DeliveryStatus"] == "OPT_OUT"  # users, outcomes
    status, validated = http("POST", f"{url}/v1/phone/number/validate", {"PhoneNumber": "+1"})
    assert (status, validated["PhoneType"]) == (200, "MOBILE")  # respond
    stub = session.server.stub
    assert stub.options.contract == "warn"
    assert stub.options.seed == 3
    assert [t.name for t in stub.templates()] == ["welcome"]


def test_the_control_api_reads_and_resets(session: Session) -> None:
    url = session.server.url
    send(url)
    send(url)
    status, sent = http("GET", f"{url}/_pinpoint/sent")
    assert status == 200
    assert [(m["user"], m["endpoint"], m["status"]) for m in sent] == [
        ("ada", "ada-phone", "OPT_OUT")
    ]
    _, calls = http("GET", f"{url}/_pinpoint/calls")
    assert [c["error"] for c in calls] == ["TooManyRequestsException", None]
    assert http("GET", f"{url}/_pinpoint/violations") == (200, [])
    _, problems = http("GET", f"{url}/_pinpoint/problems")
    assert any("PhoneNumberValidate" in p for p in problems)  # respond never used
    assert http("POST", f"{url}/_pinpoint/reset") == (200, {"reset": True})
    assert http("GET", f"{url}/_pinpoint/sent") == (200, [])
    assert send(url)[0] == 429  # the start-up script again
    _, index = http("GET", f"{url}/_pinpoint")
    assert "SendUsersMessages" in index["served"]["pinpoint"]


def test_posting_a_script_replaces_it_and_a_bad_one_says_where(session: Session) -> None:
    url = session.server.url
    status, refused = http("POST", f"{url}/_pinpoint/script", {"outcomes": [{"stat": "x"}]})
    assert status == 400
    assert "outcomes[0]: unknown key 'stat'" in refused["Message"]
    status, refused = http("POST", f"{url}/_pinpoint/script", {"outcomes": [{"status": "BOGUS"}]})
    assert status == 400
    assert "outcomes[0]: DeliveryStatus 'BOGUS'" in refused["Message"]
    assert send(url)[0] == 429  # a refused script left the stub in force alone
    status, _ = http("POST", f"{url}/_pinpoint/script", {"outcomes": [{"status": "DUPLICATE"}]})
    assert status == 200
    status, answer = send(url)
    assert answer["Result"]["ada"]["adaendpoint"]["DeliveryStatus"] == "DUPLICATE"
    assert http("GET", f"{url}/_pinpoint/script") == (200, {"outcomes": [{"status": "DUPLICATE"}]})
    assert http("DELETE", f"{url}/_pinpoint/sent")[0] == 405
    assert http("GET", f"{url}/_pinpoint/nothing")[0] == 404


@pytest.mark.parametrize(
    ("script", "problem"),
    [
        ([], "a script is a JSON object, not list"),
        ({"outcome": []}, "unknown key 'outcome'"),
        ({"contract": "loose"}, "contract: 'loose' is not one of strict, warn, off"),
        ({"seed": "1"}, "seed: must be an integer"),
        ({"users": []}, "users: must be an object"),
        ({"failures": [{"times": 2}]}, "failures[0]: 'error' is required"),
        ({"respond": {"operation": "X"}}, "respond: must be a list of objects"),
    ],
)
def test_script_shapes_are_checked_with_their_path(script: Any, problem: str) -> None:
    with pytest.raises(ScriptError, match="^x.json: .*" + problem.replace("[", r"\[")[:40]):
        check_script(script, "x.json")


def test_script_values_are_checked_by_the_stub_with_their_entry(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps({"respond": [{"operation": "GetEventStream", "response": {"x": 1}}]})
    )
    with pytest.raises(ScriptError, match=r"s.json: respond\[0\]: respond\('GetEventStream'\)"):
        _start(args(script=str(path)))
    path.write_text(json.dumps({"respond": [{"operation": "GetEventStream"}]}))
    with pytest.raises(ScriptError, match=r"respond\[0\]: 'response' is required"):
        _start(args(script=str(path)))


def test_yaml_needs_pyyaml_else_says_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("contract: 'off'\noutcomes:\n  - status: OPT_OUT\n")
    pytest.importorskip("yaml")
    assert read_script(str(path)).options == {"contract": "off"}
    path.write_text("contract: off\n")
    with pytest.raises(ScriptError, match="YAML reads a bare off as false: quote it"):
        read_script(str(path))
    path.write_text("contract: 'off'\noutcomes:\n  - status: OPT_OUT\n")
    monkeypatch.setitem(sys.modules, "yaml", None)  # as on a machine without PyYAML
    assert main(["serve", "--script", str(path)]) == 2
    err = capsys.readouterr().err
    assert "needs PyYAML, which is not installed; write the script as JSON" in err
    assert err.count("\n") == 1


def test_a_bad_script_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"users": ')
    assert main(["serve", "--script", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: not JSON" in err
    assert err.count("\n") == 1


def test_the_banner_lists_services_and_operations() -> None:
    lines = banner("http://127.0.0.1:1", {"pinpoint": ["SendMessages", "SendUsersMessages"]})
    assert lines[0] == "pytest-pinpoint: serving at http://127.0.0.1:1 (Ctrl-C to stop)"
    assert lines[1] == "  pinpoint: SendMessages, SendUsersMessages"
    assert "/_pinpoint" in lines[2]


def test_arns_follow_the_signing_region_and_account(session: Session) -> None:
    client = boto3.client(
        "pinpoint", region_name="eu-west-1", endpoint_url=session.server.url,
        aws_access_key_id="000000000042", aws_secret_access_key="x",
    )  # fmt: skip
    # the plugin answers boto3 in process unless the call is let out: go through HTTP instead
    arn = http_create_app(session.server.url, client)
    assert arn.startswith("arn:aws:mobiletargeting:eu-west-1:000000000042:apps/")


def http_create_app(url: str, client: Any) -> str:
    """CreateApp signed by ``client`` for its Region, sent over real HTTP to the server."""
    import botocore.awsrequest

    request = botocore.awsrequest.AWSRequest(
        method="POST", url=f"{url}/v1/apps", data=json.dumps({"Name": "a"}).encode(),
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    signer = client._request_signer  # botocore's own SigV4 signer for this client
    signer.sign("CreateApp", request)
    prepared = request.prepare()
    raw = urllib.request.Request(
        prepared.url, data=prepared.body, method="POST", headers=dict(prepared.headers)
    )
    with urllib.request.urlopen(raw, timeout=10) as reply:
        arn: str = json.loads(reply.read())["Arn"]
    return arn
