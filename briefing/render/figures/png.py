"""Paint a Scene as a PNG with Pillow (WeasyPrint's own dependency), for Word files.

Word and LibreOffice both show a PNG; the DOCX carries this picture with
the figure's description as its alt text. Drawn at 2 pixels per point
(144 dpi), so it prints sharp at the figure's size.
"""

from __future__ import annotations

import functools
import io

from briefing.render.figures.scene import Box, Dot, Label, Line, Scene
from briefing.render.figures.svg import arrow_head, hexagon

SCALE = 2.0
_FONT_FILES = {
    (False, False): ("DejaVuSans.ttf", "Verdana.ttf", "Arial.ttf"),
    (True, False): ("DejaVuSans-Bold.ttf", "Verdana Bold.ttf", "Arial Bold.ttf"),
    (False, True): ("DejaVuSans-Oblique.ttf", "Verdana Italic.ttf", "Arial Italic.ttf"),
    (True, True): ("DejaVuSans-BoldOblique.ttf", "Verdana Bold Italic.ttf", "Arial Bold Italic.ttf"),
}


def to_png(scene: Scene) -> bytes:
    """Return the scene as PNG bytes, white background, no timestamps (the same bytes every run)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (round(scene.width * SCALE), round(scene.height * SCALE)), "white")
    draw = ImageDraw.Draw(image)
    for item in scene.items:
        if isinstance(item, Line):
            _line(draw, item)
        elif isinstance(item, Box):
            _box(draw, item)
        elif isinstance(item, Dot):
            _dot(draw, item)
        else:
            _label(draw, item)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1, dpi=(72 * SCALE, 72 * SCALE))
    return out.getvalue()


def _s(*values: float) -> list[float]:
    return [v * SCALE for v in values]


def _line(draw, line: Line) -> None:
    draw.line(_s(line.x1, line.y1, line.x2, line.y2), fill=0, width=max(1, round(line.width * SCALE)))
    if line.arrow:
        draw.polygon([tuple(_s(x, y)) for x, y in arrow_head(line)], fill=0)


def _box(draw, box: Box) -> None:
    width = max(1, round(box.stroke * SCALE))
    bounds = _s(*box.bounds())
    if box.shape == "ellipse":
        draw.ellipse(bounds, fill=box.fill, outline="black", width=width)
    elif box.shape == "hexagon":
        draw.polygon([tuple(_s(x, y)) for x, y in hexagon(box)], fill=box.fill, outline="black", width=width)
    else:
        draw.rounded_rectangle(bounds, radius=8 * SCALE if box.shape == "round" else 0, fill=box.fill,
                               outline="black", width=width)


def _dot(draw, dot: Dot) -> None:
    width = round(1.5 * SCALE)
    if dot.style == "diamond":
        r = dot.r * 1.3
        corners = [(dot.x, dot.y - r), (dot.x + r, dot.y), (dot.x, dot.y + r), (dot.x - r, dot.y)]
        draw.polygon([tuple(_s(x, y)) for x, y in corners], fill="white", outline="black", width=width)
        return
    fill = "black" if dot.style == "filled" else "white"
    draw.ellipse(_s(dot.x - dot.r, dot.y - dot.r, dot.x + dot.r, dot.y + dot.r), fill=fill, outline="black", width=width)


def _label(draw, label: Label) -> None:
    font = _font(round(label.size * SCALE), label.bold, label.italic)
    if label.halo:
        draw.rectangle(_s(*label.halo_bounds()), fill="white")
    anchor = {"start": "ls", "middle": "ms", "end": "rs"}[label.anchor]
    draw.text(tuple(_s(label.x, label.y)), label.full_text, fill="black", font=font, anchor=anchor)


@functools.cache
def _font(size: int, bold: bool, italic: bool):
    """Return DejaVu Sans (or Verdana, Arial) at ``size`` pixels, else Pillow's own scalable font."""
    from PIL import ImageFont

    for name in _FONT_FILES[(bold, italic)]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)
