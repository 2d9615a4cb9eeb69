"""Expand what a user names into the documents to build, name their outputs, and shard them.

Inputs are files, folders (searched recursively for the suffixes ingest
reads), glob patterns, http(s) URLs and ``-`` for standard input. The
expansion is deterministic: in the order given, each folder's and pattern's
files sorted, each file once.
"""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from briefing.ingest import STDIN
from briefing.ingest.url import is_url

__all__ = ["STDIN", "Source", "expand_inputs", "is_document", "known_suffixes", "searched_folder", "shard_of"]



@dataclass(frozen=True)
class Source:
    """One input after expansion; ``problem`` says why it stands for no document at all."""

    name: str
    problem: str | None = None
    root: str | None = None  # the folder input (or a pattern's folder) it was found in: its brief keeps its place below


def known_suffixes() -> tuple[str, ...]:
    """Return the suffixes the installed readers read (what a folder or pattern yields), and ``.gz``."""
    from briefing.ingest.compressed import COMPRESSED_SUFFIX
    from briefing.ingest.readers import readers

    return (*readers().suffixes(), COMPRESSED_SUFFIX)


def is_document(name: str, suffixes: Sequence[str]) -> bool:
    """Say whether a folder or pattern yields the file ``name``: its suffix, or ``.gz`` after one, is read."""
    from briefing.ingest import document_suffix
    from briefing.ingest.compressed import COMPRESSED_SUFFIX

    if os.path.basename(name).startswith("."):
        return False
    suffix = os.path.splitext(name)[1].lower()
    if suffix == COMPRESSED_SUFFIX:
        return COMPRESSED_SUFFIX in suffixes and document_suffix(name) in suffixes
    return suffix in suffixes


def expand_inputs(items: Iterable[str], *, suffixes: Sequence[str] | None = None,
                  exclude: Iterable[Path] = ()) -> list[Source]:
    """Expand files, folders (recursively, by suffix) and glob patterns; URLs and ``-`` pass through.

    ``suffixes`` are what a folder or pattern yields (default: every kind
    ingest reads). The result is in the order given, each folder's and pattern's files
    sorted, each file once. A folder or pattern that holds no document is a
    Source with a problem; a missing file passes through, to fail when read.
    Hidden files and folders, and the folders in ``exclude`` (the output
    folder), are not searched. A named pipe, a device or a socket (or a link
    to one) is a Source with a problem, found from its metadata without
    opening it; so is a subfolder that cannot be listed.
    """
    suffixes = tuple(suffixes) if suffixes is not None else known_suffixes()
    skip = {os.path.realpath(p) for p in exclude}

    def excluded(path: str) -> bool:
        real = os.path.realpath(path)
        return any(real == folder or real.startswith(folder + os.sep) for folder in skip)
    seen: set[str] = set()
    sources: list[Source] = []

    def add(name: str, root: str | None = None) -> None:
        special = name == STDIN or is_url(name)
        key = name if special else os.path.realpath(name)
        if key not in seen:
            seen.add(key)
            sources.append(Source(name, None if special else _kind_problem(name), root=root))

    def documents_in(folder: str) -> list[str]:
        found = []

        def unreadable(error: OSError) -> None:  # a subfolder that cannot be listed is a failed input
            where = error.filename if isinstance(error.filename, str) else folder
            reason = "permission denied" if isinstance(error, PermissionError) else (error.strerror or str(error))
            sources.append(Source(os.path.normpath(where), f"this folder cannot be read: {reason}"))

        for root, dirs, files in os.walk(folder, onerror=unreadable):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(os.path.join(root, d)))
            found += [os.path.join(root, f) for f in sorted(files) if is_document(f, suffixes)]
        return found

    for item in items:
        if item == STDIN or is_url(item):
            add(item)
        elif os.path.isdir(item):
            found = documents_in(item)
            if not found:
                sources.append(Source(item, f"no documents ({', '.join(suffixes)}) in this folder"))
            for name in found:
                add(os.path.normpath(name), root=os.path.normpath(item))
        elif not os.path.exists(item) and glob.has_magic(item):
            matches = []
            for match in sorted(glob.glob(item, recursive=True)):
                if excluded(match):
                    continue
                if os.path.isdir(match):
                    matches += documents_in(match)
                elif is_document(match, suffixes):
                    matches.append(match)
            if not matches:
                sources.append(Source(item, "no documents match this pattern"))
            for name in matches:
                add(os.path.normpath(name), root=searched_folder(item))
        elif not os.path.exists(item) and not is_document(item, suffixes):
            sources.append(Source(item, "no such file or folder"))
        else:
            add(os.path.normpath(item))
    return sources


def searched_folder(pattern: str) -> str:
    """Return the folder a glob pattern searches: its path up to the first part with a wildcard."""
    parts = Path(pattern).parts
    literal = parts[:next((i for i, part in enumerate(parts) if glob.has_magic(part)), len(parts))]
    return os.path.normpath(os.path.join(*literal)) if literal else os.curdir


def _kind_problem(path: str) -> str | None:
    """Say why a named file cannot be a document by its kind (a FIFO, a device), from its metadata alone."""
    from briefing.ingest.files import refusal

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing or unreadable: reading it says which
    problem = refusal(path, mode)
    return None if problem is None or problem.startswith("is a directory") else problem


def shard_of(name: str, count: int) -> int:
    """Return the shard (1 to ``count``) an input belongs to: stable, from a hash of its path."""
    key = name if name == STDIN or is_url(name) else Path(os.path.normpath(name)).as_posix()
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % count + 1
