"""Plain text: paragraphs split at blank lines or indentation, hard wraps joined."""

from __future__ import annotations

import re

from briefing.ingest.text import Block, assemble, clean_line, decode, looks_like_heading, split_lines
from briefing.model import Document

_TITLE_MAX_WORDS = 30


def parse(data: bytes, name: str) -> Document:
    """Read plain text (any common encoding); the first line, when it stands alone before the body, is the title."""
    groups = paragraphs(split_lines(decode(data)))
    blocks = [join_wrapped(lines) for lines in groups]
    title = None
    if len(groups) > 1 and len(groups[0]) == 1 and len(blocks[0].split()) <= _TITLE_MAX_WORDS:
        title, blocks = blocks[0], blocks[1:]
    return assemble(
        [Block(b, "heading" if looks_like_heading(b) else "paragraph") for b in blocks],
        name,
        title=title,
    )


def paragraphs(lines: list[str]) -> list[list[str]]:
    """Group raw lines into paragraphs, each a list of its hard-wrapped lines.

    A blank line ends a paragraph. Inside a group of lines where some are
    indented and some are not (wire copy), an indented line starts a new
    paragraph.
    """
    result: list[list[str]] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            result.extend(_split_indented(group))
            group.clear()

    for line in lines:
        if line.strip():
            group.append(line.rstrip())
        else:
            flush()
    flush()
    return result


def _split_indented(lines: list[str]) -> list[list[str]]:
    indented = [bool(re.match(r"[ \t]", line)) for line in lines]
    starts = [0]
    if any(indented) and not all(indented):
        starts = [i for i, flag in enumerate(indented) if flag or i == 0]
    ends = starts[1:] + [len(lines)]
    return [lines[s:e] for s, e in zip(starts, ends)]


def join_wrapped(lines: list[str]) -> str:
    """Join hard-wrapped lines into one, keeping a line-end hyphen attached.

    The pieces are joined once at the end: a paragraph of a million short
    lines takes linear time, not quadratic.
    """
    pieces: list[str] = []
    tail = ""  # the last two characters of the text so far
    for raw in lines:
        line = clean_line(raw)
        if not line:
            continue
        hyphenated = len(tail) > 1 and tail[-1] == "-" and tail[-2].isalpha()
        piece = line if hyphenated or not pieces else f" {line}"
        pieces.append(piece)
        tail = (tail + piece)[-2:]
    return "".join(pieces)
