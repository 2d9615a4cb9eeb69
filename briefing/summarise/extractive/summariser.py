"""The default summariser: extractive, offline, on spaCy."""

from __future__ import annotations

from typing import Callable, ClassVar

from briefing.errors import InputError
from briefing.model import Brief, Document, Evidence, Generator, Point, Quote, Source
from briefing.options import BriefOptions
from briefing.summarise.budget import check_length, fit_to_length
from briefing.summarise.extractive.actors import extract_actors
from briefing.summarise.extractive.facts import Fact, same_fact
from briefing.summarise.extractive.nlp import load_pipeline
from briefing.summarise.extractive.parsed import Parsed, Sentence, balance_quotation, parse
from briefing.summarise.extractive.quotes import extract_quotes
from briefing.summarise.extractive.ranking import rank_summary, sentence_scores
from briefing.summarise.extractive.relations import extract_relations
from briefing.summarise.extractive.sections import assign_sections, main_clause_looks_back
from briefing.summarise.extractive.timeline import extract_timeline
from briefing.summarise.language import check_language
from briefing.package import version

SPOKEN_QUOTE_BONUS = 1.0  # a quotation with a known speaker outranks an unattributed one

# What one document may hold to be summarised (README, "Limits and hostile input").
# spaCy parses about 3,000 words a second and keeps every parse; the summary ranker
# compares every pair of sentences. At these limits a brief takes about 20 s and 1.5 GB.
MAX_WORDS = 50_000
MAX_CHARACTERS = 1_000_000  # spaCy's own limit for one text; text without spaces has few "words"
MAX_SENTENCES = 5_000


class ExtractiveSummariser:
    """Pick the document's own sentences for each section; every point is a quoted span."""

    name: ClassVar[str] = "extractive"

    def __init__(self, options: BriefOptions | None = None) -> None:
        self.options = options or BriefOptions()

    def check_options(self) -> None:
        """Refuse an unknown length before any document is read; a missing --model is said when the pipeline loads."""
        check_length(self.options.length)

    def prepare(self) -> None:
        """Load the spaCy pipeline now, once per process; ModelError if it cannot be loaded."""
        load_pipeline(self.options.model)

    def summarise(self, document: Document) -> Brief:
        """Distil ``document`` into a Brief cut to the options' length budget, saying each thing once.

        ``full`` keeps every item found, as found: sections may then share a sentence.

        InputError if it is too long to summarise (see MAX_WORDS) or not in
        the pipeline's language (``options.lang``, as ``--lang``, replaces detection).
        """
        found, same = self._extract(document)
        return fit_to_length(found, self.options.length, same_fact=same)

    def extract(self, document: Document) -> Brief:
        """Return every item found in ``document``, each section ranked most important first.

        Sections may share sentences here; :meth:`summarise` then says each
        thing once and cuts the brief to its length.
        """
        return self._extract(document)[0]

    def _extract(self, document: Document) -> tuple[Brief, Callable[[Point, Point], bool]]:
        """Return every item found, and the test of whether two of its points state the same fact."""
        check_size(document)
        nlp = load_pipeline(self.options.model)
        check_language(document, nlp.lang, declared=self.options.lang)
        summary_sentences = self.options.summary_sentences
        parsed = parse(document, nlp)
        if len(parsed.sentences) > MAX_SENTENCES:
            raise InputError(
                f"has {len(parsed.sentences):,} sentences, more than the {MAX_SENTENCES:,} briefing summarises; "
                "brief a part of it",
                source=document.name,
            )
        exclude = frozenset(filter(None, (document.publisher,)))
        actors, mentions = extract_actors(parsed, exclude=exclude)
        texts = [s.text for s in parsed.sentences]
        paragraphs = [s.paragraph for s in parsed.sentences]
        facts = _facts()
        chosen = rank_summary(
            texts, summary_sentences, paragraphs=paragraphs,
            same_fact=lambda i, j: same_fact(facts(parsed.sentences[i]), facts(parsed.sentences[j])),
            looking_back=frozenset(s.index for s in parsed.sentences if main_clause_looks_back(s)),
        )
        scores = sentence_scores(texts, paragraphs=paragraphs)
        sections = assign_sections(parsed, reserved=frozenset(chosen))

        def ranked(sentences) -> tuple[Point, ...]:
            return _points(parsed, sorted(sentences, key=lambda s: (-round(scores[s.index], 9), s.index)))

        return Brief(
            title=document.title or _title_from_name(document.name),
            source=Source.of(document),
            generator=Generator("briefing", version(), self.name),
            summary=_points(parsed, [parsed.sentences[i] for i in chosen]),
            background=ranked(sections.background),
            actors=tuple(_relocated(a, document) for a in actors),
            terms=ranked(sections.terms),
            implications=ranked(sections.implications),
            quotes=_ranked_quotes(parsed, extract_quotes(parsed, mentions), scores),
            timeline=tuple(_relocated(e, document) for e in extract_timeline(parsed, actors, mentions)),
            relations=tuple(_relocated(r, document) for r in extract_relations(parsed, actors, mentions)),
        ), _same_fact_of(parsed, facts)


def check_size(document: Document) -> None:
    """Raise InputError for a document with more words or characters than briefing summarises."""
    words, characters = document.words, len(document.text)
    if words > MAX_WORDS or characters > MAX_CHARACTERS:
        size = f"{words:,} words" if words > MAX_WORDS else f"{characters:,} characters"
        limit = f"{MAX_WORDS:,} words" if words > MAX_WORDS else f"{MAX_CHARACTERS:,} characters"
        raise InputError(
            f"has {size}, more than the {limit} briefing summarises; brief a part of it "
            "(briefing text shows what was read)",
            source=document.name,
        )


def _facts() -> Callable[[Sentence], Fact]:
    """Return a reader of each sentence's Fact that reads each sentence once."""
    read: dict[int, Fact] = {}

    def fact(sentence: Sentence) -> Fact:
        if sentence.index not in read:
            read[sentence.index] = Fact.of(sentence)
        return read[sentence.index]

    return fact


def _same_fact_of(parsed: Parsed, facts: Callable[[Sentence], Fact]) -> Callable[[Point, Point], bool]:
    """Return a test of whether two points, each one sentence of ``parsed``, state the same fact."""
    by_start = {sentence.start: sentence for sentence in parsed.sentences}

    def same(a: Point, b: Point) -> bool:
        first, second = (by_start.get(p.evidence[0].start) if len(p.evidence) == 1 else None for p in (a, b))
        return (first is not None and second is not None and first is not second
                and same_fact(facts(first), facts(second)))

    return same


def _points(parsed: Parsed, sentences) -> tuple[Point, ...]:
    return tuple(_point(parsed, s) for s in sentences)


def _point(parsed: Parsed, sentence: Sentence) -> Point:
    # A sentence of a quotation the source runs over paragraphs gets the marks it lacks; its note quotes the source.
    text = balance_quotation(sentence.text)
    return Point(text, (Evidence.located(parsed.document, sentence.start, sentence.end),))


def _relocated(item, document: Document):
    """Return an actor, quote, event or relation with each evidence span's paragraph and page filled in."""
    import dataclasses

    evidence = tuple(Evidence.located(document, e.start, e.end) for e in item.evidence)
    return dataclasses.replace(item, evidence=evidence)


def _ranked_quotes(parsed: Parsed, quotes: tuple[Quote, ...], scores: list[float]) -> tuple[Quote, ...]:
    """Rank quotes by their sentence's score, those with a known speaker and whole sentences first; evidence located."""
    import bisect

    starts = [s.start for s in parsed.sentences]

    def score(quote: Quote) -> float:
        at = bisect.bisect_right(starts, quote.evidence[0].start) - 1 if quote.evidence else -1
        return (scores[at] if at >= 0 else 0.0) + (SPOKEN_QUOTE_BONUS if quote.speaker else 0.0)

    # Whole sentences first: a fragment ("is someone who …") reads well only inside its sentence.
    ordered = sorted(enumerate(quotes),
                     key=lambda pair: (not _stands_alone(pair[1].text), -round(score(pair[1]), 9), pair[0]))
    return tuple(_relocated(quote, parsed.document) for _, quote in ordered)


def _stands_alone(text: str) -> bool:
    """Tell a quotation that opens as a sentence ("We will …") from a fragment ("is someone who …")."""
    first = next((c for c in text if c.isalnum()), "")
    return first.isupper() or first.isdigit() or (first.isalpha() and not first.islower())  # scripts without case


def _title_from_name(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    words = stem.replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() or "Untitled"
