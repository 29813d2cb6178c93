"""What keeps the default run short, in one place.

- ``examples(n)``: a Hypothesis property test draws ``n`` examples in CI (``CI=true``, which
  .ci/run sets, or ``SLOW=1``: the Makefile's switch for the ``slow`` tests) and a third of them,
  never fewer than 50, in a contributor's ``make test``. Only property tests of an invariant
  that every example must hold use it; runs that assert what the examples cover (derandomized
  counts of statuses, rules, boundaries) keep their counts.
- ``warm_hypothesis_storage(directory)``: a child pytest run in a fresh directory starts with
  this run's Hypothesis caches (Unicode tables, constants of unchanged source files) instead of
  building them again (~1 s per child). They are keyed by content, so the child draws exactly
  what it would have drawn with a cold cache; no example database is copied.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

# Imported with this module, at collection, before any test changes directory: Hypothesis
# places its storage under the working directory of that moment (.hypothesis), for good.
from hypothesis.configuration import storage_directory

FULL = os.environ.get("CI") == "true" or bool(os.environ.get("SLOW"))
LOCAL_SHARE = 3  # a third of the examples locally
LOCAL_FLOOR = 50  # and never fewer than this (nor more than n)
CACHES = ("unicode_data", "constants")


def examples(n: int) -> int:
    """``n`` in CI; locally a third of ``n``, at least ``min(n, 50)``."""
    if FULL:
        return n
    return max(min(n, LOCAL_FLOOR), n // LOCAL_SHARE)


def warm_hypothesis_storage(directory: Path) -> None:
    """Copy this process's Hypothesis caches into ``directory/.hypothesis`` (a child pytest
    started there with no HYPOTHESIS_STORAGE_DIRECTORY reads them); nothing if there are none."""
    for name in CACHES:
        source = storage_directory(name, intent_to_write=False).path
        # Only a cache: missing, or changing under xdist (shutil.Error is an OSError), the child
        # builds what it lacks. Hypothesis writes each file to a .tmp- name, then renames it.
        with contextlib.suppress(OSError):
            shutil.copytree(
                source,
                directory / ".hypothesis" / name,
                ignore=shutil.ignore_patterns(".tmp-*"),
                dirs_exist_ok=True,
            )
