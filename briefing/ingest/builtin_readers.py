"""The built-in readers, declared as a third party's would be (entry points in ``pyproject.toml``).

Each names the module whose ``parse`` it calls; that module (and its heavy
dependency: pdfminer, trafilatura, python-docx) is imported on first use.
"""

from __future__ import annotations

from briefing.ingest import sniff as signatures
from briefing.ingest.readers import LazyReader

__all__ = ["DocxReader", "HtmlReader", "MarkdownReader", "PdfReader", "TextReader"]


class PdfReader(LazyReader):
    name = "pdf"
    module = "pdf"
    suffixes = (".pdf",)
    media_types = ("application/pdf", "application/x-pdf")
    sniff_order = 10
    paged = True  # parse(…, pages=PageRange) reads only those pages (--pages)
    sniff = staticmethod(signatures.is_pdf)


class DocxReader(LazyReader):
    name = "docx"
    module = "docx"
    suffixes = (".docx",)
    media_types = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
    sniff_order = 20
    sniff = staticmethod(signatures.is_docx)


class HtmlReader(LazyReader):
    name = "html"
    module = "html"
    suffixes = (".html", ".htm", ".xhtml")
    media_types = ("text/html", "application/xhtml+xml")
    takes_charset = True
    sniff_order = 30
    sniff = staticmethod(signatures.is_html)


class MarkdownReader(LazyReader):
    name = "md"
    module = "markdown"
    suffixes = (".md", ".markdown")
    media_types = ("text/markdown", "text/x-markdown")
    takes_charset = True
    sniff_order = 40
    sniff = staticmethod(signatures.is_markdown)


class TextReader(LazyReader):
    name = "txt"
    module = "txt"
    suffixes = (".txt", ".text")
    media_types = ("text/plain",)
    takes_charset = True
    sniff_order = 1000  # the fallback: whatever is not recognised is read as text, which rejects binary data
    sniff = staticmethod(signatures.is_not_zip)  # a zip archive that is not a Word document is nothing we read
