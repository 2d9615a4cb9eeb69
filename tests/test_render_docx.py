"""The DOCX: reference styles, real footnotes, header and footer, properties, tables, scripts, logos."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from briefing.errors import RenderError
from briefing.model import Brief, Point, Source
from briefing.render import RenderOptions, render
from briefing.render.common import Notes, figure_items, quoted
from briefing.render.templates import builtin_template_dir
from .conftest import ROOT
from .render_fixtures import ARABIC, SVG_LOGO, make_brief, make_empty_brief, make_png

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402

SECTIONS = ("Summary", "Timeline", "Actor map", "Background", "Actors", "Terms", "Implications", "Quotes")
EPOCH = "1700000000"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def rendered(brief: Brief, **options) -> bytes:
    return render(brief, "docx", options=RenderOptions(**options))


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def part_xml(data: bytes, name: str):
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


@pytest.fixture(scope="module")
def brief() -> Brief:
    return make_brief()


@pytest.fixture(scope="module")
def docx_bytes(brief: Brief) -> bytes:
    return rendered(brief, marking="TLP:AMBER", organisation="Sahel Analysis Unit")


@pytest.fixture(scope="module")
def document(docx_bytes: bytes):
    return open_docx(docx_bytes)


# Styles and structure ----------------------------------------------------------


def test_docx_names_styles_in_section_order(document) -> None:
    styles = [p.style.name for p in document.paragraphs]
    assert styles[:4] == ["Brief Organisation", "Brief Kicker", "Title", "Source Line"]
    assert {"Heading 1", "List Bullet", "Quote", "Quote Attribution"} <= set(styles)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == list(SECTIONS)  # the sources are footnotes, not a section


def test_docx_paragraphs_carry_no_direct_formatting(docx_bytes: bytes) -> None:
    body = part_xml(docx_bytes, "word/document.xml")
    for tag in ("b", "i", "sz", "color", "rFonts", "jc", "spacing", "ind", "shd"):
        assert body.find(f".//{W}p//{W}{tag}") is None, f"direct w:{tag} in the body"


def test_docx_title_block(docx_bytes: bytes, document, monkeypatch: pytest.MonkeyPatch, brief: Brief) -> None:
    organisation, kicker, title, source = document.paragraphs[:4]
    assert organisation.text == "Sahel Analysis Unit"
    assert kicker.text == "Brief" and title.text == brief.title
    assert "SOURCE" not in source.text  # capitals come from the Source Label style
    assert "Source\u00a0Sahel juntas sign security pact" in source.text
    assert "Publisher\u00a0Agence Ouest-Africaine" in source.text
    assert "Published\u00a016\u00a0September\u00a02023" in source.text  # a date is not split over lines
    labels = [r.style.name for r in source.runs if r.text.strip() in ("Source", "Publisher", "Published", "URL", "As of")]
    assert labels == ["Source Label"] * 5
    (link,) = source.hyperlinks
    assert link.address == "https://example.org/sahel" and link.text == "https://example.org/sahel"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert open_docx(rendered(brief)).paragraphs[2].text.endswith("As of\u00a014\u00a0November\u00a02023")


def test_docx_empty_sections_say_none_stated() -> None:
    document = open_docx(rendered(make_empty_brief()))
    empty = [p for p in document.paragraphs if p.text == "None stated."]
    assert len(empty) == len(SECTIONS) - 2  # a brief with nothing to draw has no figures
    assert {p.style.name for p in empty} == {"None Stated"}


# Footnotes ------------------------------------------------------------------------


def footnotes(data: bytes) -> dict[int, str]:
    root = part_xml(data, "word/footnotes.xml")
    return {
        int(note.get(f"{W}id")): "".join(t.text for t in note.iter(f"{W}t"))
        for note in root.findall(f"{W}footnote")
        if note.get(f"{W}type") is None
    }


def test_docx_evidence_is_real_footnotes(docx_bytes: bytes, brief: Brief) -> None:
    notes = footnotes(docx_bytes)
    assert list(notes) == list(range(1, len(brief.evidence()) + 1))
    for note in Notes(figure_items(brief, True)).numbered():  # the map's links in the order it draws them
        where = f"Characters\u00a0{note.evidence.start}–{note.evidence.end}"
        assert notes[note.number] == (f"{where}." if note.quote is None else f"{where}: {quoted(note.quote)}")
    assert any(note.quote is None for note in Notes(brief).numbered()), "a point that is its quote is not reprinted"
    root = part_xml(docx_bytes, "word/footnotes.xml")
    separators = {note.get(f"{W}type"): note.get(f"{W}id") for note in root if note.get(f"{W}type")}
    assert separators == {"separator": "-1", "continuationSeparator": "0"}
    first = root.find(f"{W}footnote[@{W}id='1']")
    assert first.find(f".//{W}footnoteRef") is not None
    assert first.find(f".//{W}pStyle").get(f"{W}val") == "FootnoteText"


def test_docx_footnote_part_is_wired_into_the_package(docx_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert ('PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.footnotes+xml"') in types
    assert 'relationships/footnotes" Target="footnotes.xml"' in rels
    settings = part_xml(docx_bytes, "word/settings.xml")
    footnote_pr = settings.find(f"{W}footnotePr")
    assert [f.get(f"{W}id") for f in footnote_pr] == ["-1", "0"]
    assert footnote_pr.getnext().tag == f"{W}compat"  # where the schema wants it


def test_docx_references_appear_in_note_order(docx_bytes: bytes, brief: Brief) -> None:
    """Word numbers footnotes by position, so the n-th reference must be note n for numbers to agree."""
    body = part_xml(docx_bytes, "word/document.xml")
    references = [int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference")]
    assert references == list(range(1, len(brief.evidence()) + 1))
    for reference in body.iter(f"{W}footnoteReference"):
        assert reference.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"


def test_docx_cites_a_note_again_with_a_noteref_field(docx_bytes: bytes, document) -> None:
    body = part_xml(docx_bytes, "word/document.xml")
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    # The timeline cites notes 1 and 2 again, the actor map 1 and 4, the background 4, the terms 2 twice,
    # the implication 4, Diop's quote 5 (first cited by the actor map).
    again = [1, 2, 1, 4, 4, 2, 2, 4, 5]
    assert instructions == [f" NOTEREF _RefNote{n} \\f \\h " for n in again]
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    assert {"_RefNote1", "_RefNote2", "_RefNote4", "_RefNote5"} <= bookmarks
    terms = [p for p in document.paragraphs if p.text.startswith("Mutual defence")][0]
    assert terms.text.endswith("2")  # the field's stored result is the note's number
    implication = [p for p in document.paragraphs if p.text.startswith("The rift with ECOWAS")][0]
    assert implication.text.endswith("4,")  # then footnote 7's own reference mark
    assert "footnoteReference" in implication._p.xml.rsplit("w:t>4</w:t>", 1)[1]


# Table, header and footer -------------------------------------------------------------


def test_docx_actor_table(document, brief: Brief) -> None:
    timeline, table = document.tables  # the timeline's table comes first
    assert [c.text for c in timeline.rows[0].cells] == ["Date", "Event"]
    assert table.style.name == "Actors Table"
    assert [c.text for c in table.rows[0].cells] == ["Name", "Type", "Role"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [row.cells[0].text for row in table.rows[1:]] == [a.name for a in brief.actors]
    assert {c.paragraphs[0].style.name for c in table.rows[0].cells} == {"Table Heading"}
    assert {row.cells[2].paragraphs[0].style.name for row in table.rows[1:]} == {"Table Text"}
    assert {row.cells[0].paragraphs[0].runs[0].style.name for row in table.rows[1:]} == {"Strong"}
    widths = [column.width for column in table.columns]
    section = document.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    assert [w / usable for w in widths] == pytest.approx([0.30, 0.16, 0.54], abs=0.005)


def test_docx_marking_heads_and_foots_every_page(document) -> None:
    section = document.sections[0]
    assert section.different_first_page_header_footer
    for part in (section.first_page_header, section.header, section.even_page_header,
                 section.first_page_footer, section.footer, section.even_page_footer):
        markings = [p for p in part.paragraphs if p.style.name == "Marking"]
        assert [p.text.strip("\u00a0") for p in markings] == ["TLP:AMBER"]
        assert markings[0].runs[0].style.name == "Marking TLP Amber"
    assert section.header.paragraphs[-1].text == make_brief().title  # from page 2
    assert make_brief().title not in "".join(p.text for p in section.first_page_header.paragraphs)


def test_docx_footer_counts_pages_with_fields(docx_bytes: bytes, document) -> None:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
    assert len(footers) == 3
    for xml in footers:
        assert '<w:fldSimple w:instr=" PAGE ">' in xml and '<w:fldSimple w:instr=" NUMPAGES ">' in xml
    page_line = document.sections[0].footer.paragraphs[0]
    assert page_line.style.name == "Footer" and page_line.text.startswith("Page ")


def test_docx_plain_marking_and_none(brief: Brief) -> None:
    plain = open_docx(rendered(brief, marking="OFFICIAL-SENSITIVE")).sections[0]
    (marking,) = [p for p in plain.footer.paragraphs if p.style.name == "Marking"]
    assert marking.text == "OFFICIAL-SENSITIVE" and marking.runs[0].style.name == "Default Paragraph Font"
    none = open_docx(rendered(brief)).sections[0]
    assert not [p for p in none.header.paragraphs + none.footer.paragraphs if p.style.name == "Marking"]


# Properties ------------------------------------------------------------------------


def test_docx_core_and_custom_properties(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = rendered(brief, marking="TLP:RED", organisation="Sahel Analysis Unit")
    properties = open_docx(data).core_properties
    assert properties.title == brief.title
    assert properties.subject == "Sahel juntas sign security pact"
    assert properties.author == "Sahel Analysis Unit"
    assert properties.keywords.startswith("Abdoulaye Diop, Mali, Niger")
    assert properties.category == "TLP:RED"
    assert properties.language == "en"
    assert properties.created.timestamp() == int(EPOCH) == properties.modified.timestamp()
    custom = part_xml(data, "docProps/custom.xml")
    (prop,) = custom
    assert prop.get("name") == "Marking" and prop[0].text == "TLP:RED"
    assert open_docx(rendered(brief)).core_properties.author == "briefing"


def test_docx_fits_long_titles_and_many_actors_into_the_properties() -> None:
    from briefing.model import Actor

    brief = Brief(title="A very long title " * 30, source=Source(name="x.txt"),
                  actors=tuple(Actor(f"Actor {n:03d}", "person") for n in range(100)))
    properties = open_docx(rendered(brief)).core_properties
    assert len(properties.title) <= 255 and properties.title.endswith("title A…")
    assert len(properties.keywords) <= 255
    assert properties.keywords.startswith("Actor 000, Actor 001") and properties.keywords.endswith("Actor 022")


def test_docx_strips_characters_xml_forbids() -> None:
    brief = Brief(title="Bad\x00 title\x0b here\ufffe", source=Source(name="x\x01.txt"))
    document = open_docx(rendered(brief, marking="TLP\x07:RED", organisation="Org\x1f"))
    assert document.paragraphs[2].text == "Bad title here"
    assert document.core_properties.title == "Bad title here"
    assert document.paragraphs[0].text == "Org"


def test_docx_sets_right_to_left_text(document) -> None:
    (quote,) = [p for p in document.paragraphs if ARABIC.quote in p.text]
    assert quote._p.pPr.find(qn("w:bidi")) is not None
    (run,) = [r for r in quote.runs if ARABIC.quote in r.text]
    assert run._r.rPr.find(qn("w:rtl")) is not None
    english = [p for p in document.paragraphs if p.text.startswith("Mali, Niger")][0]
    assert english._p.pPr.find(qn("w:bidi")) is None


def test_docx_footnote_quoting_arabic_marks_the_run(brief: Brief) -> None:
    point = Point("A trimmed point on Sahel security.", (ARABIC,))  # differs from its source: the quote is shown
    docx_bytes = rendered(dataclasses.replace(brief, summary=(point, *brief.summary)))
    root = part_xml(docx_bytes, "word/footnotes.xml")
    (run,) = [r for r in root.iter(f"{W}r") if ARABIC.quote in "".join(t.text for t in r.iter(f"{W}t"))]
    assert run.find(f"{W}rPr/{W}rtl") is not None


def test_docx_letter_paper(brief: Brief) -> None:
    document = open_docx(rendered(brief, paper="letter"))
    section = document.sections[0]
    assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21.59, 27.94)
    usable = section.page_width - section.left_margin - section.right_margin
    assert sum(column.width for column in document.tables[0].columns) == pytest.approx(usable, rel=0.001)
    a4 = open_docx(rendered(brief)).sections[0]
    assert (round(a4.page_width.cm, 2), round(a4.page_height.cm, 2)) == (21.0, 29.7)


# Logos ---------------------------------------------------------------------------------


def test_docx_png_logo(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(make_png(60, 20))
    document = open_docx(rendered(brief, logo=tmp_path / "logo.png", organisation="ACME"))
    shape, *figures = document.inline_shapes
    assert len(figures) == 2  # the timeline and the actor map follow the logo
    assert shape.height.cm == pytest.approx(1.3, abs=0.01) and shape.width.cm == pytest.approx(3.9, abs=0.01)
    assert document.paragraphs[0].text.endswith("ACME")


def test_docx_svg_logo_with_its_stand_in(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
    data = rendered(brief, logo=tmp_path / "logo.svg")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        svgs = [n for n in archive.namelist() if n.endswith(".svg")]
        assert len(svgs) == 1 and archive.read(svgs[0]).decode() == SVG_LOGO
    body = open_docx(data).paragraphs[0]._p.xml
    assert "asvg:svgBlip" in body and "{96DAC541-7B7A-43D3-8B79-37D633B846F1}" in body


# The reference document --------------------------------------------------------------


def user_reference(tmp_path: Path) -> Path:
    """A reference made from python-docx's own template, with a red Heading 1 and none of our styles."""
    from docx.shared import RGBColor

    reference = docx.Document()
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0x99, 0x00, 0x00)
    reference.add_paragraph("This body is discarded.")
    path = tmp_path / "house.docx"
    reference.save(str(path))
    return path


def test_docx_takes_styles_from_a_user_reference(brief: Brief, tmp_path: Path) -> None:
    document = open_docx(rendered(brief, reference_docx=user_reference(tmp_path), marking="TLP:CLEAR"))
    heading = document.styles["Heading 1"]
    assert str(heading.font.color.rgb) == "990000"
    assert "This body is discarded." not in [p.text for p in document.paragraphs]
    # Styles the user's reference lacks are copied in from the built-in one.
    names = {s.name for s in document.styles}
    assert {"Brief Kicker", "Source Line", "Actors Table", "Marking TLP Clear", "footnote text"} <= names
    assert document.paragraphs[0].style.name == "Brief Kicker"
    assert document.tables[0].style.name == "Actors Table"


def test_docx_copies_a_missing_list_style_with_its_bullets(brief: Brief, tmp_path: Path) -> None:
    """Word only writes the List Bullet style into a file that uses it; a reference without it still gets bullets."""
    reference = docx.Document(str(user_reference(tmp_path)))
    for style in list(reference.styles.element.iter(qn("w:style"))):
        if style.get(qn("w:styleId")) == "ListBullet":
            style.getparent().remove(style)
    reference.save(str(tmp_path / "no-list.docx"))
    data = rendered(brief, reference_docx=tmp_path / "no-list.docx")
    style = open_docx(data).styles["List Bullet"]
    num_id = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
    numbering = part_xml(data, "word/numbering.xml")
    (num,) = numbering.findall(f"{W}num[@{W}numId='{num_id}']")
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    (abstract,) = numbering.findall(f"{W}abstractNum[@{W}abstractNumId='{abstract_id}']")
    assert abstract.find(f"{W}lvl/{W}numFmt").get(f"{W}val") == "bullet"
    tags = [child.tag for child in numbering]
    assert tags.index(f"{W}num") > max(i for i, t in enumerate(tags) if t == f"{W}abstractNum")


def test_docx_reference_in_the_template_folder(brief: Brief, tmp_path: Path) -> None:
    shutil.copy(user_reference(tmp_path), tmp_path / "reference.docx")
    document = open_docx(rendered(brief, template_dir=tmp_path))
    assert str(document.styles["Heading 1"].font.color.rgb) == "990000"


def test_docx_keeps_a_reference_s_own_footnote_separators(brief: Brief, tmp_path: Path) -> None:
    """LibreOffice numbers the separators 0 and 1; the notes must then start at 2."""
    first = rendered(brief)
    converted = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(first)) as source, zipfile.ZipFile(converted, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/footnotes.xml":
                data = data.replace(b'w:id="0"', b'w:id="1"').replace(b'w:id="-1"', b'w:id="0"')
            target.writestr(name, data)
    (tmp_path / "lo.docx").write_bytes(converted.getvalue())
    data = rendered(brief, reference_docx=tmp_path / "lo.docx")
    root = part_xml(data, "word/footnotes.xml")
    kinds = [(note.get(f"{W}type"), note.get(f"{W}id")) for note in root]
    assert kinds[:2] == [("separator", "0"), ("continuationSeparator", "1")]
    assert [int(i) for _, i in kinds[2:]] == list(range(2, 2 + len(brief.evidence())))
    body = part_xml(data, "word/document.xml")
    assert [int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference")][0] == 2


def test_docx_bad_reference_is_a_render_error(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "not.docx").write_text("hello", encoding="utf-8")
    with pytest.raises(RenderError, match=r"not.docx: is not a valid Word \(.docx\) file"):
        rendered(brief, reference_docx=tmp_path / "not.docx")
    with pytest.raises(RenderError, match="missing.docx: no such file"):
        rendered(brief, reference_docx=tmp_path / "missing.docx")


def test_builtin_reference_is_what_the_tool_makes() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_reference_docx", ROOT / "tools" / "make_reference_docx.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.build() == (builtin_template_dir() / "reference.docx").read_bytes(), (
        "templates/reference.docx is stale: run python tools/make_reference_docx.py"
    )


# LibreOffice opens it --------------------------------------------------------------------


@pytest.mark.slow
def test_libreoffice_shows_the_footnotes_and_markings(docx_bytes: bytes, tmp_path: Path, brief: Brief) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    pypdf = pytest.importorskip("pypdf")
    (tmp_path / "brief.docx").write_bytes(docx_bytes)
    subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(tmp_path / "brief.docx")],
        check=True, capture_output=True, timeout=120,
    )
    pages = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(tmp_path / "brief.pdf").pages]
    text = " ".join(pages)
    for evidence in brief.evidence()[:3]:
        assert " ".join(evidence.quote.split())[:60] in text  # footnote bodies are printed
    for n, page in enumerate(pages, start=1):
        assert page.count("TLP:AMBER") == 2, f"page {n}"
        assert f"Page {n} of {len(pages)}" in page
    assert re.search(r"all\.\s?2\b", text)  # the NOTEREF cross-reference shows note 2


@pytest.mark.slow
def test_libreoffice_shows_the_figures_with_their_alt_text(docx_bytes: bytes, tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    pypdf = pytest.importorskip("pypdf")
    (tmp_path / "brief.docx").write_bytes(docx_bytes)
    for target in ("pdf", "odt"):
        subprocess.run(
            [office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", target,
             "--outdir", str(tmp_path), str(tmp_path / "brief.docx")],
            check=True, capture_output=True, timeout=120,
        )
    drawn = {image.image.size for page in pypdf.PdfReader(tmp_path / "brief.pdf").pages for image in page.images}
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        from PIL import Image

        figures = {Image.open(io.BytesIO(archive.read(name))).size
                   for name in archive.namelist() if name.startswith("word/media/") and name.endswith(".png")}
    assert len(figures) >= 2 and figures <= drawn  # the timeline and the actor map are drawn
    with zipfile.ZipFile(tmp_path / "brief.odt") as odt:
        content = odt.read("content.xml").decode("utf-8")
    assert "<svg:desc>Timeline of 3 events." in content and "<svg:desc>Actor map of 5 actors" in content
