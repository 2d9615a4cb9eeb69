"""Write a Scene as SVG text: vector, its words real text a reader can select and search."""

from __future__ import annotations

import math
from html import escape as _escape

from briefing.render.common import xml_safe
from briefing.render.figures.scene import Box, Dot, Label, Line, Scene, text_width

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


def to_svg(scene: Scene, ident: str, *, text: bool = True) -> str:
    """Return the scene as a standalone ``<svg>`` element whose title says what it shows, for screen readers.

    ``text=False`` leaves the labels out, for a page that sets them as its
    own text over the drawing (see :mod:`briefing.render.figures.overlay`).
    """
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="figure-svg" viewBox="0 0 {_n(scene.width)} {_n(scene.height)}" '
        f'width="{_n(scene.width)}" height="{_n(scene.height)}" role="img" '
        f'aria-labelledby="{ident}-title" font-family="{FONT}">',
        # The whole description is the title: WeasyPrint makes the title the PDF/UA figure's /Alt text.
        f'<title id="{ident}-title">{escape(scene.description)}</title>',
    ]
    parts += [_item(item) if text or not isinstance(item, Label) else _halo(item) for item in scene.items]
    parts.append("</svg>")
    return "\n".join(parts)


def _item(item) -> str:
    if isinstance(item, Line):
        return _line(item)
    if isinstance(item, Box):
        return _box(item)
    if isinstance(item, Dot):
        return _dot(item)
    return _label(item)


def _line(line: Line) -> str:
    dash = ' stroke-dasharray="4 3"' if line.dashed else ""
    out = (f'<line x1="{_n(line.x1)}" y1="{_n(line.y1)}" x2="{_n(line.x2)}" y2="{_n(line.y2)}" '
           f'stroke="{line.colour}" stroke-width="{_n(line.width)}"{dash}/>')
    if line.arrow:
        out += f'\n<polygon points="{_points(arrow_head(line))}" fill="{line.colour}"/>'
    return out


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


def _box(box: Box) -> str:
    style = f'fill="{box.fill}" stroke="#000000" stroke-width="{_n(box.stroke)}"'
    if box.dashed:
        style += ' stroke-dasharray="4 2"'
    left, top, _, _ = box.bounds()
    if box.shape == "ellipse":
        return f'<ellipse cx="{_n(box.x)}" cy="{_n(box.y)}" rx="{_n(box.w / 2)}" ry="{_n(box.h / 2)}" {style}/>'
    if box.shape == "hexagon":
        return f'<polygon points="{_points(hexagon(box))}" {style}/>'
    radius = ' rx="8"' if box.shape == "round" else ""
    return f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(box.w)}" height="{_n(box.h)}"{radius} {style}/>'


def _dot(dot: Dot) -> str:
    if dot.style == "diamond":
        r = dot.r * 1.3
        corners = [(dot.x, dot.y - r), (dot.x + r, dot.y), (dot.x, dot.y + r), (dot.x - r, dot.y)]
        return f'<polygon points="{_points(corners)}" fill="#ffffff" stroke="#000000" stroke-width="1.5"/>'
    fill = "#000000" if dot.style == "filled" else "#ffffff"
    return f'<circle cx="{_n(dot.x)}" cy="{_n(dot.y)}" r="{_n(dot.r)}" fill="{fill}" stroke="#000000" stroke-width="1.5"/>'


def _halo(label: Label) -> str:
    """Return the white ground a link's label sits on, so the link does not run through its words."""
    if not label.halo:
        return ""
    left, top, right, bottom = label.bounds()
    return (f'<rect x="{_n(left - 1)}" y="{_n(top)}" width="{_n(right - left + 2)}" height="{_n(bottom - top)}" '
            'fill="#ffffff"/>')


def _label(label: Label) -> str:
    out = _halo(label) + "\n" if label.halo else ""
    weight = ' font-weight="bold"' if label.bold else ""
    style = ' font-style="italic"' if label.italic else ""
    body = escape(label.text)
    if label.note is not None:
        body += f' <a href="#src-{label.note}"><tspan class="figure-note">[{label.note}]</tspan></a>'
    return out + (f'<text x="{_n(label.x)}" y="{_n(label.y)}" font-size="{_n(label.size)}" '
                  f'text-anchor="{label.anchor}"{weight}{style}>{body}</text>')


def escape(text: str) -> str:
    """Escape text for SVG, dropping the characters XML forbids."""
    return _escape(xml_safe(text))


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _n(value: float) -> str:
    """Write a coordinate with at most one decimal, the same on every machine."""
    text = f"{round(value, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text


__all__ = ["to_svg", "text_width", "arrow_head", "hexagon"]
