"""Renderers against hostile briefs: text no format can hold, and text that tries to become markup.

A brief read back from JSON (``briefing render``) can hold anything JSON
can: lone surrogates, control characters, a 300-character "language". Each
renderer must write a valid file or raise a RenderError.
"""

from __future__ import annotations

import io
import json

import pytest

from briefing.model import Brief, Point, Source
from briefing.render import RenderOptions, render


def _brief(**fields) -> Brief:
    values = {"title": "Talks resume", "source": Source(name="talks.txt"), "summary": (Point("Talks resume."),)}
    values.update(fields)
    return Brief(**values)


def test_json_writes_a_lone_surrogate_as_its_escape_and_reads_it_back() -> None:
    brief = _brief(title="Talks \ud800 resume", summary=(Point("A lone \udfff surrogate."),))
    data = render(brief, "json", options=RenderOptions())
    assert b"\\ud800" in data and b"\\udfff" in data
    assert Brief.from_dict(json.loads(data.decode("utf-8"))) == brief


@pytest.mark.parametrize("language", ["x" * 300, "en\x00GB", "en\ud800"])
def test_docx_keeps_a_source_language_no_core_property_could_hold_out_of_the_properties(language: str) -> None:
    import docx

    brief = _brief(source=Source(name="talks.md", language=language))
    document = docx.Document(io.BytesIO(render(brief, "docx", options=RenderOptions())))
    written = document.core_properties.language
    assert len(written) <= 255 and "\x00" not in written


@pytest.mark.parametrize("tag", ['en" onload="alert(1)', "en;background:url(http://attacker.example/x)", "x" * 300])
def test_a_source_language_that_is_no_language_tag_is_written_nowhere(tag: str) -> None:
    import docx

    brief = _brief(source=Source(name="talks.md", language=tag))
    assert '<html lang="en" dir="ltr">' in render(brief, "html", options=RenderOptions()).decode("utf-8")
    assert "lang: \"en\"" in render(brief, "md", options=RenderOptions()).decode("utf-8")
    document = docx.Document(io.BytesIO(render(brief, "docx", options=RenderOptions())))
    assert document.core_properties.language == "en"


def test_a_source_language_tag_is_kept() -> None:
    brief = _brief(source=Source(name="talks.md", language="ar-EG"))
    assert '<html lang="ar-EG" dir="rtl">' in render(brief, "html", options=RenderOptions()).decode("utf-8")


def test_pdf_metadata_drops_lone_surrogates() -> None:
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("weasyprint")
    brief = _brief(title="Talks \ud800 resume", source=Source(name="t.txt", title="A \udfff title", language="e\ud800n"))
    reader = pypdf.PdfReader(io.BytesIO(render(brief, "pdf", options=RenderOptions())))
    assert reader.metadata.title == "Talks  resume"


# The sandbox: what source text can make the renderers fetch or emit ---------------------------------

ATTACKS = (
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="http://attacker.example/steal.css">',
    '<style>@import url("http://attacker.example/i.css"); body { background: url(file:///etc/passwd) }</style>',
    '<div style="background-image: url(\'http://attacker.example/pixel.png\')">x</div>',
    '<iframe src="file:///etc/passwd"></iframe><object data="file:///etc/hostname"></object>',
    '<svg><image href="file:///etc/passwd"/></svg><script>alert(1)</script>',
    '<a href="javascript:alert(1)">click</a> [click](javascript:alert(1)) <javascript:alert(1)>',
    '" onmouseover="alert(1)" x="',
)
ATTACK = " ".join(ATTACKS)


def _attack_brief() -> Brief:
    """A brief with an attack in every field the source fills."""
    from briefing.model import Actor, Evidence, Quote

    evidence = (Evidence(0, len(ATTACK), ATTACK),)
    return Brief(
        title=f"Talks {ATTACK}",
        source=Source(name=f"{ATTACK}.html", title=ATTACK, publisher=ATTACK, published=ATTACK,
                      url="javascript:alert(1)", language='en" onload="alert(1)'),
        summary=(Point(f"Summary {ATTACK}", evidence),),
        background=(Point(ATTACK, evidence),),
        actors=(Actor(ATTACK, "person", ATTACK, (ATTACK,), evidence),),
        terms=(Point(ATTACK, evidence),),
        implications=(Point(ATTACK, evidence),),
        quotes=(Quote(ATTACK, ATTACK, evidence),),
    )  # fmt: skip


_ATTACK_OPTIONS = RenderOptions(marking=ATTACK, organisation=ATTACK)


@pytest.fixture
def recorded_fetches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every URL the PDF renderer's fetcher is asked for."""
    from briefing.render import pdf

    calls: list[str] = []
    real = pdf.make_url_fetcher

    def recording(weasyprint, folders):
        fetcher = real(weasyprint, folders)
        fetch = fetcher.fetch

        def record(url, headers=None):
            calls.append(url)
            return fetch(url, headers)

        fetcher.fetch = record
        return fetcher

    monkeypatch.setattr(pdf, "make_url_fetcher", recording)
    return calls


def test_the_fetch_recorder_sees_what_the_pdf_loads(recorded_fetches: list[str], tmp_path) -> None:
    pytest.importorskip("weasyprint")
    from .render_fixtures import make_png

    (tmp_path / "logo.png").write_bytes(make_png())
    render(_brief(), "pdf", options=RenderOptions(logo=tmp_path / "logo.png"))
    assert [url[:22] for url in recorded_fetches] == ["data:image/png;base64,"]


def test_pdf_of_a_hostile_brief_fetches_nothing_and_embeds_nothing(recorded_fetches: list[str]) -> None:
    pypdf = pytest.importorskip("pypdf")
    from briefing.render.templates import builtin_template_dir

    data = render(_attack_brief(), "pdf", options=_ATTACK_OPTIONS)
    allowed = builtin_template_dir().resolve().as_uri()
    assert [url for url in recorded_fetches if not url.startswith(("data:", allowed))] == []
    reader = pypdf.PdfReader(io.BytesIO(data))
    links = [annotation.get_object().get("/A", {}).get("/URI") for page in reader.pages
             for annotation in page.get("/Annots", [])]  # fmt: skip
    assert [uri for uri in links if uri is not None and not str(uri).startswith("#")] == []
    assert not [page for page in reader.pages if page["/Resources"].get("/XObject")]  # no image was drawn
    from pdfminer.high_level import extract_text

    text = extract_text(io.BytesIO(data))  # pypdf refuses the ToUnicode map of the elided running title
    assert "root:x:0:0" not in text and "<script>alert(1)</script>" in text  # the markup is shown as text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://attacker.example/x.css",
        "https://attacker.example/x.css",
        "ftp://attacker.example/x",
        "file://attacker.example/share/x.css",
        "{templates}/../../../../etc/passwd",
        "{templates}/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "{templates}/link-out.css",
    ],
)
def test_the_pdf_fetcher_refuses_everything_outside_the_template_folders(url: str, tmp_path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    import weasyprint.urls

    from briefing.render.pdf import make_url_fetcher

    (tmp_path / "link-out.css").symlink_to("/etc/passwd")
    fetcher = make_url_fetcher(weasyprint, [tmp_path])
    with pytest.raises(Exception) as refused:
        fetcher.fetch(url.replace("{templates}", tmp_path.as_uri()))
    assert not isinstance(refused.value, AssertionError)
    (tmp_path / "ok.css").write_text("h1 { color: red }")
    assert b"color" in fetcher.fetch((tmp_path / "ok.css").as_uri()).read()


def test_html_of_a_hostile_brief_is_escaped_everywhere() -> None:
    from html.parser import HTMLParser

    page = render(_attack_brief(), "html", options=_ATTACK_OPTIONS).decode("utf-8")
    tags: list[tuple[str, dict]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, dict(attrs)))

    Collect().feed(page)
    names = {tag for tag, _ in tags}
    assert not names & {"img", "link", "iframe", "object", "svg", "image", "script"}
    assert [tag for tag, _ in tags].count("style") == 1  # the template's own
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    assert not [attrs["href"] for tag, attrs in tags if tag == "a" and not attrs["href"].startswith("#src-")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markdown_of_a_hostile_brief_carries_no_html_and_no_link() -> None:
    from markdown_it import MarkdownIt

    text = render(_attack_brief(), "md", options=_ATTACK_OPTIONS).decode("utf-8")
    body = text.split("\n---\n", 1)[1]
    parser = MarkdownIt("commonmark").enable("table")
    parser.validateLink = lambda url: True
    html = parser.render(body)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html and "<link" not in html
    assert "javascript:" not in "".join(a for a in html.split('href="')[1:])  # no link target holds it
    assert 'href="' not in html.replace('href="#', "")  # the only links are the footnotes
