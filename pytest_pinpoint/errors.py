"""Errors the plugin raises for misuse. Contract breaches are Violations, never exceptions."""

from __future__ import annotations


class PinpointStubError(Exception):
    """Misuse of the stub (unknown status, bad option, unimplemented operation...).

    The message says what was wrong and how to fix it; the plugin never lets an internal
    exception escape in its place.
    """
