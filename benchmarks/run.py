"""`make bench`: every benchmark module, one after the other, each in its own interpreter;
writes benchmarks/RESULTS.md.

python benchmarks/run.py [--quick] [--save RAW.json | --load RAW.json] [--only NAME ...]

Every `benchmarks/bench_*.py` with a `run(quick: bool) -> dict` (JSON-serialisable) is run in a
fresh subprocess, so no module's imports (moto patches botocore on import) or state reach
another. A module may also define `section(result) -> str` (its Markdown section) and
`targets(result) -> list[tuple[str, str, str, str]]` (rows of the targets table: measure,
today, target, measured); otherwise results.py formats the modules it knows and prints the raw
figures of the others. A module that fails is reported as failed; the others still run.
`--quick` is a smoke run (fewer rounds, smaller counts) and does not write RESULTS.md;
`--save` keeps the raw figures, `--load` renders RESULTS.md again from them without measuring.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import results  # noqa: E402  (benchmarks/ is not a package)

# the order of the report; any other bench_*.py runs after these
ORDER = [
    "startup",
    "calls",
    "pertest",
    "given",
    "ops",
    "server",
    "validate",
    "generate",
    "stubber",
    "report",
]
TIMEOUT_S = 420  # per module; `make bench` as a whole stays well under 10 minutes on 2 cores
CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
module = __import__(sys.argv[2])
result = module.run(sys.argv[3] == "quick")
extra = {}
if hasattr(module, "section"):
    extra["_section"] = module.section(result)
if hasattr(module, "targets"):
    extra["_targets"] = [list(row) for row in module.targets(result)]
with open(sys.argv[4], "w") as out:
    json.dump({**result, **extra}, out)
"""


def modules() -> list[str]:
    found = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    return [m for m in ORDER if m in found] + [m for m in found if m not in ORDER]


def run_module(name: str, quick: bool) -> dict[str, Any]:
    """The module's result, or {"_error": ...} when it failed or took too long."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "result.json")
        mode = "quick" if quick else "full"
        args = [sys.executable, "-c", CHILD, str(HERE), f"bench_{name}", mode, str(out)]
        start = time.perf_counter()
        try:
            done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return {"_error": f"timed out after {TIMEOUT_S} s"}
        took = time.perf_counter() - start
        if done.returncode != 0 or not out.exists():
            return {"_error": f"exit {done.returncode}: {done.stderr.strip()[-1500:]}"}
        result: dict[str, Any] = json.loads(out.read_text())
        result["_seconds"] = took
        return result


def _option(name: str) -> str | None:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None


def main() -> int:
    quick = "--quick" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1 :] if "--only" in sys.argv else None
    saved, load = _option("--save"), _option("--load")
    found: dict[str, dict[str, Any]] = json.loads(Path(load).read_text()) if load else {}
    for name in [] if load else modules():
        if only and name not in only:
            continue
        print(f"bench_{name} ...", end=" ", flush=True, file=sys.stderr)
        found[name] = run_module(name, quick)
        status = "failed" if "_error" in found[name] else f"{found[name]['_seconds']:.0f} s"
        print(status, file=sys.stderr)
    if saved:
        Path(saved).write_text(json.dumps(found, indent=1))
    text = results.render(found, quick)
    print(text)
    if not quick and not only:
        (HERE / "RESULTS.md").write_text(text)
    return 1 if any("_error" in r for r in found.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
