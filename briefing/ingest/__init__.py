"""Ingest: turn an input (a file, a URL, or ``-`` for standard input) into a normalised Document.

One reader per input kind, chosen by the file's suffix, a URL's content
type, or (for standard input) the bytes themselves. Every reader gets the
raw bytes and the input's name, and returns a Document whose ``text`` is
what all later offsets point into.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable

from briefing.errors import InputError
from briefing.model import Document

if TYPE_CHECKING:
    from briefing.ingest.excerpt import PageRange

__all__ = ["DEFAULT_MAX_BYTES", "READERS", "document_suffix", "read_document", "read_file", "read_stdin", "parse_bytes"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"

Reader = Callable[[bytes, str], Document]


def _lazy(module: str) -> Reader:
    """Return a reader that imports its module (and its heavy dependencies) on first use."""

    def read(data: bytes, name: str, **options: object) -> Document:
        from importlib import import_module

        try:
            parse = import_module(f"briefing.ingest.{module}").parse
        except ImportError as exc:
            missing = exc.name or str(exc)
            raise InputError(
                f"reading this kind of file needs {missing}, which is not installed: pip install {missing}"
            ) from exc
        return parse(data, name, **options)

    read.__name__ = read.__qualname__ = f"{module}.parse"
    return read


READERS: dict[str, Reader] = {
    ".txt": _lazy("txt"),
    ".text": _lazy("txt"),
    ".md": _lazy("markdown"),
    ".markdown": _lazy("markdown"),
    ".html": _lazy("html"),
    ".htm": _lazy("html"),
    ".xhtml": _lazy("html"),
    ".pdf": _lazy("pdf"),
    ".docx": _lazy("docx"),
}


def read_document(source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, pages: PageRange | None = None) -> Document:
    """Read a file path, an http(s) URL, or ``-`` (standard input) into a Document.

    ``pages`` reads only those pages of a PDF; for another kind of input it is an InputError.
    """
    if isinstance(source, str):
        if source == STDIN:
            return read_stdin(max_bytes=max_bytes, pages=pages)
        from briefing.ingest.url import is_url, read_url

        if is_url(source):
            try:
                if pages is not None:
                    raise InputError(_NOT_PAGED)
                return read_url(source, max_bytes=max_bytes)
            except InputError as exc:
                raise InputError(f"{printable(source)}: {printable(str(exc))}") from exc
    return read_file(source, max_bytes=max_bytes, pages=pages)


_NOT_PAGED = "--pages selects pages of a PDF, and this is not one; brief a part of it with --section or --words"


def read_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, pages: PageRange | None = None) -> Document:
    """Read the file at ``path`` into a Document, choosing the reader by suffix (only ``pages`` of a PDF)."""
    from briefing.ingest.compressed import gunzip, inner_name

    path = Path(path)
    inner = inner_name(path.name)
    reader = _reader_for(path.with_name(inner) if inner != path.name else path, shown=path)
    reader = _paged(reader, document_suffix(path.name), pages, path)
    if not path.exists():
        raise InputError(f"{printable(path)}: no such file")
    if path.is_dir():
        raise InputError(f"{printable(path)}: is a directory, not a document")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{printable(path)}: file is {size:,} bytes, over the limit of {max_bytes:,} bytes (see --max-bytes)"
            )
        with path.open("rb") as stream:  # the size read, not the size stat'ed: files can grow
            data = stream.read(max_bytes + 1)
    except PermissionError as exc:
        raise InputError(f"{printable(path)}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{printable(path)}: cannot be read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise InputError(f"{printable(path)}: file is over the limit of {max_bytes:,} bytes (see --max-bytes)")
    if inner != path.name:
        try:
            data = gunzip(data)
        except InputError as exc:
            raise InputError(f"{printable(path)}: {exc}") from exc
    return parse_bytes(data, inner, reader=reader, label=str(path))


def read_stdin(*, max_bytes: int = DEFAULT_MAX_BYTES, stream: BinaryIO | None = None,
               pages: PageRange | None = None) -> Document:
    """Read a document from standard input (or ``stream``); its kind is told from its first bytes."""
    from briefing.ingest.sniff import sniff

    stream = stream if stream is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(f"{STDIN}: standard input is not available")
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{STDIN}: standard input is over the limit of {max_bytes:,} bytes (see --max-bytes)")
    from briefing.ingest.compressed import GZIP_MAGIC, gunzip

    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip(data)
        except InputError as exc:
            raise InputError(f"{STDIN}: standard input {exc}") from exc
    suffix = sniff(data)
    if suffix is None:
        raise InputError(f"{STDIN}: a zip archive that is not a Word document; supported: {_known()}")
    reader = _paged(_reader_for(Path("stdin" + suffix)), suffix, pages, STDIN)
    return parse_bytes(data, "stdin" + suffix, reader=reader, label=STDIN)


def parse_bytes(data: bytes, name: str, *, reader: Reader | None = None, label: str | None = None) -> Document:
    """Parse an in-memory document; the reader defaults to the one for ``name``'s suffix.

    Errors name the input as ``label`` (what the user typed), else ``name``, and
    show both it and the reason on one line, control characters escaped.
    """
    reader = reader or _reader_for(Path(name))
    label = label or name
    try:
        return reader(data, name)
    except InputError as exc:
        raise InputError(f"{printable(label)}: {printable(str(exc))}") from exc


def printable(name: str | Path) -> str:
    """Return an input's name as an error may show it: on one line, control and invisible characters escaped.

    A file can be called ``"a\\nb.txt"`` or carry a terminal escape sequence;
    printed as it is, its name would break the one-line error or drive the
    user's terminal.
    """
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(name))


def _paged(reader: Reader, suffix: str, pages: PageRange | None, label: str | Path) -> Reader:
    """Return a reader that reads only ``pages`` of a PDF; InputError for pages of anything else."""
    if pages is None:
        return reader
    if suffix != ".pdf":
        raise InputError(f"{printable(label)}: {_NOT_PAGED}")
    return functools.partial(reader, pages=pages)


def _reader_for(path: Path, *, shown: Path | None = None) -> Reader:
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        kind = printable(suffix) or "(no suffix)"
        if shown is not None and shown != path:
            kind += ".gz"
        raise InputError(f"{printable(shown or path)}: unsupported input type {kind}; supported: {_known()}")
    return reader


def document_suffix(name: str) -> str:
    """Return the suffix that picks a file's reader: ``a.md`` → ``.md``, ``page.html.gz`` → ``.html``."""
    from briefing.ingest.compressed import inner_name

    return Path(inner_name(name)).suffix.lower()


def _known() -> str:
    return ", ".join(sorted(READERS)) + " (each also gzip-compressed, .gz)"
