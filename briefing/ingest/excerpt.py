"""Brief part of a long document: some pages of a PDF, one section, or the first N words.

``PageRange`` is what ``--pages 1-20`` asks of the PDF reader (pages outside
it are never read). ``excerpt`` cuts a Document, whatever its kind, to one
section (``--section "HEADING"``: from that heading to the next of its
level, or to the next heading when the source has no levels) or to its
first N words (``--words N``, ending at the last whole paragraph that fits,
or mid-paragraph at a sentence when even the first does not). The result is
a Document like any other: its text, paragraphs and headings re-based, so
every offset a brief cites points into the part that was briefed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing.errors import InputError
from briefing.model import Document, Span

__all__ = ["PageRange", "excerpt", "parse_pages"]


@dataclass(frozen=True)
class PageRange:
    """Pages to read, 1-based and inclusive: ``((1, 20),)`` for ``1-20``; a ``None`` end runs to the last page."""

    spans: tuple[tuple[int, int | None], ...]

    def __contains__(self, page: int) -> bool:
        return any(first <= page and (last is None or page <= last) for first, last in self.spans)

    @property
    def last(self) -> int | None:
        """Return the last page wanted, or None when a span runs to the end."""
        ends = [last for _, last in self.spans]
        return None if None in ends else max(ends)  # type: ignore[type-var]

    def __str__(self) -> str:
        return ",".join(f"{a}" if a == b else f"{a}-{b or ''}" for a, b in self.spans)


def parse_pages(text: str) -> PageRange:
    """Return the pages ``"1-20"``, ``"5"``, ``"3-"`` or ``"1-3,7,10-12"`` name; ValueError otherwise."""
    spans: list[tuple[int, int | None]] = []
    for part in str(text).split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:(-)\s*(\d*)\s*)?", part)
        if not match:
            raise ValueError(f"{text!r} is not a page range (for example 1-20, 5, 3- or 1-3,7)")
        first = int(match.group(1))
        last = first if not match.group(2) else int(match.group(3)) if match.group(3) else None
        if first < 1 or (last is not None and last < first):
            raise ValueError(f"{text!r}: pages count from 1, and a range runs from low to high (1-20)")
        spans.append((first, last))
    return PageRange(tuple(spans))


def excerpt(document: Document, *, section: str | None = None, words: int | None = None) -> Document:
    """Return the part of ``document`` a user asked for: one section, then at most ``words`` words."""
    blocks = _blocks(document)
    if section is not None:
        blocks = _section(document, blocks, section)
    if words is not None:
        blocks = _first_words(document, blocks, words)
    return _rebuilt(document, blocks)


# A block: (kind, text, level), kind "heading" or "paragraph", level a heading's (0: unknown), in reading order.
Block = tuple[str, str, int]


def _blocks(document: Document) -> list[Block]:
    levels = document.heading_levels or (0,) * len(document.headings)
    spans = [("heading", span, level) for span, level in zip(document.headings, levels)]
    spans += [("paragraph", span, 0) for span in document.paragraphs]
    spans.sort(key=lambda item: item[1].start)
    return [(kind, document.text[span.start:span.end], level) for kind, span, level in spans]


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()).casefold()


def _section(document: Document, blocks: list[Block], heading: str) -> list[Block]:
    wanted = _normal(heading)
    starts = [i for i, (kind, text, _) in enumerate(blocks) if kind == "heading" and _normal(text) == wanted]
    if not starts:
        starts = [i for i, (kind, text, _) in enumerate(blocks)
                  if kind == "heading" and wanted and wanted in _normal(text)]
    if not starts:
        raise InputError(_no_section(document, blocks, heading))
    start = starts[0]
    chosen = blocks[start:_section_end(blocks, start)]
    if not any(kind == "paragraph" for kind, _, _ in chosen):
        raise InputError(f"the section {heading!r} has no text under its heading")
    return chosen


def _section_end(blocks: list[Block], start: int) -> int:
    """Return where the section opened by the heading at ``start`` ends.

    With levels (Markdown, HTML, Word), at the next heading of the same
    level or higher, so subsections come along; without, at the next
    heading, or the one after when the first follows at once (it opens a
    subsection).
    """
    level = blocks[start][2]
    headings = [i for i in range(start + 1, len(blocks)) if blocks[i][0] == "heading"]
    if level:
        return next((i for i in headings if 0 < blocks[i][2] <= level), len(blocks))
    end = next(iter(headings), len(blocks))
    if end == start + 1:
        end = next((i for i in headings if i > end), len(blocks))
    return end


def _no_section(document: Document, blocks: list[Block], heading: str) -> str:
    from briefing.suggest import did_you_mean

    headings = [text for kind, text, _ in blocks if kind == "heading"]
    if not headings:
        return f"has no headings, so no section {heading!r}; brief a part of it with --words N instead"
    hint = did_you_mean(heading, headings)
    shown = "; ".join(repr(h if len(h) <= 60 else h[:57] + "...") for h in headings[:8])
    more = f" and {len(headings) - 8} more" if len(headings) > 8 else ""
    return f"has no section headed {heading!r}{hint} (its headings: {shown}{more}; `briefing text` shows them all)"


def _first_words(document: Document, blocks: list[Block], limit: int) -> list[Block]:
    chosen: list[Block] = []
    count = 0
    for kind, text, level in blocks:
        size = len(text.split())
        if count + size > limit:
            if not any(k == "paragraph" for k, _, _ in chosen):
                chosen.append((kind, _cut(text, limit - count), level))
            break
        chosen.append((kind, text, level))
        count += size
    while chosen and chosen[-1][0] == "heading":  # a heading with nothing under it
        chosen.pop()
    if not chosen:
        raise InputError(f"its first {limit:,} words hold no paragraph to brief; ask for more (--words)")
    return chosen


def _cut(text: str, words: int) -> str:
    """Return the start of ``text`` up to ``words`` words, ended at its last sentence end when there is one."""
    tokens = text.split()
    head = " ".join(tokens[:max(words, 1)])
    sentence_end = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
    return head[: sentence_end + 1] if sentence_end > len(head) // 3 else head


def _rebuilt(document: Document, blocks: list[Block]) -> Document:
    parts: list[str] = []
    paragraphs: list[Span] = []
    headings: list[Span] = []
    levels: list[int] = []
    offset = 0
    for kind, text, level in blocks:
        span = Span(offset, offset + len(text))
        if kind == "heading":
            headings.append(span)
            levels.append(level)
        else:
            paragraphs.append(span)
        parts.append(text)
        offset = span.end + 2
    return replace(document, text="\n\n".join(parts), paragraphs=tuple(paragraphs), headings=tuple(headings),
                   heading_levels=tuple(levels) if document.heading_levels else ())
