"""Keep only what the source says: check every item of the model's answer against the numbered sentences.

A point must cite sentences that were shown to the model; if its text is
not the source's own words, every number and name in it must occur in the
sentences it cites. A quote must be the source's words, verbatim. An
actor's name or one of its aliases must occur in the source (an alias that
does not is removed); a speaker must be a grounded actor or named in the
source. What fails is left out and counted
by reason; what passes gets evidence cut from ``Document.text``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from briefing.model import ACTOR_TYPES, Actor, Evidence, Point, Quote
from briefing.summarise.llm.answer import RawActor, RawAnswer, RawPoint, RawQuote
from briefing.summarise.llm.facts import CommonWords, unstated
from briefing.summarise.llm.prompts import POINT_SECTIONS
from briefing.summarise.llm.sentences import Sentence

# Why an item was left out (the keys of the dropped counts, in the brief and the report).
REASONS = (
    "malformed", "over_limit", "no_citation", "unknown_sentence", "ungrounded_number", "ungrounded_name",
    "quote_not_verbatim", "actor_not_in_text", "ungrounded_alias", "ungrounded_role", "ungrounded_speaker",
    "duplicate",
)
_QUOTE_MARKS = "\"'“”‘’«»"
_APOSTROPHES = "'’‘"


@dataclass(frozen=True)
class Grounded:
    """The items that survived the checks, by section, and what was dropped, by reason."""

    points: Mapping[str, tuple[Point, ...]]
    actors: tuple[Actor, ...]
    quotes: tuple[Quote, ...]
    dropped: Mapping[str, int]


class Grounder:
    """Check answers against one document's numbered sentences, of which ``shown`` were in the prompt."""

    def __init__(self, text: str, sentences: Sequence[Sentence], shown: Iterable[int],
                 common_words: CommonWords | None = None) -> None:
        self.text = text
        self.common_words = common_words
        self.sentences = {s.number: s for s in sentences}
        self.shown = frozenset(shown) & set(self.sentences)
        self.dropped: Counter[str] = Counter()
        self.names: dict[str, str] = {}  # each name and alias of a grounded actor -> its name

    def ground(self, answer: RawAnswer, *, summary_points: int) -> Grounded:
        """Return the grounded brief of ``answer``, at most ``summary_points`` summary points."""
        self.dropped.update(malformed=answer.malformed, over_limit=answer.over_limit)
        points = {name: self._points(answer.points.get(name, ())) for name in POINT_SECTIONS}
        if len(points["summary"]) > summary_points:
            self.dropped["over_limit"] += len(points["summary"]) - summary_points
            points["summary"] = points["summary"][:summary_points]
        points = {name: tuple(sorted(items, key=lambda p: p.evidence[0].start)) for name, items in points.items()}
        actors = self._actors(answer.actors)
        quotes = self._quotes(answer.quotes)
        return Grounded(points, actors, quotes, {k: v for k, v in sorted(self.dropped.items()) if v})

    # -- citations

    def _cited(self, numbers: tuple[int, ...]) -> list[Sentence] | None:
        if not numbers:
            self.dropped["no_citation"] += 1
            return None
        if any(n not in self.shown for n in numbers):
            self.dropped["unknown_sentence"] += 1
            return None
        return [self.sentences[n] for n in sorted(numbers)]

    def _evidence(self, cited: list[Sentence]) -> tuple[Evidence, ...]:
        return tuple(Evidence.of(self.text, s.start, s.end) for s in cited)

    # -- points

    def _points(self, raw: Iterable[RawPoint]) -> list[Point]:
        kept: list[Point] = []
        seen: set[str] = set()
        for item in raw:
            point = self._point(item)
            if point is None:
                continue
            if _key(point.text) in seen:
                self.dropped["duplicate"] += 1
                continue
            seen.add(_key(point.text))
            kept.append(point)
        return kept

    def _point(self, item: RawPoint) -> Point | None:
        cited = self._cited(item.sentences)
        if cited is None:
            return None
        source = " ".join(s.text for s in cited)
        if _key(item.text) in _key(source):
            return Point(item.text, self._evidence(cited), origin="extractive")
        if not self._states(item.text, source):
            return None
        return Point(item.text, self._evidence(cited), origin="abstractive")

    def _states(self, phrase: str, source: str) -> bool:
        common = self.common_words(phrase) if self.common_words is not None else ()
        numbers, names = unstated(phrase, source, common=common)
        if numbers:
            self.dropped["ungrounded_number"] += 1
        elif names:
            self.dropped["ungrounded_name"] += 1
        return not numbers and not names

    # -- actors

    def _actors(self, raw: Iterable[RawActor]) -> tuple[Actor, ...]:
        actors: dict[str, Actor] = {}
        for item in raw:
            actor = self._actor(item)
            if actor is None:
                continue
            if actor.name in actors:
                self.dropped["duplicate"] += 1
                continue
            actors[actor.name] = actor
        return tuple(actors.values())

    def _actor(self, item: RawActor) -> Actor | None:
        if item.type not in ACTOR_TYPES:
            self.dropped["malformed"] += 1
            return None
        cited = self._cited(item.sentences)
        if cited is None:
            return None
        found = {n: span for n in (item.name, *item.aliases) if (span := self._find(n)) is not None}
        if not found:
            self.dropped["actor_not_in_text"] += 1
            return None
        aliases = tuple(dict.fromkeys(a for a in item.aliases if a in found and a != item.name))
        self.dropped["ungrounded_alias"] += len([a for a in item.aliases if a not in found])
        role = item.role
        if role is not None and not _states_quietly(role, " ".join(s.text for s in cited)):
            self.dropped["ungrounded_role"] += 1
            role = None
        start, end = min(found.values())  # where the source first names it
        self.names.update(dict.fromkeys((item.name, *item.aliases), item.name))
        return Actor(item.name, item.type, role, aliases, (Evidence.of(self.text, start, end),))

    # -- quotes

    def _quotes(self, raw: Iterable[RawQuote]) -> tuple[Quote, ...]:
        quotes: dict[tuple[int, int], Quote] = {}
        for item in raw:
            quote = self._quote(item)
            if quote is None:
                continue
            span = (quote.evidence[0].start, quote.evidence[0].end)
            if span in quotes:
                self.dropped["duplicate"] += 1
                continue
            quotes[span] = quote
        return tuple(quotes[span] for span in sorted(quotes))

    def _quote(self, item: RawQuote) -> Quote | None:
        cited = self._cited(item.sentences)
        if cited is None:
            return None
        words = item.text.strip(_QUOTE_MARKS + " ")
        found = self._find(words, cited[0].start, cited[-1].end) if words else None
        if found is None:
            self.dropped["quote_not_verbatim"] += 1
            return None
        speaker = self.names.get(item.speaker, item.speaker) if item.speaker is not None else None
        if speaker is not None and speaker not in self.names and self._find(speaker) is None:
            self.dropped["ungrounded_speaker"] += 1
            speaker = None
        evidence = Evidence.of(self.text, *found)
        return Quote(evidence.quote, speaker, (evidence,))

    def _find(self, words: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        """Find ``words`` in the text (white space and apostrophes may differ), whole words only."""
        pattern = _pattern(words)
        match = pattern.search(self.text, start, len(self.text) if end is None else end)
        return match.span() if match else None


def _pattern(words: str) -> re.Pattern[str]:
    parts = []
    for word in words.split():
        parts.append("".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in word))
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


def _states_quietly(phrase: str, source: str) -> bool:
    numbers, names = unstated(phrase, source)
    return not numbers and not names


def _key(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())
