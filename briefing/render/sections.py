"""The sections of a brief as every format presents them: titles, labels, how many items, note numbers."""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable

from briefing.model import Brief, Evidence

__all__ = ["ACTOR_TYPE_LABELS", "EMPTY_SECTION", "SECTION_LIMITS", "SECTION_TITLES", "Notes", "abridge", "brief_figures",
           "figure_items", "more_note"]

#: The sections of a brief, in the order every format presents them.
SECTION_TITLES: dict[str, str] = {
    "summary": "Summary",
    "timeline": "Timeline",
    "background": "Background",
    "actor_map": "Actor map",
    "actors": "Actors",
    "terms": "Terms",
    "implications": "Implications",
    "quotes": "Quotes",
    "sources": "Sources",
}

#: What a format says under a section the brief has nothing for.
EMPTY_SECTION = "None stated."

ACTOR_TYPE_LABELS: dict[str, str] = {
    "person": "Person",
    "country": "Country",
    "organisation": "Organisation",
    "group": "Group",
}

# How many items of each section a rendered brief shows; the JSON keeps all.
# Long sources (a 7,000-word encyclopaedia article) yield hundreds of
# background sentences: a reader wants the first few and the actors that matter.
SECTION_LIMITS: dict[str, int] = {"background": 8, "actors": 20, "terms": 12, "implications": 8, "quotes": 10,
                                  "timeline": 12}


def figure_items(brief: Brief, figures: bool) -> Brief:
    """Keep the timeline and the relations the figures show (none without figures), so notes number only those.

    A timeline of fewer than two events is not drawn and cites nothing; the
    relations kept are the actor map's links.
    """
    if not figures:
        return dataclasses.replace(brief, timeline=(), relations=())
    from briefing.render.figures.actor_map import actor_graph

    graph = actor_graph(brief)
    timeline = brief.timeline if len(brief.timeline) >= 2 else ()
    return dataclasses.replace(brief, timeline=timeline, relations=graph.relations if graph else ())


def brief_figures(brief: Brief, notes: Notes):
    """Return the figures of a brief :func:`figure_items` kept, numbering their notes with ``notes``; None if none.

    The drawing code is imported only now: a brief without figures loads none of it.
    """
    if not brief.timeline and not brief.relations:
        return None
    from briefing.render.figures import brief_figures as draw

    return draw(brief, notes.numbers)


def abridge(brief: Brief, limits: dict[str, int] = SECTION_LIMITS) -> tuple[Brief, dict[str, int]]:
    """Cap each section for reading; return the shown brief and how many items each section left out.

    Actors are ranked by salience already, so the first are the ones that
    matter; the other sections keep their first items, in reading order.
    """
    cut = {key: getattr(brief, key)[:limit] for key, limit in limits.items()}
    omitted = {key: len(getattr(brief, key)) - len(items) for key, items in cut.items()}
    return dataclasses.replace(brief, **cut), omitted


def more_note(count: int) -> str:
    """Say how many items a section left out, and where they are."""
    return f"{count} more in the brief's JSON." if count else ""


class Notes:
    """Number a brief's evidence 1, 2, 3… in the order of ``Brief.evidence()``."""

    def __init__(self, brief: Brief) -> None:
        self.sources: tuple[Evidence, ...] = brief.evidence()
        self._numbers = {evidence: n for n, evidence in enumerate(self.sources, start=1)}

    def __call__(self, item: Any) -> tuple[int, ...]:
        """Return the note numbers an item (point or quote) cites, each once, ascending."""
        return self.numbers(item.evidence)

    def numbers(self, evidence: Iterable[Evidence]) -> tuple[int, ...]:
        """Return the note numbers of ``evidence``, each once."""
        return tuple(sorted({self._numbers[e] for e in evidence if e in self._numbers}))

    def numbered(self) -> list[tuple[int, Evidence]]:
        """Return ``(number, evidence)`` for every source, for a Sources section."""
        return list(enumerate(self.sources, start=1))
