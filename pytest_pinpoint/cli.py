"""``pytest-pinpoint``: check request/response files, print the rule catalog or the schema, serve.

``validate`` takes requests and responses of both send operations (``send_users_messages`` and
``send_messages``), as boto3 keyword arguments or bare bodies, and recognises each file's
operation from its payload key (``--operation`` forces it). It also takes the keyword arguments of
SMS and voice v2's sends (``send_text_message`` and friends): a file with a
``DestinationPhoneNumber`` is one, or ``--operation SendTextMessage`` says so.

Exit codes of ``validate``: 0 no error-severity violation (warnings are printed), 1 at least one
error, 2 a file could not be read or is not JSON (or the options are wrong). Bad input never
produces a traceback: a one-line reason goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from . import __version__
from .options import CONTRACT_MODES

# Used when a file is a request body (the AWS CLI's --send-users-message-request or
# --message-request file), which carries no ApplicationId of its own. The AWS CLI v2 reference
# example's ID: 32 lowercase hex characters.
PLACEHOLDER_APPLICATION_ID = "611e3e3cdd47474c9c1399a505665b91"

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2
# The name on the package index ("pytest-pinpoint" there is an unrelated plugin): --version
# prints it, so a user can tell which of the two answers to `pytest_pinpoint`.
DISTRIBUTION = "pytest-pinpoint-fake"
OPERATIONS = (
    "SendUsersMessages",
    "SendMessages",
)  # contract.limits.OPERATIONS, without importing it
_RESPONSE_KEYS = ("SendUsersMessageResponse", "MessageResponse")
# contract.sms_v2.rules.SENDS, without importing it
SMS_V2_SENDS = ("SendTextMessage", "SendVoiceMessage", "SendMediaMessage")


class _InputError(Exception):
    """A file that cannot be read or parsed: reported on one line, exit 2."""


def _read_json(name: str, stdin: TextIO) -> Any:
    try:
        if name == "-":
            text = stdin.read()
        else:
            with open(name, "rb") as fh:
                text = fh.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _InputError(
            f"{_label(name)}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    except OSError as exc:
        raise _InputError(f"{_label(name)}: cannot read: {exc.strerror or exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _InputError(
            f"{_label(name)}: not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except (RecursionError, ValueError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise _InputError(f"{_label(name)}: not JSON: {reason}") from None


def _label(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _is_response(data: Any) -> bool:
    return isinstance(data, dict) and any(key in data for key in _RESPONSE_KEYS)


def sms_v2_operation(data: Any, operation: str | None) -> str | None:
    """The SMS v2 send a file holds (boto3 kwargs with a ``DestinationPhoneNumber``; voice and
    media told apart by their own members), ``operation`` when it names one, else None."""
    if operation is not None:
        return operation if operation in SMS_V2_SENDS else None
    if not isinstance(data, dict) or "DestinationPhoneNumber" not in data:
        return None
    if "MediaUrls" in data:
        return "SendMediaMessage"
    if "VoiceId" in data or "MessageBodyTextType" in data:
        return "SendVoiceMessage"
    return "SendTextMessage"


def as_request(
    data: Any, application_id: str = PLACEHOLDER_APPLICATION_ID, operation: str | None = None
) -> Any:
    """boto3 kwargs from either kwargs JSON or a bare request body (the AWS CLI file).

    The operation of a bare body is recognised as ``validate_request`` does (``Addresses`` or
    ``Endpoints``: SendMessages; otherwise SendUsersMessages) unless ``operation`` says it.
    """
    from .contract import is_bare_body, request_operation
    from .contract.limits import REQUEST_PAYLOAD

    if not is_bare_body(data) and isinstance(data, dict):
        return data
    return {
        "ApplicationId": application_id,
        REQUEST_PAYLOAD[request_operation(data, operation)]: data,
    }


def _load_templates(name: str, stdin: TextIO) -> list[Any]:
    from .contract import Template

    data = _read_json(name, stdin)
    if not isinstance(data, list):
        raise _InputError(f"{_label(name)}: must be a JSON list of {{kind, name, version}}")
    templates: list[Template] = []
    for i, entry in enumerate(data):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("kind"), str)
            or not isinstance(entry.get("name"), str)
            or not isinstance(entry.get("version"), str | None)
        ):
            raise _InputError(
                f"{_label(name)}: entry {i} must be an object with string 'kind' and 'name' and an "
                "optional string 'version' "
            )
        templates.append(Template(entry["kind"], entry["name"], entry.get("version")))
    return templates


def _parse_severities(pairs: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        rule, sep, level = pair.partition("=")
        if not sep:
            raise _InputError(f"--severity {pair!r}: expected RULE=error|warning|off")
        out[rule.strip()] = level.strip()
    return out


def _cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from . import contract

    try:
        severities = contract.check_severities(_parse_severities(args.severity))
        templates = _load_templates(args.templates, stdin) if args.templates else None
        if args.response and args.operation in SMS_V2_SENDS:
            raise _InputError(f"--response: {args.operation} responses are not checked")
    except (_InputError, ValueError) as exc:
        print(f"pytest-pinpoint: {exc}", file=err)
        return EXIT_USAGE
    status = EXIT_OK
    found: list[dict[str, Any]] = []
    for name in args.files:
        try:
            data = _read_json(name, stdin)
        except _InputError as exc:
            print(f"pytest-pinpoint: {exc}", file=err)
            status = EXIT_USAGE
            continue
        v2 = None if args.response else sms_v2_operation(data, args.operation)
        if v2 is not None:
            from .contract.sms_v2.check import check_send

            violations = check_send(v2, data, severities)
        elif args.response or _is_response(data):
            violations = contract.validate_response(
                data, severities=severities, operation=args.operation
            )
        else:
            violations = contract.validate_request(
                as_request(data, args.application_id, args.operation),
                severities=severities,
                templates=templates,
                operation=args.operation,
            )
        if contract.errors(violations) and status == EXIT_OK:
            status = EXIT_VIOLATIONS
        for v in violations:
            if args.format == "json":
                found.append({"file": _label(name), **v.to_dict()})
            else:
                mark = " (warning)" if v.severity == "warning" else ""
                print(f"{_label(name)}: {v}{mark}", file=out)
    if args.format == "json":
        print(json.dumps(found, indent=2, ensure_ascii=False), file=out)
    return status


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from . import contract

    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "severity": r.severity,
                "summary": r.summary,
                "source": r.source,
                "limit": r.limit,
                "operations": list(r.operations),
            }
            for r in contract.RULES.values()
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False), file=out)
    else:
        print(contract.rules_table(), file=out)
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from .contract.schema import request_schema, response_schema

    make = response_schema if args.response else request_schema
    schema = make(args.operation)
    print(json.dumps(schema, indent=2, ensure_ascii=False), file=out)
    return EXIT_OK


def fixtures_dir() -> Any:
    """The fixture corpus: shipped in the wheel as ``pytest_pinpoint/fixtures``; in a source
    checkout (an editable install) the repository's ``fixtures/``."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    shipped = here / "fixtures"
    return shipped if shipped.is_dir() else here.parent / "fixtures"


def _cmd_fixtures(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import shutil
    from pathlib import Path

    source, target = fixtures_dir(), Path(args.directory)
    if not (source / "seed").is_dir():
        print(f"pytest-pinpoint fixtures: the corpus is not installed ({source})", file=err)
        return EXIT_USAGE
    if target.exists() and any(target.iterdir()) and not args.force:
        print(
            f"pytest-pinpoint fixtures: {target} exists and is not empty (--force to overwrite)",
            file=err,
        )
        return EXIT_USAGE
    shutil.copytree(source, target, dirs_exist_ok=True)
    count = sum(1 for p in target.rglob("*.json"))
    print(f"pytest-pinpoint: wrote {count} JSON files to {target}", file=out)
    return EXIT_OK


# --- serve: the loopback server until Ctrl-C or SIGTERM (serving.py) ----------------------------


def serve_command(args: argparse.Namespace) -> int:
    """``pytest-pinpoint serve``: serve until Ctrl-C or SIGTERM (:mod:`.serving`)."""
    from .serving import serve_command as serve

    return serve(args)


def _cmd_serve(args: argparse.Namespace, err: TextIO) -> int:
    from .errors import PinpointStubError

    try:
        return serve_command(args)
    except ImportError as exc:
        # Only a missing part of this package (the server, or the fake behind it) is an
        # installation problem to report on one line; anything else is a real bug.
        if not (exc.name or "").startswith(__package__ or "pytest_pinpoint"):
            raise
        print(f"pytest-pinpoint serve: the server is not available ({exc})", file=err)
        return EXIT_USAGE
    except PinpointStubError as exc:
        print(f"pytest-pinpoint serve: {exc}", file=err)
        return EXIT_USAGE


def _add_serve(sub: Any) -> None:
    serve = sub.add_parser("serve", help="run the fake Pinpoint endpoint over loopback HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=0, help="0 picks a free port")
    serve.add_argument("--seed", type=int, default=None, help="seed for deterministic IDs")
    serve.add_argument("--outcomes", metavar="FILE", help="JSON file of scripted outcomes")
    serve.add_argument("--contract", choices=CONTRACT_MODES, default=None, help="default: strict")
    serve.add_argument(
        "--script",
        metavar="FILE",
        help="JSON script: users, templates, outcomes, failures, respond, contract, seed, "
        "severities (YAML where PyYAML is installed)",
    )
    serve.add_argument("--report", metavar="PATH", help="write the JSON session report on stop")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pytest-pinpoint",
        description="Check Amazon Pinpoint send_users_messages and send_messages requests and "
        "responses against the documented contract.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__} (distribution {DISTRIBUTION})",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    val = sub.add_parser(
        "validate",
        help="check request or response JSON files",
        description="Each FILE is a request body (the AWS CLI --send-users-message-request or "
        "--message-request file), boto3 keyword arguments {ApplicationId, "
        "SendUsersMessageRequest | MessageRequest}, or a response {SendUsersMessageResponse | "
        "MessageResponse}; the operation is recognised from the payload key (a bare body with "
        "Addresses or Endpoints is send_messages). '-' reads standard input. Exit 0: no errors "
        "(warnings may be printed); 1: at least one error; 2: a file is unreadable or not JSON. "
        "SMS v2 send kwargs (with a DestinationPhoneNumber) get that service's contract.",
    )
    val.add_argument("files", nargs="+", metavar="FILE")
    val.add_argument("--response", action="store_true", help="validate every FILE as a response")
    val.add_argument(
        "--operation",
        choices=OPERATIONS + SMS_V2_SENDS,
        default=None,
        help="the operation of every FILE (default: recognised from each file)",
    )
    val.add_argument("--format", choices=("text", "json"), default="text")
    val.add_argument(
        "--application-id",
        default=PLACEHOLDER_APPLICATION_ID,
        help="ApplicationId for request-body files (default: the AWS CLI v2 reference example's "
        f"{PLACEHOLDER_APPLICATION_ID})",
    )
    val.add_argument(
        "--severity",
        action="append",
        default=[],
        metavar="RULE=LEVEL",
        help="raise, lower or turn off a rule (error|warning|off); repeatable",
    )
    val.add_argument(
        "--templates",
        metavar="FILE",
        help="JSON list of registered templates [{kind, name, version}] (enables template-exists)",
    )

    rules = sub.add_parser("rules", help="print the rule catalog")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    schema = sub.add_parser("schema", help="print the JSON Schema (draft 2020-12)")
    schema.add_argument(
        "--response", action="store_true", help="the response schema instead of the request's"
    )
    schema.add_argument(
        "--operation",
        choices=OPERATIONS,
        default=OPERATIONS[0],
        help=f"the operation whose schema to print (default: {OPERATIONS[0]})",
    )

    fixtures = sub.add_parser(
        "fixtures",
        help="copy the sample corpus (seed, valid, invalid) that the docs run into a directory",
    )
    fixtures.add_argument("directory", nargs="?", default="fixtures", help="default: ./fixtures")
    fixtures.add_argument("--force", action="store_true", help="write into a non-empty directory")

    _add_serve(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``pytest-pinpoint`` console script; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors: argparse already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    out, err = sys.stdout, sys.stderr
    try:
        if args.command == "validate":
            return _cmd_validate(args, out, err, sys.stdin)
        if args.command == "rules":
            return _cmd_rules(args, out)
        if args.command == "schema":
            return _cmd_schema(args, out)
        if args.command == "fixtures":
            return _cmd_fixtures(args, out, err)
        return _cmd_serve(args, err)
    except BrokenPipeError:  # `pytest-pinpoint schema | head`
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
