"""Turn the extractive pass's brief into the hybrid prompt's hints, by sentence number."""

from __future__ import annotations

import bisect
from typing import Any, Iterable, Sequence

from briefing.model import Brief, Evidence
from briefing.summarise.llm.prompts import POINT_SECTIONS, Candidates
from briefing.summarise.llm.sentences import Sentence


class SentenceIndex:
    """Find the numbered sentences an evidence span overlaps."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = tuple(sentences)
        self._starts = [s.start for s in self.sentences]

    def numbers(self, evidence: Iterable[Evidence]) -> tuple[int, ...]:
        """Return the numbers of the sentences the spans overlap, in order, each once."""
        found: dict[int, None] = {}
        for span in evidence:
            index = max(0, bisect.bisect_right(self._starts, span.start) - 1)
            while index < len(self.sentences) and self.sentences[index].start < span.end:
                if self.sentences[index].end > span.start:
                    found[self.sentences[index].number] = None
                index += 1
        return tuple(sorted(found))


def candidates_of(brief: Brief, index: SentenceIndex) -> Candidates:
    """Return the extractive brief's sections, actors and quotes as hints keyed by sentence number."""
    labels: dict[int, dict[str, None]] = {}
    for name in POINT_SECTIONS:
        for point in getattr(brief, name):
            for number in index.numbers(point.evidence):
                labels.setdefault(number, {})[name] = None
    for quote in brief.quotes:
        for number in index.numbers(quote.evidence):
            labels.setdefault(number, {})["quote"] = None
    actors = tuple(
        {"name": a.name, "type": a.type, "role": a.role, "aliases": list(a.aliases),
         "sentences": list(index.numbers(a.evidence))}
        for a in brief.actors
    )
    quotes = tuple(
        {"text": q.text, "speaker": q.speaker, "sentences": list(index.numbers(q.evidence))} for q in brief.quotes
    )
    return Candidates({n: tuple(names) for n, names in labels.items()}, actors, quotes)


def shown_sentences(sentences: Sequence[Sentence], candidates: Candidates | None) -> tuple[Sentence, ...]:
    """Return the sentences a prompt shows: the candidates' (and the actors' evidence), or all of them."""
    if candidates is None:
        return tuple(sentences)
    wanted = set(candidates.labels)
    for actor in candidates.actors:
        wanted.update(actor["sentences"])
    chosen = tuple(s for s in sentences if s.number in wanted)
    return chosen or tuple(sentences)


def restrict(candidates: Candidates, numbers: frozenset[int]) -> Candidates:
    """Return the hints that concern the sentences ``numbers``, each citing only those."""

    def within(items: tuple[dict[str, Any], ...]) -> tuple[dict[str, Any], ...]:
        kept = ({**item, "sentences": [n for n in item["sentences"] if n in numbers]} for item in items)
        return tuple(item for item in kept if item["sentences"])

    labels = {n: label for n, label in candidates.labels.items() if n in numbers}
    return Candidates(labels, within(candidates.actors), within(candidates.quotes))
