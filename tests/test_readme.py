"""README.md: its opening lines stay, and its test examples are run as real pytest modules.

The blocks themselves are executed by tests/test_docs.py (the quick start too, with no AWS
credentials anywhere, as on a CI machine).
"""

from __future__ import annotations

from pathlib import Path

from test_docs import SYBIL, _is_test_module

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_opens_with_make_demo_and_make_test() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert lines[3].startswith("make demo")
    assert lines[4].startswith("make test")


def test_readme_test_examples_run_as_pytest_modules() -> None:
    blocks = [str(example.parsed) for example in SYBIL.parse(README)]
    for marker in ("def test_welcome(pinpoint_stub)", "# conftest.py", "def test_confirmation("):
        block = next(b for b in blocks if marker in b)
        assert _is_test_module(block), marker
