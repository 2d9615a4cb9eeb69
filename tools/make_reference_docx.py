"""Write templates/reference.docx: the Word styles the DOCX renderer names.

Run from the repository root after changing a style here:

    python tools/make_reference_docx.py

It starts from python-docx's default template, keeps the few built-in
styles a brief uses, restyles them to match the PDF (DejaVu-like sans
headings in the accent blue, serif body, a ruled actors table), adds the
brief's own styles, and writes the file byte for byte the same on every run.
The body holds one sample paragraph per style, so a user who opens the file
in Word to restyle it sees each one; the renderer discards the body.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from briefing.render.docx import repack  # the renderer's fixed-date, stable-order zip

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "templates" / "reference.docx"
FIXED_TIME = datetime(2024, 1, 1)

INK = "1C232E"
MUTED = "5D6673"
RULE = "CFD4DB"
ACCENT = "1F4E79"
HEAD = "EEF1F5"
SANS = "Arial"  # present wherever Word is; LibreOffice maps it to Liberation Sans
SERIF = "Georgia"
COMPLEX = "Arial"  # Arabic and Hebrew runs: Arial has both on Windows and macOS

#: Built-in styles from python-docx's template that stay (restyled or not).
KEEP = {
    "Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Heading1", "Heading2", "Heading3",
    "Title", "Subtitle", "ListBullet", "ListParagraph", "Quote", "Header", "Footer", "Strong",
    "Emphasis", "TableGrid", "Caption",
}


def fonts(face: str) -> str:
    return f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:cs="{COMPLEX}"/>'


def paragraph_style(style_id: str, name: str, *, based_on: str = "Normal", next_style: str | None = None,
                    ppr: str = "", rpr: str = "", builtin: bool = True, q_format: bool = True,
                    priority: int | None = None) -> str:
    parts = [f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{style_id}"'
             + ("" if builtin else ' w:customStyle="1"') + ">",
             f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    if priority is not None:
        parts.append(f'<w:uiPriority w:val="{priority}"/>')
    if q_format:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def character_style(style_id: str, name: str, rpr: str, *, builtin: bool = False,
                    priority: int | None = None) -> str:
    return (
        f'<w:style {nsdecls("w")} w:type="character" w:styleId="{style_id}"'
        + ("" if builtin else ' w:customStyle="1"') + ">"
        f'<w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/>'
        + (f'<w:uiPriority w:val="{priority}"/>' if priority is not None else "")
        + (f"<w:unhideWhenUsed/>" if builtin else "<w:qFormat/>")
        + f"<w:rPr>{rpr}</w:rPr></w:style>"
    )


def size(points: float) -> str:
    half = round(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def colour(value: str) -> str:
    return f'<w:color w:val="{value}"/>'


def border(side: str, value: str, width: int = 4, space: int = 0) -> str:
    return f'<w:{side} w:val="single" w:sz="{width}" w:space="{space}" w:color="{value}"/>'


STYLES = [
    paragraph_style(
        "Normal", "Normal", based_on="", priority=0,
        ppr='<w:spacing w:after="100" w:line="264" w:lineRule="auto"/>',
        rpr=fonts(SERIF) + colour(INK) + size(10.5),
    ),
    paragraph_style(
        "Title", "Title", next_style="Normal", priority=10,
        ppr='<w:keepNext/><w:spacing w:before="0" w:after="160" w:line="240" w:lineRule="auto"/>',
        rpr=fonts(SANS) + "<w:b/><w:bCs/>" + colour(INK) + '<w:kern w:val="28"/>' + size(22),
    ),
    paragraph_style(
        "Subtitle", "Subtitle", next_style="Normal", priority=11,
        ppr='<w:spacing w:after="160"/>', rpr=fonts(SANS) + colour(MUTED) + size(12),
    ),
    paragraph_style(
        "Heading1", "heading 1", next_style="Normal", priority=9,
        ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="320" w:after="100"/><w:outlineLvl w:val="0"/>',
        rpr=fonts(SANS) + '<w:b/><w:bCs/><w:caps/>' + colour(ACCENT) + '<w:spacing w:val="12"/>' + size(10.5),
    ),
    paragraph_style(
        "Heading2", "heading 2", next_style="Normal", priority=9,
        ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/>',
        rpr=fonts(SANS) + "<w:b/><w:bCs/>" + colour(ACCENT) + size(10.5),
    ),
    paragraph_style(
        "Heading3", "heading 3", next_style="Normal", priority=9,
        ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/>',
        rpr=fonts(SANS) + "<w:b/><w:bCs/>" + colour(INK) + size(10),
    ),
    paragraph_style(
        "ListBullet", "List Bullet", priority=99, q_format=False,
        ppr='<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="80"/>',
    ),
    paragraph_style(
        "ListParagraph", "List Paragraph", priority=34, ppr='<w:ind w:left="720"/><w:contextualSpacing/>',
    ),
    paragraph_style(
        # The rule beside a quotation only: the attribution has none, so that Word
        # does not join the rules of quotations that follow one another.
        "Quote", "Quote", next_style="QuoteAttribution", priority=29,
        ppr="<w:keepNext/><w:pBdr>" + border("left", ACCENT, 18, 8) + "</w:pBdr>"
        '<w:spacing w:before="160" w:after="40"/><w:ind w:left="240"/>',
        rpr="<w:i/><w:iCs/>" + colour(INK),
    ),
    paragraph_style(
        "QuoteAttribution", "Quote Attribution", next_style="Normal", builtin=False,
        ppr='<w:spacing w:before="0" w:after="80"/><w:ind w:left="240"/>',
        rpr=fonts(SANS) + colour(MUTED) + size(8.5),
    ),
    paragraph_style(
        "BriefKicker", "Brief Kicker", next_style="Title", builtin=False,
        ppr='<w:keepNext/><w:spacing w:before="0" w:after="60"/>',
        rpr=fonts(SANS) + '<w:b/><w:bCs/><w:caps/>' + colour(ACCENT) + '<w:spacing w:val="24"/>' + size(7.5),
    ),
    paragraph_style(
        "BriefOrganisation", "Brief Organisation", next_style="BriefKicker", builtin=False,
        ppr='<w:keepNext/><w:spacing w:before="0" w:after="240"/>',
        rpr=fonts(SANS) + "<w:b/><w:bCs/>" + colour(INK) + size(11),
    ),
    paragraph_style(
        "SourceLine", "Source Line", next_style="Normal", builtin=False,
        ppr="<w:pBdr>" + border("bottom", RULE, 4, 8) + "</w:pBdr>"
        '<w:spacing w:before="0" w:after="240" w:line="276" w:lineRule="auto"/>',
        rpr=fonts(SANS) + colour(INK) + size(8.5),
    ),
    paragraph_style(
        "NoneStated", "None Stated", builtin=False,
        rpr="<w:i/><w:iCs/>" + colour(MUTED),
    ),
    paragraph_style(
        "Header", "header", priority=99, q_format=False,
        ppr='<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
        rpr=fonts(SANS) + colour(MUTED) + size(7.5),
    ),
    paragraph_style(
        "Footer", "footer", priority=99, q_format=False,
        ppr='<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="right"/>',
        rpr=fonts(SANS) + colour(MUTED) + size(7.5),
    ),
    paragraph_style(
        "Marking", "Marking", builtin=False,
        ppr='<w:spacing w:before="0" w:after="60" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
        rpr=fonts(SANS) + "<w:b/><w:bCs/>" + colour(INK) + '<w:spacing w:val="10"/>' + size(8),
    ),
    paragraph_style(
        "FootnoteText", "footnote text", priority=99, q_format=False,
        ppr='<w:spacing w:after="40" w:line="240" w:lineRule="auto"/><w:ind w:left="227" w:hanging="227"/>',
        rpr=colour(MUTED) + size(8),
    ),
    paragraph_style(
        "TableText", "Table Text", builtin=False,
        ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
        rpr=fonts(SANS) + colour(INK) + size(8.5),
    ),
    paragraph_style(
        "TableHeading", "Table Heading", builtin=False,
        ppr='<w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
        rpr=fonts(SANS) + "<w:b/><w:bCs/><w:caps/>" + colour(MUTED) + '<w:spacing w:val="10"/>' + size(7),
    ),
    paragraph_style(
        "Caption", "caption", next_style="Normal", priority=35,
        rpr=fonts(SANS) + colour(MUTED) + size(8),
    ),
    character_style("FootnoteReference", "footnote reference",
                    '<w:vertAlign w:val="superscript"/>' + colour(ACCENT), builtin=True, priority=99),
    character_style("SourceLabel", "Source Label",
                    fonts(SANS) + "<w:b/><w:bCs/><w:caps/>" + colour(MUTED) + '<w:spacing w:val="10"/>' + size(7)),
    character_style("SourceSpan", "Source Span", fonts(SANS) + colour(MUTED) + size(7)),
    character_style("Hyperlink", "Hyperlink", colour(ACCENT) + '<w:u w:val="none"/>', builtin=True, priority=99),
    character_style("MarkingTLPRed", "Marking TLP Red", colour("FF2B2B") + '<w:shd w:val="clear" w:color="auto" w:fill="000000"/>'),
    character_style("MarkingTLPAmber", "Marking TLP Amber", colour("FFC000") + '<w:shd w:val="clear" w:color="auto" w:fill="000000"/>'),
    character_style("MarkingTLPGreen", "Marking TLP Green", colour("33FF00") + '<w:shd w:val="clear" w:color="auto" w:fill="000000"/>'),
    character_style("MarkingTLPClear", "Marking TLP Clear", colour("FFFFFF") + '<w:shd w:val="clear" w:color="auto" w:fill="000000"/>'),
    f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="ActorsTable">'
    '<w:name w:val="Actors Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
    '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    f"<w:rPr>{fonts(SANS)}{size(8.5)}</w:rPr>"
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    f'<w:tblBorders>{border("top", RULE)}{border("bottom", RULE)}{border("insideH", RULE)}</w:tblBorders>'
    '<w:tblCellMar><w:top w:w="85" w:type="dxa"/><w:left w:w="113" w:type="dxa"/>'
    '<w:bottom w:w="85" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '<w:tblStylePr w:type="firstRow"><w:pPr><w:keepNext/></w:pPr>'
    f'<w:tblPr/><w:trPr><w:tblHeader/></w:trPr><w:tcPr><w:tcBorders>{border("bottom", RULE, 8)}</w:tcBorders>'
    f'<w:shd w:val="clear" w:color="auto" w:fill="{HEAD}"/></w:tcPr></w:tblStylePr>'
    "</w:style>",
]

NUMBERING = (
    f'<w:numbering {nsdecls("w")}>'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="ListBullet"/>'
    '<w:lvlText w:val="•"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:tabs><w:tab w:val="num" w:pos="284"/></w:tabs><w:ind w:left="284" w:hanging="284"/></w:pPr>'
    f'<w:rPr>{fonts(SANS)}{colour(MUTED)}</w:rPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    "</w:numbering>"
)

SAMPLES = [
    ("BriefOrganisation", "Organisation name (Brief Organisation)"),
    ("BriefKicker", "Brief (Brief Kicker)"),
    ("Title", "The brief's title (Title)"),
    ("SourceLine", "Source: the article's title · Publisher · Published · As of (Source Line)"),
    ("Heading1", "A section heading (Heading 1)"),
    ("ListBullet", "A point of the brief, with its source noted (List Bullet)"),
    ("NoneStated", "None stated. (None Stated)"),
    ("Quote", "“A quotation from the source.” (Quote)"),
    ("QuoteAttribution", "— The speaker (Quote Attribution)"),
    ("Marking", "TLP:AMBER (Marking, in the header and footer)"),
    ("Normal", "Body text (Normal). The actors table below uses the Actors Table style, with Table Heading "
               "and Table Text paragraphs; footnotes use footnote text and footnote reference."),
]


def restyle(document: docx.document.Document) -> None:
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP:
            styles.remove(style)
    for xml in STYLES:
        new = parse_xml(xml)
        old = [s for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) == new.get(qn("w:styleId"))]
        for style in old:
            styles.remove(style)
        styles.append(new)
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    run_defaults.remove(run_defaults.find(qn("w:rFonts")))
    run_defaults.insert(0, parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{SERIF}" w:hAnsi="{SERIF}" '
                                     f'w:cs="{COMPLEX}" w:eastAsiaTheme="minorEastAsia"/>'))
    run_defaults.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    paragraph_defaults = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    paragraph_defaults.find(qn("w:spacing")).attrib.update({qn("w:after"): "100", qn("w:line"): "264"})
    for style in styles.findall(qn("w:style")):  # links to the "… Char" styles just removed
        for tag in ("w:link", "w:rsid"):
            for child in style.findall(qn(tag)):
                style.remove(child)


def replace_numbering(document: docx.document.Document) -> None:
    numbering = document.part.numbering_part
    numbering._element = parse_xml(NUMBERING)


def drop_extras(document: docx.document.Document) -> None:
    """Remove the template's thumbnail, custom XML and Word 2010 duplicate styles."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"):
            del document.part.rels[rel_id]
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]
    settings = document.settings.element
    for tag in ("w:rsids", "w:savePreviewPicture", "w:proofState"):
        for child in settings.findall(qn(tag)):
            settings.remove(child)
    for child in settings.findall(qn("w14:docId")):
        settings.remove(child)


def page_setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.0)
    sect_pr = section._sectPr
    for name in ("w:rsidR", "w:rsidRPr", "w:rsidSect"):
        sect_pr.attrib.pop(qn(name), None)


def add_samples(document: docx.document.Document) -> None:
    for style_id, text in SAMPLES:
        paragraph = document.add_paragraph(text)
        paragraph.style = document.styles.get_by_id(style_id, docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    table = document.add_table(rows=2, cols=3)
    table.style = document.styles.get_by_id("ActorsTable", docx.enum.style.WD_STYLE_TYPE.TABLE)
    heading = document.styles.get_by_id("TableHeading", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    text = document.styles.get_by_id("TableText", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    for row, style, values in ((table.rows[0], heading, ("Name", "Type", "Role")),
                               (table.rows[1], text, ("Actor", "Country", "Its role in the story"))):
        for cell, value in zip(row.cells, values):
            cell.paragraphs[0].text = value
            cell.paragraphs[0].style = style


def build() -> bytes:
    document = docx.Document()
    drop_extras(document)
    restyle(document)
    replace_numbering(document)
    page_setup(document)
    add_samples(document)
    properties = document.core_properties
    properties.title = "briefing reference document"
    properties.subject = "The styles briefing's DOCX renderer uses; restyle them, keep the names"
    properties.author = properties.last_modified_by = "briefing"
    properties.keywords = properties.comments = properties.category = ""
    properties.revision = 1
    properties.created = properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    document.save(buffer)
    return repack(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=TARGET, help=f"where to write (default: {TARGET})")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file on disk differs")
    args = parser.parse_args(argv)
    data = build()
    if args.check:
        same = args.output.is_file() and args.output.read_bytes() == data
        print(f"{args.output}: {'up to date' if same else 'stale; run tools/make_reference_docx.py'}")
        return 0 if same else 1
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
