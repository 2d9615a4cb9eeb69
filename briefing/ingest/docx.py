"""DOCX: paragraphs, headings and table text in document order, core properties as metadata.

The archive is checked before python-docx opens it: a Word file is a zip,
and a zip can claim to unpack to gigabytes (a "zip bomb").
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Iterator

from briefing.errors import InputError
from briefing.ingest.text import Block, assemble, clean_line
from briefing.model import Document

__all__ = ["parse", "check_archive"]

MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100  # uncompressed : compressed, for any member over _RATIO_FLOOR bytes
_RATIO_FLOOR = 1024 * 1024
_HEADING_STYLE = re.compile(r"^(?:heading \d|title|subtitle)$", re.IGNORECASE)
_JUNK_TITLE = re.compile(r"^(?:untitled|document\d*|title)$|^\S+\.[a-z0-9]{2,4}$", re.IGNORECASE)


def parse(data: bytes, name: str) -> Document:
    """Read a Word document's body text and core properties into a Document."""
    check_archive(data)
    import docx
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except (XMLSyntaxError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"is not a readable Word document (damaged): {exc}") from exc
    except Exception as exc:  # python-docx raises its own kinds for a wrong package type
        raise InputError(f"is not a readable Word document: {exc}") from exc
    blocks = list(body_blocks(document))
    if not blocks:
        raise InputError("the document has no text")
    props = document.core_properties
    title = clean_line(props.title or "") or None
    if title and _JUNK_TITLE.match(title):
        title = None
    if title is None:
        title = _styled_title(document)
    if title and blocks and blocks[0].text.casefold() == title.casefold():
        blocks = blocks[1:]
    when = props.created or props.modified
    extras = [(key, clean_line(value)) for key, value in (("subject", props.subject), ("keywords", props.keywords))
              if value and clean_line(value)]  # fmt: skip
    return assemble(
        blocks,
        name,
        title=title,
        published=when.date().isoformat() if when else None,
        author=clean_line(props.author or "") or None,
        language=clean_line(props.language or "") or None,
        metadata=extras,
    )


def check_archive(data: bytes) -> None:
    """Refuse a file that is not a zip, lacks a Word body, or unpacks to far more than it weighs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        from briefing.ingest.sniff import looks_like

        hint = looks_like(data) if not data.startswith(b"PK") else " (damaged or truncated?)"
        raise InputError(f"is not a valid Word (.docx) file: it is not a zip archive{hint}") from exc
    with archive:
        members = archive.infolist()
        if not any(m.filename == "word/document.xml" for m in members):
            raise InputError("is a zip archive but not a Word document (it has no word/document.xml)")
        total = sum(m.file_size for m in members)
        if total > MAX_UNZIPPED_BYTES:
            raise InputError(
                f"unpacks to {total:,} bytes, over the limit of {MAX_UNZIPPED_BYTES:,} (a zip bomb?); not opened"
            )
        for member in members:
            if member.file_size > _RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise InputError(
                    f"{member.filename} unpacks to {member.file_size:,} bytes from {member.compress_size:,} "
                    f"(over {MAX_RATIO}:1, a zip bomb?); not opened"
                )


def body_blocks(document) -> Iterator[Block]:
    """Yield the body's paragraphs, headings and table rows in document order."""
    yield from _blocks(document.element.body, document)


def _blocks(parent, document) -> Iterator[Block]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            if text := clean_line(paragraph.text):
                yield Block(text, _kind(paragraph))
        elif child.tag == qn("w:tbl"):
            yield from _table(Table(child, document), document)
        elif child.tag == qn("w:sdt"):  # a content control: its content is ordinary body
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, document)


def _table(table, document) -> Iterator[Block]:
    """Yield one block per row, its distinct cells joined by "; ", then any tables nested in them."""
    from docx.oxml.ns import qn
    from docx.table import Table

    for row in table.rows:
        seen = set()
        cells: list[str] = []
        nested = []
        for cell in row.cells:  # a merged cell appears once per grid column it spans
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            texts = [clean_line(p.text) for p in cell.paragraphs]
            if text := " ".join(t for t in texts if t):
                cells.append(text)
            nested.extend(cell._tc.iterchildren(qn("w:tbl")))
        if cells:
            yield Block("; ".join(cells))
        for element in nested:
            yield from _table(Table(element, document), document)


def _kind(paragraph) -> str:
    return "heading" if _HEADING_STYLE.match(_style(paragraph)) else "paragraph"


def _styled_title(document) -> str | None:
    """Return the text of the first paragraph in the Title style, if any."""
    for paragraph in document.paragraphs:
        if _style(paragraph).lower() == "title" and (text := clean_line(paragraph.text)):
            return text
    return None


def _style(paragraph) -> str:
    try:
        return paragraph.style.name or "" if paragraph.style is not None else ""
    except (KeyError, ValueError):
        return ""
