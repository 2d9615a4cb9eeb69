"""Ingest: turn an input (a file, a URL, or ``-`` for standard input) into a normalised Document.

One reader per input kind (:mod:`briefing.ingest.readers`, found through
the ``briefing.readers`` entry points), chosen by the file's suffix, a
URL's content type, or (for standard input) the bytes themselves. Every reader gets the
raw bytes and the input's name, and returns a Document whose ``text`` is
what all later offsets point into.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from briefing.errors import InputError, InputWarning, printable
from briefing.ingest.readers import readers, unsupported
from briefing.model import Document
from briefing.options import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from briefing.ingest.readers import Reader

__all__ = ["DEFAULT_MAX_BYTES", "STDIN", "read_document", "read_file", "read_stdin", "parse_bytes"]

STDIN = "-"

def read_document(source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  allow_private_urls: bool = False) -> Document:
    """Read a file path, an http(s) URL, or ``-`` (standard input) into a Document.

    A URL, and every redirect it leads through, must be at a public address
    unless ``allow_private_urls`` is set.
    """
    if isinstance(source, str):
        if source == STDIN:
            return read_stdin(max_bytes=max_bytes)
        from briefing.ingest.url import is_url, read_url

        if is_url(source):
            try:
                with labelled_warnings(source):
                    return read_url(source, max_bytes=max_bytes, allow_private=allow_private_urls)
            except InputError as exc:
                raise exc.about(source)
    return read_file(source, max_bytes=max_bytes)


def read_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read the file at ``path`` into a Document, choosing the reader by suffix."""
    path = Path(path)
    reader = _reader_for(path)
    try:
        data = _read_bytes(path, max_bytes)
    except InputError as exc:
        raise exc.about(path)
    return parse_bytes(data, path.name, reader=reader, label=str(path))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Return a file's bytes, at most ``max_bytes`` of them; InputError (naming no file) if it cannot.

    A named pipe, a device or a file over the limit is refused by its kind and
    size before a byte is read (:mod:`briefing.ingest.files`).
    """
    from briefing.ingest.files import open_regular

    if not path.exists():
        raise InputError("no such file")
    if path.is_dir():
        raise InputError("is a directory, not a document")
    try:
        with open_regular(path, max_bytes=max_bytes) as stream:  # the size read, not the size stat'ed: files grow
            data = stream.read(max_bytes + 1)
    except PermissionError as exc:
        raise InputError("permission denied") from exc
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise InputError(f"file is over the limit of {max_bytes:,} bytes (see --max-bytes)")
    return data


def read_stdin(*, max_bytes: int = DEFAULT_MAX_BYTES, stream: BinaryIO | None = None) -> Document:
    """Read a document from standard input (or ``stream``); its kind is told from its first bytes."""
    stream = stream if stream is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("standard input is not available", source=STDIN)
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"standard input is over the limit of {max_bytes:,} bytes (see --max-bytes)", source=STDIN)
    reader = readers().sniff(data)
    if reader is None:
        raise unsupported("a zip archive that is not a Word document").about(STDIN)
    return parse_bytes(data, "stdin" + reader.suffixes[0], reader=reader, label=STDIN)


def parse_bytes(data: bytes, name: str, *, reader: Reader | None = None, label: str | None = None) -> Document:
    """Parse an in-memory document; the reader defaults to the one for ``name``'s suffix.

    Errors name the input as ``label`` (what the user typed), else ``name``, and
    show both it and the reason on one line, control characters escaped.
    """
    with labelled_warnings(label or name):
        try:
            return (reader or _reader_for(Path(name))).parse(data, name)
        except InputError as exc:
            raise exc.about(label or name)


class labelled_warnings:
    """Re-issue the InputWarnings raised inside the block with the input's name in front, each once."""

    def __init__(self, label: str | Path) -> None:
        self.label = printable(label)
        self._catcher = warnings.catch_warnings(record=True)

    def __enter__(self) -> None:
        self._caught = self._catcher.__enter__()
        warnings.simplefilter("always", InputWarning)

    def __exit__(self, *exc: object) -> None:
        self._catcher.__exit__(*exc)
        for message in dict.fromkeys(str(w.message) for w in self._caught if issubclass(w.category, InputWarning)):
            warnings.warn(InputWarning(f"{self.label}: {message}"), stacklevel=3)
        for caught in self._caught:
            if not issubclass(caught.category, InputWarning):
                warnings.warn_explicit(caught.message, caught.category, caught.filename, caught.lineno)


def _reader_for(path: Path) -> Reader:
    reader = readers().for_suffix(path.suffix)
    if reader is None:
        shown = printable(path.suffix.lower()) or "(no suffix)"
        raise unsupported(f"unsupported input type {shown}").about(path)
    return reader
