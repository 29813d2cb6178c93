"""The ``pytest-pinpoint`` console script: validate, rules, schema, serve (wiring only)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pytest_pinpoint import contract
from pytest_pinpoint.cli import PLACEHOLDER_APPLICATION_ID, as_request, main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "seed"
INVALID = sorted(
    p for p in (FIXTURES / "invalid").glob("*.json") if not p.name.endswith(".templates.json")
)
VALID = sorted((FIXTURES / "valid").glob("*.json"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def extra_args(path: Path) -> list[str]:
    sidecar = path.with_name(f"{path.stem}.templates.json")
    return ["--templates", str(sidecar)] if sidecar.exists() else []


# --- validate -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["myfile.json", "request.json", "response.json"])
def test_seed_files_are_valid(capsys: pytest.CaptureFixture[str], name: str) -> None:
    assert run(capsys, "validate", str(SEED / name)) == (0, "", "")


def test_valid_corpus_in_one_call(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", *map(str, VALID)) == (0, "", "")


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_corpus(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    code, out, err = run(capsys, "validate", str(path), *extra_args(path))
    rule = contract.RULES[path.stem]
    assert code == (1 if rule.severity == "error" else 0)
    assert err == ""
    lines = out.splitlines()
    assert len(lines) == 1, out
    assert lines[0].startswith(f"{path}: ")
    assert f"[{rule.id}]" in lines[0]
    assert lines[0].endswith(" (warning)") is (rule.severity == "warning")


def test_text_line_format(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "invalid" / "ttl-range.json"
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert out == (
        f"{path}: SendUsersMessageRequest.MessageConfiguration.BaiduMessage.TimeToLive: "
        "must be <= 604,800 seconds for BaiduMessage, got 604,801 [ttl-range]\n"
    )


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    bad = FIXTURES / "invalid" / "priority-value.json"
    warn = FIXTURES / "invalid" / "origination-e164.json"
    ok = SEED / "myfile.json"
    code, out, err = run(capsys, "validate", "--format", "json", str(bad), str(warn), str(ok))
    assert (code, err) == (1, "")
    rows = json.loads(out)
    assert [(r["file"], r["rule"], r["severity"]) for r in rows] == [
        (str(bad), "priority-value", "error"),
        (str(warn), "origination-e164", "warning"),
    ]
    assert set(rows[0]) == {"file", "rule", "path", "message", "severity", "limit", "actual"}
    assert rows[0]["path"] == "SendUsersMessageRequest.MessageConfiguration.APNSMessage.Priority"
    assert rows[0]["limit"] == "5 | 10 | normal | high"
    assert rows[0]["actual"] == "'urgent'"


def test_json_format_clean_is_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", str(SEED / "request.json"))
    assert (code, json.loads(out)) == (0, [])


def test_warning_only_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(FIXTURES / "invalid" / "action-url.json"))
    assert code == 0
    assert "[action-url] (warning)" in out


def test_severity_option(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "invalid" / "action-url.json")
    code, out, _ = run(capsys, "validate", "--severity", "action-url=error", path)
    assert code == 1
    assert out.rstrip().endswith("[action-url]")
    assert run(capsys, "validate", "--severity", "action-url=off", path) == (0, "", "")
    code, out, err = run(capsys, "validate", "--severity", "no-such-rule=off", path)
    assert (code, out) == (2, "")
    assert "unknown contract rule 'no-such-rule'" in err
    code, _, err = run(capsys, "validate", "--severity", "action-url", path)
    assert code == 2
    assert "RULE=error|warning|off" in err


def test_templates_option(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "invalid" / "template-exists.json"
    assert run(capsys, "validate", str(path)) == (0, "", "")  # nothing registered: unchecked
    code, out, _ = run(capsys, "validate", str(path), *extra_args(path))
    assert code == 1
    assert "[template-exists]" in out


def test_bad_templates_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "templates.json"
    bad.write_text('[{"kind": "SMSTemplate"}]')
    code, out, err = run(capsys, "validate", "--templates", str(bad), str(SEED / "myfile.json"))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "entry 0" in err


def test_body_is_wrapped_with_application_id() -> None:
    body = {"MessageConfiguration": {}, "Users": {"u": {}}}
    assert as_request(body) == {
        "ApplicationId": PLACEHOLDER_APPLICATION_ID,
        "SendUsersMessageRequest": body,
    }
    assert as_request(body, "abc")["ApplicationId"] == "abc"
    kwargs = {"ApplicationId": "x", "SendUsersMessageRequest": body}
    assert as_request(kwargs) is kwargs


def test_application_id_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    body = tmp_path / "body.json"
    body.write_text(json.dumps({"MessageConfiguration": {}, "Users": {}}))
    code, out, _ = run(capsys, "validate", "--application-id", "app-1", str(body))
    assert code == 1
    assert "SendUsersMessageRequest.Users: must name at least one user ID [users-empty]" in out


def test_response_flag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    inner = json.loads((SEED / "response.json").read_text())["SendUsersMessageResponse"]
    path = tmp_path / "inner.json"
    path.write_text(json.dumps(inner))  # not detectable: no top-level SendUsersMessageResponse
    code, out, _ = run(capsys, "validate", "--response", str(path))
    assert code == 1
    assert "SendUsersMessageResponse: is required [required]" in out


def test_raw_email_base64_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", str(FIXTURES / "valid" / "email-raw.json")) == (0, "", "")
    code, out, _ = run(capsys, "validate", str(FIXTURES / "invalid" / "raw-email-mime.json"))
    assert code == 1
    assert "[raw-email-mime]" in out


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    body = json.loads((SEED / "myfile.json").read_text())
    body["MessageConfiguration"]["SMSMessage"]["MessageType"] = "MARKETING"
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(body)))
    code, out, _ = run(capsys, "validate", "-")
    assert code == 1
    assert out.startswith("<stdin>: SendUsersMessageRequest.MessageConfiguration.SMSMessage")
    assert "[sms-message-type-enum]" in out


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"this is not json", "not JSON: Expecting value at line 1 column 1"),
        (b'{"a": 1', "not JSON: Expecting ',' delimiter"),
        (b"\xff\xfe\x00junk", "not UTF-8 text"),
        (b"", "not JSON"),
    ],
)
def test_unparsable_file_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert str(path) in err
    assert reason in err
    assert "Traceback" not in err


def test_missing_file_exits_2_and_others_still_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.json"
    bad = FIXTURES / "invalid" / "ttl-range.json"
    code, out, err = run(capsys, "validate", str(missing), str(bad))
    assert code == 2  # unreadable input outranks violations
    assert f"{missing}: cannot read: No such file or directory" in err
    assert "[ttl-range]" in out


def test_deeply_nested_json_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "nested too deeply" in err


def test_non_object_json_is_a_violation(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert "[type]" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 2
    assert main(["validate", "--format", "xml", "f.json"]) == 2
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("pytest-pinpoint 0.1.0")


# --- rules and schema ---------------------------------------------------------------------------


def test_rules_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert out == contract.rules_table() + "\n"
    assert len(out.splitlines()) == len(contract.RULES)


def test_rules_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == list(contract.RULES)
    by_id = {r["id"]: r for r in rows}
    assert by_id["email-headers-max"] == {
        "id": "email-headers-max",
        "severity": "error",
        "summary": "SimpleEmail.Headers has at most 15 entries",
        "source": "AWS CLI v2 command reference, send-users-messages, SimpleEmail.Headers",
        "limit": "<= 15 headers",
        "operations": ["SendUsersMessages", "SendMessages"],
    }
    assert by_id["in-app-template"]["operations"] == ["SendMessages"]
    assert not any(".txt" in r["source"] for r in rows)  # public documents, never seed files


@pytest.mark.parametrize("flag", [[], ["--response"]])
def test_schema(capsys: pytest.CaptureFixture[str], flag: list[str]) -> None:
    from pytest_pinpoint import request_schema, response_schema

    code, out, _ = run(capsys, "schema", *flag)
    assert code == 0
    assert json.loads(out) == (response_schema() if flag else request_schema())
    assert out.startswith('{\n  "$schema"')  # indent 2


# --- serve (the server is another module: only the wiring is tested here) -----------------------


def test_serve_passes_the_namespace(monkeypatch: pytest.MonkeyPatch) -> None:
    from pytest_pinpoint import cli

    seen: list[Any] = []
    monkeypatch.setattr(cli, "serve_command", lambda args: seen.append(args) or 0)
    argv = ["serve", "--port", "8123", "--seed", "7", "--outcomes", "o.json", "--contract", "warn"]
    assert main(argv) == 0
    (args,) = seen
    assert (args.host, args.port, args.seed, args.outcomes, args.contract) == (
        "127.0.0.1",
        8123,
        7,
        "o.json",
        "warn",
    )


def test_serve_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    from pytest_pinpoint import cli

    seen: list[Any] = []
    monkeypatch.setattr(cli, "serve_command", lambda args: seen.append(args) or 3)
    assert main(["serve"]) == 3
    (args,) = seen
    # contract None: not given, so a --script may set it; the stub's default is strict
    assert (args.host, args.port, args.seed, args.outcomes, args.contract) == (
        "127.0.0.1",
        0,
        None,
        None,
        None,
    )
    assert (args.script, args.report) == (None, None)


def test_serve_unavailable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # import raises ImportError
    monkeypatch.setitem(sys.modules, "pytest_pinpoint.interception.server", None)
    code, out, err = run(capsys, "serve")
    assert (code, out) == (2, "")
    assert err.startswith("pytest-pinpoint serve: the server is not available")
    assert err.count("\n") == 1


# --- a real process -----------------------------------------------------------------------------


def cli(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest_pinpoint.cli", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_subprocess_validate_seed_and_invalid() -> None:
    done = cli("validate", str(SEED / "myfile.json"), str(SEED / "response.json"))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    bad = FIXTURES / "invalid" / "email-headers-max.json"
    done = cli("validate", str(bad))
    assert done.returncode == 1
    assert done.stdout.startswith(f"{bad}: SendUsersMessageRequest.MessageConfiguration.Email")
    assert done.stdout.rstrip().endswith("[email-headers-max]")


def test_subprocess_bad_input_has_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    done = cli("validate", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    done = cli("validate", str(tmp_path / "missing.json"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_subprocess_stdin_json() -> None:
    done = cli("validate", "--format", "json", "-", stdin=(SEED / "myfile.json").read_text())
    assert (done.returncode, json.loads(done.stdout)) == (0, [])


# --- send_messages and bare bodies (issues 13, 14) ------------------------------------------------


def test_send_messages_files_are_recognised(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted((FIXTURES / "valid").glob("messages-*.json"))
    assert len(files) == 3
    assert run(capsys, "validate", *map(str, files)) == (0, "", "")
    code, out, _ = run(capsys, "validate", str(FIXTURES / "invalid" / "in-app-template.json"))
    assert code == 1
    assert "MessageRequest.TemplateConfiguration.InAppTemplate" in out


def test_bare_send_messages_body(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    body = json.loads((FIXTURES / "invalid" / "channel-type-enum.json").read_text())
    path = tmp_path / "message-request.json"
    path.write_text(json.dumps(body["MessageRequest"]))  # the AWS CLI --message-request file
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert 'MessageRequest.Addresses["+12065550142"].ChannelType' in out
    assert as_request(body["MessageRequest"])["MessageRequest"] == body["MessageRequest"]
    sms_only = tmp_path / "sms.json"
    sms_only.write_text(json.dumps({"MessageConfiguration": {"SMSMessage": {"Body": "hi"}}}))
    assert run(capsys, "validate", "--operation", "SendMessages", str(sms_only)) == (0, "", "")


def test_schema_operation_option(capsys: pytest.CaptureFixture[str]) -> None:
    from pytest_pinpoint import request_schema, response_schema

    code, out, _ = run(capsys, "schema", "--operation", "SendMessages")
    assert (code, json.loads(out)) == (0, request_schema("SendMessages"))
    code, out, _ = run(capsys, "schema", "--operation", "SendMessages", "--response")
    assert (code, json.loads(out)) == (0, response_schema("SendMessages"))
    assert run(capsys, "schema", "--operation", "SendEmail")[0] == 2


def test_rules_name_public_sources_and_the_new_rules(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "rules")
    assert "substitution-missing" in out
    assert "in-app-template  " in out
    assert "[SendMessages only]" in out
    assert "AWS CLI v2 command reference, send-users-messages" in out
    assert ".txt" not in out


SEND_TEXT = {
    "DestinationPhoneNumber": "+12065550100",
    "OriginationIdentity": "+12065550199",
    "MessageBody": "Your code is 123456",
    "MessageType": "TRANSACTIONAL",
}


def test_sms_v2_send_text_message_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ok = tmp_path / "text.json"
    ok.write_text(json.dumps(SEND_TEXT))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(SEND_TEXT | {"MessageBody": "x" * 1601, "TimeToLive": 4}))
    code, out, err = run(capsys, "validate", "--format", "json", str(ok), str(bad))
    assert (code, err) == (1, "")
    rows = json.loads(out)
    assert {r["file"] for r in rows} == {str(bad)}
    assert {(r["path"], r["severity"]) for r in rows} == {
        ("MessageBody", "error"),
        ("TimeToLive", "error"),
    }
    assert all(r["rule"].startswith("sms-v2-") for r in rows)


def test_sms_v2_operation_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # without a DestinationPhoneNumber the file is not recognised as SMS v2: the option says so
    path = tmp_path / "partial.json"
    path.write_text(json.dumps({"MessageBody": "hi"}))
    code, out, _ = run(capsys, "validate", "--operation", "SendTextMessage", str(path))
    assert code == 1
    assert "DestinationPhoneNumber" in out
    assert "sms-v2-required" in out
    assert (
        run(capsys, "validate", "--response", "--operation", "SendTextMessage", str(path))[0] == 2
    )


def test_sms_v2_voice_file_is_recognised(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "voice.json"
    voice = {"DestinationPhoneNumber": "+12065550100", "OriginationIdentity": "+12065550199"}
    path.write_text(json.dumps(voice | {"MessageBody": "<speak>hi", "MessageBodyTextType": "SSML"}))
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert "sms-v2-ssml" in out
