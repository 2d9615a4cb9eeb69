"""Words in figures: dates as a reader writes them, and text wrapped to a width."""

from __future__ import annotations

from briefing.model import TimelineEvent
from briefing.render.common import MONTHS, format_date
from briefing.render.figures.scene import text_width


def display_date(event: TimelineEvent) -> str:
    """Write an event's date for reading: "16 September 2023", "March 2024", "2017", or as the source wrote it."""
    if event.date is None:
        return event.date_text
    first, _, last = event.date.partition("/")
    if last:
        return f"{_one(first)}–{_one(last)}"
    return _one(first)


def _one(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 3:
        return format_date(iso) or iso
    return iso


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points (a single long word stands alone)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold=bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return lines
