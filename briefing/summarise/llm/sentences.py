"""Number a document's sentences: the units the model cites and the grounding checks against.

The split is plain and deterministic (no NLP model): a sentence ends at
``.``, ``!`` or ``?`` (and any closing quotation marks or brackets) followed
by white space and a capital, digit or opening quotation mark, except after a
known abbreviation, an initial, or inside a decimal. Headings and paragraph
ends always end a sentence. Offsets point into ``Document.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.model import Document, Span

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt maj capt sgt rep sen gov pres st jr sr no nos vs etc inc ltd corp co "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e fig approx est dept univ".split()
)
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class Sentence:
    """A numbered sentence (numbers start at 1) and its span of the document's text."""

    number: int
    start: int
    end: int
    text: str
    section: str | None = None  # the heading it falls under, if the document has headings
    paragraph: int = 0  # the paragraph's place among the document's paragraphs


def number_sentences(document: Document) -> tuple[Sentence, ...]:
    """Split the document's paragraphs and headings into numbered sentences, in reading order."""
    text = document.text
    blocks = sorted(document.paragraphs or (Span(0, len(text)),), key=lambda s: s.start)
    headings = sorted(document.headings, key=lambda s: s.start)
    sentences: list[Sentence] = []
    for paragraph, block in enumerate(blocks):
        if any(h.start == block.start for h in headings):
            continue
        section = _section_of(text, headings, block.start)
        for start, end in _split(text, block.start, block.end):
            sentences.append(Sentence(len(sentences) + 1, start, end, text[start:end], section, paragraph))
    return tuple(sentences)


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if _is_abbreviation(text, cursor, match.start()):
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    return [trimmed for s, e in spans if (trimmed := _trim(text, s, e)) is not None]


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    found = _WORD_BEFORE.search(text, start, dot)
    if found is None:
        return False
    word = found.group(1)
    return len(word) == 1 and word.isupper() or word.casefold().rstrip(".") in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end


def _section_of(text: str, headings: list[Span], position: int) -> str | None:
    before = [h for h in headings if h.start < position]
    return " ".join(text[before[-1].start : before[-1].end].split()) if before else None
