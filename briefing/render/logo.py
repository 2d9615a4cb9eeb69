"""Read a user's logo (PNG or SVG) once, check it, and learn its shape."""

from __future__ import annotations

import base64
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import RenderError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 5 * 1024 * 1024

_SVG_ROOT = re.compile(rb"<svg\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(rb"""\b(width|height|viewBox)\s*=\s*(["'])(.*?)\2""", re.I | re.S)
_LENGTH = re.compile(rb"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|mm|cm|in)?\s*$")
_TO_PX = {b"px": 1.0, b"": 1.0, b"pt": 4 / 3, b"mm": 96 / 25.4, b"cm": 96 / 2.54, b"in": 96.0}
# References an SVG may hold: to its own fragments ("#id") and data: URLs only.
_REFERENCE = re.compile(rb"""(?:\bhref\s*=\s*(["'])\s*(.*?)\1|url\(\s*(["']?)\s*(.*?)\3\s*\)|@import\b)""", re.I | re.S)


@dataclass(frozen=True)
class Logo:
    """A logo's bytes, media type and intrinsic size in CSS pixels."""

    data: bytes
    media_type: str  # "image/png" or "image/svg+xml"
    width: float
    height: float

    @property
    def is_svg(self) -> bool:
        return self.media_type == "image/svg+xml"

    @property
    def aspect(self) -> float:
        """Return width over height."""
        return self.width / self.height

    def data_uri(self) -> str:
        """Return the logo as a ``data:`` URI, so pages embed it and fetch nothing."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def load_logo(path: Path | str) -> Logo:
    """Read the PNG or SVG logo at ``path``; raise RenderError if it is neither."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise RenderError(f"logo {str(path)!r}: no such file") from exc
    except OSError as exc:
        raise RenderError(f"logo {str(path)!r}: cannot read it: {exc.strerror or exc}") from exc
    if len(data) > MAX_BYTES:
        raise RenderError(f"logo {str(path)!r} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if data.startswith(PNG_SIGNATURE):
        return _png(path, data)
    svg = _svg_size(data)
    if svg is not None:
        _check_self_contained(path, data)
        return Logo(data, "image/svg+xml", *svg)
    raise RenderError(f"logo {str(path)!r} is not a PNG or SVG file")


def _png(path: Path, data: bytes) -> Logo:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise RenderError(f"logo {str(path)!r} is a damaged PNG file")
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise RenderError(f"logo {str(path)!r} has no pixels")
    return Logo(data, "image/png", float(width), float(height))


def _check_self_contained(path: Path, data: bytes) -> None:
    """Refuse an SVG that loads anything from outside itself: briefing fetches no file or URL for it."""
    for match in _REFERENCE.finditer(data):
        target = (match.group(2) if match.group(2) is not None else match.group(4) or b"@import").strip()
        if target.startswith(b"#") or target[:5].lower() == b"data:":
            continue
        shown = target[:60].decode("utf-8", "replace")
        raise RenderError(
            f"logo {str(path)!r} refers to {shown!r} outside itself; embed it in the SVG "
            "(as a data: URL) or use a PNG logo"
        )


def _svg_size(data: bytes) -> tuple[float, float] | None:
    """Return an SVG's width and height from its root element, or None if ``data`` is no SVG."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return None
    root = _SVG_ROOT.search(head)
    if root is None:
        return None
    attributes = {name.lower(): value for name, _, value in _ATTRIBUTE.findall(root.group(1))}
    width, height = _length(attributes.get(b"width")), _length(attributes.get(b"height"))
    if width and height:
        return width, height
    box = attributes.get(b"viewbox", b"").replace(b",", b" ").split()
    try:
        box_width, box_height = float(box[2]), float(box[3])
    except (IndexError, ValueError):
        return (width or 300.0, height or 150.0)  # CSS's default replaced-element size
    if box_width <= 0 or box_height <= 0:
        return (300.0, 150.0)
    if width:
        return width, width * box_height / box_width
    if height:
        return height * box_width / box_height, height
    return box_width, box_height


def _length(value: bytes | None) -> float | None:
    if value is None:
        return None
    match = _LENGTH.match(value)
    if match is None:
        return None
    number = float(match.group(1)) * _TO_PX[(match.group(2) or b"").lower()]
    return number or None
