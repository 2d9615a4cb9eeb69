"""briefing: distil a source document into a structured, cited brief.

The library in four calls::

    import briefing
    doc = briefing.read_document("seeds/sahel-security-pact.txt")
    brief = briefing.summarise_document(doc, summary_sentences=3)
    pdf = briefing.render_brief(brief, "pdf")
    brief.to_dict()  # the JSON contract

Heavy modules (spaCy, WeasyPrint, python-docx) load only when first used.
The functions are not named after the ``summarise`` and ``render``
subpackages, so importing those never shadows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["__version__", "read_document", "summarise_document", "render_brief", "brief_file"]

if TYPE_CHECKING:
    from pathlib import Path

    from briefing.model import Brief, Document
    from briefing.render import RenderOptions


def read_document(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """Read a source (a file, an http(s) URL, or "-" for standard input) into a normalised Document.

    ``max_bytes`` caps the input's size (default 20 MiB).
    """
    from briefing.ingest import DEFAULT_MAX_BYTES, read_document as read

    return read(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES)


def summarise_document(
    document: Document,
    *,
    summary_sentences: int = 3,
    summariser: str = "extractive",
    model: str | None = None,
    length: str = "standard",
    language: str | None = None,
) -> Brief:
    """Distil a Document into a Brief with the named summariser.

    ``length`` is the budget: ``"short"``, ``"standard"`` (one or two A4
    pages) or ``"full"`` (every item found). ``language`` says what language
    the source is in, in place of detecting it; a source not in the
    pipeline's language is refused.
    """
    from briefing.errors import BriefingError
    from briefing.summarise import get_summariser

    if summary_sentences < 1:
        raise BriefingError(f"summary_sentences must be at least 1, not {summary_sentences}")
    return get_summariser(summariser, model=model).summarise(
        document, summary_sentences=summary_sentences, length=length, language=language
    )


def brief_file(path: str | Path, *, max_bytes: int | None = None, **options) -> Brief:
    """Read and summarise a file, URL or "-" (options as for :func:`summarise_document`)."""
    return summarise_document(read_document(path, max_bytes=max_bytes), **options)


def render_brief(brief: Brief, format: str, *, options: RenderOptions | None = None) -> bytes:
    """Render a Brief in the named format ("pdf", "docx", "md", "html", "json", …)."""
    from briefing.render import render

    return render(brief, format, options=options)
