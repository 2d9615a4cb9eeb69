"""The default summariser: extractive, offline, on spaCy."""

from __future__ import annotations

from typing import ClassVar

from briefing.errors import InputError
from briefing.model import Brief, Document, Evidence, Generator, Point, Source
from briefing.options import BriefOptions
from briefing.summarise.extractive.actors import extract_actors
from briefing.summarise.extractive.nlp import load_pipeline
from briefing.summarise.extractive.parsed import Parsed, Sentence, parse
from briefing.summarise.extractive.quotes import extract_quotes
from briefing.summarise.extractive.ranking import rank_summary
from briefing.summarise.extractive.relations import extract_relations
from briefing.summarise.extractive.sections import assign_sections
from briefing.summarise.extractive.timeline import extract_timeline
from briefing.package import version


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
        """Accept every option: a missing --model is said when the pipeline loads."""

    def prepare(self) -> None:
        """Load the spaCy pipeline now, once per process; ModelError if it cannot be loaded."""
        load_pipeline(self.options.model)

    def summarise(self, document: Document) -> Brief:
        """Distil ``document`` into a Brief; InputError if it is too long to summarise (see MAX_WORDS)."""
        check_size(document)
        summary_sentences = self.options.summary_sentences
        parsed = parse(document, load_pipeline(self.options.model))
        if len(parsed.sentences) > MAX_SENTENCES:
            raise InputError(
                f"has {len(parsed.sentences):,} sentences, more than the {MAX_SENTENCES:,} briefing summarises; "
                "brief a part of it",
                source=document.name,
            )
        exclude = frozenset(filter(None, (document.publisher,)))
        actors, mentions = extract_actors(parsed, exclude=exclude)
        chosen = rank_summary(
            [s.text for s in parsed.sentences], summary_sentences, paragraphs=[s.paragraph for s in parsed.sentences]
        )
        sections = assign_sections(parsed, reserved=frozenset(chosen))
        return Brief(
            title=document.title or _title_from_name(document.name),
            source=Source.of(document),
            generator=Generator("briefing", version(), self.name),
            summary=_points(parsed, [parsed.sentences[i] for i in chosen]),
            background=_points(parsed, sections.background),
            actors=actors,
            terms=_points(parsed, sections.terms),
            implications=_points(parsed, sections.implications),
            quotes=extract_quotes(parsed, mentions),
            timeline=extract_timeline(parsed, actors, mentions),
            relations=extract_relations(parsed, actors, mentions),
        )


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


def _points(parsed: Parsed, sentences) -> tuple[Point, ...]:
    return tuple(_point(parsed, s) for s in sentences)


def _point(parsed: Parsed, sentence: Sentence) -> Point:
    return Point(sentence.text, (Evidence.of(parsed.text, sentence.start, sentence.end),))


def _title_from_name(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    words = stem.replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() or "Untitled"
