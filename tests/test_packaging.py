"""What a new user installs: the sdist and wheel build, pass ``twine check``, and the wheel,
installed into a fresh virtualenv, runs the README's quick start and the docs' fixture commands.

Slow (a build, a virtualenv and an install from the package registry): run in CI (CI=true) and
with ``make test SLOW=1``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DISTRIBUTION = "pytest-pinpoint-fake"
README = ROOT / "README.md"


def run(argv: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    # nothing of this checkout may leak into the fresh venv (a PYTHONPATH would import it)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{argv} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


def quick_start() -> str:
    """The README's ``# test_welcome.py`` block, as a user copies it."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"```python\n(# test_welcome\.py\n.*?)```", text, re.S)
    assert match, "README.md has no `# test_welcome.py` quick-start block"
    return match.group(1)


def test_the_readme_install_line_names_this_distribution() -> None:
    text = README.read_text(encoding="utf-8")
    installs = re.findall(r"^pip install (\S+)", text, re.M)
    assert installs, "README.md has no `pip install` line"
    assert installs[0] == DISTRIBUTION, installs
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'name = "{DISTRIBUTION}"' in pyproject


def test_fixtures_command_copies_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pytest_pinpoint.cli import main

    target = tmp_path / "fixtures"
    assert main(["fixtures", str(target)]) == 0
    assert (target / "seed" / "myfile.json").read_bytes() == (
        ROOT / "fixtures" / "seed" / "myfile.json"
    ).read_bytes()
    assert "JSON files" in capsys.readouterr().out
    assert main(["fixtures", str(target)]) == 2  # not over a user's own files unasked
    assert "--force" in capsys.readouterr().err
    assert main(["fixtures", str(target), "--force"]) == 0


@pytest.mark.slow
def test_build_check_install_and_run_the_quick_start(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(dist), str(ROOT)],
        ROOT,
    )
    [wheel] = dist.glob("*.whl")
    [sdist] = dist.glob("*.tar.gz")
    assert wheel.name.startswith("pytest_pinpoint_fake-"), wheel.name
    run([sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)], ROOT)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        assert f"Name: {DISTRIBUTION}\n" in zf.read(metadata).decode()
    assert "pytest_pinpoint/fixtures/seed/myfile.json" in names  # the docs run these

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], tmp_path)  # no system site-packages
    python, bin_dir = venv / "bin" / "python", venv / "bin"
    run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], tmp_path, timeout=900)

    work = tmp_path / "user"
    work.mkdir()
    (work / "test_welcome.py").write_text(quick_start(), encoding="utf-8")
    done = run([str(python), "-m", "pytest", "-p", "no:cacheprovider", "-q"], work)
    assert re.search(r"\b1 passed\b", done.stdout), done.stdout
    imported = run(
        [str(python), "-c", "import pytest_pinpoint; print(pytest_pinpoint.__file__)"], work
    )
    assert imported.stdout.strip().startswith(str(venv)), imported.stdout

    cli = str(bin_dir / "pytest-pinpoint")
    assert DISTRIBUTION in run([cli, "--version"], work).stdout
    run([cli, "fixtures"], work)
    checked = subprocess.run(
        [cli, "validate", "fixtures/seed/myfile.json", "fixtures/seed/response.json"],
        cwd=work, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
