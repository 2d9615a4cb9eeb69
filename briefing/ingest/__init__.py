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
    from briefing.ingest.excerpt import PageRange
    from briefing.ingest.readers import Reader

__all__ = ["DEFAULT_MAX_BYTES", "STDIN", "document_suffix", "read_document", "read_file", "read_stdin", "parse_bytes"]

STDIN = "-"

def read_document(source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  allow_private_urls: bool = False, pages: PageRange | None = None) -> Document:
    """Read a file path, an http(s) URL, or ``-`` (standard input) into a Document.

    A URL, and every redirect it leads through, must be at a public address
    unless ``allow_private_urls`` is set. ``pages`` reads only those pages of
    a PDF; for another kind of input it is an InputError.
    """
    if isinstance(source, str):
        if source == STDIN:
            return read_stdin(max_bytes=max_bytes, pages=pages)
        from briefing.ingest.url import is_url, read_url

        if is_url(source):
            try:
                if pages is not None:
                    raise InputError(_NOT_PAGED)
                with labelled_warnings(source):
                    return read_url(source, max_bytes=max_bytes, allow_private=allow_private_urls)
            except InputError as exc:
                raise exc.about(source)
    return read_file(source, max_bytes=max_bytes, pages=pages)


_NOT_PAGED = "--pages selects pages of a PDF, and this is not one; brief a part of it with --section or --words"


def read_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, pages: PageRange | None = None) -> Document:
    """Read the file at ``path`` into a Document, choosing the reader by suffix (``page.html.gz``: unpacked first)."""
    from briefing.ingest.compressed import gunzip, inner_name

    path = Path(path)
    inner = inner_name(path.name)
    reader = _paged(_reader_for(path.with_name(inner), shown=path), pages, path)
    try:
        data = _read_bytes(path, max_bytes)
        if inner != path.name:
            data = gunzip(data)
    except InputError as exc:
        raise exc.about(path)
    return parse_bytes(data, inner, reader=reader, label=str(path))


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


def read_stdin(*, max_bytes: int = DEFAULT_MAX_BYTES, stream: BinaryIO | None = None,
               pages: PageRange | None = None) -> Document:
    """Read a document from standard input (or ``stream``); its kind is told from its first bytes (gzip: unpacked)."""
    from briefing.ingest.compressed import GZIP_MAGIC, gunzip

    stream = stream if stream is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("standard input is not available", source=STDIN)
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"standard input is over the limit of {max_bytes:,} bytes (see --max-bytes)", source=STDIN)
    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip(data)
        except InputError as exc:
            raise InputError(f"standard input {exc.message}", source=STDIN) from exc
    reader = readers().sniff(data)
    if reader is None:
        raise unsupported("a zip archive that is not a Word document").about(STDIN)
    reader = _paged(reader, pages, STDIN)
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


def _reader_for(path: Path, *, shown: Path | None = None) -> Reader:
    reader = readers().for_suffix(path.suffix)
    if reader is None:
        kind = printable(path.suffix.lower()) or "(no suffix)"
        if shown is not None and shown.name != path.name:
            kind += ".gz"
        raise unsupported(f"unsupported input type {kind}").about(shown or path)
    return reader


class _PagedReader:
    """A paged reader (a PDF's) that reads only some pages: what ``--pages`` asks."""

    def __init__(self, reader: Reader, pages: PageRange) -> None:
        self._reader = reader
        self._pages = pages
        self.suffixes = reader.suffixes

    def parse(self, data: bytes, name: str) -> Document:
        return self._reader.parse(data, name, pages=self._pages)  # type: ignore[call-arg]


def _paged(reader: Reader, pages: PageRange | None, label: str | Path) -> Reader:
    """Return a reader that reads only ``pages``; InputError for pages of a reader that has none (not a PDF)."""
    if pages is None:
        return reader
    if not getattr(reader, "paged", False):
        raise InputError(_NOT_PAGED, source=str(label))
    return _PagedReader(reader, pages)  # type: ignore[return-value]


def document_suffix(name: str) -> str:
    """Return the suffix that picks a file's reader: ``a.md`` → ``.md``, ``page.html.gz`` → ``.html``."""
    from briefing.ingest.compressed import inner_name

    return Path(inner_name(name)).suffix.lower()
