"""Cut a brief to a length budget: the part of summarising that decides how much to say.

Any summariser hands :func:`apply_budget` a brief holding every item it
found, each section's items most important first, and gets back the brief a
reader is given: the summary whole, the main actors and the first term,
then the figures (the actor map of the actors kept and the timeline's
rows), then more items, spent as an analyst would spend them (the first
implication, quote and background point, then more actors and terms, then
implications and quotes, then background). What is left out is
counted in ``generator.budget`` so every format can say so. ``full`` keeps
everything.

A budget has two limits. Its words (the brief's body, no title block, no
sources) are a share of the source's, so a brief stays shorter than what it
summarises. Its pages are the printed A4 pages of the PDF, one for a source
under :data:`ONE_PAGE_SOURCE_WORDS` words and two for any other: each item
is costed in points of page height (:mod:`briefing.summarise.page_space`)
and placed as the page breaks would place it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Sequence

from briefing.errors import BriefingError
from briefing.model import Actor, Brief, Budget, Point, Quote, Relation
from briefing.summarise.page_space import (
    EMPTY_SECTION,
    HEADING,
    LEFT_OUT_LINE,
    TABLE_HEADER,
    actor_height,
    figure_blocks,
    pages_taken,
    point_height,
    quote_height,
    sources_height,
    title_height,
)
from briefing.options import DEFAULT_LENGTH, LENGTHS
from briefing.summarise.dedup import SameFact, deduplicate

ONE_PAGE_SOURCE_WORDS = 800  # a source shorter than this gets a one-page brief
SECTIONS: tuple[str, ...] = ("background", "actors", "terms", "implications", "quotes", "timeline", "relations")
IN_ORDER: frozenset[str] = frozenset({"actors", "timeline", "relations"})  # kept as the summariser ordered them


@dataclass(frozen=True)
class LengthRule:
    """How many body words a length allows: a share of the source, within a floor and the page caps."""

    share: float
    floor: int  # the least, for a short source (but never more than CEILING_SHARE of it)
    one_page: int  # the most a one-page brief holds
    two_pages: int  # the most a two-page brief holds


RULES: dict[str, LengthRule] = {
    "short": LengthRule(share=0.15, floor=110, one_page=150, two_pages=250),
    "standard": LengthRule(share=0.30, floor=180, one_page=240, two_pages=480),
}
CEILING_SHARE = 0.6  # no brief is longer than this share of its source…
CEILING_FLOOR = 100  # …unless it is a few lines long: a brief still names its actors

# Each tier lets a section grow to that many items, in this order; a section
# stops at the first item that no longer fits. Later tiers are reached only
# when the earlier ones are full.
TIERS: tuple[dict[str, int], ...] = (
    {"actors": 4, "terms": 1},
    {"implications": 1, "quotes": 1, "background": 1},
    {"actors": 8, "terms": 4, "implications": 2, "quotes": 2, "background": 3},
    {"actors": 12, "terms": 8, "implications": 4, "quotes": 3, "background": 6},
    {"actors": 10**9, "terms": 10**9, "implications": 10**9, "quotes": 10**9, "background": 10**9},
)
# The figures come right after the first tier (the bottom line, the main actors, the first term), when the
# page has room: the map of the actors kept, then the timeline's first rows (two at least). They come before
# the first implication, quote and background point: a reader takes them in at a glance.
FIGURE_EVENTS = 8  # the most events a timeline draws
MAP_NODES = 12  # the most actors a map draws
ACTOR_ROW_WORDS = 5  # a table row takes a line however few its words
ITEM_WORDS = 2  # what a bullet's or a quote's spacing takes, in words
SECTION_OVERHEAD_WORDS = 12  # the section headings and the actors table's header
TEXT_SECTIONS: tuple[str, ...] = ("background", "actors", "terms", "implications", "quotes")
PAGE_ORDER: tuple[str, ...] = ("background", "actors", "terms", "implications", "quotes")  # as every format shows them


def check_length(length: str) -> str:
    """Return ``length`` if it names a budget; BriefingError naming the choices otherwise."""
    if length not in LENGTHS:
        raise BriefingError(f"unknown length {length!r}; choose one of {', '.join(LENGTHS)}")
    return length


def fit_to_length(brief: Brief, length: str = DEFAULT_LENGTH, same_fact: SameFact | None = None) -> Brief:
    """Return ``brief`` as a reader is given it: each thing said once and cut to ``length``'s budget.

    ``full`` keeps every item found, as found: sections may then share a
    sentence (what the extraction benchmark scores). ``same_fact`` is
    :func:`~briefing.summarise.dedup.deduplicate`'s. What saying each thing
    once took out of a section is counted in ``generator.budget.merged``.
    """
    if check_length(length) == "full":
        return apply_budget(brief, length)
    said_once = deduplicate(brief, same_fact)
    merged = tuple((key, len(getattr(brief, key)) - len(getattr(said_once, key))) for key in SECTIONS
                   if len(getattr(brief, key)) > len(getattr(said_once, key)))
    return apply_budget(said_once, length, merged=merged)


def budget_words(length: str, source_words: int) -> int | None:
    """Return the body words a brief of ``length`` may hold for a source of ``source_words``; None for no limit."""
    check_length(length)
    rule = RULES.get(length)
    if rule is None:
        return None
    cap = rule.one_page if source_words < ONE_PAGE_SOURCE_WORDS else rule.two_pages
    ceiling = max(CEILING_FLOOR, round(CEILING_SHARE * source_words))
    return min(cap, ceiling, max(rule.floor, round(rule.share * source_words)))


def words_of(item: Point | Actor | Quote) -> int:
    """Return how many words an item takes in a rendered brief."""
    if isinstance(item, Actor):
        return max(ACTOR_ROW_WORDS, len(item.name.split()) + len((item.role or "—").split()) + 1)
    if isinstance(item, Quote):
        return ITEM_WORDS + len(item.text.split()) + len((item.speaker or "").split())
    words = ITEM_WORDS + len(item.text.split())
    text = " ".join(item.text.split())
    # A point that is not its source's words verbatim has the source quoted under Sources too, in small type.
    return words + sum(len(e.quote.split()) // 2 for e in item.evidence if " ".join(e.quote.split()) != text)


def apply_budget(brief: Brief, length: str = DEFAULT_LENGTH, *, merged: Sequence[tuple[str, int]] = ()) -> Brief:
    """Return ``brief`` cut to the budget of ``length``, recording it and what it left out in ``generator.budget``.

    Each section of ``brief`` must be ranked, most important first; the kept
    points and quotes are put back in reading order (by where their evidence
    starts), the actors stay ranked. The relations kept are those between
    the actors kept, when the page has room for their map. ``merged``
    counts the items a section gave up to another that says them (recorded
    as they are; a section they emptied is not printed, so takes no room).
    """
    words = budget_words(length, brief.source.words)
    kept = {key: len(getattr(brief, key)) for key in SECTIONS}
    if words is not None:
        pages = 1 if brief.source.words < ONE_PAGE_SOURCE_WORDS else 2
        unprinted = frozenset(key for key, count in merged if count and not getattr(brief, key))
        room = words - SECTION_OVERHEAD_WORDS - sum(map(words_of, brief.summary))
        kept = Filler(brief, room, pages, unprinted=unprinted).fill()
    cut: dict[str, Any] = {}
    for key in SECTIONS:
        if key == "relations":
            items = map_relations(brief, kept) if words is not None else brief.relations
        else:
            items = getattr(brief, key)[: kept[key]]
        cut[key] = items if key in IN_ORDER else tuple(sorted(items, key=reading_position))
    omitted = tuple((key, len(getattr(brief, key)) - len(cut[key])) for key in SECTIONS
                    if len(getattr(brief, key)) > len(cut[key]))
    budget = Budget(length=length, words=words, omitted=omitted, merged=tuple(merged))
    return dataclasses.replace(brief, **cut, generator=dataclasses.replace(brief.generator, budget=budget))


def map_relations(brief: Brief, kept: dict[str, int]) -> tuple[Relation, ...]:
    """Return the relations the map of the kept actors draws (none if the map was not kept)."""
    if not kept["relations"]:
        return ()
    names = {actor.name for actor in brief.actors[: kept["actors"]]}
    return tuple(r for r in brief.relations if r.source in names and r.target in names and r.source != r.target)


def map_nodes(brief: Brief, actors: int) -> int:
    """Return how many of the first ``actors`` actors a map of their relations draws."""
    names = {actor.name for actor in brief.actors[:actors]}
    related = {n for r in brief.relations if r.source in names and r.target in names and r.source != r.target
               for n in (r.source, r.target)}
    return min(MAP_NODES, len(related)) if len(related) >= 2 else 0


class Filler:
    """Fill a brief's pages and words tier by tier: what each section keeps, and whether the figures fit."""

    def __init__(self, brief: Brief, words: int, pages: int, *, unprinted: frozenset[str] = frozenset()) -> None:
        self.brief, self.words, self.pages, self.unprinted = brief, words, pages, unprinted
        self.heights = {key: [_height(item) for item in getattr(brief, key)] for key in TEXT_SECTIONS}
        self.fixed = title_height(brief) + HEADING + sum(point_height(p) for p in brief.summary)

    def fill(self) -> dict[str, int]:
        """Return how many items of each section (and timeline rows, and 1 for the map) fit."""
        kept = dict.fromkeys(SECTIONS, 0)
        full: set[str] = set()
        for number, tier in enumerate(TIERS):
            if number == 1:
                self._take_figures(kept)
            for key, limit in tier.items():
                items: Sequence[Any] = getattr(self.brief, key)
                while key not in full and kept[key] < min(limit, len(items)):
                    kept[key] += 1
                    if not self.fits(kept):
                        kept[key] -= 1
                        full.add(key)  # a section is a prefix of its ranking: nothing after a miss
        return kept

    def _take_figures(self, kept: dict[str, int]) -> None:
        """Keep the map of the kept actors and as many timeline rows as fit (two at least), or what of them fits."""
        most = min(FIGURE_EVENTS, len(self.brief.timeline))
        choices = [(bool(self.brief.relations), events) for events in range(most, 1, -1)]
        choices += [(True, 0)] if self.brief.relations else []
        choices += [(False, events) for events in range(most, 1, -1)]
        for relations, events in choices:
            kept["relations"], kept["timeline"] = int(relations), events
            if self.fits(kept):
                return
        kept["relations"] = kept["timeline"] = 0

    def fits(self, kept: dict[str, int]) -> bool:
        """Tell whether the brief with ``kept`` items keeps to the budget's words and pages."""
        words = sum(words_of(item) for key in TEXT_SECTIONS for item in getattr(self.brief, key)[: kept[key]])
        return words <= self.words and pages_taken(self.blocks(kept))[0] <= self.pages

    def blocks(self, kept: dict[str, int]) -> list[tuple[float, bool]]:
        """Return the printed brief's blocks, in page order, as ``(height, keep with the next)``."""
        nodes = map_nodes(self.brief, kept["actors"]) if kept["relations"] else 0
        links = map_relations(self.brief, kept) if nodes else ()
        blocks = [(self.fixed, False)]
        blocks += [(height, False) for height in figure_blocks(self.brief.timeline[: kept["timeline"]], nodes, links)]
        notes = len(self.brief.summary) + kept["timeline"] + len(links)
        for key in PAGE_ORDER:
            heights = self.heights[key][: kept[key]]
            if not self.heights[key]:
                if key not in self.unprinted:
                    blocks.append((EMPTY_SECTION, False))
            elif heights:
                blocks.append((HEADING + (TABLE_HEADER if key == "actors" else 0.0), True))
                blocks += [(height, False) for height in heights]
                notes += len(heights)
        if any(kept[key] < len(self.heights[key]) for key in TEXT_SECTIONS):
            blocks.append((LEFT_OUT_LINE, False))
        blocks.append((sources_height(notes - kept["actors"]), False))
        return blocks


def _height(item: Point | Actor | Quote) -> float:
    if isinstance(item, Actor):
        return actor_height(item)
    return quote_height(item) if isinstance(item, Quote) else point_height(item)


def reading_position(item: Point | Quote) -> tuple[int, int]:
    """Return where an item's first evidence starts, for putting items back in reading order."""
    evidence = item.evidence
    return (evidence[0].start, evidence[0].end) if evidence else (10**12, 0)

