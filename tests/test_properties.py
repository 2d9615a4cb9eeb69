"""Properties over arbitrary input: any text summarises or fails cleanly, any brief renders to a valid file.

"Cleanly" means a BriefingError, the one kind of exception the command
line turns into an ``Error: …`` line; anything else would be a traceback.
"Valid" means the file opens again in a reader that did not write it:
PyYAML and markdown-it for the Markdown, the standard library's HTML parser
and ``json`` for HTML and JSON, python-docx for DOCX, pypdf for PDF.

Example counts are modest so the whole file runs in a few seconds; the
hostile shapes the issue names (a million newlines, a 10,000-character
word, no punctuation, right-to-left text, emoji, control characters, lone
surrogates) are explicit examples, so every run tries them.
"""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import briefing
from briefing.errors import BriefingError
from briefing.ingest import parse_bytes
from briefing.model import Actor, Brief, Evidence, Generator, Point, Quote, Source
from briefing.render import RenderOptions, render

# Fragments that have broken text tools before: markup, bidi controls,
# separators, BOMs, combining marks, emoji with joiners, a lone surrogate.
HOSTILE_FRAGMENTS = (
    "<script>alert(1)</script>", '<img src="file:///etc/passwd">', "[x](javascript:alert(1))", "---", "# ",
    "| a | b |", "\u202e", "\u2066", "\u200f", "\u2028", "\u0085", "\ufeff", "\x00", "\x1b[31m", "\r", "\t",
    "e\u0301", "👩\u200d👩\u200d👧", "🇲🇱", "مرحبا بالعالم", "שלום", "中文字符", "\ud800", "\udfff", "&amp;", "{{ x }}",
    "{% raw %}", "\\", "*_`~", "1. ", "> ", "    ", "\n\n", ".", "?!", "a" * 300,
)

any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=80)
hostile_text = st.lists(st.sampled_from(HOSTILE_FRAGMENTS) | any_text, max_size=12).map("".join)
some_text = any_text | hostile_text

# Prose-like text: sentences of words, with hostile fragments mixed in.
_word = st.sampled_from(("the", "ministers", "signed", "a", "pact", "in", "Niamey", "on", "Saturday", "Mali",
                         "Niger", "said", "ECOWAS", "will", "respond", "within", "72", "hours"))  # fmt: skip
_sentence = st.lists(_word | st.sampled_from(HOSTILE_FRAGMENTS), min_size=1, max_size=15).map(
    lambda words: " ".join(words).capitalize() + "."
)
prose = st.lists(_sentence, min_size=1, max_size=12).map(" ".join)


@pytest.fixture(scope="module", autouse=True)
def _pipeline_loaded():
    """Load spaCy once before the timed examples, so the first one is not charged for it."""
    from briefing.summarise.extractive.nlp import load_pipeline

    load_pipeline()


def _no_forbidden_characters(text: str) -> bool:
    return not re.search(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)


# Summarising ------------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::briefing.errors.InputWarning")  # control characters removed, and said so
@settings(max_examples=40, deadline=timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow])
@given(text=some_text | prose, suffix=st.sampled_from([".txt", ".md"]))
@example(text="\n" * 1_000_000, suffix=".txt")
@example(text="a" * 10_000, suffix=".txt")
@example(text=("Officials " + "x" * 10_000 + " said. ") * 3, suffix=".md")
@example(text=" ".join(["word"] * 2_000), suffix=".txt")  # no sentence punctuation at all
@example(text="Word", suffix=".txt")
@example(text="وقع وزراء الدول الثلاث على ميثاق للدفاع المشترك في نيامي. " * 5, suffix=".txt")
@example(text="Talks 🤝 resumed 🇲🇱 in Niamey 👩\u200d👩\u200d👧 on Saturday. " * 5, suffix=".md")
@example(text="Control\x00 \x07 \x1b[2J characters\x7f \ud800 and lone \udfff surrogates. " * 3, suffix=".txt")
def test_any_text_is_summarised_or_refused_with_a_briefing_error(text: str, suffix: str) -> None:
    data = text.encode("utf-8", errors="surrogatepass")
    try:
        document = parse_bytes(data, "hostile" + suffix)
    except BriefingError:
        return
    assert _no_forbidden_characters(document.text)  # ingest drops control characters and lone surrogates
    try:
        brief = briefing.summarise_document(document)
    except BriefingError:
        return
    for evidence in brief.evidence():
        assert document.text[evidence.start : evidence.end] == evidence.quote


# Rendering --------------------------------------------------------------------------------------

_offset = st.integers(min_value=-5, max_value=10**12)
_evidence = st.lists(st.builds(Evidence, _offset, _offset, some_text), max_size=3).map(tuple)
_optional = st.none() | some_text
_points = st.lists(st.builds(Point, some_text, _evidence), max_size=4).map(tuple)
_actor = st.builds(
    Actor,
    some_text,
    st.sampled_from(["person", "country", "organisation", "group"]),
    _optional,
    st.lists(some_text, max_size=2).map(tuple),
    _evidence,
)
_url = _optional | st.sampled_from(['https://example.org/"><script>alert(1)</script>', "javascript:alert(1)",
                                    "JAVASCRIPT:alert(1)", " https://example.org/a b", "file:///etc/passwd"])  # fmt: skip
_language = _optional | st.sampled_from(["ar", "he-IL", "en_GB", "x" * 300, "en\x00", '"><b>'])
_source = st.builds(Source, some_text, _optional, _optional, _optional, _url, _optional,
                    st.integers(0, 10**9), _optional, _language)  # fmt: skip
briefs = st.builds(
    Brief,
    some_text,
    _source,
    st.builds(Generator, some_text, some_text, some_text),
    _points,
    _points,
    st.lists(_actor, max_size=4).map(tuple),
    _points,
    _points,
    st.lists(st.builds(Quote, some_text, _optional, _evidence), max_size=3).map(tuple),
)
render_options = st.builds(RenderOptions, marking=_optional, organisation=_optional)

_FAST = settings(max_examples=40, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow])
_SLOW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rendered(brief: Brief, name: str, options: RenderOptions) -> bytes | None:
    """Render, or return None when the renderer refused with a BriefingError (any other exception fails)."""
    try:
        return render(brief, name, options=options)
    except BriefingError:
        return None


_SECTIONS = 7  # Summary, Background, Actors, Terms, Implications, Quotes, Sources


@_FAST
@given(brief=briefs, options=render_options)
def test_markdown_of_any_brief_has_valid_front_matter_and_no_markup_from_the_source(brief, options) -> None:
    from markdown_it import MarkdownIt

    data = _rendered(brief, "md", options)
    if data is None:
        return
    text = data.decode("utf-8")
    assert text.startswith("---\n")
    front_text, _, body = text[4:].partition("\n---\n")
    front = yaml.safe_load(front_text)
    assert front["title"] == brief.title and front["source"] == brief.source.name
    assert front["url"] == brief.source.url
    parser = MarkdownIt("commonmark").enable("table")
    parser.validateLink = lambda url: True  # see every link, not only those markdown-it would allow
    tokens = list(_walk(parser.parse(body)))
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    hrefs = [t.attrGet("href") or "" for t in tokens if t.type == "link_open"]
    assert not [h for h in hrefs if re.match(r"\s*[a-z][a-z0-9+.-]*:", h, re.IGNORECASE)]
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings == ["h1"] + ["h2"] * _SECTIONS  # the source cannot add or remove a heading
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == (1 + len(brief.actors) if brief.actors else 0)


def _walk(tokens):
    for token in tokens:
        yield token
        yield from _walk(token.children or ())


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


# Every element the built-in brief.html writes; text from the source must add none.
_HTML_TAGS = frozenset(
    "html head meta title style body p span article header div img h1 dl dt dd a time section h2 ul li sup "
    "table colgroup col thead tr th tbody td figure blockquote figcaption ol".split()
)


@_FAST
@given(brief=briefs, options=render_options)
def test_html_of_any_brief_is_escaped_so_the_source_adds_no_element_or_link(brief, options) -> None:
    data = _rendered(brief, "html", options)
    if data is None:
        return
    parser = _Tags()
    parser.feed(data.decode("utf-8"))
    parser.close()
    assert {tag for tag, _ in parser.tags} <= _HTML_TAGS
    assert not [a for _, attrs in parser.tags for a in attrs if a.startswith("on")]
    assert [tag for tag, _ in parser.tags].count("h1") == 1
    assert [tag for tag, _ in parser.tags].count("h2") == _SECTIONS
    assert "img" not in {tag for tag, _ in parser.tags}  # no logo was given
    for tag, attrs in parser.tags:
        href = attrs.get("href")
        if tag == "a" and href is not None:
            assert re.fullmatch(r"#src-\d+", href) or (href == brief.source.url and href.startswith("http"))


@_FAST
@given(brief=briefs)
def test_json_of_any_brief_reads_back_as_the_same_brief(brief) -> None:
    data = render(brief, "json", options=RenderOptions())
    loaded = json.loads(data.decode("utf-8"))
    # what Python's own JSON round trip gives: lone surrogates kept, an adjacent pair joined
    assert loaded == json.loads(json.dumps(brief.to_dict()))
    assert Brief.from_dict(loaded).to_dict() == loaded


@_FAST
@given(brief=briefs, options=render_options)
def test_docx_of_any_brief_opens_in_python_docx(brief, options) -> None:
    import docx

    data = _rendered(brief, "docx", options)
    if data is None:
        return
    document = docx.Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][:1] == ["Summary"]
    assert len(document.core_properties.language) <= 255


@_SLOW
@given(brief=briefs, options=render_options)
@example(brief=Brief(title="x" * 10_000, source=Source(name="long.txt"), summary=(Point("y" * 10_000),)),
         options=RenderOptions())  # fmt: skip
def test_pdf_of_any_brief_opens_in_pypdf(brief, options) -> None:
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("weasyprint")

    data = _rendered(brief, "pdf", options)
    if data is None:
        return
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    assert reader.metadata is not None
    for page in reader.pages:
        assert page.get_contents() is not None  # every page's content stream is there and decodes
    # (Not the text: extractors stumble on the ToUnicode maps of odd glyphs, e.g. an elided
    # running title's ellipsis maps to the whole elided text, which pypdf refuses past 1 kB.)
