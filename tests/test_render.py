"""The renderers in common, JSON, Markdown and HTML: contract, escaping, markings, templates.

PDF and DOCX have their own files (test_render_pdf.py, test_render_docx.py);
reproducibility, golden files and plugins too.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from briefing.errors import RenderError, UnknownFormatError
from briefing.model import Brief, Source
from briefing.render import RenderOptions, available_renderers, check_options, get_renderer, render
from briefing.render.common import Notes, format_date, is_rtl, marking_colour, source_date, xml_safe
from briefing.render.logo import load_logo
from briefing.render.templates import builtin_template_dir, escape_markdown, export_templates, yaml_string
from .render_fixtures import ARABIC, ARTICLE, SVG_LOGO, make_brief, make_empty_brief, make_png

SECTIONS = ("Summary", "Timeline", "Actor map", "Background", "Actors", "Terms", "Implications", "Quotes", "Sources")
TEXT_SECTIONS = tuple(s for s in SECTIONS if s not in ("Timeline", "Actor map"))
EPOCH = "1700000000"


@pytest.fixture(scope="module")
def brief() -> Brief:
    return make_brief()


def rendered(brief: Brief, name: str, template_dir: Path | None = None, **options) -> bytes:
    return render(brief, name, options=RenderOptions(template_dir=template_dir, **options))


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
    for name in ("brief.html", "brief.md", "brief.css", "print.css", "reference.docx"):
        assert (folder / name).is_file()


def test_options_are_checked_before_any_work(tmp_path: Path) -> None:
    check_options(RenderOptions(marking="TLP:RED", paper="letter", logo=None))
    with pytest.raises(RenderError, match="unknown paper size 'a5'"):
        check_options(RenderOptions(paper="a5"))  # type: ignore[arg-type]
    with pytest.raises(RenderError, match="no such file"):
        check_options(RenderOptions(logo=tmp_path / "missing.png"))
    with pytest.raises(RenderError, match="reference document .*: no such file"):
        check_options(RenderOptions(reference_docx=tmp_path / "missing.docx"))
    with pytest.raises(RenderError, match="unknown PDF variant 'pdf/ua-9'.*pdf/ua-1"):
        check_options(RenderOptions(pdf_variant="pdf/ua-9"))


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


def test_markdown_front_matter(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    meta, _ = split_front_matter(rendered(brief, "md", marking="TLP:AMBER", organisation="Unit").decode("utf-8"))
    assert meta == {
        "title": brief.title,
        "source": "sahel-security-pact.txt",
        "source_title": "Sahel juntas sign security pact",
        "publisher": "Agence Ouest-Africaine",
        "published": "2023-09-16",
        "url": "https://example.org/sahel",
        "lang": "en",
        "marking": "TLP:AMBER",
        "organisation": "Unit",
        "as_of": "2023-11-14",
        "generator": "briefing 0.1.0 (extractive)",
    }


def test_markdown_without_marking_says_null(brief: Brief) -> None:
    meta, body = split_front_matter(rendered(brief, "md").decode("utf-8"))
    assert meta["marking"] is None and meta["organisation"] is None
    assert body.lstrip().startswith("# ")


def test_markdown_marking_opens_and_closes_the_body(brief: Brief) -> None:
    _, body = split_front_matter(rendered(brief, "md", marking="OFFICIAL-SENSITIVE").decode("utf-8"))
    lines = [line for line in body.splitlines() if line]
    assert lines[0] == "**OFFICIAL-SENSITIVE**"
    assert lines[-1] == lines[0]


def test_markdown_marking_and_organisation_are_escaped(brief: Brief) -> None:
    text = rendered(brief, "md", marking="*x* <b>", organisation="# [a](javascript:b)").decode("utf-8")
    meta, body = split_front_matter(text)
    assert meta["marking"] == "*x* <b>"
    assert "**\\*x\\* &lt;b>**" in body
    assert "\\# \\[a](javascript:b)" in body
    assert "<b>" not in body and not re.search(r"(?<!\\)\[[^\]]*\]\(javascript:", body)  # no live link


def test_markdown_title_block_dates(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    text = rendered(brief, "md").decode("utf-8")
    assert "**Published:** 16 September 2023 · **URL:** https://example.org/sahel · **As of:** 14 November 2023" in text
    assert "**Source:** Sahel juntas sign security pact · **Publisher:** Agence Ouest-Africaine · **Published:**" in text


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
    assert "&lt;script>" in text
    assert not re.search(r"(?<!\\)\[[^\]]*\]\(javascript:", text)  # every "[" of a link is escaped
    assert r"\[click](javascript:alert(1))" in text
    assert r"\| # \* \_under\_" in text
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
    assert "<em>" not in html and "<code>" not in html  # the only code blocks are the figures' Mermaid
    assert html.count("<code") == html.count('<code class="language-mermaid">') == 2
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
    assert "[^4][^7]" in text  # the implication cites two spans, ascending


def test_empty_sections_say_none_stated() -> None:
    brief = make_empty_brief()
    md = rendered(brief, "md").decode("utf-8")
    assert md.count("None stated.") == len(TEXT_SECTIONS)  # a brief with nothing to draw has no figures
    html = rendered(brief, "html").decode("utf-8")
    assert html.count('<p class="empty">None stated.</p>') == len(TEXT_SECTIONS)


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
    assert '<html lang="en" dir="ltr">' in html
    assert "<style>" in html and "<link" not in html
    assert "<thead><tr><th scope=\"col\">Name</th>" in html
    assert "@page" not in html and "running(" not in html  # print.css is for the PDF only


def test_html_marks_right_to_left_text(brief: Brief) -> None:
    html = rendered(brief, "html").decode("utf-8")
    assert f'<p dir="rtl">“{ARABIC.quote}”' in html
    assert '<li dir="ltr">Mali, Niger' in html


def test_html_takes_direction_and_language_from_the_source() -> None:
    brief = Brief(title="بيان", source=Source(name="a.txt", language="ar"))
    html = rendered(brief, "html").decode("utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 dir="rtl">بيان</h1>' in html


def test_html_marking_at_top_and_bottom_and_in_the_head(brief: Brief) -> None:
    html = rendered(brief, "html", marking="TLP:AMBER").decode("utf-8")
    banner = '<span class="label tlp tlp-amber">TLP:AMBER</span>'
    assert html.count(banner) == 2
    assert html.index(banner) < html.index("<article") and html.rindex(banner) > html.index("</article>")
    assert '<meta name="marking" content="TLP:AMBER">' in html


def test_html_plain_marking_and_its_escaping(brief: Brief) -> None:
    html = rendered(brief, "html", marking='OFFICIAL-SENSITIVE <script>"', organisation="<b>Unit</b>").decode()
    assert '<span class="label">OFFICIAL-SENSITIVE &lt;script&gt;&#34;</span>' in html
    assert '<meta name="marking" content="OFFICIAL-SENSITIVE &lt;script&gt;&#34;">' in html
    assert '<p class="organisation" dir="ltr">&lt;b&gt;Unit&lt;/b&gt;</p>' in html
    assert "script" not in {tag for tag, _ in parse_tags(html)}


def test_html_without_marking_has_no_banner(brief: Brief) -> None:
    html = rendered(brief, "html").decode("utf-8")
    assert 'class="marking' not in html and 'name="marking"' not in html


def test_html_title_block(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    html = rendered(brief, "html", organisation="Sahel Analysis Unit").decode("utf-8")
    assert '<a href="https://example.org/sahel">https://example.org/sahel</a>' in html
    assert "<dt>Source</dt><dd dir=\"ltr\">Sahel juntas sign security pact</dd>" in html
    assert "<dt>Publisher</dt><dd dir=\"ltr\">Agence Ouest-Africaine</dd>" in html
    assert "<dt>Published</dt><dd dir=\"ltr\">16 September 2023</dd>" in html
    assert '<time datetime="2023-11-14">14 November 2023</time>' in html
    assert '<meta name="author" content="Sahel Analysis Unit">' in html


def test_html_embeds_the_logo(brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(make_png())
    svg = rendered(brief, "html", logo=tmp_path / "logo.svg", organisation="ACME").decode("utf-8")
    assert '<img class="logo" src="data:image/svg+xml;base64,' in svg
    assert 'alt="ACME logo"' in svg
    png = rendered(brief, "html", logo=tmp_path / "logo.png").decode("utf-8")
    assert '<img class="logo" src="data:image/png;base64,iVBORw0KGgo' in png and 'alt="Logo"' in png


# User templates ---------------------------------------------------------------


def test_templates_export_writes_the_defaults_and_they_render(brief: Brief, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    written = export_templates(folder)
    assert [p.name for p in written] == ["brief.html", "figure.html", "figures.md", "brief.css", "print.css", "brief.md",
                                         "reference.docx"]
    for path in written:
        assert path.read_bytes() == (builtin_template_dir() / path.name).read_bytes()
    assert rendered(brief, "md", folder) == rendered(brief, "md")
    with pytest.raises(RenderError, match="not overwriting .*brief.html.*--force"):
        export_templates(folder)
    (folder / "brief.md").write_text("changed", encoding="utf-8")
    export_templates(folder, overwrite=True)
    assert (folder / "brief.md").read_bytes() == (builtin_template_dir() / "brief.md").read_bytes()


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
    assert escape_markdown("a *b* _c_ `d` <e> & f|g\n# h") == r"a \*b\* \_c\_ \`d\` &lt;e> & f\|g # h"
    assert escape_markdown("# h &amp; [x](y) [^1] $x$") == r"\# h &amp;amp; \[x](y) \[^1] \$x\$"
    prose = "the bloc (ECOWAS) paid US $6.9 billion [sic]; so far, so good! snake_case"
    assert escape_markdown(prose) == prose
    assert escape_markdown("- item") == r"\- item"
    assert escape_markdown("2) two") == r"2\) two"
    assert escape_markdown("\x08# h") == r"\# h", "a control character dropped later must not unmask a heading"


def test_yaml_string_round_trips() -> None:
    for value in ['plain', 'a "b" \\ c', "x\ny\u2028z\x85", "ع", "😀"]:
        assert yaml.safe_load("k: " + yaml_string(value))["k"] == value
    assert yaml_string(None) == "null"


def test_notes_number_evidence_in_brief_order(brief: Brief) -> None:
    notes = Notes(brief)
    assert notes.sources == brief.evidence()
    assert notes(brief.summary[0]) == (1,)
    assert notes(brief.implications[0]) == (4, 6)  # the timeline and the map follow the summary, then background


def test_format_date() -> None:
    assert format_date("2023-09-16") == "16 September 2023"
    assert format_date("2023-09-16T08:00:00Z") == "16 September 2023"
    assert format_date(date(2024, 2, 29)) == "29 February 2024"
    assert format_date("last Tuesday") == "last Tuesday"
    assert format_date("2023-02-30") == "2023-02-30"
    assert format_date(None) is None


def test_marking_colour_knows_tlp_labels() -> None:
    assert marking_colour("TLP:AMBER") == "amber"
    assert marking_colour("tlp:amber+strict") == "amber"
    assert marking_colour("TLP: RED") == "red"
    assert marking_colour("TLP:WHITE") == marking_colour("TLP:CLEAR") == "clear"
    assert marking_colour("OFFICIAL-SENSITIVE") is None and marking_colour(None) is None


def test_load_logo_reads_png_and_svg_sizes(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(make_png(6, 2))
    (tmp_path / "a.svg").write_text(SVG_LOGO, encoding="utf-8")
    (tmp_path / "box.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"/>', "utf-8")
    (tmp_path / "mm.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="50mm" viewBox="0 0 2 1"/>', "utf-8")
    png, svg, box, mm = (load_logo(tmp_path / n) for n in ("a.png", "a.svg", "box.svg", "mm.svg"))
    assert (png.media_type, png.width, png.height) == ("image/png", 6, 2)
    assert (svg.media_type, svg.aspect) == ("image/svg+xml", 3)
    assert (box.width, box.height) == (30, 10)
    assert mm.aspect == pytest.approx(2) and mm.width == pytest.approx(50 * 96 / 25.4)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"GIF89a....", "is not a PNG or SVG file"),
        (b"\x89PNG\r\n\x1a\n", "damaged PNG"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>', "refers to 'file:///etc/passwd'"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><image xlink:href="https://x.test/a.png"/></svg>', "refers to 'https://x.test"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import "a.css";</style></svg>', "refers to"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x.test/p)"/></svg>', "refers to"),
    ],
)
def test_load_logo_refuses_other_files_and_outside_references(content: bytes, message: str, tmp_path: Path) -> None:
    (tmp_path / "logo").write_bytes(content)
    with pytest.raises(RenderError, match=re.escape(message)):
        load_logo(tmp_path / "logo")


def test_load_logo_accepts_internal_references(tmp_path: Path) -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="4" height="4">'
           '<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use xlink:href="#g"/>'
           '<image href="data:image/png;base64,AAAA"/></svg>')
    (tmp_path / "ok.svg").write_text(svg, encoding="utf-8")
    assert load_logo(tmp_path / "ok.svg").is_svg


def test_is_rtl() -> None:
    assert is_rtl("“إن أمن”") and not is_rtl("Mali «إن»") and not is_rtl("123")


def test_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert source_date().isoformat() == "2023-11-14T22:13:20+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(RenderError, match="SOURCE_DATE_EPOCH"):
        source_date()
