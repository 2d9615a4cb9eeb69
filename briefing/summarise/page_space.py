"""Estimate how much of a printed A4 page each part of a brief takes, in points, as print.css sets it.

The length budget spends a page, not a word count: a one-word actor takes a
table row, a point a whole number of lines, a figure its drawing's height.
The figures here follow ``templates/brief.css`` and ``print.css`` (10 pt
text on 14.5 pt lines, 174 mm of width, 256 mm of height on A4) and were
fitted to the boxes WeasyPrint lays out for the evaluation articles
(``benchmarks/page_fit.py`` compares them block by block;
``tests/test_page_space.py`` does on a fixture). Each is exact or a little
generous, so a brief the estimate fits fits the page, and fills it.
"""

from __future__ import annotations

import math
from typing import Sequence

from briefing.model import Actor, Brief, Point, Quote, Relation, TimelineEvent
from briefing.page import (
    PAIRED_TIMELINE_WIDTH,
    PRINT_WIDTH,
    TIMELINE_DESCENT,
    is_pair,
    map_print_height,
    timeline_caption,
)
from briefing.text_width import text_width

PAGE_HEIGHT = 725.0  # A4 less the 21 mm and 20 mm margins
LINE = 14.5  # a line of 10 pt body text
POINT_WIDTH = 462.0  # a bullet's line: the text width less the list's indent
POINT_SIZE = 10.0
SERIF_SHARE = 0.94  # the body's serif is this much narrower than the sans figures' widths are estimated for
QUOTE_CHARS = 86
HEADING = 31.0  # a section heading with its margins
EMPTY_SECTION = HEADING + 16.0  # a heading and "None stated."
ROW_LINE = 12.3  # a line of the actors table (8.5 pt)
ROW_PADDING = 6.0
NAME_CHARS = 26  # characters of a line in the name column (bold)
ROLE_CHARS = 52
TABLE_HEADER = 18.0
SOURCE_ROW = 13.0  # the Sources list: four columns of 7.5 pt notes
SOURCE_COLUMNS = 5
LEFT_OUT_LINE = 33.0  # the note saying what was left out: two lines of 8.5 pt
TITLE_CHARS = 43  # characters of a line of the 20 pt title
TITLE_FIXED = 57.0  # the kicker, the source line and the rule under the title block
TITLE_LINE = 24.0
SOURCE_LINE_CHARS = 95  # characters of the source line under the title (8 pt sans)

# The figures, as briefing.render.figures draws them and print.css frames them (measured on WeasyPrint's boxes).
FIGURE_FRAME = HEADING + 16.0 + 11.6  # a figure's heading, its margins and a caption of one line
PAIRED_FRAME = 58.0  # beside the other figure: the heading and the margins and caption inside the table cell
PAIRED_MAP_CAPTION = 2 * 11.6  # the map's caption, beside the timeline, takes up to three lines of its column
CAPTION_SIZE, CAPTION_LINE = 8.0, 11.6  # a figure's caption: 0.8 of the 10 pt text, lines 1.45 high
# The timeline's drawing (briefing.render.figures.timeline_layout): margins, rows and gaps.
TIMELINE_SIZE, TIMELINE_LINE, TIMELINE_GAP = 9.0, 12.0, 8.0
TIMELINE_TEXT_WIDTH = 290.0  # an event's words beside the widest date column the drawing allows
PAIRED_SIZE, PAIRED_LINE, PAIRED_GAP = 8.0, 10.0, 5.0
PAIRED_TEXT_WIDTH = 154.0  # an event's words in the timeline's narrow column, each date above them
TIMELINE_MARGIN = 6.0


def lines(text: str, chars: int) -> int:
    """Return how many lines ``text`` takes at ``chars`` characters a line, its words wrapped whole as a browser does."""
    count, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > chars:
            count, used = count + 1, 0
        used += len(word) + (1 if used else 0)
        while used > chars:  # a word longer than a line runs on
            count, used = count + 1, used - chars
    return count


def text_lines(text: str, width: float, size: float, share: float = 1.0) -> int:
    """Return how many lines ``text`` set at ``size`` points takes in ``width`` points, its words wrapped whole."""
    space = text_width(" ", size) * share
    count, used = 1, 0.0
    for word in text.split():
        word_width = text_width(word, size) * share
        if used and used + space + word_width > width:
            count, used = count + 1, word_width
        else:
            used += (space if used else 0.0) + word_width
    return count


def point_height(point: Point) -> float:
    return text_lines(point.text, POINT_WIDTH, POINT_SIZE, SERIF_SHARE) * LINE + 3.0


def actor_height(actor: Actor) -> float:
    rows = max(lines(actor.name, NAME_CHARS), lines(actor.role or "—", ROLE_CHARS))
    return rows * ROW_LINE + ROW_PADDING


def quote_height(quote: Quote) -> float:
    speaker = 14.0 if quote.speaker else 0.0
    return lines(quote.text, QUOTE_CHARS) * LINE + speaker + 10.0


def title_height(brief: Brief) -> float:
    """Return the title block's height: the title's lines, the kicker and the source line."""
    source = brief.source
    values = [source.name, source.title or "", source.publisher or "", source.published or "", source.url or ""]
    source_rows = lines(" ".join(v + " " * 8 for v in values if v), SOURCE_LINE_CHARS)
    return TITLE_FIXED + lines(brief.title, TITLE_CHARS) * TITLE_LINE + (source_rows - 1) * 12.0


def sources_height(notes: int) -> float:
    return HEADING + math.ceil(notes / SOURCE_COLUMNS) * SOURCE_ROW if notes else EMPTY_SECTION


def timeline_height(events: Sequence[TimelineEvent], paired: bool) -> float:
    """Return the drawing's height (no heading or caption) of a timeline of ``events``, as its layout stacks them."""
    size, line, gap = (PAIRED_SIZE, PAIRED_LINE, PAIRED_GAP) if paired else (TIMELINE_SIZE, TIMELINE_LINE, TIMELINE_GAP)
    height = TIMELINE_MARGIN + size
    for event in events:
        label = ", ".join(event.actors) + ": " + event.text + (" (expected)" if event.future else "")
        if paired:
            height += (1 + text_lines(label, PAIRED_TEXT_WIDTH, size)) * line + gap
        else:
            height += text_lines(label, TIMELINE_TEXT_WIDTH, size) * line + gap
    return height - gap - line + TIMELINE_DESCENT * size + TIMELINE_MARGIN


def timeline_caption_extra(events: Sequence[TimelineEvent], paired: bool) -> float:
    """Return the height the timeline's caption takes past its first line (its marks' legend may wrap)."""
    width = PAIRED_TIMELINE_WIDTH if paired else PRINT_WIDTH
    return (text_lines(timeline_caption(events), width, CAPTION_SIZE) - 1) * CAPTION_LINE


def figure_blocks(events: Sequence[TimelineEvent], nodes: int, relations: Sequence[Relation] = ()) -> list[float]:
    """Return the heights of the figures' blocks: one when they stand side by side, else one each.

    ``relations`` are the map's links, whose actors' names and labels decide
    whether it is narrow enough to pair. A map is costed at the most height
    it is printed at (its drawing is often smaller). Apart, each figure is a
    block of its own: a page may break between them.
    """
    names = {name for r in relations for name in (r.source, r.target)}
    if events and nodes and is_pair(len(events), nodes, names, (r.label for r in relations)):
        timeline = timeline_height(events, True) + timeline_caption_extra(events, True)
        return [PAIRED_FRAME + max(timeline, map_print_height(nodes, True) + PAIRED_MAP_CAPTION)]
    blocks = [FIGURE_FRAME + timeline_height(events, False) + timeline_caption_extra(events, False)] if events else []
    return blocks + ([FIGURE_FRAME + map_print_height(nodes, False)] if nodes else [])


def pages_taken(blocks: Sequence[tuple[float, bool]]) -> tuple[int, float]:
    """Return the pages a run of blocks fills and the height used on the last, breaking as WeasyPrint does.

    Each block is ``(height, keep_with_next)``: no block is split (a point,
    a table row and a figure are not; a heading stays with what follows),
    so one that does not fit the rest of a page starts the next.
    """
    pages, used, pending = 1, 0.0, 0.0
    for height, keep_with_next in blocks:
        pending += height
        if keep_with_next:
            continue
        if used and used + pending > PAGE_HEIGHT:
            pages, used = pages + 1, 0.0
        used += pending
        while used > PAGE_HEIGHT:  # a block taller than a page runs on
            pages, used = pages + 1, used - PAGE_HEIGHT
        pending = 0.0
    return pages, used + pending
