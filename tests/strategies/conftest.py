"""The strategies' tests: the `slow` marker (throughput runs of thousands of examples).

`make test` runs them; skip them locally with `-m "not slow"`.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        'slow: a throughput run of thousands of generated examples (skip with -m "not slow")',
    )
