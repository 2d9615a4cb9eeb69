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

from dataclasses import dataclass, replace

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
    more_lines: tuple[str, ...] = ()  # the lines that follow ``text`` in the same block (a wrapped label)
    line_height: float = 0.0


@dataclass(frozen=True)
class Overlay:
    """A printed figure's size in points and its labels."""

    width: float
    height: float
    labels: tuple[PlacedLabel, ...]


def overlay(scene: Scene, width: float = PRINT_WIDTH, height: float | None = None) -> Overlay:
    """Return the scene's labels placed for print, the whole scaled down to ``width`` by ``height`` points if larger."""
    scale = min(1.0, width / scene.width, (height or scene.height) / scene.height)
    labels: list[PlacedLabel] = []
    previous: Label | None = None
    for label in scene.labels():
        if previous is not None and _continues(previous, label, labels[-1]):
            labels[-1] = _joined(labels[-1], label, scale)
        else:
            labels.append(_placed(label, scale))
        previous = label
    return Overlay(_r(scene.width * scale), _r(scene.height * scale), tuple(labels))


def _continues(previous: Label, label: Label, block: PlacedLabel) -> bool:
    """Tell whether ``label`` is the next line of the block ``previous`` ends: one box for WeasyPrint, not two."""
    same = (previous.x, previous.anchor, previous.size, previous.bold, previous.italic, previous.halo)
    step = label.y - previous.y
    return (same == (label.x, label.anchor, label.size, label.bold, label.italic, label.halo)
            and previous.note is None and 0 < step <= 1.6 * label.size
            and (not block.more_lines or abs(step - block.line_height / _scale_of(block, previous)) < 0.05))


def _scale_of(block: PlacedLabel, label: Label) -> float:
    return block.size / label.size


def _joined(block: PlacedLabel, label: Label, scale: float) -> PlacedLabel:
    """Return ``block`` with ``label`` as its next line, its box as wide as its widest line."""
    left, _, right, _ = label.bounds()
    line_left = _r(left * scale)
    new_left = min(block.left, line_left)
    new_right = max(block.left + block.width, line_left + _r((right - left) * scale))
    top = block.top
    step = block.line_height
    if not step:  # the first line's baseline moves down by half the leading the taller line box adds
        step = _r((label.y - _first_y(block, scale)) * scale)
        top = _r(block.top - (step - block.size) / 2)
    return replace(block, left=new_left, top=top, width=_r(new_right - new_left), note=label.note,
                   more_lines=(*block.more_lines, label.text), line_height=step)


def _first_y(block: PlacedLabel, scale: float) -> float:
    return (block.top + BASELINE * block.size) / scale


def _placed(label: Label, scale: float) -> PlacedLabel:
    """Place a label in a box of its estimated width (an upper bound), so WeasyPrint need not measure it first."""
    left, _, right, _ = label.bounds()
    size = label.size * scale
    return PlacedLabel(_r(left * scale), _r(label.y * scale - BASELINE * size), _r((right - left) * scale), _r(size),
                       label.text, label.note, label.anchor, label.bold, label.italic, label.halo)


def _r(value: float) -> float:
    return round(value, 1)
