"""Lay out a brief's timeline: a vertical rail, dates on the left, events on the right.

Rows are stacked, so no label can overlap another however many events there
are; a dated event is a filled dot, one whose date is kept as written (a
relative date the source does not anchor) a diamond, an expected one an open
dot with "(expected)".
"""

from __future__ import annotations

from typing import Callable

from briefing.model import TimelineEvent
from briefing.render.figures.scene import Dot, Label, Line, Scene, text_width
from briefing.render.figures.text import display_date, wrap

WIDTH = 480.0
SIZE = 9.0
LINE = 12.0
GAP = 8.0
MARGIN = 6.0
MAX_DATE_WIDTH = 130.0


def timeline_scene(events: tuple[TimelineEvent, ...], note: Callable[[TimelineEvent], int | None]) -> Scene:
    """Return the scene of ``events`` (in the brief's order), each label citing its note."""
    dates = [wrap(display_date(e), MAX_DATE_WIDTH, SIZE, bold=True) for e in events]
    column = max(text_width(line, SIZE, bold=True) for lines in dates for line in lines)
    rail = MARGIN + column + 12
    text_left = rail + 12
    items: list = []
    y = MARGIN + SIZE
    tops = []
    for event, date_lines in zip(events, dates):
        lines = wrap(event_label(event), WIDTH - text_left - MARGIN - 24, SIZE)
        tops.append(y)
        items.append(Dot(rail, y - SIZE * 0.3, 3.5, _dot_style(event)))
        for i, line in enumerate(date_lines):
            # A date as written is in italic, not bold: no bold italic face to embed in the PDF.
            resolved = event.date is not None
            items.append(Label(rail - 12, y + i * LINE, line, SIZE, bold=resolved, italic=not resolved, anchor="end"))
        for i, line in enumerate(lines):
            last = i == len(lines) - 1
            items.append(Label(text_left, y + i * LINE, line, SIZE, italic=event.future, note=note(event) if last else None))
        y += max(len(lines), len(date_lines)) * LINE + GAP
    rail_line = Line(rail, tops[0] - SIZE, rail, tops[-1] + 2, width=1.5)
    legend_y = y + 4
    legend = _legend(events, MARGIN, legend_y)
    height = legend_y + (LINE if legend else 0) + MARGIN
    return Scene(WIDTH, height, "Timeline", describe_timeline(events), (rail_line, *items, *legend))


def event_label(event: TimelineEvent) -> str:
    """Return the words shown for an event: its actors, then what happened ("(expected)" if ahead)."""
    who = ", ".join(event.actors)
    text = f"{who}: {event.text}" if who else event.text
    return f"{text} (expected)" if event.future else text


def describe_timeline(events: tuple[TimelineEvent, ...]) -> str:
    """Say in words what the timeline shows, for readers who cannot see it."""
    parts = [f"{display_date(e)}: {event_label(e)}" for e in events]
    return f"Timeline of {len(events)} events. " + "; ".join(parts) + "."


def _dot_style(event: TimelineEvent) -> str:
    if event.future:
        return "open"
    return "filled" if event.date is not None else "diamond"


def _legend(events: tuple[TimelineEvent, ...], x: float, y: float) -> list:
    kinds = [("filled", "dated"), ("diamond", "date as the source writes it"), ("open", "expected")]
    used = {_dot_style(e) for e in events}
    items: list = []
    for style, words in kinds:
        if style not in used:
            continue
        items.append(Dot(x + 4, y - SIZE * 0.3, 3.0, style))
        items.append(Label(x + 11, y, words, SIZE - 1.5))
        x += 11 + text_width(words, SIZE - 1.5) + 16
    return items if len(used) > 1 else []
