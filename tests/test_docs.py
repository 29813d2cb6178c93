"""Every Python block of README.md and docs/*.md runs, as written, in order (sybil parses them).

- A block that defines ``test_*`` functions is a pytest module: it is written to a directory of
  its own (file name from a first-line comment such as ``# test_welcome.py``, else from its line)
  and all such modules of one document run in one pytest subprocess, with the plugin and without
  AWS credentials, as on a fresh CI machine. Each module must pass, unless the document says
  otherwise. A block whose first line names another file (``# conftest.py``, ``# notify.py``)
  is written under that name, for the test modules to use.
- Any other Python block runs in a namespace shared by the document's blocks (so a later block
  can use what an earlier one defined).
- ``<!-- expect: AssertionError -->`` before a block: the block must raise that exception (the
  failure the docs show). Before a pytest module: ``<!-- expect: failed=1 passed=2 -->``.
- ``<!-- skip: next "reason" -->`` (sybil's own directive) skips the next block.
- Shell and other languages are not executed.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import unittest
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from budget import warm_hypothesis_storage
from hypothesis import settings
from sybil import Document, Example, Region, Sybil
from sybil.parsers.markdown import CodeBlockParser, SkipParser
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer

ROOT = Path(__file__).resolve().parents[1]
# README.md and every .md in docs/, found anew on each run: a new page is executed unasked.
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXPECT = "__docs_expect__"
MODULES = "__docs_modules__"
FILE_NAME = re.compile(r"#\s*([\w/]+\.py)\s*$")
OUTCOMES = re.compile(r"(passed|failed|error|skipped)=(\d+)")
# The child pytest must not think it is an xdist worker of the run that started it.
INHERITED = ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_CURRENT_TEST")
NO_CREDENTIALS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE")
# Loaded into the child pytest with -p: the same no-network rule as this suite's conftest.
GUARD = """
import ipaddress, socket

_real = socket.socket.connect


def _connect(self, address):
    host = address[0] if isinstance(address, tuple) and address else "localhost"
    if isinstance(host, bytes):
        host = host.decode()
    try:
        local = host in ("localhost", "") or ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        local = False
    if not local:
        raise OSError(f"docs examples must not use the network: connect to {address!r} blocked")
    return _real(self, address)


socket.socket.connect = _connect
"""


@dataclass
class Module:
    """One pytest-module block: where it is in the document and what it must do."""

    line: int
    file: str
    expected: dict[str, int]


@dataclass
class Outcomes:
    """What the pytest run of a document's modules did: ``{module name: Counter(passed=...,
    failed=..., error=..., skipped=...)}``, and the tail of its output."""

    seen: dict[str, Counter[str]]
    output: str


@dataclass
class Modules:
    directory: Path
    document: Path
    modules: list[Module] = field(default_factory=list)

    def add(self, example: Example, source: str, expect: str | None) -> None:
        first = source.lstrip().splitlines()[0] if source.strip() else ""
        named = FILE_NAME.match(first)
        if named and not Path(named.group(1)).name.startswith("test_"):
            # conftest.py, or a module of the example app that the test modules import
            if expect is not None:
                raise ValueError(f"line {example.line}: {named.group(1)} has no tests to expect")
            (self.directory / Path(named.group(1)).name).write_text(source, encoding="utf-8")
            return
        stem = Path(named.group(1)).stem if named else "test_block"
        file = f"{stem}_line{example.line}.py"  # unique, even if two blocks share a name
        (self.directory / file).write_text(source, encoding="utf-8")
        wanted = {"passed": -1, "failed": 0, "error": 0}  # -1: at least one
        if expect is not None:
            found = dict((k, int(v)) for k, v in OUTCOMES.findall(expect))
            if not found:
                raise ValueError(f"line {example.line}: expect {expect!r}: use e.g. failed=1")
            wanted = {"passed": 0, "failed": 0, "error": 0, "skipped": 0, **found}
        self.modules.append(Module(example.line, file, wanted))

    def run(self) -> None:
        """All module blocks of the document in one pytest, then each module's outcomes."""
        __tracebackhide__ = True
        if self.modules:
            self.check(self.execute())

    def execute(self) -> Outcomes:
        """Run the module blocks in one pytest subprocess; what each module did."""
        (self.directory / "_docs_guard.py").write_text(GUARD, encoding="utf-8")
        warm_hypothesis_storage(self.directory)
        junit = self.directory.parent / f"{self.directory.name}.junit.xml"
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "_docs_guard", "-p", "no:cacheprovider",
             "-W", "error", "-q", "-rfE", "--rootdir", str(self.directory),
             f"--junitxml={junit}", "-o", "addopts=", str(self.directory)],
            cwd=self.directory, env=_child_env(self.directory), capture_output=True,
            text=True, timeout=600, check=False,
        )  # fmt: skip
        seen = _outcomes(junit) if junit.exists() else {}
        return Outcomes(seen, done.stdout[-6000:] + done.stderr[-3000:])

    def check(self, outcomes: Outcomes) -> None:
        """Each module did what the document says it does."""
        __tracebackhide__ = True
        for module in self.modules:
            got = outcomes.seen.get(module.file.removesuffix(".py"), Counter())
            wanted = module.expected
            ok = all(got[k] >= 1 if n == -1 else got[k] == n for k, n in wanted.items()) and (
                wanted.get("skipped") is not None or got["skipped"] == 0
            )
            assert ok, (
                f"{_name(self.document)}, the pytest module at line {module.line}: expected "
                f"{_show(wanted)}, got {dict(got) or 'nothing collected'}\n{outcomes.output}"
            )


def _show(wanted: dict[str, int]) -> str:
    return ", ".join(f"{k}>=1" if n == -1 else f"{k}={n}" for k, n in wanted.items())


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def _child_env(directory: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in INHERITED + NO_CREDENTIALS}
    env.update(
        AWS_CONFIG_FILE=str(directory / "no-aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(directory / "no-aws-config"),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_DEFAULT_REGION="us-west-2",
        PYTHONPATH=os.pathsep.join(filter(None, [str(directory), env.get("PYTHONPATH")])),
        # the executed docs may call tools installed beside this Python (the AWS CLI)
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
    )
    return env


def _outcomes(junit: Path) -> dict[str, Counter[str]]:
    """``{module name: Counter(passed=..., failed=..., error=..., skipped=...)}``."""
    out: dict[str, Counter[str]] = {}
    for case in ET.parse(junit).iter("testcase"):
        module = case.get("classname", "").split(".")[0]
        tags = {child.tag for child in case}
        kind = next((k for k in ("failure", "error", "skipped") if k in tags), "passed")
        out.setdefault(module, Counter())[{"failure": "failed"}.get(kind, kind)] += 1
    return out


def _is_test_module(source: str) -> bool:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")
        for node in tree.body
    ) or bool(FILE_NAME.match(source.lstrip().split("\n", 1)[0]))


def _evaluate_python(example: Example) -> None:
    __tracebackhide__ = True
    expect: str | None = example.namespace.pop(EXPECT, None)
    source = str(example.parsed)
    if _is_test_module(source):
        example.namespace[MODULES].add(example, source, expect)
        return
    where = f"{example.path}, the block at line {example.line}"
    code = compile(source, where, "exec")
    if expect is None:
        exec(code, example.namespace)
        return
    try:
        exec(code, example.namespace)
    except Exception as exc:
        if type(exc).__name__ != expect.strip():
            raise AssertionError(f"{where}: expected {expect}, got {exc!r}") from exc
        return
    raise AssertionError(f"{where}: expected it to raise {expect} (as the page shows); it did not")


def _expect_parser(document: Document) -> Iterable[Region]:
    lexer = DirectiveInHTMLCommentLexer(directive="expect")
    for region in lexer(document):
        arguments = str(region.lexemes["arguments"]).strip()

        def remember(example: Example, arguments: str = arguments) -> None:
            example.namespace[EXPECT] = arguments

        yield Region(region.start, region.end, arguments, remember)


SYBIL = Sybil(
    parsers=[CodeBlockParser("python", _evaluate_python), _expect_parser, SkipParser()],
    patterns=["*.md"],
)


def run_document(path: Path, directory: Path) -> list[str]:
    """Evaluate every block of ``path`` in order; returns the blocks skipped by a directive."""
    __tracebackhide__ = True
    modules, skipped = evaluate_document(path, directory)
    modules.run()
    return skipped


def evaluate_document(path: Path, directory: Path) -> tuple[Modules, list[str]]:
    """Evaluate every block of ``path`` in order, writing its pytest modules to ``directory``
    (not run yet); the modules, and the blocks skipped by a directive."""
    __tracebackhide__ = True
    directory.mkdir()
    document = SYBIL.parse(path)
    document.namespace.update({MODULES: Modules(directory, path), "__name__": "__docs__"})
    skipped = []
    profile = getattr(settings, "_current_profile", None)  # a block may load a profile
    try:
        for example in document:
            try:
                example.evaluate()
            except unittest.SkipTest as exc:  # `<!-- skip: next "reason" -->`: only that block
                skipped.append(f"line {example.line}: {exc}")
    finally:
        if profile is not None:
            settings.load_profile(profile)
    return document.namespace[MODULES], skipped


@pytest.mark.parametrize("path", DOCUMENTS, ids=_name)
def test_every_python_block_runs(path: Path, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(ROOT)  # blocks may read the repository's fixtures/ by relative path
    skipped = run_document(path, tmp_path / "modules")
    if skipped:
        print(f"{_name(path)}: skipped blocks:", *skipped, sep="\n  ")


def test_pages_have_python_blocks() -> None:
    """Every page with a Python fence yields at least that many regions to the runner (a parser
    change must not make a page pass empty); directives such as skip count as regions too."""
    fences = {_name(p): p.read_text().count("```python") for p in DOCUMENTS}
    counts = {_name(p): sum(1 for _ in SYBIL.parse(p)) for p in DOCUMENTS}
    assert {n: c for n, c in counts.items() if c < fences[n]} == {}
    assert sum(counts.values()) > 0


PAGE = """
# A page

```python
total = 1 + 1
```

<!-- expect: ZeroDivisionError -->
```python
total / 0
```

```sh
rm -rf /   # shell is never executed
```

<!-- expect: failed=1 passed=1 -->
```python
# test_shown_failing.py
def test_fine():
    assert True


def test_broken():
    assert 1 == 2
```
"""


def test_runner_asserts_the_failures_a_page_shows(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    modules, skipped = evaluate_document(page, tmp_path / "ok")
    assert skipped == []
    outcomes = modules.execute()  # the one pytest run of this test
    modules.check(outcomes)
    page.write_text(PAGE.replace("total / 0", "total / 1"), encoding="utf-8")
    with pytest.raises(AssertionError, match="expected it to raise ZeroDivisionError"):
        run_document(page, tmp_path / "no-error")
    # The same modules (same lines), now said to pass: the same outcomes must fail the check.
    page.write_text(PAGE.replace("failed=1 passed=1", "passed=2"), encoding="utf-8")
    modules, _ = evaluate_document(page, tmp_path / "unexpected-failure")
    wrong = r"module at line \d+: expected passed=2, .*, got \{'passed': 1, 'failed': 1\}"
    with pytest.raises(AssertionError, match=wrong):
        modules.check(outcomes)
