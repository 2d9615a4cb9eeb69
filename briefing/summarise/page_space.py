"""Estimate how much of a printed A4 page each part of a brief takes, in points, as print.css sets it.

The length budget spends a page, not a word count: a one-word actor takes a
table row, a point a whole number of lines, a figure its drawing's height.
The figures here follow ``templates/brief.css`` and ``print.css`` (10 pt
text on 14.5 pt lines, 174 mm of width, 256 mm of height on A4) and were
checked against the pages WeasyPrint lays out for the evaluation articles
(``benchmarks/length.py`` prints how full each brief's last page is). Each
is a little generous, so a brief the estimate fits fits the page.
"""

from __future__ import annotations

import math
from typing import Sequence

from briefing.model import Actor, Brief, Point, Quote, TimelineEvent
from briefing.page import is_pair, map_print_height

PAGE_HEIGHT = 725.0  # A4 less the 21 mm and 20 mm margins
LINE = 14.5  # a line of 10 pt body text
POINT_CHARS = 90  # characters of a bullet's line (5.1 pt a character over 479 pt, less what wrapping wastes)
QUOTE_CHARS = 84
HEADING = 31.0  # a section heading with its margins
EMPTY_SECTION = HEADING + 16.0  # a heading and "None stated."
ROW_LINE = 12.3  # a line of the actors table (8.5 pt)
ROW_PADDING = 6.0
NAME_CHARS = 22  # characters of a line in the name column (bold)
ROLE_CHARS = 46
TABLE_HEADER = 18.0
SOURCE_ROW = 13.0  # the Sources list: four columns of 7.5 pt notes
SOURCE_COLUMNS = 5
LEFT_OUT_LINE = 33.0  # the note saying what was left out: two lines of 8.5 pt
TITLE_CHARS = 36  # characters of a line of the 20 pt title
TITLE_FIXED = 60.0  # the kicker, the source line and the rule under the title block
TITLE_LINE = 24.0
SOURCE_LINE_CHARS = 95  # characters of the source line under the title (8 pt sans)

# The figures: drawn a little smaller than the text column's width, with a heading and a caption.
FIGURE_FRAME = HEADING + 16.0 + 2 * 11.6  # heading, the figure's margins, a caption of two lines
TIMELINE_LINE = 12.0
TIMELINE_GAP = 8.0
TIMELINE_CHARS = 58  # characters of an event's line beside its date, full width
TIMELINE_LEGEND = 30.0  # the legend's row and the drawing's margins
PAIRED_LINE = 10.0  # beside the map: smaller type, each date above its event
PAIRED_GAP = 5.0
PAIRED_CHARS = 34
PAIRED_LEGEND = 28.0  # the legend's row and the drawing's margins
PAIRED_CAPTION = 2 * 11.6


def lines(text: str, chars: int) -> int:
    """Return how many lines ``text`` takes at ``chars`` characters a line."""
    return max(1, math.ceil(len(" ".join(text.split())) / chars))


def point_height(point: Point) -> float:
    return lines(point.text, POINT_CHARS) * LINE + 3.0


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
    """Return the drawing's height (no heading or caption) of a timeline of ``events``."""
    height = PAIRED_LEGEND if paired else TIMELINE_LEGEND
    for event in events:
        label = ", ".join(event.actors) + ": " + event.text + " [00]" + (" (expected)" if event.future else "")
        if paired:
            height += (lines(label, PAIRED_CHARS) + 1) * PAIRED_LINE + PAIRED_GAP
        else:
            height += lines(label, TIMELINE_CHARS) * TIMELINE_LINE + TIMELINE_GAP
    return height


def figures_height(events: Sequence[TimelineEvent], nodes: int) -> float:
    """Return what the figures take: side by side when both are small, else one above the other."""
    if not events and not nodes:
        return 0.0
    if is_pair(len(events), nodes):
        return HEADING + 16.0 + PAIRED_CAPTION + max(timeline_height(events, True), map_print_height(nodes, True))
    height = FIGURE_FRAME + timeline_height(events, False) if events else 0.0
    return height + (FIGURE_FRAME + map_print_height(nodes, False) if nodes else 0.0)


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
