"""What keeps the default run short, in one place.

- ``warm_hypothesis_storage(directory)``: a child pytest run in a fresh directory starts with
  this run's Hypothesis caches (Unicode tables, constants of unchanged source files) instead of
  building them again (~1 s per child). They are keyed by content, so the child draws exactly
  what it would have drawn with a cold cache; no example database is copied.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CACHES = ("unicode_data", "constants")


def warm_hypothesis_storage(directory: Path) -> None:
    """Copy this process's Hypothesis caches into ``directory/.hypothesis`` (a child pytest
    started there with no HYPOTHESIS_STORAGE_DIRECTORY reads them); nothing if there are none."""
    from hypothesis.configuration import storage_directory

    for name in CACHES:
        source = storage_directory(name, intent_to_write=False).path
        if source.is_dir():
            shutil.copytree(source, directory / ".hypothesis" / name, dirs_exist_ok=True)
