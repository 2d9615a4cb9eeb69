"""Long briefs: rendered formats cap each section; the JSON keeps every item."""

from __future__ import annotations

import dataclasses
import io
import json

import docx

from briefing.model import Point
from briefing.render import RenderOptions, render
from briefing.render.common import SECTION_LIMITS, abridge

from .render_fixtures import make_brief


def long_brief():
    brief = make_brief()
    point = brief.background[0]
    many = tuple(Point(f"Background point number {i}.", point.evidence) for i in range(30))
    return dataclasses.replace(brief, background=many)


def test_abridge_keeps_the_first_items_and_counts_the_rest():
    shown, omitted = abridge(long_brief())
    limit = SECTION_LIMITS["background"]
    assert [p.text for p in shown.background] == [f"Background point number {i}." for i in range(limit)]
    assert omitted["background"] == 30 - limit
    assert omitted["terms"] == 0


def test_markdown_html_and_docx_say_what_was_left_out_and_json_keeps_it_all():
    brief = long_brief()
    left = 30 - SECTION_LIMITS["background"]
    options = RenderOptions()
    md = render(brief, "md", options=options).decode()
    assert f"{left} more in the brief's JSON." in md
    assert "Background point number 29." not in md
    html = render(brief, "html", options=options).decode()
    assert f"{left} more in the brief&#39;s JSON." in html
    document = docx.Document(io.BytesIO(render(brief, "docx", options=options)))
    assert any(f"{left} more in the brief's JSON." in p.text for p in document.paragraphs)
    data = json.loads(render(brief, "json", options=options))
    assert len(data["background"]) == 30
