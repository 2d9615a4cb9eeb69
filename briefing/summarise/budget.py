"""Cut a brief to a length budget: the part of summarising that decides how much to say.

Any summariser hands :func:`apply_budget` a brief holding every item it
found, each section's items most important first, and gets back the brief a
reader is given: the summary whole, then as many items of the other sections
as the budget's words allow, spent as an analyst would spend them (the
bottom line, then the actors and the terms, then implications and quotes,
then background). After the first item of each section come the figures,
when the page has room: the actor map whole, then the timeline's rows. What is left out is counted in ``generator.budget`` so
every format can say so. ``full`` keeps everything.

A budget is in words of the brief's body (no title block, no sources), set
from the source's length: under :data:`ONE_PAGE_SOURCE_WORDS` words a brief
fits on one A4 page, any other on two.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Sequence

from briefing.errors import BriefingError
from briefing.model import Actor, Brief, Budget, Point, Quote
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
    "standard": LengthRule(share=0.30, floor=180, one_page=175, two_pages=480),
}
CEILING_SHARE = 0.6  # no brief is longer than this share of its source…
CEILING_FLOOR = 100  # …unless it is a few lines long: a brief still names its actors

# Each tier lets a section grow to that many items, in this order; a section
# stops at the first item that no longer fits. Later tiers are reached only
# when the earlier ones are full.
TIERS: tuple[dict[str, int], ...] = (
    {"actors": 4, "terms": 2, "implications": 1, "quotes": 1, "background": 1},
    {"actors": 8, "terms": 4, "implications": 2, "quotes": 2, "background": 3},
    {"actors": 12, "terms": 8, "implications": 4, "quotes": 3, "background": 6},
    {"actors": 10**9, "terms": 10**9, "implications": 10**9, "quotes": 10**9, "background": 10**9},
)
# The figures come right after the first tier (the bottom line and the first item of each section), when
# the page has room: the actor map whole or not at all, then the timeline's first rows (two at least).
FIGURE_EVENTS = 8  # the most events a timeline draws
FIGURE_ROW_WORDS = 12  # a timeline row takes a line, whatever its words
FIGURE_FRAME_WORDS = 40  # a figure's heading, legend and caption
ACTOR_MAP_WORDS = 200  # the actor map takes half an A4 page to a whole one
ACTOR_ROW_WORDS = 5  # a table row takes a line however few its words
ITEM_WORDS = 2  # what a bullet's or a quote's spacing takes, in words
SECTION_OVERHEAD_WORDS = 12  # the section headings and the actors table's header


def check_length(length: str) -> str:
    """Return ``length`` if it names a budget; BriefingError naming the choices otherwise."""
    if length not in LENGTHS:
        raise BriefingError(f"unknown length {length!r}; choose one of {', '.join(LENGTHS)}")
    return length


def fit_to_length(brief: Brief, length: str = DEFAULT_LENGTH, same_fact: SameFact | None = None) -> Brief:
    """Return ``brief`` as a reader is given it: each thing said once and cut to ``length``'s budget.

    ``full`` keeps every item found, as found: sections may then share a
    sentence (what the extraction benchmark scores). ``same_fact`` is
    :func:`~briefing.summarise.dedup.deduplicate`'s.
    """
    return apply_budget(brief if check_length(length) == "full" else deduplicate(brief, same_fact), length)


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


def apply_budget(brief: Brief, length: str = DEFAULT_LENGTH) -> Brief:
    """Return ``brief`` cut to the budget of ``length``, recording it and what it left out in ``generator.budget``.

    Each section of ``brief`` must be ranked, most important first; the kept
    points and quotes are put back in reading order (by where their evidence
    starts), the actors stay ranked.
    """
    words = budget_words(length, brief.source.words)
    kept = {key: len(getattr(brief, key)) for key in SECTIONS}
    if words is not None:
        kept = _fill(brief, words - SECTION_OVERHEAD_WORDS - sum(map(words_of, brief.summary)))
    cut: dict[str, Any] = {}
    for key in SECTIONS:
        items = getattr(brief, key)[: kept[key]]
        cut[key] = items if key in IN_ORDER else tuple(sorted(items, key=reading_position))
    omitted = tuple((key, len(getattr(brief, key)) - kept[key]) for key in SECTIONS if len(getattr(brief, key)) > kept[key])
    budget = Budget(length=length, words=words, omitted=omitted)
    return dataclasses.replace(brief, **cut, generator=dataclasses.replace(brief.generator, budget=budget))


def _fill(brief: Brief, remaining: int) -> dict[str, int]:
    """Return how many items of each section fit in ``remaining`` words, tier by tier."""
    kept = dict.fromkeys(SECTIONS, 0)
    full: set[str] = set()
    for number, tier in enumerate(TIERS):
        if number == 1:
            remaining = _take_figures(brief, kept, remaining)
        for key, limit in tier.items():
            items: Sequence[Any] = getattr(brief, key)
            while key not in full and kept[key] < min(limit, len(items)):
                cost = words_of(items[kept[key]])
                if cost > remaining:
                    full.add(key)  # a section is a prefix of its ranking: nothing after a miss
                    break
                remaining -= cost
                kept[key] += 1
    return kept


def _take_figures(brief: Brief, kept: dict[str, int], remaining: int) -> int:
    """Keep the actor map whole and then as many timeline rows as fit (two at least); return what is left."""
    if brief.relations and ACTOR_MAP_WORDS <= remaining:
        kept["relations"] = len(brief.relations)
        remaining -= ACTOR_MAP_WORDS
    events = min(FIGURE_EVENTS, len(brief.timeline), (remaining - FIGURE_FRAME_WORDS) // FIGURE_ROW_WORDS)
    if events >= 2:  # one event draws no timeline
        kept["timeline"] = events
        remaining -= FIGURE_FRAME_WORDS + events * FIGURE_ROW_WORDS
    return remaining


def reading_position(item: Point | Quote) -> tuple[int, int]:
    """Return where an item's first evidence starts, for putting items back in reading order."""
    evidence = item.evidence
    return (evidence[0].start, evidence[0].end) if evidence else (10**12, 0)

