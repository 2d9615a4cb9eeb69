"""The renderers: each format's real properties, escaping, templates and reproducibility."""

from __future__ import annotations

import io
import json
import logging
import re
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from briefing.errors import RenderError, UnknownFormatError
from briefing.model import Brief, Source
from briefing.render import RenderOptions, available_renderers, get_renderer, render
from briefing.render.common import Notes, is_rtl, source_date, xml_safe
from briefing.render.templates import builtin_template_dir, escape_markdown, yaml_string
from .render_fixtures import ARABIC, ARTICLE, make_brief, make_empty_brief

SECTIONS = ("Summary", "Background", "Actors", "Terms", "Implications", "Quotes", "Sources")
EPOCH = "1700000000"


@pytest.fixture(scope="module")
def brief() -> Brief:
    return make_brief()


def rendered(brief: Brief, name: str, template_dir: Path | None = None) -> bytes:
    return render(brief, name, options=RenderOptions(template_dir=template_dir))


@pytest.fixture(scope="module")
def pdf_bytes(brief: Brief) -> bytes:
    return rendered(brief, "pdf")


# The fixture itself -----------------------------------------------------------


def test_fixture_evidence_matches_the_article(brief: Brief) -> None:
    for evidence in brief.evidence():
        assert ARTICLE[evidence.start : evidence.end] == evidence.quote


# Registry and contract --------------------------------------------------------


def test_unknown_format_lists_installed_ones() -> None:
    with pytest.raises(UnknownFormatError) as error:
        get_renderer("nope")
    assert "'nope'" in str(error.value)
    assert "installed formats: docx, html, json, md, pdf" in str(error.value)


@pytest.mark.parametrize("name", ["md", "html", "pdf", "docx", "json"])
def test_renderer_declares_its_contract(name: str) -> None:
    renderer = get_renderer(name)
    assert renderer.name == name
    assert renderer.suffix == "." + name
    assert renderer.media_type and renderer.description
    assert name in available_renderers()


def test_builtin_templates_are_found() -> None:
    folder = builtin_template_dir()
    for name in ("brief.html", "brief.md", "brief.css", "print.css"):
        assert (folder / name).is_file()


# JSON -------------------------------------------------------------------------


def test_json_round_trips(brief: Brief) -> None:
    out = rendered(brief, "json")
    assert Brief.from_dict(json.loads(out)) == brief


def test_json_is_readable_utf8_in_contract_order(brief: Brief) -> None:
    text = rendered(brief, "json").decode("utf-8")
    assert text.endswith("}\n")
    assert ARABIC.quote in text  # not \u-escaped
    assert list(json.loads(text)) == list(brief.to_dict())


# Markdown ---------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def test_markdown_front_matter(brief: Brief) -> None:
    meta, _ = split_front_matter(rendered(brief, "md").decode("utf-8"))
    assert meta["title"] == brief.title
    assert meta["source"] == "sahel-security-pact.txt"
    assert meta["published"] == "2023-09-16"
    assert meta["generator"] == "briefing 0.1.0 (extractive)"


def test_markdown_front_matter_survives_hostile_titles() -> None:
    title = 'Pact: "yes"\n---\n# not a heading \\ \u2028 \x85 end'
    brief = Brief(title=title, source=Source(name="a: b.txt"))
    meta, body = split_front_matter(rendered(brief, "md").decode("utf-8"))
    assert meta["title"] == title
    assert meta["source"] == "a: b.txt"
    assert meta["published"] is None


def test_markdown_sections_in_order(brief: Brief) -> None:
    _, body = split_front_matter(rendered(brief, "md").decode("utf-8"))
    headings = re.findall(r"^(#+) (.+)$", body, flags=re.M)
    assert headings[0] == ("#", brief.title)
    assert [text for level, text in headings[1:]] == list(SECTIONS)
    assert all(level == "##" for level, _ in headings[1:])


def test_markdown_escapes_injected_markup(brief: Brief) -> None:
    text = rendered(brief, "md").decode("utf-8")
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "](javascript:" not in text
    assert r"\[click\]\(javascript:alert\(1\)\)" in text
    assert r"\| \# \* \_under\_" in text
    assert r"\`code\`" in text
    assert "- 1986\\. Drafters" in text  # would otherwise open a nested ordered list


def test_markdown_actor_table_keeps_three_columns(brief: Brief) -> None:
    text = rendered(brief, "md").decode("utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Name | Type | Role |"
    assert len(rows) == 2 + len(brief.actors)
    for row in rows:
        assert len(re.split(r"(?<!\\)\|", row)) == 5  # 3 cells between 4 bars
    assert "| ECOWAS | Organisation | Regional bloc \\| the juntas are leaving |" in rows


def test_markdown_renders_inert_in_a_commonmark_parser(brief: Brief) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    _, body = split_front_matter(rendered(brief, "md").decode("utf-8"))
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(body)
    assert "<script" not in html
    assert "<a " not in html
    assert "<em>" not in html and "<code>" not in html
    assert html.count("<h2>") == len(SECTIONS)
    assert html.count("<tr>") == 1 + len(brief.actors)


def test_markdown_cites_evidence_as_footnotes(brief: Brief) -> None:
    text = rendered(brief, "md").decode("utf-8")
    sources = brief.evidence()
    cited = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", text)}
    defined = [int(n) for n in re.findall(r"^\[\^(\d+)\]: ", text, flags=re.M)]
    assert defined == list(range(1, len(sources) + 1))
    assert cited == set(defined)
    summary_line = next(line for line in text.splitlines() if line.startswith("- Mali, Niger"))
    assert summary_line.endswith("[^1]")
    assert "[^4][^6]" in text  # the implication cites two spans, ascending


def test_empty_sections_say_none_stated() -> None:
    brief = make_empty_brief()
    md = rendered(brief, "md").decode("utf-8")
    assert md.count("None stated.") == len(SECTIONS)
    html = rendered(brief, "html").decode("utf-8")
    assert html.count('<p class="empty">None stated.</p>') == len(SECTIONS)


# HTML -------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse_tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_html_escapes_injected_markup(brief: Brief) -> None:
    html = rendered(brief, "html").decode("utf-8")
    tags = parse_tags(html)
    assert "script" not in {tag for tag, _ in tags}
    assert "&lt;script&gt;" in html
    assert not [a for tag, a in tags if tag == "a" and "javascript" in (a.get("href") or "")]


def test_html_notes_link_to_sources(brief: Brief) -> None:
    html = rendered(brief, "html").decode("utf-8")
    tags = parse_tags(html)
    hrefs = {a["href"] for tag, a in tags if tag == "a" and (a.get("href") or "").startswith("#src-")}
    ids = {a["id"] for tag, a in tags if tag == "li" and a.get("id")}
    assert 'href="#src-1"' in html
    assert hrefs == {f"#src-{n}" for n in range(1, len(brief.evidence()) + 1)}
    assert {h[1:] for h in hrefs} == ids


def test_html_is_a_standalone_page(brief: Brief) -> None:
    html = rendered(brief, "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert "<style>" in html and "<link" not in html
    assert "<thead><tr><th scope=\"col\">Name</th>" in html
    assert "@page" not in html  # print.css is for the PDF only


def test_html_marks_right_to_left_text(brief: Brief) -> None:
    html = rendered(brief, "html").decode("utf-8")
    assert f'<p dir="rtl">“{ARABIC.quote}”' in html
    assert '<li dir="auto">Mali, Niger' in html


# PDF --------------------------------------------------------------------------


def test_pdf_has_pages_text_and_metadata(pdf_bytes: bytes, brief: Brief) -> None:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) >= 1
    text = " ".join(page.extract_text() for page in reader.pages)
    for heading in SECTIONS:
        assert heading.upper() in text  # headings are set in capitals by CSS
    for actor in brief.actors:
        assert actor.name in text
    assert "Page 1 of" in text
    assert reader.metadata.title == brief.title
    assert reader.metadata.author == "briefing"
    assert "Abdoulaye Diop" in reader.metadata["/Keywords"]


def test_pdf_is_reproducible(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = rendered(brief, "pdf")
    assert rendered(brief, "pdf") == first
    pypdf = pytest.importorskip("pypdf")
    assert pypdf.PdfReader(io.BytesIO(first)).metadata["/CreationDate"] == "D:20231114221320Z"


def test_pdf_logs_no_warnings(brief: Brief, caplog: pytest.LogCaptureFixture) -> None:
    """Fail on a missing resource or unsupported CSS; a system without HarfBuzz-Subset is not ours."""
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        rendered(brief, "pdf")
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert [w for w in warnings if "HarfBuzz-Subset" not in w] == []


@pytest.mark.parametrize("url", ["http://example.com/logo.png", "file:///etc/hostname"])
def test_pdf_refuses_urls_outside_the_templates(url: str, brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.html").write_text(
        '{% extends "default:brief.html" %}{% block title_block %}<img src="' + url + '">'
        "{{ super() }}{% endblock %}",
        encoding="utf-8",
    )
    with pytest.raises(RenderError, match="will not fetch"):
        rendered(brief, "pdf", tmp_path)


def test_pdf_serves_files_from_the_template_folder(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "extra.css").write_text("h1 { color: #800000; }", encoding="utf-8")
    (tmp_path / "brief.html").write_text(
        '{% extends "default:brief.html" %}{% block style %}{{ super() }}'
        '<link rel="stylesheet" href="extra.css">{% endblock %}',
        encoding="utf-8",
    )
    assert rendered(brief, "pdf", tmp_path).startswith(b"%PDF-")


def test_pdf_without_weasyprint_says_how_to_install(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(RenderError, match="pip install weasyprint"):
        rendered(brief, "pdf")


# DOCX -------------------------------------------------------------------------


def open_docx(data: bytes):
    docx = pytest.importorskip("docx")
    return docx.Document(io.BytesIO(data))


def test_docx_uses_builtin_styles_in_section_order(brief: Brief) -> None:
    document = open_docx(rendered(brief, "docx"))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Title"
    assert {"Heading 1", "List Bullet", "Quote"} <= set(styles)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == list(SECTIONS)


def test_docx_actor_table_repeats_its_header(brief: Brief) -> None:
    from docx.oxml.ns import qn

    document = open_docx(rendered(brief, "docx"))
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == ["Name", "Type", "Role"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [row.cells[0].text for row in table.rows[1:]] == [a.name for a in brief.actors]
    assert table.style.name == "Light Grid Accent 1"


def test_docx_cites_and_lists_sources(brief: Brief) -> None:
    document = open_docx(rendered(brief, "docx"))
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Mali, Niger") and t.endswith("[1]") for t in texts)
    sources = [t for t in texts if re.match(r"\[\d+\]\t", t)]
    assert len(sources) == len(brief.evidence())
    assert sources[0].startswith("[1]\t“Ministers of Mali")


def test_docx_core_properties(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    properties = open_docx(rendered(brief, "docx")).core_properties
    assert properties.title == brief.title
    assert properties.author == "briefing"
    assert "ECOWAS" in properties.keywords
    assert properties.created.timestamp() == int(EPOCH)


def test_docx_is_reproducible(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = rendered(brief, "docx")
    assert rendered(brief, "docx") == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_docx_strips_characters_xml_forbids() -> None:
    brief = Brief(title="Bad\x00 title\x0b here\ufffe", source=Source(name="x\x01.txt"))
    document = open_docx(rendered(brief, "docx"))
    assert document.paragraphs[0].text == "Bad title here"
    assert document.core_properties.title == "Bad title here"


def test_docx_sets_right_to_left_text(brief: Brief) -> None:
    from docx.oxml.ns import qn

    document = open_docx(rendered(brief, "docx"))
    quote, source = [p for p in document.paragraphs if ARABIC.quote in p.text]
    assert quote._p.pPr.find(qn("w:bidi")) is not None
    assert source.text.startswith("[8]")  # the Sources list keeps its numbers on the left
    (arabic_run,) = [r for r in source.runs if ARABIC.quote in r.text]
    assert arabic_run._r.rPr.find(qn("w:rtl")) is not None


def test_docx_actor_columns_have_widths(brief: Brief) -> None:
    document = open_docx(rendered(brief, "docx"))
    widths = [column.width.cm for column in document.tables[0].columns]
    assert widths == pytest.approx([4.4, 3.2, 9.0], abs=0.01)


# User templates ---------------------------------------------------------------


def test_user_markdown_template_overrides_the_builtin(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.md").write_text("# {{ brief.title|md }}\n{{ sources|length }} sources\n", encoding="utf-8")
    out = rendered(brief, "md", tmp_path).decode("utf-8")
    assert out == f"# {brief.title}\n8 sources\n"


def test_user_html_template_extends_the_default(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.html").write_text(
        '{% extends "default:brief.html" %}{% block summary %}<p class="custom">{{ brief.title }}</p>{% endblock %}',
        encoding="utf-8",
    )
    html = rendered(brief, "html", tmp_path).decode("utf-8")
    assert f'<p class="custom">{brief.title}</p>' in html
    assert "<h2>Summary</h2>" not in html
    assert "<h2>Actors</h2>" in html


def test_user_stylesheet_replaces_the_builtin_one(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.css").write_text("body { color: teal; }", encoding="utf-8")
    html = rendered(brief, "html", tmp_path).decode("utf-8")
    assert "body { color: teal; }" in html and "--accent" not in html


def test_broken_user_template_is_a_render_error(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.md").write_text("{{ brief.no_such_field }}", encoding="utf-8")
    with pytest.raises(RenderError, match="no_such_field"):
        rendered(brief, "md", tmp_path)
    (tmp_path / "brief.md").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(RenderError, match="line 1"):
        rendered(brief, "md", tmp_path)


def test_missing_template_dir_is_a_render_error(brief: Brief, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="does not exist"):
        rendered(brief, "html", tmp_path / "missing")


# Helpers ----------------------------------------------------------------------


def test_xml_safe_keeps_text_and_drops_forbidden_characters() -> None:
    assert xml_safe("a\tb\nc\r\x00\x08\x1f\ud800\ufffe\uffff") == "a\tb\nc\r"
    assert xml_safe("é ع 😀 \ue000") == "é ع 😀 \ue000"


def test_escape_markdown() -> None:
    assert escape_markdown("a *b* _c_ `d` <e> & f|g\n# h") == r"a \*b\* \_c\_ \`d\` &lt;e&gt; &amp; f\|g \# h"
    assert escape_markdown("- item") == r"\- item"
    assert escape_markdown("2) two") == r"2\) two"


def test_yaml_string_round_trips() -> None:
    for value in ['plain', 'a "b" \\ c', "x\ny\u2028z\x85", "ع", "😀"]:
        assert yaml.safe_load("k: " + yaml_string(value))["k"] == value
    assert yaml_string(None) == "null"


def test_notes_number_evidence_in_brief_order(brief: Brief) -> None:
    notes = Notes(brief)
    assert notes.sources == brief.evidence()
    assert notes(brief.summary[0]) == (1,)
    assert notes(brief.implications[0]) == (4, 6)


def test_is_rtl() -> None:
    assert is_rtl("“إن أمن”") and not is_rtl("Mali «إن»") and not is_rtl("123")


def test_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert source_date().isoformat() == "2023-11-14T22:13:20+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(RenderError, match="SOURCE_DATE_EPOCH"):
        source_date()
