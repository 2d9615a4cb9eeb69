"""Say each thing once: a brief's sections share no sentence, and no two points state the same fact.

A summariser-independent pass over a brief whose sections are ranked. A
sentence belongs to the first section that uses it, in the order
:data:`PRECEDENCE`: the summary, then the terms, then the quotes (a quotation
under Quotes is not also a background point; a term that quotes its speaker
is not repeated as a quote), then implications, then background. Two points
whose content words mostly coincide (over :data:`NEAR_DUPLICATE` of the
shorter one's) are merged into one: the more informative text, in the place
of the higher-ranked one; the summary, which its ranker already kept free
of repeats, stays as chosen. A summariser that can tell two points state one
fact in other words (the extractive one compares their parses) says so too.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

from briefing.model import Brief, Evidence, Point

PRECEDENCE: tuple[str, ...] = ("summary", "terms", "quotes", "implications", "background")
POINT_SECTIONS: tuple[str, ...] = ("summary", "terms", "implications", "background")
NEAR_DUPLICATE = 0.6


SameFact = Callable[[Point, Point], bool]


def deduplicate(brief: Brief, same_fact: SameFact | None = None) -> Brief:
    """Return ``brief`` with every sentence used by one section only and near-duplicate points merged.

    ``same_fact(a, b)``, when a summariser can tell, says that two points
    state one fact in other words; such points are merged like near-duplicates.
    """
    return _merge_near_duplicates(_one_section_per_sentence(brief), same_fact)


def _one_section_per_sentence(brief: Brief) -> Brief:
    used: list[Evidence] = []
    kept: dict[str, tuple[Any, ...]] = {}
    for key in PRECEDENCE:
        items = []
        for item in getattr(brief, key):
            if any(_overlaps(e, u) for e in item.evidence for u in used):
                continue
            items.append(item)
            used.extend(item.evidence)
        kept[key] = tuple(items)
    return dataclasses.replace(brief, **kept)


def _overlaps(a: Evidence, b: Evidence) -> bool:
    return a.start < b.end and b.start < a.end


def content_bag(text: str) -> frozenset[str]:
    """Return the stemmed content words of a text."""
    from briefing.summarise.extractive.ranking import content_words, stem  # text only: no parse, no model

    return frozenset(map(stem, content_words(text)))


def near_duplicates(a: frozenset[str], b: frozenset[str]) -> bool:
    """Say whether two bags of content words share over NEAR_DUPLICATE of the smaller one."""
    return bool(a and b) and len(a & b) / min(len(a), len(b)) > NEAR_DUPLICATE


def _merge_near_duplicates(brief: Brief, same_fact: SameFact | None) -> Brief:
    sections: dict[str, list[Point]] = {key: list(getattr(brief, key)) for key in POINT_SECTIONS}
    placed: list[tuple[str, int, frozenset[str], Point]] = []  # (section, index, bag, point) of the points kept

    def twins(bag: frozenset[str], point: Point, entry: tuple[str, int, frozenset[str], Point]) -> bool:
        return near_duplicates(bag, entry[2]) or (same_fact is not None and same_fact(point, entry[3]))

    for key in POINT_SECTIONS:
        survivors: list[Point] = []
        for point in sections[key]:
            bag = content_bag(point.text)
            twin = next((entry for entry in placed if twins(bag, point, entry)), None)
            if twin is None:
                placed.append((key, len(survivors), bag, point))
                survivors.append(point)
                continue
            twin_key, twin_index, twin_bag, _ = twin
            if twin_key != "summary" and len(bag) > len(twin_bag):  # it says more: it takes the earlier one's place
                target = survivors if twin_key == key else sections[twin_key]
                target[twin_index] = point
                placed[placed.index(twin)] = (twin_key, twin_index, bag, point)
        sections[key] = survivors
    return dataclasses.replace(brief, **{key: tuple(items) for key, items in sections.items()})


__all__ = ["PRECEDENCE", "SameFact", "content_bag", "deduplicate", "near_duplicates"]
