"""Shared text handling for readers: decoding, normalising and assembling a Document."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Literal

from briefing.errors import InputError
from briefing.ingest.cleanup import boilerplate_free, credit_start
from briefing.ingest.encoding import decode_text
from briefing.ingest.sniff import describe_binary
from briefing.ingest.titles import tidy_title
from briefing.model import Document, Span

# Control characters (C0 and C1), soft hyphens, zero-width spaces and word joiners, byte-order marks, and
# the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): an override left open
# in a source would reverse the punctuation of the template around it. The bidi marks U+200E and U+200F,
# which only nudge the algorithm, stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u202a-\u202e\u2060-\u2064"
                      r"\u2066-\u2069\ufeff]")
# Zero-width (non-)joiners shape Arabic, Persian and the Indic scripts, and build emoji; elsewhere
# ("United Nat\u200dions") they only hide a word from search and from comparison.
_JOINERS = re.compile(r"[\u200c\u200d]")
_UNJOINED_SCRIPTS = ("LATIN ", "GREEK ", "CYRILLIC ", "FULLWIDTH LATIN ")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass(frozen=True)
class Block:
    """One paragraph or heading of a document's body, in reading order."""

    text: str
    kind: Literal["paragraph", "heading"] = "paragraph"
    level: int = 0  # a heading's level, 1 the highest, when the source says (Markdown #, HTML h2, Word Heading 2)
    page: int | None = None  # the page it starts on, for a paged source (PDF)


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Decode a text document in any common encoding, naming the kind of file when it is not text."""
    kind = describe_binary(data)
    if kind is not None:
        hint = {"a PDF file": " (name it .pdf)", "a Word (.docx) file": " (name it .docx)"}.get(kind, "")
        raise InputError(f"looks like {kind}, not text{hint}")
    return decode_text(data, declared=declared)


def clean_line(line: str) -> str:
    """Normalise one line: NFC, no control or bidi-override characters, joiners only where used, single spaces."""
    line = unicodedata.normalize("NFC", line)
    line = _SURROGATE.sub("", _CONTROL.sub("", line))
    if "\u200c" in line or "\u200d" in line:
        line = _JOINERS.sub(lambda m: m.group() if _joined(m.string, m.start()) else "", line)
    return _SPACES.sub(" ", line).strip()


def _joined(text: str, at: int) -> bool:
    """Say whether the joiner at ``at`` stands between two characters of a script that uses joiners."""
    return at > 0 and at + 1 < len(text) and _uses_joiners(text[at - 1]) and _uses_joiners(text[at + 1])


def _uses_joiners(char: str) -> bool:
    if char in "\u200c\u200d":
        return True  # a run of joiners, as emoji sequences have
    category = unicodedata.category(char)
    if category == "So" or char == "\ufe0f":
        return True  # emoji and their presentation selector
    if category[0] not in "LM" or ord(char) < 0x0590:
        return False
    return not unicodedata.name(char, "").startswith(_UNJOINED_SCRIPTS)


def split_lines(text: str) -> list[str]:
    """Split text into lines, treating every newline convention alike."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def looks_like_heading(text: str) -> bool:
    """Say whether a standalone line reads as a heading rather than a sentence."""
    words = text.split()
    return 0 < len(words) <= 12 and not re.search(r"[.!?:;,\"”’)]$", text) and (text[0].isupper() or text[0].isdigit())


def assemble(
    blocks: Iterable[Block],
    name: str,
    *,
    title: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    author: str | None = None,
    language: str | None = None,
    metadata: Iterable[tuple[str, str]] = (),
) -> Document:
    """Join blocks into a Document: boilerplate dropped, credit line split off, spans recorded."""
    kept = [b for b in blocks if any(ch.isalnum() for ch in b.text)]  # not "•", "* * *" or "—"
    kept = [kept[i] for i in boilerplate_free([b.text for b in kept])]
    cut = credit_start([b.text for b in kept])
    credit = "; ".join(b.text for b in kept[cut:]) or None
    kept = kept[:cut]
    if title is None and len(kept) > 1 and (kept[0].kind == "heading" or looks_like_heading(kept[0].text)):
        title, kept = kept[0].text, kept[1:]  # the document's own first heading, or first line
    title = tidy_title(title, publisher=publisher, url=url)
    if not kept:
        raise InputError("the document has no text once boilerplate is removed")
    parts: list[str] = []
    paragraphs: list[Span] = []
    headings: list[Span] = []
    levels: list[int] = []
    offset = 0
    for block in kept:
        span = Span(offset, offset + len(block.text))
        (headings if block.kind == "heading" else paragraphs).append(span)
        if block.kind == "heading":
            levels.append(block.level)
        parts.append(block.text)
        offset = span.end + 2
    pages = page_spans(kept, [*paragraphs, *headings])
    if not paragraphs:
        raise InputError("the document has only headings, no body text")
    return Document(
        text="\n\n".join(parts),
        name=name,
        title=title,
        published=published,
        publisher=publisher,
        url=url,
        author=author,
        language=language,
        credit=credit,
        paragraphs=tuple(paragraphs),
        headings=tuple(headings),
        heading_levels=tuple(levels) if any(levels) else (),
        metadata=tuple(metadata),
        pages=pages,
    )


def page_spans(blocks: list[Block], spans: list[Span]) -> tuple[Span, ...]:
    """Return each page's range of the text (page N at index N - 1; empty for a page with no text).

    Empty unless every block knows its page, as a PDF's do.
    """
    if not blocks or any(block.page is None for block in blocks):
        return ()
    ordered = sorted(spans, key=lambda span: span.start)
    ranges: dict[int, Span] = {}
    for block, span in zip(blocks, ordered):
        first = ranges.get(block.page)
        ranges[block.page] = Span(first.start if first else span.start, span.end)
    pages: list[Span] = []
    end = 0
    for number in range(1, max(ranges) + 1):
        span = ranges.get(number, Span(end, end))
        if span.start < end:  # a block out of page order: keep the ranges disjoint
            span = Span(end, max(end, span.end))
        pages.append(span)
        end = span.end
    return tuple(pages)
