"""Render a brief as a Word document with python-docx, naming built-in styles only.

Styling belongs to the styles, not the code: a ``reference.docx`` in the
user's template folder, if present, supplies them (its body is discarded).
Evidence is cited as "[n]" and listed under Sources; ``add_citation`` is
the one place to change when real Word footnotes arrive.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import ClassVar

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from briefing.errors import RenderError
from briefing.model import Brief, Point
from briefing.render import RenderOptions
from briefing.render.common import (
    ACTOR_TYPE_LABELS,
    EMPTY_SECTION,
    SECTION_TITLES,
    Notes,
    generator_label,
    is_rtl,
    language,
    one_line,
    source_date,
    source_line,
    xml_safe,
)
from briefing.render.templates import template_dirs

REFERENCE_DOCX = "reference.docx"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ACTOR_COLUMNS = (("Name", Cm(4.4)), ("Type", Cm(3.2)), ("Role", Cm(9.0)))
MUTED = RGBColor(0x5D, 0x66, 0x73)


def add_text(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
             superscript: bool = False, muted: bool = False, size: float | None = None) -> None:
    """Append a run of XML-safe text to ``paragraph``, right-to-left if the text is."""
    run = paragraph.add_run(xml_safe(text))
    run.bold = bold or None
    run.italic = italic or None
    run.font.superscript = superscript or None
    if muted:
        run.font.color.rgb = MUTED
    if size:
        run.font.size = Pt(size)
    if is_rtl(text):
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def add_paragraph(document: Document, text: str = "", style: str | None = None, *,
                  rtl: bool | None = None, **run_format: bool) -> Paragraph:
    """Add a paragraph in ``style``, right-to-left if ``rtl`` or, by default, if ``text`` is."""
    try:
        paragraph = document.add_paragraph(style=style)
    except KeyError as exc:
        raise RenderError(f"the DOCX reference document has no {style!r} style") from exc
    if is_rtl(text) if rtl is None else rtl:
        paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    if text:
        add_text(paragraph, text, **run_format)
    return paragraph


def add_citation(paragraph: Paragraph, numbers: tuple[int, ...]) -> None:
    """Cite sources as superscript "[n]" markers; the hook for real footnotes later."""
    for n in numbers:
        add_text(paragraph, f"[{n}]", superscript=True)


def add_points(document: Document, points: tuple[Point, ...], notes: Notes) -> None:
    """Add one bulleted paragraph per point, each with its citations."""
    if not points:
        add_paragraph(document, EMPTY_SECTION, italic=True)
    for point in points:
        paragraph = add_paragraph(document, one_line(point.text), "List Bullet")
        add_citation(paragraph, notes(point))


def mark_header_row(table: Table) -> None:
    """Make the table's first row repeat at the top of every page (w:tblHeader)."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)


def add_actors(document: Document, brief: Brief) -> None:
    """Add the actors as a Name | Type | Role table with a repeating header row."""
    if not brief.actors:
        add_paragraph(document, EMPTY_SECTION, italic=True)
        return
    table = document.add_table(rows=1, cols=len(ACTOR_COLUMNS))
    table.style = "Light Grid Accent 1"
    table.autofit = False
    for column, (_, width) in zip(table.columns, ACTOR_COLUMNS):
        column.width = width
    for cell, (label, width) in zip(table.rows[0].cells, ACTOR_COLUMNS):
        cell.width = width
        add_text(cell.paragraphs[0], label, bold=True)
    mark_header_row(table)
    for actor in brief.actors:
        values = (actor.name, ACTOR_TYPE_LABELS[actor.type], actor.role or "—")
        cells = table.add_row().cells
        for cell, value, (_, width) in zip(cells, values, ACTOR_COLUMNS):
            cell.width = width
            add_text(cell.paragraphs[0], one_line(value))


def add_quotes(document: Document, brief: Brief, notes: Notes) -> None:
    """Add each quote in the Quote style, its speaker on the line below."""
    if not brief.quotes:
        add_paragraph(document, EMPTY_SECTION, italic=True)
    for quote in brief.quotes:
        paragraph = add_paragraph(document, f"“{one_line(quote.text)}”", "Quote")
        add_citation(paragraph, notes(quote))
        if quote.speaker:
            paragraph.add_run().add_break()
            add_text(paragraph, f"— {one_line(quote.speaker)}", muted=True)


def add_sources(document: Document, notes: Notes) -> None:
    """List every cited span as "[n] “quote” (characters a–b)"."""
    if not notes.sources:
        add_paragraph(document, EMPTY_SECTION, italic=True)
    for n, evidence in notes.numbered():
        paragraph = add_paragraph(document, rtl=False)  # numbers stay left; an RTL quote's run is marked
        paragraph.paragraph_format.left_indent = Cm(0.9)
        paragraph.paragraph_format.first_line_indent = Cm(-0.9)
        add_text(paragraph, f"[{n}]\t", bold=True)
        add_text(paragraph, f"“{one_line(evidence.quote)}” ")
        add_text(paragraph, f"(characters {evidence.start}–{evidence.end})", muted=True, size=8)


def add_title_block(document: Document, brief: Brief) -> None:
    """Add the title and one line naming the source, publisher and date."""
    add_paragraph(document, one_line(brief.title), "Title")
    rows = source_line(brief)
    if rows:
        paragraph = add_paragraph(document, "")
        for i, (label, value) in enumerate(rows):
            add_text(paragraph, ("  ·  " if i else "") + f"{label}: ", bold=True, muted=True, size=9)
            add_text(paragraph, one_line(value), muted=True, size=9)


def new_document(template_dir: Path | None) -> Document:
    """Open the reference document from the template folders, or python-docx's default, body emptied."""
    for folder in template_dirs(template_dir):
        reference = folder / REFERENCE_DOCX
        if reference.is_file():
            try:
                document = docx.Document(str(reference))
            except Exception as exc:
                raise RenderError(f"cannot read the DOCX reference document {reference}: {exc}") from exc
            body = document.element.body
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
            return document
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    return document


def set_properties(document: Document, brief: Brief) -> None:
    """Fill the core properties; dates come from SOURCE_DATE_EPOCH when set."""
    properties = document.core_properties
    when = source_date()
    properties.title = xml_safe(brief.title)
    properties.subject = xml_safe(brief.source.title or brief.source.name)
    properties.author = properties.last_modified_by = "briefing"
    properties.keywords = xml_safe(", ".join(dict.fromkeys(a.name for a in brief.actors)))
    properties.comments = xml_safe(f"Generated by {generator_label(brief)}")
    properties.language = language(brief)
    properties.revision = 1
    properties.created = properties.modified = when.replace(tzinfo=None)
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:  # the template's picture, not ours
            del package_rels[rel_id]


def repack(data: bytes) -> bytes:
    """Rewrite a .docx zip with fixed entry dates and a stable entry order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = sorted(source.namelist(), key=lambda name: (name != "[Content_Types].xml", name))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in names:
                entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                target.writestr(entry, source.read(name))
    return out.getvalue()


class DocxRenderer:
    """Write the brief as .docx in Word's built-in styles, sources cited as [n]."""

    name: ClassVar[str] = "docx"
    suffix: ClassVar[str] = ".docx"
    media_type: ClassVar[str] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    description: ClassVar[str] = "A Word document in built-in styles, sources cited as [n]"

    def render(self, brief: Brief, *, options: RenderOptions) -> bytes:
        """Return the .docx bytes; byte-identical across runs when SOURCE_DATE_EPOCH is set."""
        document = new_document(options.template_dir)
        notes = Notes(brief)
        add_title_block(document, brief)
        sections = {
            "summary": lambda: add_points(document, brief.summary, notes),
            "background": lambda: add_points(document, brief.background, notes),
            "actors": lambda: add_actors(document, brief),
            "terms": lambda: add_points(document, brief.terms, notes),
            "implications": lambda: add_points(document, brief.implications, notes),
            "quotes": lambda: add_quotes(document, brief, notes),
            "sources": lambda: add_sources(document, notes),
        }
        for key, title in SECTION_TITLES.items():
            add_paragraph(document, title, "Heading 1")
            sections[key]()
        set_properties(document, brief)
        buffer = io.BytesIO()
        document.save(buffer)
        return repack(buffer.getvalue())
