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

from briefing.options import DEFAULT_LENGTH, DEFAULT_SUMMARISER, DEFAULT_SUMMARY_SENTENCES
from briefing.package import version as _version

__version__ = _version()
__all__ = ["__version__", "read_document", "summarise_document", "render_brief", "brief_file"]

if TYPE_CHECKING:
    from pathlib import Path

    from briefing.ingest.excerpt import PageRange
    from briefing.model import Brief, Document
    from briefing.render import RenderOptions


def read_document(path: str | Path, *, max_bytes: int | None = None, allow_private_urls: bool = False,
                  pages: str | PageRange | None = None, section: str | None = None,
                  words: int | None = None) -> Document:
    """Read a source (a file, an http(s) URL, or "-" for standard input) into a normalised Document.

    ``max_bytes`` caps the input's size (default 20 MiB). A URL that leads to a
    loopback, private or link-local address is refused unless
    ``allow_private_urls`` is set. For part of a long document: ``pages`` of
    a PDF (``"1-20"``), the ``section`` under a heading, the first ``words`` words.
    """
    from briefing.ingest import DEFAULT_MAX_BYTES, read_document as read
    from briefing.ingest.excerpt import excerpt, parse_pages

    if isinstance(pages, str):
        pages = parse_pages(pages)
    document = read(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES, allow_private_urls=allow_private_urls,
                    pages=pages)
    if section is None and words is None:
        return document
    return excerpt(document, section=section, words=words)


def summarise_document(
    document: Document,
    *,
    summary_sentences: int = DEFAULT_SUMMARY_SENTENCES,
    summariser: str = DEFAULT_SUMMARISER,
    model: str | None = None,
    length: str = DEFAULT_LENGTH,
    language: str | None = None,
) -> Brief:
    """Distil a Document into a Brief with the named summariser.

    ``length`` is the budget: ``"short"``, ``"standard"`` (one A4 page for a
    source under 800 words, else two) or ``"full"`` (every item found).
    ``language`` says what language the source is in, in place of detecting
    it; a source not in the pipeline's language is refused.
    """
    from briefing.errors import BriefingError
    from briefing.options import BriefOptions
    from briefing.summarise import get_summariser

    if summary_sentences < 1:
        raise BriefingError(f"summary_sentences must be at least 1, not {summary_sentences}")
    options = BriefOptions(summariser=summariser, summary_sentences=summary_sentences, model=model, length=length,
                           lang=language)
    return get_summariser(summariser, options).summarise(document)


def brief_file(path: str | Path, *, max_bytes: int | None = None, allow_private_urls: bool = False,
               **options) -> Brief:
    """Read and summarise a file, URL or "-" (options as for :func:`summarise_document`)."""
    document = read_document(path, max_bytes=max_bytes, allow_private_urls=allow_private_urls)
    return summarise_document(document, **options)


def render_brief(brief: Brief, format: str, *, options: RenderOptions | None = None) -> bytes:
    """Render a Brief in the named format ("pdf", "docx", "md", "html", "json", …)."""
    from briefing.render import render

    return render(brief, format, options=options)
