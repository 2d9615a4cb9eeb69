"""The installed package: its version (from its metadata) and its data files, read without the package facade."""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, version as installed_version
from importlib.resources import files
from pathlib import Path

__all__ = ["package_dir", "version"]


@functools.cache
def version() -> str:
    """Return the installed briefing's version, e.g. ``0.1.0``."""
    try:
        return installed_version("briefing")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def package_dir() -> Path:
    """Return the folder the ``briefing`` package is installed in (the source tree's, in an editable install)."""
    return Path(str(files("briefing"))).resolve()
