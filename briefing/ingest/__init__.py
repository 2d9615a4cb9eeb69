"""Ingest: turn an input file into a normalised :class:`~briefing.model.Document`.

One reader per input kind, chosen by the file's suffix. Every reader gets
the raw bytes and the input's name, and returns a Document whose ``text`` is
what all later offsets point into.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from briefing.errors import InputError
from briefing.ingest import markdown, txt
from briefing.model import Document

__all__ = ["DEFAULT_MAX_BYTES", "READERS", "read_document", "parse_bytes"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

Reader = Callable[[bytes, str], Document]

READERS: dict[str, Reader] = {
    ".txt": txt.parse,
    ".text": txt.parse,
    ".md": markdown.parse,
    ".markdown": markdown.parse,
}


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read the file at ``path`` into a Document, choosing the reader by suffix."""
    path = Path(path)
    reader = _reader_for(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a document")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    return parse_bytes(data, path.name, reader=reader, label=str(path))


def parse_bytes(data: bytes, name: str, *, reader: Reader | None = None, label: str | None = None) -> Document:
    """Parse an in-memory document; the reader defaults to the one for ``name``'s suffix.

    Errors name the input as ``label`` (what the user typed), else ``name``.
    """
    reader = reader or _reader_for(Path(name))
    label = label or name
    try:
        return reader(data, name)
    except InputError as exc:
        raise InputError(f"{label}: {exc}") from exc


def _reader_for(path: Path) -> Reader:
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        shown = suffix or "(no suffix)"
        raise InputError(f"{path}: unsupported input type {shown}; supported: {known}")
    return reader
