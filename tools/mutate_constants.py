"""Mutation testing of the contract's module-level facts, which mutmut leaves alone.

python tools/mutate_constants.py [MODULE ...]   (default: pytest_pinpoint/contract/limits.py)

mutmut mutates only inside functions, so a documented limit or vocabulary at module level
(``MAX_EMAIL_HEADERS = 15``, ``APNS_PUSH_TYPES = (...)``) is never changed by it. This script
makes those mutants itself: each whole number moved by one, each entry of a tuple, set or dict
of constants dropped, each string constant emptied. It applies one at a time to the file, runs
the contract tests (stopping at the first failure), restores the file, and prints the mutants no
test killed. Exit status 0 either way: the score is a measurement, the survivors a to-do list.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tests() -> list[str]:
    """The contract tests mutmut runs ([tool.mutmut] in pyproject.toml), read by mutmut's own
    configuration loader: one list for both tools."""
    from mutmut.configuration import config

    return list(config().pytest_add_cli_args_test_selection)


@dataclass(frozen=True)
class Mutant:
    name: str  # the constant it changes
    line: int
    description: str
    start: int  # character offsets in the source: the text replaced
    end: int
    replacement: str


def _offset(lines: list[str], line: int, col: int) -> int:
    return sum(len(text) for text in lines[: line - 1]) + col


def _span(lines: list[str], node: ast.AST) -> tuple[int, int]:
    start = _offset(lines, node.lineno, node.col_offset)  # type: ignore[attr-defined]
    end = _offset(lines, node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
    return start, end


def _elements(node: ast.expr) -> list[ast.expr] | None:
    """The entries of a literal tuple/list/set (or ``frozenset((...))``) of constants."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "frozenset" and node.args:
        node = node.args[0]
    elements = node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else []
    if elements and all(isinstance(e, ast.Constant) for e in elements):
        return list(elements)
    return None


def _drop(source: str, lines: list[str], first: ast.expr, last: ast.expr) -> tuple[int, int]:
    """The span from ``first`` to ``last``, with the comma and line break after it."""
    start, _ = _span(lines, first)
    _, end = _span(lines, last)
    rest = source[end:]
    return start, end + len(rest) - len(rest.lstrip(" ,\n"))


def _of_value(name: str, value: ast.expr, source: str, lines: list[str]) -> list[Mutant]:
    if isinstance(value, ast.Constant) and type(value.value) is int:
        start, end = _span(lines, value)
        return [
            Mutant(
                name,
                value.lineno,
                f"{value.value} -> {value.value + d}",
                start,
                end,
                str(value.value + d),
            )
            for d in (1, -1)
        ]
    if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value:
        start, end = _span(lines, value)
        return [Mutant(name, value.lineno, f"{value.value[:30]!r} -> ''", start, end, '""')]
    if isinstance(value, ast.Dict):
        pairs = [
            (k, v)
            for k, v in zip(value.keys, value.values, strict=True)
            if isinstance(k, ast.Constant)
        ]
        return [
            Mutant(name, k.lineno, f"drop {k.value!r}", *_drop(source, lines, k, v), "")
            for k, v in pairs
        ]
    return [
        Mutant(name, e.lineno, f"drop {e.value!r}", *_drop(source, lines, e, e), "")
        for e in _elements(value) or ()
        if isinstance(e, ast.Constant)
    ]


def mutants_of(source: str) -> list[Mutant]:
    lines = source.splitlines(keepends=True)
    found: list[Mutant] = []
    for statement in ast.parse(source).body:
        if isinstance(statement, ast.Assign):
            target: ast.expr = statement.targets[0]
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            target = statement.target
        else:
            continue
        assert statement.value is not None
        found += _of_value(getattr(target, "id", "?"), statement.value, source, lines)
    return found


def killed(path: Path, source: str, mutant: Mutant) -> bool:
    path.write_text(source[: mutant.start] + mutant.replacement + source[mutant.end :])
    try:
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *_tests()],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        return run.returncode != 0
    finally:
        path.write_text(source)


def main() -> int:
    modules = sys.argv[1:] or ["pytest_pinpoint/contract/limits.py"]
    for module in modules:
        path = ROOT / module
        source = path.read_text()
        mutants = mutants_of(source)
        survivors = [m for m in mutants if not killed(path, source, m)]
        score = 1 - len(survivors) / len(mutants) if mutants else 1.0
        print(f"{module}: {len(mutants) - len(survivors)} of {len(mutants)} killed ({score:.0%})")
        for m in survivors:
            print(f"  survived: line {m.line} {m.name}: {m.description}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
