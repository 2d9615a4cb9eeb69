"""Estimate how wide a line of text is set, in points, without a font: the figures and the page budget share it.

Per-character widths of a wide sans-serif (DejaVu Sans), rounded up, so a
box sized by it holds its text in any of the fonts a brief may be set in.
"""

from __future__ import annotations

_NARROW = set("il.,:;!|'’`ijtfrI()[] ")
_WIDE = set("mwMWÆŒ@%")


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return an upper estimate of the width of ``text`` set at ``size`` points."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 0.36
        elif char in _WIDE:
            width += 0.98
        elif char.isupper() or char.isdigit():
            width += 0.74 if char.isupper() else 0.66
        else:
            width += 0.62
    return width * size * (1.08 if bold else 1.0)
