"""The printed page's plan that the length budget and the PDF renderer share: how the figures are placed.

The budget reserves room for the figures before the renderer draws them, so
both read the same rules here: when the timeline and the actor map are small
enough to stand side by side, and the most height a map may be printed at
(the map is laid out to fit it; one that cannot is scaled down, its text
never below a legible size).
"""

from __future__ import annotations

from typing import Iterable, Sequence

from briefing.model import TimelineEvent

from briefing.text_width import text_width

PAIR_MAX_EVENTS = 5  # a timeline of at most this many events…
PAIR_MAX_NODES = 4  # …and a map of at most this many actors stand side by side (a larger one, in 286 pt, gets small)
PAIRED_MAP_HEIGHTS: tuple[tuple[int, float], ...] = ((3, 110.0), (4, 150.0))  # beside the timeline: the most
MAP_HEIGHTS: tuple[tuple[int, float], ...] = ((2, 56.0), (3, 110.0), (4, 130.0), (8, 220.0), (12, 300.0))  # up to N actors: the most


PRINT_WIDTH = 480.0  # the printed text width the figures are drawn for (A4 or Letter, 18 mm margins, less a little)
PAIR_GAP = 14.0
PAIRED_TIMELINE_WIDTH = 180.0
PAIRED_MAP_WIDTH = PRINT_WIDTH - PAIRED_TIMELINE_WIDTH - PAIR_GAP
# How the map draws an actor and a link's label (briefing.render.figures.graph_layout), to tell its least width.
NAME_SIZE, NAME_WRAP, NAME_PAD = 10.5, 110.0, 12.0
LINK_LABEL_SIZE, LINK_LABEL_PAD = 7.5, 8.0


def is_pair(events: int, actors: int, names: Iterable[str] = (), labels: Iterable[str] = ()) -> bool:
    """Tell whether a timeline of ``events`` and a map of ``actors`` are small enough to stand side by side.

    ``names`` and ``labels``, the map's actors and link labels, must also
    fit the paired map's column at full size (see :func:`map_least_width`):
    a map of long names scaled down to that column would be illegible.
    """
    return (2 <= events <= PAIR_MAX_EVENTS and 2 <= actors <= PAIR_MAX_NODES
            and map_least_width(names, labels) <= PAIRED_MAP_WIDTH)


def map_least_width(names: Iterable[str], labels: Iterable[str]) -> float:
    """Return the least width a map needs: its two widest actors and its widest link label side by side."""
    boxes = sorted((min(text_width(name, NAME_SIZE, bold=True), NAME_WRAP) + NAME_PAD for name in names), reverse=True)
    widest_label = max((text_width(label + " [00]", LINK_LABEL_SIZE) + LINK_LABEL_PAD for label in labels), default=0.0)
    return sum(boxes[:2]) + widest_label


def map_print_height(actors: int, paired: bool) -> float:
    """Return the most height, in points, an actor map of ``actors`` actors is printed at."""
    heights = PAIRED_MAP_HEIGHTS if paired else MAP_HEIGHTS
    return next((height for most, height in heights if actors <= most), heights[-1][1])


TIMELINE_CAPTION = "The events the source dates, in order."
#: How far DejaVu Sans's descenders reach below the baseline, in font sizes: the timeline's drawing ends there.
TIMELINE_DESCENT = 0.25
#: The timeline's marks, in the order its caption names them: the mark's style, its symbol in text, its words.
TIMELINE_MARKS = (("filled", "\u25cf", "dated"), ("diamond", "\u25c7", "date as written"), ("open", "\u25cb", "expected"))


def timeline_mark(event: TimelineEvent) -> str:
    """Return the style of an event's mark on the timeline: "filled" (dated), "diamond" (as written), "open" (ahead)."""
    if event.future:
        return "open"
    return "filled" if event.date is not None else "diamond"


def timeline_caption(events: Sequence[TimelineEvent]) -> str:
    """Return the timeline's caption: what it shows, and what its marks mean when there are two kinds or more.

    The caption says it, not a legend in the drawing: printed, words in the
    caption's line cost WeasyPrint almost nothing, a label in the drawing a
    block of its own.
    """
    used = {timeline_mark(event) for event in events}
    if len(used) < 2:
        return TIMELINE_CAPTION
    marks = "; ".join(f"{symbol}\u00a0{words}" for style, symbol, words in TIMELINE_MARKS if style in used)
    return f"{TIMELINE_CAPTION[:-1]}: {marks}."
