"""Set a figure's labels as the page's own text over its drawing, for the PDF.

WeasyPrint lays out SVG text one letter at a time (a Pango layout per
letter): the seed's two figures spent about 240 ms of CPU in it, four times
the figures' whole budget. Set as absolutely positioned HTML text over the
SVG's shapes, the same labels cost one layout each, stay selectable and
searchable, and land where the SVG puts them. Each is a block of no height
moved into place with relative positioning, in a box of its estimated width:
absolute positioning cost WeasyPrint twice as much. The figure is
scaled to the printed page's width, its text with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.render.figures.scene import Label, Scene

#: The narrowest printed text width the templates have (A4, 20 mm margins: 170 mm).
PRINT_WIDTH = 480.0
#: Where DejaVu Sans's baseline sits below the top of a line box as tall as the font size.
BASELINE = 0.846


@dataclass(frozen=True)
class PlacedLabel:
    """One label of a printed figure: its box's left, top and width in points, its text aligned in it."""

    left: float
    top: float
    width: float
    size: float
    text: str
    note: int | None
    anchor: str
    bold: bool
    italic: bool
    halo: bool


@dataclass(frozen=True)
class Overlay:
    """A printed figure's size in points and its labels."""

    width: float
    height: float
    labels: tuple[PlacedLabel, ...]


def overlay(scene: Scene, width: float = PRINT_WIDTH, height: float | None = None) -> Overlay:
    """Return the scene's labels placed for print, the whole scaled down to ``width`` by ``height`` points if larger."""
    scale = min(1.0, width / scene.width, (height or scene.height) / scene.height)
    labels = tuple(_placed(label, scale) for label in scene.labels())
    return Overlay(_r(scene.width * scale), _r(scene.height * scale), labels)


def _placed(label: Label, scale: float) -> PlacedLabel:
    """Place a label in a box of its estimated width (an upper bound), so WeasyPrint need not measure it first."""
    left, _, right, _ = label.bounds()
    size = label.size * scale
    return PlacedLabel(_r(left * scale), _r(label.y * scale - BASELINE * size), _r((right - left) * scale), _r(size),
                       label.text, label.note, label.anchor, label.bold, label.italic, label.halo)


def _r(value: float) -> float:
    return round(value, 1)
