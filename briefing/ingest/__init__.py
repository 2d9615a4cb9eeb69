"""Ingest: turn an input (a file, a URL, or ``-`` for standard input) into a normalised Document.

One reader per input kind, chosen by the file's suffix, a URL's content
type, or (for standard input) the bytes themselves. Every reader gets the
raw bytes and the input's name, and returns a Document whose ``text`` is
what all later offsets point into.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import BinaryIO, Callable

from briefing.errors import InputError, InputWarning
from briefing.model import Document

__all__ = ["DEFAULT_MAX_BYTES", "READERS", "read_document", "read_file", "read_stdin", "parse_bytes"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"

Reader = Callable[[bytes, str], Document]


def _lazy(module: str) -> Reader:
    """Return a reader that imports its module (and its heavy dependencies) on first use."""

    def read(data: bytes, name: str) -> Document:
        from importlib import import_module

        try:
            parse = import_module(f"briefing.ingest.{module}").parse
        except ImportError as exc:
            missing = exc.name or str(exc)
            raise InputError(
                f"reading this kind of file needs {missing}, which is not installed: pip install {missing}"
            ) from exc
        return parse(data, name)

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
                raise InputError(f"{printable(source)}: {printable(str(exc))}") from exc
    return read_file(source, max_bytes=max_bytes)


def read_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read the file at ``path`` into a Document, choosing the reader by suffix."""
    path = Path(path)
    reader = _reader_for(path)
    if not path.exists():
        raise InputError(f"{printable(path)}: no such file")
    from briefing.ingest.files import open_regular

    try:
        with open_regular(path, max_bytes=max_bytes) as stream:  # the size read, not the size stat'ed: files grow
            data = stream.read(max_bytes + 1)
    except InputError as exc:  # a special file, or one over the limit
        raise InputError(f"{printable(path)}: {exc}") from exc
    except PermissionError as exc:
        raise InputError(f"{printable(path)}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{printable(path)}: cannot be read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise InputError(f"{printable(path)}: file is over the limit of {max_bytes:,} bytes (see --max-bytes)")
    return parse_bytes(data, path.name, reader=reader, label=str(path))


def read_stdin(*, max_bytes: int = DEFAULT_MAX_BYTES, stream: BinaryIO | None = None) -> Document:
    """Read a document from standard input (or ``stream``); its kind is told from its first bytes."""
    from briefing.ingest.sniff import sniff

    stream = stream if stream is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(f"{STDIN}: standard input is not available")
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{STDIN}: standard input is over the limit of {max_bytes:,} bytes (see --max-bytes)")
    suffix = sniff(data)
    if suffix is None:
        raise InputError(f"{STDIN}: a zip archive that is not a Word document; supported: {_known()}")
    return parse_bytes(data, "stdin" + suffix, label=STDIN)


def parse_bytes(data: bytes, name: str, *, reader: Reader | None = None, label: str | None = None) -> Document:
    """Parse an in-memory document; the reader defaults to the one for ``name``'s suffix.

    Errors name the input as ``label`` (what the user typed), else ``name``, and
    show both it and the reason on one line, control characters escaped.
    """
    reader = reader or _reader_for(Path(name))
    label = label or name
    with labelled_warnings(label):
        try:
            return reader(data, name)
        except InputError as exc:
            raise InputError(f"{printable(label)}: {printable(str(exc))}") from exc


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


def printable(name: str | Path) -> str:
    """Return an input's name as an error may show it: on one line, control and invisible characters escaped.

    A file can be called ``"a\\nb.txt"`` or carry a terminal escape sequence;
    printed as it is, its name would break the one-line error or drive the
    user's terminal.
    """
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(name))


def _reader_for(path: Path) -> Reader:
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        shown = printable(suffix) or "(no suffix)"
        raise InputError(f"{printable(path)}: unsupported input type {shown}; supported: {_known()}")
    return reader


def _known() -> str:
    return ", ".join(sorted(READERS))
