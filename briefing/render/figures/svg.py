"""Write a Scene as SVG text: vector, its words real text a reader can select and search.

The shapes are written as few paths, one per kind and style (every link in
one path, every arrowhead in another, every label's white ground in a third,
the actors' boxes one path per fill and outline): a PDF's layout engine
handles each SVG element on its own, so a figure of fifty elements cost
WeasyPrint several times what the same picture in eight paths does. The
layers keep the scene's order: links under boxes, boxes under the labels.
"""

from __future__ import annotations

import math
from html import escape as _escape

from briefing.render.common import xml_safe
from briefing.render.figures.scene import Box, Dot, Label, Line, Scene, text_width

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


def to_svg(scene: Scene, ident: str, *, text: bool = True) -> str:
    """Return the scene as a standalone ``<svg>`` element whose title says what it shows, for screen readers.

    ``text=False`` leaves the labels out (their white grounds stay), for a
    page that sets them as its own text over the drawing (see
    :mod:`briefing.render.figures.overlay`).
    """
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="figure-svg" viewBox="0 0 {_n(scene.width)} {_n(scene.height)}" '
        f'width="{_n(scene.width)}" height="{_n(scene.height)}" role="img" '
        f'aria-labelledby="{ident}-title" font-family="{FONT}">',
        # The whole description is the title: WeasyPrint makes the title the PDF/UA figure's /Alt text.
        f'<title id="{ident}-title">{escape(scene.description)}</title>',
    ]
    parts += shape_paths(scene)
    if text:
        parts += [_label(label) for label in scene.labels()]
    parts.append("</svg>")
    return "\n".join(parts)


def shape_paths(scene: Scene) -> list[str]:
    """Return the scene's shapes as ``<path>`` elements, one per layer and style, bottom layer first."""
    layers: dict[tuple, list[str]] = {}

    def add(key: tuple, outline: str) -> None:
        layers.setdefault(key, []).append(outline)

    for item in scene.items:
        if isinstance(item, Line):
            add((0, f'fill="none" stroke="{item.colour}" stroke-width="{_n(item.width)}"{_dash(item.dashed, "4 3")}'),
                f"M{_n(item.x1)} {_n(item.y1)}L{_n(item.x2)} {_n(item.y2)}")
            if item.arrow:
                add((1, f'fill="{item.colour}"'), _polygon(arrow_head(item)))
        elif isinstance(item, Box):
            add((2, f'fill="{item.fill}" stroke="#000000" stroke-width="{_n(item.stroke)}"{_dash(item.dashed, "4 2")}'),
                _box_outline(item))
        elif isinstance(item, Dot):
            add(_dot_style(item), _dot_outline(item))
        elif item.halo:
            left, top, right, bottom = item.halo_bounds()
            add((4, 'fill="#ffffff"'), _polygon([(left, top), (right, top), (right, bottom), (left, bottom)]))
    return [f'<path d="{"".join(outlines)}" {key[1]}/>' for key, outlines in sorted(layers.items(), key=_layer_order)]


def _layer_order(entry: tuple[tuple, list[str]]) -> int:
    return entry[0][0]


def _dash(dashed: bool, pattern: str) -> str:
    return f' stroke-dasharray="{pattern}"' if dashed else ""


def arrow_head(line: Line, length: float = 7.0, half_width: float = 3.0) -> list[tuple[float, float]]:
    """Return the three corners of the arrowhead at a line's end."""
    angle = math.atan2(line.y2 - line.y1, line.x2 - line.x1)
    back_x, back_y = line.x2 - length * math.cos(angle), line.y2 - length * math.sin(angle)
    nx, ny = -math.sin(angle) * half_width, math.cos(angle) * half_width
    return [(line.x2, line.y2), (back_x + nx, back_y + ny), (back_x - nx, back_y - ny)]


def hexagon(box: Box) -> list[tuple[float, float]]:
    """Return the corners of a group's hexagon inside ``box``."""
    left, top, right, bottom = box.bounds()
    inset = min(8.0, box.w / 4)
    return [(left, box.y), (left + inset, top), (right - inset, top), (right, box.y), (right - inset, bottom),
            (left + inset, bottom)]


def _box_outline(box: Box) -> str:
    left, top, right, bottom = box.bounds()
    if box.shape == "ellipse":
        return _ellipse(box.x, box.y, box.w / 2, box.h / 2)
    if box.shape == "hexagon":
        return _polygon(hexagon(box))
    if box.shape == "round":
        r = min(8.0, box.w / 2, box.h / 2)
        arc = f"A{_n(r)} {_n(r)} 0 0 1 "
        return (f"M{_n(left + r)} {_n(top)}H{_n(right - r)}{arc}{_n(right)} {_n(top + r)}V{_n(bottom - r)}"
                f"{arc}{_n(right - r)} {_n(bottom)}H{_n(left + r)}{arc}{_n(left)} {_n(bottom - r)}V{_n(top + r)}"
                f"{arc}{_n(left + r)} {_n(top)}Z")
    return _polygon([(left, top), (right, top), (right, bottom), (left, bottom)])


def _dot_style(dot: Dot) -> tuple[int, str]:
    fill = "#000000" if dot.style == "filled" else "#ffffff"
    return (3, f'fill="{fill}" stroke="#000000" stroke-width="1.5"')


def _dot_outline(dot: Dot) -> str:
    if dot.style == "diamond":
        r = dot.r * 1.3
        return _polygon([(dot.x, dot.y - r), (dot.x + r, dot.y), (dot.x, dot.y + r), (dot.x - r, dot.y)])
    return _ellipse(dot.x, dot.y, dot.r, dot.r)


def _ellipse(x: float, y: float, rx: float, ry: float) -> str:
    """Return an ellipse as a closed path of two half arcs."""
    arc = f"A{_n(rx)} {_n(ry)} 0 1 0 "
    return f"M{_n(x - rx)} {_n(y)}{arc}{_n(x + rx)} {_n(y)}{arc}{_n(x - rx)} {_n(y)}Z"


def _polygon(points: list[tuple[float, float]]) -> str:
    first, *rest = points
    return f"M{_n(first[0])} {_n(first[1])}" + "".join(f"L{_n(x)} {_n(y)}" for x, y in rest) + "Z"


def _label(label: Label) -> str:
    weight = ' font-weight="bold"' if label.bold else ""
    style = ' font-style="italic"' if label.italic else ""
    body = escape(label.text)
    if label.note is not None:
        body += f' <a href="#src-{label.note}"><tspan class="figure-note">[{label.note}]</tspan></a>'
    return (f'<text x="{_n(label.x)}" y="{_n(label.y)}" font-size="{_n(label.size)}" '
            f'text-anchor="{label.anchor}"{weight}{style}>{body}</text>')


def escape(text: str) -> str:
    """Escape text for SVG, dropping the characters XML forbids."""
    return _escape(xml_safe(text))


def _n(value: float) -> str:
    """Write a coordinate with at most one decimal, the same on every machine."""
    text = f"{round(value, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text


__all__ = ["to_svg", "shape_paths", "text_width", "arrow_head", "hexagon"]
