"""The installed package: its version (from its metadata) and its data files, read without the package facade."""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, version as installed_version

__all__ = ["version"]


@functools.cache
def version() -> str:
    """Return the installed briefing's version, e.g. ``0.1.0``."""
    try:
        return installed_version("briefing")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
