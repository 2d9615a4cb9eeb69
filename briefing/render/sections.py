"""The sections of a brief as every format presents them: titles, labels, what was left out, note numbers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterable

from briefing.model import Brief, Evidence
from briefing.render.text import one_line

__all__ = ["ACTOR_TYPE_LABELS", "EMPTY_SECTION", "SECTION_TITLES", "TIMELINE_LIMIT", "Notes", "SourceNote",
           "brief_figures", "figure_items", "hidden_sections", "left_out_note", "location"]

#: The sections of a brief, in the order every format presents them.
SECTION_TITLES: dict[str, str] = {
    "summary": "Summary",
    "timeline": "Timeline",
    "actor_map": "Actor map",
    "background": "Background",
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

LEFT_OUT_SECTIONS: tuple[str, ...] = ("background", "actors", "terms", "implications", "quotes")


TIMELINE_LIMIT = 12  # the most events a timeline figure draws


def figure_items(brief: Brief, figures: bool) -> Brief:
    """Keep the timeline and the relations the figures show (none without figures), so notes number only those.

    A timeline of fewer than two events is not drawn and cites nothing; the
    relations kept are the actor map's links.
    """
    if not figures:
        return dataclasses.replace(brief, timeline=(), relations=())
    from briefing.render.figures.actor_map import actor_graph

    graph = actor_graph(brief)
    timeline = brief.timeline[:TIMELINE_LIMIT] if len(brief.timeline) >= 2 else ()
    return dataclasses.replace(brief, timeline=timeline, relations=graph.relations if graph else ())


def brief_figures(brief: Brief, notes: Notes):
    """Return the figures of a brief :func:`figure_items` kept, numbering their notes with ``notes``; None if none.

    The drawing code is imported only now: a brief without figures loads none of it.
    """
    if not brief.timeline and not brief.relations:
        return None
    from briefing.render.figures import brief_figures as draw

    return draw(brief, notes.numbers)


#: What the left-out note calls one item and many items of each section.
ITEM_NAMES: dict[str, tuple[str, str]] = {
    "background": ("background point", "background points"),
    "actors": ("actor", "actors"),
    "terms": ("term", "terms"),
    "implications": ("implication", "implications"),
    "quotes": ("quote", "quotes"),
    "timeline": ("timeline event", "timeline events"),
}


def left_out_note(brief: Brief, figures: bool = True) -> str:
    """Say in one line what the brief's length budget left out, section by section, and how to see it ("" if nothing).

    The brief says what it left out in ``generator.budget``; a brief without
    a budget (an older or hand-made one) left nothing out. Timeline events
    are counted only where the figures are drawn, and only when the source
    had a timeline to draw (two events or more), kept in part or left out whole.
    """
    budget = brief.generator.budget
    if budget is None:
        return ""
    drawn = figures and len(brief.timeline) + budget.left_out("timeline") >= 2
    keys = LEFT_OUT_SECTIONS + (("timeline",) if drawn else ())
    counts = [(budget.left_out(key), ITEM_NAMES[key]) for key in keys]
    parts = [f"{count} {one if count == 1 else many}" for count, (one, many) in counts if count]
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Left out for length: {listed}; --length full shows them."


def hidden_sections(brief: Brief) -> frozenset[str]:
    """Return the sections every format leaves out: those the length budget emptied.

    A section the source has nothing for still shows, saying so; one the
    budget emptied is only counted in :func:`left_out_note`; one whose
    items another section already says (an implication that is a summary
    point) is not shown at all, rather than claim the source states none.
    """
    budget = brief.generator.budget
    if budget is None:
        return frozenset()
    return frozenset(key for key in LEFT_OUT_SECTIONS
                     if not getattr(brief, key) and (budget.left_out(key) or budget.said_elsewhere(key)))


def location(evidence: Evidence) -> str:
    """Say where a reader finds a span in the source: "page 2, paragraph 14", else its characters."""
    if evidence.paragraph is None:
        return f"characters {evidence.start}–{evidence.end}"
    where = f"paragraph {evidence.paragraph}"
    return f"page {evidence.page}, {where}" if evidence.page is not None else where


@dataclass(frozen=True)
class SourceNote:
    """One entry of a brief's Sources: its number, where the span is, and the span unless a point says it verbatim."""

    number: int
    evidence: Evidence
    location: str
    quote: str | None


class Notes:
    """Number a brief's evidence 1, 2, 3… in the order of ``Brief.evidence()``."""

    def __init__(self, brief: Brief) -> None:
        self.sources: tuple[Evidence, ...] = brief.evidence()
        self._numbers = {evidence: n for n, evidence in enumerate(self.sources, start=1)}
        self._cited_by: dict[Evidence, set[str]] = {}
        for group in (brief.summary, brief.background, brief.terms, brief.implications, brief.quotes):
            for item in group:
                for evidence in item.evidence:
                    self._cited_by.setdefault(evidence, set()).add(one_line(item.text))

    def __call__(self, item: Any) -> tuple[int, ...]:
        """Return the note numbers an item (point or quote) cites, each once, ascending."""
        return self.numbers(item.evidence)

    def numbers(self, evidence: Iterable[Evidence]) -> tuple[int, ...]:
        """Return the note numbers of ``evidence``, each once."""
        return tuple(sorted({self._numbers[e] for e in evidence if e in self._numbers}))

    def numbered(self) -> list[SourceNote]:
        """Return every source as a SourceNote, for a Sources section.

        The span's text is given only where some point citing it says
        something other than the span itself (a trimmed or merged point).
        """
        notes = []
        for number, evidence in enumerate(self.sources, start=1):
            verbatim = self._cited_by.get(evidence, set()) <= {one_line(evidence.quote)}
            notes.append(SourceNote(number, evidence, location(evidence), None if verbatim else evidence.quote))
        return notes
