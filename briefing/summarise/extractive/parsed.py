"""A document parsed once: its sentences and entities, with offsets into Document.text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.model import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span as SpacySpan


@dataclass(frozen=True)
class Sentence:
    """One sentence of the body: its place in the document and its parse."""

    index: int
    paragraph: int
    start: int
    end: int
    span: SpacySpan

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def offset(self) -> int:
        """Where this sentence's paragraph starts: add it to spaCy char offsets."""
        return self.start - self.span.start_char


@dataclass(frozen=True)
class Parsed:
    """A Document with its body sentences, parsed paragraph by paragraph."""

    document: Document
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return self.document.text


def parse(document: Document, nlp: Language) -> Parsed:
    """Parse every body paragraph (headings are left out) into sentences.

    A sentence that repeats an earlier one word for word (pages often repeat
    their lead) is left out, so no section can say the same thing twice.
    """
    text = document.text
    spans = document.paragraphs
    sentences: list[Sentence] = []
    seen: set[str] = set()
    for number, (para, doc) in enumerate(zip(spans, nlp.pipe(text[p.start : p.end] for p in spans))):
        for sent in doc.sents:
            trimmed = _trim(sent)
            if trimmed is None:
                continue
            key = " ".join(trimmed.text.casefold().split())
            if key in seen:
                continue
            seen.add(key)
            start = para.start + trimmed.start_char
            end = para.start + trimmed.end_char
            sentences.append(Sentence(len(sentences), number, start, end, trimmed))
    return Parsed(document, tuple(sentences))


def _trim(sent: SpacySpan) -> SpacySpan | None:
    """Drop leading/trailing whitespace tokens; None for a sentence of only punctuation."""
    tokens = [t for t in sent if not t.is_space]
    if not any(t.is_alpha or t.like_num for t in tokens):
        return None
    return sent.doc[tokens[0].i : tokens[-1].i + 1]
