"""Lay out a brief's timeline: a vertical rail, dates on the left, events on the right.

In a narrow column (beside the actor map) each date sits above its event
instead, both right of the rail. Rows are stacked, so no label can overlap another however many events there
are; a dated event is a filled dot, one whose date is kept as written (a
relative date the source does not anchor) a diamond, an expected one an open
dot with "(expected)"; the caption says what each mark means
(:func:`briefing.page.timeline_caption`).
"""

from __future__ import annotations

from typing import Callable

from briefing.model import TimelineEvent
from briefing.page import TIMELINE_DESCENT, timeline_mark
from briefing.render.figures.scene import Dot, Label, Line, Scene, text_width
from briefing.render.figures.text import display_date, wrap

WIDTH = 480.0
SIZE = 9.0
LINE = 12.0
GAP = 8.0
MARGIN = 6.0
MAX_DATE_WIDTH = 130.0
COMPACT_WIDTH = 300.0  # narrower than this, each date goes above its event, in smaller type
COMPACT_SIZE = 8.0
COMPACT_LINE = 10.0
COMPACT_GAP = 5.0


def timeline_scene(events: tuple[TimelineEvent, ...], note: Callable[[TimelineEvent], int | None],
                   width: float = WIDTH) -> Scene:
    """Return the scene of ``events`` (in the brief's order) ``width`` points wide, each label citing its note."""
    compact = width < COMPACT_WIDTH
    size, line_height, gap = (COMPACT_SIZE, COMPACT_LINE, COMPACT_GAP) if compact else (SIZE, LINE, GAP)
    dates = [wrap(display_date(e), width - 30 if compact else MAX_DATE_WIDTH, size, bold=True) for e in events]
    column = 0.0 if compact else max(text_width(line, size, bold=True) for lines in dates for line in lines)
    rail = MARGIN + column + (4 if compact else 12)
    text_left = rail + (10 if compact else 12)
    items: list = []
    y = MARGIN + size
    tops = []
    for event, date_lines in zip(events, dates):
        lines = wrap(event_label(event), width - text_left - MARGIN - (0 if compact else 24), size)
        tops.append(y)
        items.append(Dot(rail, y - size * 0.3, 3.5, timeline_mark(event)))
        # A date as written is upright, not bold (its diamond says so); no italic: the page embeds no Sans Oblique.
        resolved = event.date is not None
        date_x, anchor = (text_left, "start") if compact else (rail - 12, "end")
        for i, line in enumerate(date_lines):
            items.append(Label(date_x, y + i * line_height, line, size, bold=resolved, anchor=anchor))
        first = y + len(date_lines) * line_height if compact else y
        for i, line in enumerate(lines):
            last = i == len(lines) - 1
            items.append(Label(text_left, first + i * line_height, line, size, note=note(event) if last else None))
        rows = len(date_lines) + len(lines) if compact else max(len(lines), len(date_lines))
        y += rows * line_height + gap
    rail_line = Line(rail, tops[0] - size, rail, tops[-1] + 2, width=1.5)
    height = y - gap - line_height + TIMELINE_DESCENT * size + MARGIN  # the last line's baseline, its descenders, a margin
    return Scene(width, height, "Timeline", describe_timeline(events), (rail_line, *items))


def event_label(event: TimelineEvent) -> str:
    """Return the words shown for an event: its actors, then what happened ("(expected)" if ahead)."""
    who = ", ".join(event.actors)
    text = f"{who}: {event.text}" if who else event.text
    return f"{text} (expected)" if event.future else text


def describe_timeline(events: tuple[TimelineEvent, ...]) -> str:
    """Say in words what the timeline shows, for readers who cannot see it."""
    parts = [f"{display_date(e)}: {event_label(e)}" for e in events]
    return f"Timeline of {len(events)} events. " + "; ".join(parts) + "."


