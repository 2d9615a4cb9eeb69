"""A document parsed once: its sentences and entities, with offsets into Document.text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
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

    @cached_property
    def text(self) -> str:
        """The sentence as written (spaCy rebuilds a span's text from its tokens each time: kept once built)."""
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


# Abbreviations that stand before a name or a number, so never end a sentence: "Gen. Tiani", "Art. 5".
ABBREVIATIONS = frozenset(
    """
    gen col lt sgt capt maj adm cmdr gov sen rep dr mr mrs ms prof st mt no nos art arts sec para paras ch
    vol fig figs cl pp p approx est jan feb mar apr jun jul aug sep sept oct nov dec vs cf e.g i.e
    """.split()
)
MAX_QUOTED_SENTENCES = 6  # a quotation longer than this is cut at a sentence end, unbalanced or not
_INITIALISM = re.compile(r"(?:\b[A-Z]\.){2,}$")  # "U.S.", "U.N."
_LIST_MARKER = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z]{1,2}[.)]|\(?[ivxlc]{1,5}[.)]|[•·▪‣◦–—*-])$", re.IGNORECASE)


def parse(document: Document, nlp: Language) -> Parsed:
    """Parse every body paragraph (headings are left out) into sentences.

    Sentences are cut where a reader cuts them (see :func:`reader_sentences`).
    A sentence that repeats an earlier one word for word (pages often repeat
    their lead) is left out, so no section can say the same thing twice.
    """
    text = document.text
    spans = document.paragraphs
    sentences: list[Sentence] = []
    seen: set[str] = set()
    for number, (para, doc) in enumerate(zip(spans, nlp.pipe(text[p.start : p.end] for p in spans))):
        for trimmed in reader_sentences(doc):
            key = " ".join(trimmed.text.casefold().split())
            if key in seen:
                continue
            seen.add(key)
            start = para.start + trimmed.start_char
            end = para.start + trimmed.end_char
            sentences.append(Sentence(len(sentences), number, start, end, trimmed))
    return Parsed(document, tuple(sentences))


def reader_sentences(doc) -> list[SpacySpan]:
    """Return a parsed paragraph's sentences, joined where spaCy cut inside a unit a reader keeps whole.

    A quotation of several sentences stays one sentence with its
    attribution; a list marker ("1.", "(a)") joins the item it numbers; an
    abbreviation before a name or number ("Gen.", "No.", "Art.") and an
    initialism before a lower-case word ("U.S. officials") do not end one.
    """
    pieces = [t for t in map(_trim, doc.sents) if t is not None]
    joined: list[SpacySpan] = []
    quoted = 0  # sentences of an open quotation held in joined[-1]
    for piece in pieces:
        if joined and len(piece) > 1 and _closes_previous(joined[-1], piece):  # spaCy put the closing mark after the cut
            joined[-1], piece = doc[joined[-1].start : piece.start + 1], doc[piece.start + 1 : piece.end]
            quoted = 0
        if joined and _continues(joined[-1], piece, quoted):
            joined[-1] = doc[joined[-1].start : piece.end]
            quoted = quoted + 1 if _open_quotation(joined[-1].text) else 0
            continue
        joined.append(piece)
        quoted = 1 if _open_quotation(piece.text) else 0
    return [span for span in joined if any(t.is_alpha for t in span)]


def _closes_previous(previous: SpacySpan, piece: SpacySpan) -> bool:
    """Say whether ``piece`` opens with the mark that closes the quotation ``previous`` left open."""
    first = piece[0]
    closing = first.text == "”" or (first.text in ('"', "''") and bool(first.whitespace_))  # not "“The" nor '"The'
    return closing and _open_quotation(previous.text)


def _continues(previous: SpacySpan, piece: SpacySpan, quoted: int) -> bool:
    """Say whether ``piece`` goes on the sentence ``previous`` began."""
    text = previous.text
    if _LIST_MARKER.match(text):
        return True
    if 0 < quoted < MAX_QUOTED_SENTENCES:
        return not (piece.text[:1] in ('"', "“") and quotation_balance(piece.text[:2])[1])  # a new quotation begins
    last = text.split()[-1] if text.split() else ""
    if last.endswith(".") and last[:-1].casefold().lstrip("([") in ABBREVIATIONS:
        return True
    following = piece.text[:1]
    if _INITIALISM.search(text) or text.endswith(("…", "...")):
        return following.islower() or following.isdigit()
    return False


def _open_quotation(text: str) -> bool:
    """Say whether ``text`` leaves a quotation open."""
    return quotation_balance(text)[1] > 0


def quotation_balance(text: str) -> tuple[int, int]:
    """Return (closings with no opening before them, openings left unclosed) of double quotation marks.

    A straight ``"`` opens at the start or after a space or bracket and before
    a non-space; otherwise it closes.
    """
    unopened = depth = 0
    for i, char in enumerate(text):
        if char == '"':
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            opening = (before.isspace() or before in "([{—–-") and not after.isspace()
        elif char in "“”":
            opening = char == "“"
        else:
            continue
        if opening and depth and text[:i].rstrip()[-1:] in (".", "?", "!", "…"):
            continue  # a quotation of several sentences reopened, as some papers print it: "… money. "The …
        if opening:
            depth += 1
        elif depth:
            depth -= 1
        else:
            unopened += 1
    return unopened, depth


def balance_quotation(text: str) -> str:
    """Close a quotation a sentence leaves open, and open one it closes unopened, so a point reads whole."""
    unopened, unclosed = quotation_balance(text)
    return "“" * unopened + text + "”" * unclosed


def _trim(sent: SpacySpan) -> SpacySpan | None:
    """Drop leading/trailing whitespace tokens; None for a sentence of only punctuation."""
    tokens = [t for t in sent if not t.is_space]
    if not any(t.is_alpha or t.like_num for t in tokens):
        return None
    return sent.doc[tokens[0].i : tokens[-1].i + 1]
