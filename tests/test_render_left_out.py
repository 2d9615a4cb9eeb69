"""Briefs cut to a length budget: every format says how many items were left out and how to see them."""

from __future__ import annotations

import dataclasses
import io
import json

import docx

from briefing.model import Budget, Point
from briefing.render import RenderOptions, render

from .render_fixtures import make_brief

NOTE = "22 more items left out for length; --length full shows them."


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
    assert NOTE in md and NOTE in html and NOTE in paragraphs
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


def test_a_section_whose_items_were_all_left_out_does_not_say_none_stated():
    brief = cut_brief()
    budget = Budget(length="short", words=100, omitted=(("background", 30),))
    brief = dataclasses.replace(brief, background=(), generator=dataclasses.replace(brief.generator, budget=budget))
    md = render(brief, "md", options=RenderOptions()).decode()
    section = md.split("## Background", 1)[1].split("## ", 1)[0]
    assert "None stated." not in section
    assert "30 more items left out for length" in section
