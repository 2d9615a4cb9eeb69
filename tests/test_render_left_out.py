"""Briefs cut to a length budget: every format says how many items were left out and how to see them."""

from __future__ import annotations

import dataclasses
import io
import json
import re

import docx

from briefing.model import Budget, Point
from briefing.render import RenderOptions, render

from .render_fixtures import make_brief

NOTE = "Left out for length: 22 background points; --length full shows them."


def html_text(html: str) -> str:
    """The HTML's text as a reader sees it: tags dropped."""
    return re.sub(r"<[^>]+>", "", html)


def cut_brief():
    brief = make_brief()
    point = brief.background[0]
    shown = tuple(Point(f"Background point number {i}.", point.evidence) for i in range(8))
    budget = Budget(length="standard", words=300, omitted=(("background", 22),))
    return dataclasses.replace(brief, background=shown,
                               generator=dataclasses.replace(brief.generator, budget=budget))


def test_every_format_says_what_the_budget_left_out_and_points_at_no_unwritten_file():
    brief = cut_brief()
    options = RenderOptions()
    md = render(brief, "md", options=options).decode()
    html = render(brief, "html", options=options).decode()
    document = docx.Document(io.BytesIO(render(brief, "docx", options=options)))
    paragraphs = [p.text for p in document.paragraphs]
    assert NOTE in md and NOTE in html_text(html) and NOTE in paragraphs
    assert '<span class="command">--length full</span>' in html, "the option is never broken across lines"
    for text in (md, html, "\n".join(paragraphs)):
        assert "JSON" not in text.split("---", 2)[-1]  # no pointer at a file the build may not write
        assert "Background point number 7." in text
    data = json.loads(render(brief, "json", options=options))
    assert data["generator"]["budget"] == {"length": "standard", "words": 300, "omitted": {"background": 22}}
    assert len(data["background"]) == 8


def test_a_brief_without_a_budget_shows_everything_and_no_note():
    brief = dataclasses.replace(cut_brief(), generator=dataclasses.replace(make_brief().generator, budget=None))
    md = render(brief, "md", options=RenderOptions()).decode()
    assert "left out" not in md


def test_a_section_whose_items_were_all_left_out_is_not_shown_and_the_note_counts_every_section():
    brief = cut_brief()
    budget = Budget(length="short", words=100, omitted=(("background", 30), ("actors", 1), ("quotes", 2)))
    brief = dataclasses.replace(brief, background=(), generator=dataclasses.replace(brief.generator, budget=budget))
    note = "Left out for length: 30 background points, 1 actor and 2 quotes; --length full shows them."
    md = render(brief, "md", options=RenderOptions()).decode()
    html = render(brief, "html", options=RenderOptions()).decode()
    document = docx.Document(io.BytesIO(render(brief, "docx", options=RenderOptions())))
    paragraphs = [p.text for p in document.paragraphs]
    assert "## Background" not in md and 'id="background"' not in html and "Background" not in paragraphs
    assert "## Actors" in md and "Actors" in paragraphs, "a section with items kept stays"
    assert md.count(note) == 1 and html_text(html).count(note) == 1 and paragraphs.count(note) == 1
    assert md.index(note) < md.index("## Sources")


def test_a_timeline_the_budget_left_out_whole_is_counted_where_figures_are_drawn():
    brief = cut_brief()
    budget = Budget(length="standard", words=180, omitted=(("background", 22), ("timeline", 3)))
    brief = dataclasses.replace(brief, timeline=(), generator=dataclasses.replace(brief.generator, budget=budget))
    note = "Left out for length: 22 background points and 3 timeline events; --length full shows them."
    assert note in render(brief, "md", options=RenderOptions()).decode()
    assert NOTE in render(brief, "md", options=RenderOptions(figures=False)).decode()
    one = Budget(length="standard", words=180, omitted=(("background", 22), ("timeline", 1)))
    lone = dataclasses.replace(brief, generator=dataclasses.replace(brief.generator, budget=one))
    assert NOTE in render(lone, "md", options=RenderOptions()).decode(), "one event is never drawn: not counted"
