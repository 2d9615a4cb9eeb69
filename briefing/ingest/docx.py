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
MAX_RATIO = 100  # uncompressed : compressed, for any member over RATIO_FLOOR bytes
# python-docx parses every XML part into a tree about 17 times the part's size,
# at about half a second per MiB: this caps one part at ~0.6 GB and ~20 s.
MAX_XML_PART_BYTES = 32 * 1024 * 1024
RATIO_FLOOR = 1024 * 1024
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
    try:
        blocks = list(body_blocks(document))
    except Exception as exc:  # a body python-docx parsed but cannot walk: a damaged table, an odd element
        raise InputError(f"is not a readable Word document (damaged body): {exc or type(exc).__name__}") from exc
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
    except (NotImplementedError, ValueError, OSError, EOFError) as exc:  # "zip file version 8.4", a bad offset
        raise InputError(f"is not a readable Word (.docx) file: its zip archive is damaged ({exc})") from exc
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
            if member.filename.endswith((".xml", ".rels")) and member.file_size > MAX_XML_PART_BYTES:
                raise InputError(
                    f"{member.filename} unpacks to {member.file_size:,} bytes, over the limit of "
                    f"{MAX_XML_PART_BYTES:,} for one part of a Word file; not opened"
                )
            if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise InputError(
                    f"{member.filename} unpacks to {member.file_size:,} bytes from {member.compress_size:,} "
                    f"(over {MAX_RATIO}:1, a zip bomb?); not opened"
                )


def body_blocks(document) -> Iterator[Block]:
    """Yield the body's paragraphs, headings and table rows in document order."""
    yield from _blocks(document.element.body, document, {})


def _blocks(parent, document, styles: dict[str | None, str]) -> Iterator[Block]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            if text := clean_line(paragraph.text):
                yield _block(text, _style(paragraph, styles))
        elif child.tag == qn("w:tbl"):
            yield from _table(Table(child, document), document)
        elif child.tag == qn("w:sdt"):  # a content control: its content is ordinary body
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, document, styles)


def _table(table, document) -> Iterator[Block]:
    """Yield one block per row, its distinct cells joined by "; ", then any tables nested in them.

    A cell merged across columns counts once. A cell that continues a
    vertical merge shows the text of the cell it continues, as Word does.
    The XML is walked directly: python-docx's ``row.cells`` repeats a cell
    once per grid column it claims to span (``gridSpan="2000000000"`` in a
    few bytes of XML took forever) and raises on a continuation with no
    cell above it.
    """
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    above: dict[int, object] = {}  # grid column -> the cell a vertical merge there continues
    for tr in table._tbl.tr_lst:
        seen = set()
        cells: list[str] = []
        nested = []
        row: dict[int, object] = {}
        column = tr.grid_before
        for tc in tr.tc_lst:
            cell = above.get(column, tc) if tc.vMerge == "continue" else tc
            row[column] = cell
            column += max(tc.grid_span, 1)
            if cell in seen:
                continue
            seen.add(cell)
            texts = [clean_line(Paragraph(p, document).text) for p in cell.iterchildren(qn("w:p"))]
            if text := " ".join(t for t in texts if t):
                cells.append(text)
            nested.extend(cell.iterchildren(qn("w:tbl")))
        above = row
        if cells:
            yield Block("; ".join(cells))
        for element in nested:
            yield from _table(Table(element, document), document)


def _block(text: str, style: str) -> Block:
    """Return a paragraph, or a heading with its level (Title 1, Heading N: N + 1, Subtitle and others unknown)."""
    if not _HEADING_STYLE.match(style):
        return Block(text)
    name = style.lower()
    level = 1 if name == "title" else int(name[-1]) + 1 if name.startswith("heading ") else 0
    return Block(text, "heading", level)


def _styled_title(document) -> str | None:
    """Return the text of the first paragraph in the Title style, if any."""
    styles: dict[str | None, str] = {}
    for paragraph in document.paragraphs:
        if _style(paragraph, styles).lower() == "title" and (text := clean_line(paragraph.text)):
            return text
    return None


def _style(paragraph, names: dict[str | None, str]) -> str:
    """Return the name of a paragraph's style, looked up once per style id (``names`` caches them).

    python-docx resolves ``paragraph.style`` by scanning every style in the
    document, for every paragraph: a 50,000-paragraph file took minutes.
    """
    style_id = paragraph._p.style
    if style_id not in names:
        try:
            style = paragraph.style
            names[style_id] = (style.name or "") if style is not None else ""
        except (KeyError, ValueError):
            names[style_id] = ""
    return names[style_id]
