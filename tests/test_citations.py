"""Citations a reader can follow: the paragraph (and, for a PDF, the page) of every span."""

from __future__ import annotations

import json

from briefing import summarise_document
from briefing.ingest import parse_bytes
from briefing.model import Brief, Evidence
from briefing.render import RenderOptions, render

from .ingest_fixtures import pdf_bytes

PARAGRAPHS = [
    "Kenya and Uganda signed a trade pact in Nairobi on Friday, cutting tariffs on maize and sugar.",
    "The pact will remove duties on 400 goods within two years, officials said.",
    "Uganda's trade minister said the deal would double trade between the neighbours by 2030.",
    "Both countries had quarrelled over sugar quotas for a decade before the talks began.",
]


def test_the_document_knows_each_spans_paragraph_and_page():
    html = "".join(f"<p style='break-after: page'>{p}</p>" for p in PARAGRAPHS)
    document = parse_bytes(pdf_bytes(f"<html><body><h1>Trade pact</h1>{html}</body></html>"), "pact.pdf")
    assert len(document.pages) == 4
    for number, text in enumerate(PARAGRAPHS, start=1):
        at = document.text.index(text[:30])
        assert document.paragraph_at(at) == number
        assert document.page_at(at) == number
    brief = summarise_document(document, length="full")
    evidence = [e for p in brief.summary + brief.terms for e in p.evidence]
    assert evidence and all(e.page == document.page_at(e.start) and e.paragraph for e in evidence)
    data = brief.to_dict()
    first = data["summary"][0]["evidence"][0]
    assert set(first) == {"start", "end", "quote", "paragraph", "page"}  # exact offsets kept, place added
    assert Brief.from_dict(json.loads(json.dumps(data))) == brief


def test_sources_name_the_place_and_quote_only_a_point_that_differs_from_its_source():
    text = "\n\n".join(PARAGRAPHS)
    document = parse_bytes(text.encode(), "pact.txt")
    brief = summarise_document(document, length="full")
    md = render(brief, "md", options=RenderOptions()).decode()
    sources = md.split("## Sources", 1)[1]
    assert "[^1]: Paragraph 1." in sources
    assert "characters" not in sources.casefold()
    assert PARAGRAPHS[0] not in sources, "a point that is its source is not printed twice"


def test_an_old_brief_without_places_cites_characters():
    assert Evidence.from_dict({"start": 3, "end": 9, "quote": "abcdef"}).paragraph is None
    from briefing.render.common import location

    assert location(Evidence(3, 9, "abcdef")) == "characters 3–9"
    assert location(Evidence(3, 9, "abcdef", 4, 2)) == "page 2, paragraph 4"
