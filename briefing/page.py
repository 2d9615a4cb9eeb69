"""The printed page's plan that the length budget and the PDF renderer share: how the figures are placed.

The budget reserves room for the figures before the renderer draws them, so
both read the same rules here: when the timeline and the actor map are small
enough to stand side by side, and the most height a map may be printed at
(a taller drawing is scaled down to it).
"""

from __future__ import annotations

PAIR_MAX_EVENTS = 5  # a timeline of at most this many events…
PAIR_MAX_NODES = 6  # …and a map of at most this many actors stand side by side
PAIRED_MAP_HEIGHTS: tuple[tuple[int, float], ...] = ((3, 110.0), (6, 180.0))  # beside the timeline: the most
MAP_HEIGHTS: tuple[tuple[int, float], ...] = ((2, 70.0), (4, 210.0), (12, 320.0))  # up to N actors: the most


def is_pair(events: int, actors: int) -> bool:
    """Tell whether a timeline of ``events`` and a map of ``actors`` are small enough to stand side by side."""
    return 2 <= events <= PAIR_MAX_EVENTS and 2 <= actors <= PAIR_MAX_NODES


def map_print_height(actors: int, paired: bool) -> float:
    """Return the most height, in points, an actor map of ``actors`` actors is printed at."""
    heights = PAIRED_MAP_HEIGHTS if paired else MAP_HEIGHTS
    return next((height for most, height in heights if actors <= most), heights[-1][1])
