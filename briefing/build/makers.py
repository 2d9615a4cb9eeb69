"""Brief makers: what turns one source into a Brief in a batch (summarise a document, or load a brief's JSON).

A maker is picklable, so worker processes can be handed one. It names no
summariser: :class:`Summarise` asks :mod:`briefing.summarise` for the one
the options name.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from briefing.errors import BriefingError, InputError
from briefing.options import DEFAULT_MAX_BYTES, BriefOptions, fingerprint

if TYPE_CHECKING:
    from briefing.model import Brief, Document
    from briefing.summarise import Summariser

__all__ = ["BriefMaker", "LoadBrief", "Summarise"]


class BriefMaker(Protocol):
    """Turn one source into a Brief; picklable, so worker processes can be handed one."""

    max_bytes: int  # the most standard input it reads

    def check(self) -> None: ...  # raise BriefingError for an option it cannot use, before any document is read
    def prepare(self) -> None: ...  # load what every brief needs, once per process
    def fingerprint(self) -> dict[str, Any]: ...  # what about it shapes a brief, for the cache's key
    def suffixes(self) -> tuple[str, ...]: ...  # the files a folder or pattern yields
    def __call__(self, source: str, data: bytes | None = None) -> Brief: ...
    def report(self) -> dict[str, Any] | None: ...  # what making the last brief cost or warned of, if anything


@dataclass(frozen=True)
class Summarise:
    """Make a brief by reading and summarising a source (the ``build`` and ``summarise`` commands)."""

    options: BriefOptions = field(default_factory=BriefOptions)

    @property
    def max_bytes(self) -> int:
        return self.options.max_bytes

    def summariser(self) -> Summariser:
        """Return the summariser the options name (the same one, once made, in this process)."""
        from briefing.summarise import get_summariser

        return get_summariser(self.options.summariser, self.options)

    def check(self) -> None:
        """Raise UnknownSummariserError (exit 2) or ConfigError for a summariser or option that cannot be used."""
        self.summariser().check_options()

    def prepare(self) -> None:
        """Let the summariser load what it needs (its model) now, once per process, so no document pays for it."""
        try:
            self.summariser().prepare()
        except BriefingError:
            pass  # every document will then fail with this error, and say so

    def fingerprint(self) -> dict[str, Any]:
        return {"maker": "summarise", **fingerprint(self.options)}

    def report(self) -> dict[str, Any] | None:
        """Return the summariser's account of the last document, if it keeps one (see Summariser)."""
        report = getattr(self.summariser(), "report", None)
        return report() if report is not None else None

    def suffixes(self) -> tuple[str, ...]:
        from briefing.inputs import known_suffixes

        return known_suffixes()

    def read(self, source: str, data: bytes | None = None) -> Document:
        """Read the source (``data``: standard input, read by the parent process), cut to the part asked for.

        The part is ``--pages`` of a PDF, then ``--section``, then ``--words``
        (see :mod:`briefing.ingest.excerpt`).
        """
        from briefing.ingest import read_document, read_stdin
        from briefing.ingest.excerpt import excerpt

        options = self.options
        try:
            if data is not None:
                document = read_stdin(max_bytes=self.max_bytes, stream=io.BytesIO(data), pages=options.pages)
            else:
                document = read_document(source, max_bytes=self.max_bytes, pages=options.pages,
                                         allow_private_urls=options.allow_private_urls)
            if options.section is None and options.words is None:
                return document
            return excerpt(document, section=options.section, words=options.words)
        except BriefingError as exc:
            raise exc.about(source)

    def __call__(self, source: str, data: bytes | None = None) -> Brief:
        document = self.read(source, data)
        try:
            return self.summariser().summarise(document)
        except BriefingError as exc:  # the summariser knows the file's name only: name the input as typed
            raise exc.about(source)


@dataclass(frozen=True)
class LoadBrief:
    """Make a brief by loading its JSON (the ``render`` command: re-render an edited brief)."""

    max_bytes: int = DEFAULT_MAX_BYTES

    def check(self) -> None:
        pass

    def prepare(self) -> None:
        pass

    def fingerprint(self) -> dict[str, Any]:
        return {"maker": "load"}

    def report(self) -> dict[str, Any] | None:
        return None

    def suffixes(self) -> tuple[str, ...]:
        return (".json",)

    def __call__(self, source: str, data: bytes | None = None) -> Brief:
        import json

        from briefing.errors import BriefFormatError
        from briefing.model import Brief

        try:
            text = data.decode("utf-8") if data is not None else Path(source).read_text(encoding="utf-8")
            loaded = json.loads(text)
        except FileNotFoundError as exc:
            raise InputError("no such file", source=source) from exc
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(f"not a readable JSON brief: {exc}", source=source) from exc
        try:
            return Brief.from_dict(loaded)
        except BriefFormatError as exc:
            raise exc.about(source)
