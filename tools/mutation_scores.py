"""The score per module of the last ``mutmut run`` (``make mutation``), from mutmut's own results.

python tools/mutation_scores.py

mutmut keeps, beside each mutated file, a ``.meta`` JSON with the exit code of every mutant's
test run; this reads them through mutmut's own mapping of exit codes to statuses and prints,
per module, killed / (killed + survived), with the mutants no test reaches ("no tests") apart:
those are a coverage gap, not a weak test.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

MUTANTS = Path(__file__).resolve().parent.parent / "mutants"


def scores() -> dict[str, Counter[str]]:
    by_module: dict[str, Counter[str]] = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        if codes:
            module = str(meta.relative_to(MUTANTS)).removesuffix(".meta")
            by_module[module] = Counter(status_by_exit_code[code] for code in codes.values())
    return by_module


def main() -> int:
    found = scores()
    total: Counter[str] = Counter()
    for module, counts in found.items():
        total += counts
        print(_line(module, counts))
    print(_line("all of contract/", total))
    return 0


def _line(name: str, counts: Counter[str]) -> str:
    killed = counts["killed"] + counts["caught by type check"]
    judged = killed + counts["survived"]
    score = f"{killed / judged:.0%}" if judged else "n/a"
    rest = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()) if status != "killed")
    return f"{name}: {killed} of {judged} killed ({score}){'; ' + rest if rest else ''}"


if __name__ == "__main__":
    raise SystemExit(main())
