"""Running the AWS SDK for JavaScript v3 from a test: the Node.js and SDK package a test needs
(a missing one skips outside CI and fails in CI, so a missing install step cannot pass
unnoticed), and one script of tests/js run to its JSON output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

JS = Path(__file__).parent / "js"


def node_with(package: str) -> str:
    """The ``node`` executable, once tests/js holds ``@aws-sdk/<package>`` (`make js`)."""
    found = shutil.which("node")
    if found is None or not (JS / "node_modules" / "@aws-sdk" / package).is_dir():
        reason = "needs Node.js and the JavaScript SDK (`make js`: npm ci in tests/js)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def run_script(node: str, script: str, *args: str) -> Any:
    """Run ``tests/js/<script>`` with ``args``; its stdout parsed as JSON."""
    done = subprocess.run(
        [node, str(JS / script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
