"""The page budget's estimate against WeasyPrint's own layout: each block costed close to, and not under, its height."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.model import Actor, Brief, Evidence, Point, Relation, Source, TimelineEvent
from briefing.summarise import page_space

weasyprint = pytest.importorskip("weasyprint")

WORDS = ("the ministers signed a charter on defence and promised to assist each other within hours of a request "
         "while critics warned that the text was vague about who would pay for any of it").split()
TEXT = " ".join(WORDS * 8)
PX = 0.75  # CSS pixels to points


def point(words: int) -> Point:
    text = " ".join((WORDS * 8)[:words]) + "."
    return Point(text, (Evidence(0, len(text), text),))


def fixture_brief() -> Brief:
    evidence = (Evidence(0, 10, TEXT[:10]),)
    actors = (Actor("Mali", "country", "signed the charter"),
              Actor("Organisation for the Prohibition of Chemical Weapons", "organisation", "inspected the sites"),
              Actor("Niger", "country", "asked for help within hours of the attack on its northern border posts"),
              Actor("Alliance of Sahel States", "organisation", "to be created by the charter"))
    events = (TimelineEvent("2017", "year", "in 2017", "launched to tackle insurgents", ("Mali", "Niger"), evidence),
              TimelineEvent(None, "day", "on Saturday", "signed a security pact", ("Mali",), evidence),
              TimelineEvent("2024-03", "month", "in March 2024", "a conference of the ministers of the three states",
                            ("Organisation for the Prohibition of Chemical Weapons",), evidence, future=True))
    return Brief(title="Ministers of three states sign a charter on their common defence",
                 source=Source(name="charter.txt", words=2000),
                 summary=(point(12), point(30), point(55)), background=(point(20), point(70)),
                 actors=actors, terms=(point(16),), implications=(point(40),), timeline=events,
                 relations=(Relation("Organisation for the Prohibition of Chemical Weapons", "Alliance of Sahel States",
                                     "promised to inspect", evidence),))


def boxes(brief: Brief) -> list[tuple[str, float, str]]:
    """Return ``(kind, height in points, text)`` of the blocks the budget costs, as WeasyPrint lays them out."""
    from briefing.render import RenderOptions
    from briefing.render.html import render_html

    templates = Path(__file__).resolve().parent.parent / "templates"
    page = render_html(brief, RenderOptions(), media="print")
    document = weasyprint.HTML(string=page, base_url=templates.as_uri() + "/").render()
    found = []

    def walk(box, parent_tag):
        element = getattr(box, "element", None)
        if element is not None and hasattr(box, "margin_height"):
            tag, kind = box.element_tag, None
            classes = element.get("class") or ""
            if tag == "header" and "title-block" in classes:
                kind = "title"
            elif tag == "li" and parent_tag == "ul":
                kind = "point"
            elif tag == "tr" and parent_tag == "tbody":
                kind = "actor"
            elif tag == "section" and element.get("id") == "timeline":
                kind = "timeline"
            if kind and all(f[3] is not element for f in found):
                found.append((kind, box.margin_height() * PX, "".join(element.itertext()).strip(), element))
        for child in getattr(box, "children", None) or ():
            walk(child, getattr(box, "element_tag", None))

    for page_ in document.pages:
        walk(page_._page_box, None)
    return [(kind, height, text) for kind, height, text, _ in found]


def test_the_estimate_matches_the_laid_out_page_block_by_block():
    brief = fixture_brief()
    laid_out = boxes(brief)
    points = {p.text: page_space.point_height(p) for p in brief.summary + brief.background + brief.terms + brief.implications}
    rows = {a.name: page_space.actor_height(a) for a in brief.actors}
    checked = 0
    for kind, height, text in laid_out:
        if kind == "title":
            estimate = page_space.title_height(brief)
        elif kind == "point":
            estimate = points[text.rstrip("0123456789\u2060")]
        elif kind == "actor":
            estimate = next(value for key, value in rows.items() if text.startswith(key))
        else:  # the timeline, full width (the map's names are too long to stand beside it)
            estimate = page_space.FIGURE_FRAME - 12.0 + page_space.timeline_height(brief.timeline, False)
        assert height - 0.5 <= estimate <= height + 15.0, (kind, text[:40], estimate, height)
        checked += 1
    assert checked >= 1 + 6 + 4 + 1
