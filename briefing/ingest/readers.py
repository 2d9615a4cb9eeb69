"""Readers: the contract, the built-in ones, and the registry found through the ``briefing.readers`` entry points.

A reader is a class that declares what it reads (``suffixes``,
``media_types``, and whether a download's charset applies to its bytes),
tells from a document's first bytes whether it is one of its kind
(``sniff``, for standard input and untyped downloads, tried in
``sniff_order``), and parses bytes into a Document. The built-in readers
import their parsers (and their heavy dependencies) on first use, so
declaring them costs nothing. A third party adds a kind of input (EPUB,
ODT, email) by installing a package that declares an entry point.
"""

from __future__ import annotations

import functools
import logging
import sys
from dataclasses import dataclass
from typing import ClassVar, Protocol

from briefing.errors import BriefingError, InputError
from briefing.model import Document
from briefing.plugins import installed

__all__ = ["GROUP", "Reader", "Readers", "readers"]

log = logging.getLogger(__name__)

GROUP = "briefing.readers"


class Reader(Protocol):
    """The contract every reader, built-in or third-party, fulfils."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]  # lower case, with the dot: (".pdf",)
    media_types: ClassVar[tuple[str, ...]]  # the content types a URL may be served as
    takes_charset: ClassVar[bool]  # a download's charset applies: its bytes are re-encoded as UTF-8 first
    sniff_order: ClassVar[int]  # lower is tried first when telling a kind from the bytes

    def sniff(self, data: bytes) -> bool: ...  # whether ``data`` (its first bytes at least) is of this kind
    def parse(self, data: bytes, name: str) -> Document: ...  # InputError, naming no file, if it cannot
    # Optional: ``paged = True`` for a kind with pages (a PDF): ``parse`` then takes ``pages=`` (a PageRange)
    # and reads only those (``--pages``).


class LazyReader:
    """A built-in reader whose parser lives in ``briefing.ingest.<module>`` and is imported on first use."""

    module: ClassVar[str]
    media_types: ClassVar[tuple[str, ...]] = ()
    takes_charset: ClassVar[bool] = False
    sniff_order: ClassVar[int] = 50
    paged: ClassVar[bool] = False

    def parse(self, data: bytes, name: str, **options: object) -> Document:
        from importlib import import_module

        try:
            parse = import_module(f"briefing.ingest.{self.module}").parse
        except ImportError as exc:
            missing = exc.name or str(exc)
            raise InputError(
                f"reading this kind of file needs {missing}, which is not installed: pip install {missing}"
            ) from exc
        return parse(data, name, **options)


@dataclass(frozen=True)
class Readers:
    """The installed readers, looked up by suffix, media type, or the bytes themselves."""

    by_suffix: dict[str, Reader]
    by_media_type: dict[str, Reader]
    sniffing: tuple[Reader, ...]  # in sniff order

    def for_suffix(self, suffix: str) -> Reader | None:
        return self.by_suffix.get(suffix.lower())

    def for_media_type(self, media_type: str) -> Reader | None:
        return self.by_media_type.get(media_type.lower())

    def sniff(self, data: bytes) -> Reader | None:
        """Return the first reader (in sniff order) that recognises ``data``, or None."""
        return next((reader for reader in self.sniffing if reader.sniff(data)), None)

    def suffixes(self) -> tuple[str, ...]:
        return tuple(self.by_suffix)


def readers() -> Readers:
    """Return the installed readers (loaded once for each ``sys.path``: a plugin installed since is found)."""
    return _load(tuple(sys.path))


@functools.lru_cache(maxsize=4)
def _load(path: tuple[str, ...]) -> Readers:
    by_suffix: dict[str, Reader] = {}
    by_media_type: dict[str, Reader] = {}
    found: list[Reader] = []
    for name, ep in installed(GROUP).items():
        try:
            reader = ep.load()()
        except Exception as exc:  # a broken plugin must not take the others down
            log.warning("the %r reader (%s) failed to load: %s", name, ep.value, exc)
            continue
        found.append(reader)
        for suffix in reader.suffixes:
            by_suffix.setdefault(suffix.lower(), reader)
        for media_type in reader.media_types:
            by_media_type.setdefault(media_type.lower(), reader)
    sniffing = tuple(sorted(found, key=lambda reader: (reader.sniff_order, reader.name)))
    return Readers(dict(sorted(by_suffix.items())), by_media_type, sniffing)


def unsupported(what: str) -> BriefingError:
    """Return the error for an input no installed reader reads, listing the suffixes that are read."""
    return InputError(f"{what}; supported: {', '.join(readers().suffixes())}")
