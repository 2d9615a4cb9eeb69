"""Render a brief as a Word document with python-docx, naming styles only.

The styles, page size and margins come from a reference document
(``--reference-docx``, else ``reference.docx`` in the template folders; see
:mod:`briefing.render.docx_reference`). Evidence becomes real Word footnotes
(:mod:`briefing.render.docx_notes`). The handling marking sits in every
page's header and footer, beside a PAGE / NUMPAGES field.
"""

from __future__ import annotations

import io
import zipfile
from typing import ClassVar, Iterable

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph

from briefing.model import Brief, Point
from briefing.render import RenderOptions
from briefing.render.common import (
    ACTOR_TYPE_LABELS,
    EMPTY_SECTION,
    SECTION_TITLES,
    Notes,
    as_of,
    brief_figures,
    figure_items,
    generator_label,
    is_rtl,
    language,
    marking_colour,
    hidden_sections,
    left_out_note,
    location,
    one_line,
    quoted,
    resolve,
    source_date,
    source_line,
    xml_safe,
)
from briefing.render.docx_notes import Footnotes
from briefing.render.docx_parts import add_custom_property, add_field, add_hyperlink, add_logo
from briefing.render.docx_reference import open_reference, reference_path, style_ids

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
PROPERTY_LIMIT = 255  # characters python-docx (and Word's property dialog) allow in a core property
PAPER = {"a4": (Cm(21), Cm(29.7)), "letter": (Cm(21.59), Cm(27.94))}
ACTOR_COLUMN_SHARES = (0.30, 0.16, 0.54)  # as in brief.css
TIMELINE_COLUMN_SHARES = (0.28, 0.72)
LOGO_HEIGHT = Cm(1.3)

#: Every style the renderer names; a reference without one gets the built-in one.
STYLES = (
    "Title", "heading 1", "List Bullet", "Quote", "Quote Attribution", "None Stated",
    "Brief Kicker", "Brief Organisation", "Source Line", "Source Label", "Hyperlink",
    "Actors Table", "Table Heading", "Table Text", "Strong",
    "header", "footer", "Marking", "footnote text", "footnote reference", "Source Span",
)
TLP_STYLES = {colour: f"Marking TLP {colour.title()}" for colour in ("red", "amber", "green", "clear")}


class BriefDocument:
    """One brief being written into one reference document."""

    def __init__(self, document: Document, brief: Brief, options: RenderOptions) -> None:
        self.document = document
        self.full_brief = brief  # the properties name every actor
        self.brief = figure_items(brief, options.figures)
        self.hidden = hidden_sections(brief)
        self.left_out = left_out_note(self.brief, options.figures)
        self.options = options
        self.resolved = resolve(options)
        self.marking = self.resolved.marking
        colour = marking_colour(self.marking)
        names = STYLES + ((TLP_STYLES[colour],) if colour else ())
        self.styles = style_ids(document, names)
        self.marking_style = TLP_STYLES[colour] if colour else None
        self.notes = Notes(self.brief)
        self.source_notes = self.notes.numbered()
        self.figures = brief_figures(self.brief, self.notes) if options.figures else None
        self.footnotes = Footnotes(
            document,
            text_style=self.styles["footnote text"],
            reference_style=self.styles["footnote reference"],
            body=self._footnote_body,
        )

    # Building blocks -------------------------------------------------------------

    def paragraph(self, style: str, text: str = "", *, container=None, rtl: bool | None = None,
                  run_style: str | None = None) -> Paragraph:
        """Add a paragraph in ``style`` (a style name), right-to-left if ``rtl`` or, by default, if ``text`` is."""
        paragraph = (container or self.document).add_paragraph()
        p_pr = paragraph._p.get_or_add_pPr()
        p_pr.style = self.styles[style]
        if is_rtl(text) if rtl is None else rtl:
            p_pr.append(OxmlElement("w:bidi"))
        if text:
            self.run(paragraph, text, style=run_style)
        return paragraph

    def run(self, paragraph: Paragraph, text: str, *, style: str | None = None) -> None:
        """Append XML-safe text to ``paragraph`` in a character style (a name), marked right-to-left if it is."""
        run = paragraph.add_run(xml_safe(text))
        if style is not None or is_rtl(text):
            r_pr = run._r.get_or_add_rPr()
            if style is not None:
                r_pr.style = self.styles.get(style, style)
            if is_rtl(text):
                r_pr.append(OxmlElement("w:rtl"))

    def empty(self) -> None:
        self.paragraph("None Stated", EMPTY_SECTION)

    # The brief -------------------------------------------------------------------

    def write(self) -> None:
        """Set the page up, then write the title block, every section, the header and footer, the footnotes."""
        self.page_setup()  # first: the actors table's widths follow the page's
        self.title_block()
        figures = self.figures
        sections = {
            "summary": lambda: self.points(self.brief.summary),
            "timeline": self.timeline if figures and figures.timeline else None,
            "actor_map": self.actor_map if figures and figures.actor_map else None,
            "background": lambda: self.points(self.brief.background),
            "actors": self.actors,
            "terms": lambda: self.points(self.brief.terms),
            "implications": lambda: self.points(self.brief.implications),
            "quotes": self.quotes,
        }
        for key, write_section in sections.items():  # the sources are the footnotes
            if write_section is None or key in self.hidden:
                continue
            self.paragraph("heading 1", SECTION_TITLES[key])
            write_section()
        if self.left_out:
            self.paragraph("None Stated", self.left_out)
        self.headers_and_footers()
        self.footnotes.finish()

    def title_block(self) -> None:
        organisation, logo = self.resolved.organisation, self.resolved.logo
        if logo is not None or organisation:
            paragraph = self.paragraph("Brief Organisation", rtl=bool(organisation and is_rtl(organisation)))
            if logo is not None:
                add_logo(self.document, paragraph, logo, LOGO_HEIGHT)
                if organisation:
                    paragraph.add_run().add_tab()
            if organisation:
                self.run(paragraph, organisation)
        self.paragraph("Brief Kicker", "Brief")
        self.paragraph("Title", one_line(self.brief.title))
        rows = source_line(self.brief, as_of())
        if rows:
            paragraph = self.paragraph("Source Line", rtl=False)
            url = self.brief.source.url or ""
            for i, (label, value) in enumerate(rows):
                if i:
                    self.run(paragraph, "   ·   ")
                self.run(paragraph, f"{label}\u00a0", style="Source Label")
                value = one_line(value)
                if label in ("Published", "As of"):  # a date stays on one line
                    value = value.replace(" ", "\u00a0")
                if label == "URL" and url.startswith(("https://", "http://")):
                    add_hyperlink(paragraph, xml_safe(url), xml_safe(value), self.styles["Hyperlink"])
                else:
                    self.run(paragraph, value)

    def points(self, points: tuple[Point, ...]) -> None:
        if not points:
            self.empty()
        for point in points:
            paragraph = self.paragraph("List Bullet", one_line(point.text))
            self.footnotes.cite(paragraph, self.notes(point))

    def timeline(self) -> None:
        """Write the timeline's picture, its caption, and its events as a table citing their sources."""
        self.figure(self.figures.timeline)
        table = self.table(("Date", "Event"), TIMELINE_COLUMN_SHARES)
        for when, label, event in self.figures.events:
            cells = table.add_row().cells
            self._cell_text(cells[0], when, "Table Text", run_style="Strong")
            self._cell_text(cells[1], label, "Table Text")
            self.footnotes.cite(cells[1].paragraphs[0], self.notes(event))

    def actor_map(self) -> None:
        """Write the actor map's picture and caption; its links as a list citing their sources."""
        self.figure(self.figures.actor_map)
        for link in self.figures.links:
            paragraph = self.paragraph("List Bullet", f"{link.source} → {link.label} → {link.target}")
            self.footnotes.cite(paragraph, self.notes(link))

    def figure(self, figure) -> None:
        from briefing.render.docx_figures import add_figure

        section = self.document.sections[0]
        add_figure(self.document, figure, section.page_width - section.left_margin - section.right_margin,
                   style=self.styles["None Stated"])
        self.paragraph("None Stated", figure.caption)

    def table(self, headings: tuple[str, ...], shares: tuple[float, ...]):
        """Add a table with a repeating header row of ``headings``, columns ``shares`` of the page's width."""
        table = self.document.add_table(rows=1, cols=len(headings))
        table.style = self.document.styles.get_by_id(self.styles["Actors Table"], table.style.type)
        table.autofit = False
        section = self.document.sections[0]
        usable = section.page_width - section.left_margin - section.right_margin
        widths = [Emu(int(usable * share)) for share in shares]
        for column, width in zip(table.columns, widths):
            column.width = width
        header = table.rows[0]
        for cell, label, width in zip(header.cells, headings, widths):
            cell.width = width
            self._cell_text(cell, label, "Table Heading")
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        return table

    def actors(self) -> None:
        if not self.brief.actors:
            self.empty()
            return
        table = self.table(("Name", "Type", "Role"), ACTOR_COLUMN_SHARES)
        widths = [column.width for column in table.columns]
        for actor in self.brief.actors:
            cells = table.add_row().cells
            values = (actor.name, ACTOR_TYPE_LABELS[actor.type], actor.role or "—")
            for i, (cell, value, width) in enumerate(zip(cells, values, widths)):
                cell.width = width
                self._cell_text(cell, one_line(value), "Table Text", run_style="Strong" if i == 0 else None)

    def _cell_text(self, cell, text: str, style: str, *, run_style: str | None = None) -> None:
        paragraph = cell.paragraphs[0]
        p_pr = paragraph._p.get_or_add_pPr()
        p_pr.style = self.styles[style]
        if is_rtl(text):
            p_pr.append(OxmlElement("w:bidi"))
        self.run(paragraph, text, style=run_style)

    def quotes(self) -> None:
        if not self.brief.quotes:
            self.empty()
        for quote in self.brief.quotes:
            paragraph = self.paragraph("Quote", quoted(quote.text))
            self.footnotes.cite(paragraph, self.notes(quote))
            if quote.speaker:
                self.paragraph("Quote Attribution", f"— {one_line(quote.speaker)}")

    def _footnote_body(self, number: int):
        note = self.source_notes[number - 1]

        def write(paragraph: Paragraph) -> None:
            # No line break inside "paragraph 12": no-break spaces.
            where = location(note.evidence).replace(" ", "\u00a0").replace(",\u00a0", ", ")
            self.run(paragraph, where[:1].upper() + where[1:] + ("." if note.quote is None else ": "), style="Source Span")
            if note.quote is not None:
                self.run(paragraph, quoted(note.quote))

        return write

    # Pages -----------------------------------------------------------------------

    def page_setup(self) -> None:
        """Use the paper size asked for; without one, the reference document's stands."""
        if self.resolved.paper is not None:
            section = self.document.sections[0]
            section.page_width, section.page_height = PAPER[self.resolved.paper]

    def headers_and_footers(self) -> None:
        """Put the marking at the top and bottom of every page, the title from page 2, and "Page X of Y"."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        title = one_line(self.brief.title)
        for header, with_title in ((section.first_page_header, False), (section.header, True),
                                   (section.even_page_header, True)):
            container = self._cleared(header)
            if self.marking:
                self._marking(container)
            if with_title:
                self.paragraph("header", title, container=container)
            if not self.marking and not with_title:
                self.paragraph("header", container=container)
        for footer in (section.first_page_footer, section.footer, section.even_page_footer):
            container = self._cleared(footer)
            paragraph = self.paragraph("footer", container=container, rtl=False)
            self.run(paragraph, "Page ")
            add_field(paragraph, "PAGE", "1")
            self.run(paragraph, " of ")
            add_field(paragraph, "NUMPAGES", "1")
            if self.marking:
                self._marking(container)

    def _marking(self, container) -> None:
        paragraph = self.paragraph("Marking", container=container)
        self.run(paragraph, f"\u00a0{self.marking}\u00a0" if self.marking_style else self.marking,
                 style=self.marking_style)

    @staticmethod
    def _cleared(header_or_footer):
        header_or_footer.is_linked_to_previous = False
        element = header_or_footer._element
        for child in list(element):
            element.remove(child)
        return header_or_footer

    # Properties --------------------------------------------------------------------

    def set_properties(self) -> None:
        """Fill the core properties (and the marking as a custom property); dates from SOURCE_DATE_EPOCH."""
        brief = self.brief
        properties = self.document.core_properties
        properties.title = clip(brief.title)
        properties.subject = clip(brief.source.title or brief.source.name)
        properties.author = properties.last_modified_by = clip(self.resolved.author)
        properties.keywords = keyword_list(a.name for a in self.full_brief.actors)
        properties.comments = clip(f"Generated by {generator_label(brief)}")
        properties.category = clip(self.marking or "")
        properties.content_status = ""
        properties.language = clip(language(brief))  # the source's own tag: any text, any length
        properties.revision = 1
        properties.created = properties.modified = source_date().replace(tzinfo=None)
        package_rels = self.document.part.package.rels
        for rel_id, rel in list(package_rels.items()):
            if rel.reltype == RT.THUMBNAIL:  # the reference's picture, not ours
                del package_rels[rel_id]
        if self.marking:
            add_custom_property(self.document, "Marking", self.marking)


def clip(text: str, limit: int = PROPERTY_LIMIT) -> str:
    """Fit text into a core property: one XML-safe line, cut with an ellipsis past ``limit`` characters."""
    text = one_line(xml_safe(text))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def keyword_list(names: Iterable[str], limit: int = PROPERTY_LIMIT) -> str:
    """Join distinct names with commas, as many whole ones as fit in ``limit`` characters."""
    kept: list[str] = []
    for name in dict.fromkeys(one_line(xml_safe(n)) for n in names):
        if len(", ".join([*kept, name])) > limit:
            break
        kept.append(name)
    return ", ".join(kept)


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
    """Write the brief as .docx in the reference document's styles, sources as footnotes."""

    name: ClassVar[str] = "docx"
    suffix: ClassVar[str] = ".docx"
    media_type: ClassVar[str] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    description: ClassVar[str] = "A Word document in the reference document's styles, sources as footnotes"

    def check_options(self, options: RenderOptions) -> None:
        """Raise RenderError for a reference document that does not exist."""
        reference_path(options.reference_docx, options.template_dir)

    def render(self, brief: Brief, *, options: RenderOptions) -> bytes:
        """Return the .docx bytes; byte-identical across runs when SOURCE_DATE_EPOCH is set."""
        document = open_reference(reference_path(options.reference_docx, options.template_dir))
        writer = BriefDocument(document, brief, options)
        writer.write()
        writer.set_properties()
        buffer = io.BytesIO()
        document.save(buffer)
        return repack(buffer.getvalue())
