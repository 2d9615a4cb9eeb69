"""What a figure is made of: boxes, lines, dots and labels on a canvas, in points.

Layouts build a Scene; the SVG writer and the PNG painter draw the same one,
so the picture in a Word file is the picture in the PDF. Text widths are
estimated from per-character widths of a wide sans-serif (DejaVu Sans), so a
label's box holds it in any of the fonts the figure may be drawn in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from briefing.text_width import text_width

HALO_MARGIN = 1.5  # the white ground reaches this far around a haloed label

Shape = Literal["rect", "round", "ellipse", "hexagon"]

@dataclass(frozen=True)
class Box:
    """A node: a shape centred on (x, y), ``w`` by ``h``."""

    x: float
    y: float
    w: float
    h: float
    shape: Shape = "rect"
    fill: str = "#ffffff"
    stroke: float = 1.0
    dashed: bool = False

    def bounds(self) -> tuple[float, float, float, float]:
        return (self.x - self.w / 2, self.y - self.h / 2, self.x + self.w / 2, self.y + self.h / 2)


@dataclass(frozen=True)
class Line:
    """A straight line; ``arrow`` puts a filled head at (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 1.0
    arrow: bool = False
    dashed: bool = False
    colour: str = "#000000"


@dataclass(frozen=True)
class Dot:
    """An event's mark on the timeline: filled (dated), open (expected) or a diamond (as written)."""

    x: float
    y: float
    r: float
    style: Literal["filled", "open", "diamond"] = "filled"


@dataclass(frozen=True)
class Label:
    """One line of text; (x, y) is its baseline's start, middle or end as ``anchor`` says."""

    x: float
    y: float
    text: str
    size: float = 9.0
    bold: bool = False
    italic: bool = False
    anchor: Literal["start", "middle", "end"] = "start"
    halo: bool = False
    note: int | None = None  # the source note the label cites, linked in HTML and PDF

    def bounds(self) -> tuple[float, float, float, float]:
        width = text_width(self.full_text, self.size, bold=self.bold)
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        return (left, self.y - self.size * 0.8, left + width, self.y + self.size * 0.25)

    def halo_bounds(self) -> tuple[float, float, float, float]:
        """Return the white ground behind a haloed label: its box and a margin, so a line under it stops short."""
        left, top, right, bottom = self.bounds()
        return (left - HALO_MARGIN, top - HALO_MARGIN, right + HALO_MARGIN, bottom + HALO_MARGIN)

    @property
    def full_text(self) -> str:
        return self.text if self.note is None else f"{self.text} [{self.note}]"


@dataclass(frozen=True)
class Scene:
    """A finished figure: its size, what to draw, and what it says in words."""

    width: float
    height: float
    title: str
    description: str
    items: tuple[Box | Line | Dot | Label, ...] = field(default_factory=tuple)

    def labels(self) -> list[Label]:
        return [item for item in self.items if isinstance(item, Label)]


def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float], gap: float = 0.0) -> bool:
    """Tell whether two boxes (left, top, right, bottom) come closer than ``gap``."""
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def overlapping_labels(scene: Scene) -> list[tuple[Label, Label]]:
    """Return every pair of the scene's labels whose boxes overlap (a readable figure has none)."""
    labels = scene.labels()
    return [(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :] if overlaps(a.bounds(), b.bounds())]
