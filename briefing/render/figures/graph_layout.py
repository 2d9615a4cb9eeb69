"""Lay out the actor map: a seeded force-directed placement, then labels pushed apart.

Fruchterman–Reingold in numpy (numpy is already the ranker's dependency):
the same seed gives the same picture on every run. Node boxes are then
separated and every link label is slid along its link, or the whole drawing
spread out, until no two labels or boxes overlap.
"""

from __future__ import annotations

import math

import numpy as np

from briefing.model import Actor, Relation
from briefing.render.figures.actor_map import MAX_NODES, ActorGraph, describe_actor_map
from briefing.render.figures.overlay import LEGIBLE_SIZE
from briefing.render.figures.scene import Box, Label, Line, Scene, overlaps, text_width
from briefing.render.figures.text import wrap

SEED = 1917
GRAVITY = 2.0
MIN_CANVAS = 0.3  # of TARGET, for a group of two actors
PACK_WIDTH = 480.0  # the printed page's text width: the map is not scaled down, its text stays legible
PACK_GAP = 18.0
CLEAR_LINK_ATTEMPTS = 2  # spreads in which a layout must also keep every link off other actors' boxes
MIN_LINK = 24.0  # the least line an arrow shows between its boxes, so its direction reads at a glance
OVERFLOW_ACCEPTED = 0.15  # a legible layout this much taller than its room ends the search after its spread
SEEDS = 3  # layouts tried per spread, each seeded, before the drawing is spread further
SPREADS = tuple(np.array(s) for s in ((1.0, 1.0), (1.1, 1.3), (1.5, 1.0), (1.2, 1.6), (1.9, 1.1), (1.3, 2.0),
                                       (1.6, 3.0)))
SIZE = 9.0
LABEL_SIZE = 7.5
PAD = 6.0
MARGIN = 8.0
TARGET = (420.0, 220.0)  # wider than tall: a brief's page has little height to spare
SHAPES = {"person": "ellipse", "country": "rect", "organisation": "round", "group": "hexagon"}
FILLS = {"person": "#ffffff", "country": "#e6e6e6", "organisation": "#ffffff", "group": "#f2f2f2"}
# Where a link's label may sit: a fraction of the way along the link, how far above or below it, and on
# which side (0: centred on it; 1, -1: starting right of it, ending left of it). Spots clear of every line
# are taken first (see _place_labels), so the nearest clear one wins.
SIDE_GAP = 4.0
_SPOTS = tuple((t, lift, side) for lift in (0.0, -7.0, 7.0, -12.0, 12.0)
               for t in (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8) for side in (0, 1, -1))


def actor_map_scene(graph: ActorGraph, note, width: float = PACK_WIDTH, height: float = 320.0) -> Scene:
    """Return the scene of ``graph`` about ``width`` by ``height`` points at most; ``note(relation)`` gives each link's note.

    Each connected group of actors is laid out on its own, then the groups
    are packed in rows, the most salient first, so that actors with nothing
    between them are not flung to opposite corners.
    """
    index = {actor.name: i for i, actor in enumerate(graph.actors)}
    edges = [(index[r.source], index[r.target]) for r in graph.relations]
    sizes = [_node_size(a, i) for i, a in enumerate(graph.actors)]
    target = np.array((min(TARGET[0], width - 60.0), min(TARGET[1], height - 60.0)))
    room = (width - 2 * MARGIN, height - 2 * MARGIN)
    pieces = [_component_items(graph, part, edges, sizes, note, target, room) for part in components(len(sizes), edges)]
    return _fit(_pack(pieces, width), describe_actor_map(graph))


def components(count: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    """Return the connected groups of nodes ``0..count-1``, each in order, the group of node 0 first."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for node in range(count):
        groups.setdefault(root(node), []).append(node)
    return sorted(groups.values(), key=lambda group: group[0])


def _component_items(graph: ActorGraph, part: list[int], edges, sizes, note, target: np.ndarray,
                     room: tuple[float, float]) -> list:
    """Lay out one connected group of actors and their links within ``room`` (width, height) if it can; return what to draw.

    The first layout whose labels are all clear and that the page can print
    within the room, its labels legible (:func:`_print_cost`), wins; else the
    one that costs least (labels below legible, then labels left on their
    own line, then height past the room), the search ending after a spread that found a
    legible one at most :data:`OVERFLOW_ACCEPTED` taller than the room.
    """
    local = {node: i for i, node in enumerate(part)}
    links = [(r, (local[a], local[b])) for r, (a, b) in zip(graph.relations, edges) if a in local]
    relations = [r for r, _ in links]
    local_edges = [e for _, e in links]
    local_sizes = [sizes[node] for node in part]
    if len(part) == 2:  # one link: the two actors side by side, its label between them
        centres = _pair(local_sizes, relations[0].label)
        placed = _place_labels(centres, local_sizes, relations, local_edges, note, strict=False)
        return _draw([(graph.actors[node], node) for node in part], centres, local_sizes, local_edges, placed)
    canvas = target * max(MIN_CANVAS, math.sqrt(len(part) / MAX_NODES))  # a small group, a small drawing
    actors = [(graph.actors[node], node) for node in part]
    best: tuple[tuple[float, int, float], list] | None = None
    units = force_layouts(len(part), local_edges, range(SEED, SEED + SEEDS))  # spread below
    for attempt, spread in enumerate(SPREADS):  # wider, then taller spreads: the map shares its page with text
        for unit in units:
            centres = _separate(unit * canvas * spread, local_sizes)
            # Links clear of other actors' boxes, labels clear of the lines, if the first spreads allow it.
            clear = ((attempt >= CLEAR_LINK_ATTEMPTS or _links_clear(centres, local_sizes, local_edges))
                     and _links_long_enough(centres, local_sizes, local_edges))
            placed = (_place_labels(centres, local_sizes, relations, local_edges, note,
                                    cross=attempt >= CLEAR_LINK_ATTEMPTS) if clear else None)
            if placed is None:
                continue
            items = _draw(actors, centres, local_sizes, local_edges, placed)
            left, top, right, bottom = _extent(items)
            segments = [(_clip(centres[b], centres[a], local_sizes[b]), _clip(centres[a], centres[b], local_sizes[a]))
                        for a, b in local_edges]
            crossed = sum(_on_a_line(label, segments) for label in placed)  # labels left on their own line
            legible, overflow = _print_cost(right - left, bottom - top, room)
            key = (legible, crossed, overflow)
            if key == (0.0, 0, 0.0):
                return items
            best = best if best is not None and best[0] <= key else (key, items)
        if best is not None and best[0][:2] == (0.0, 0) and best[0][2] <= OVERFLOW_ACCEPTED * room[1]:
            return best[1]  # legible, a little taller than planned: wider spreads would only be bigger
    if best is not None:
        return best[1]
    placed = _place_labels(centres, local_sizes, relations, local_edges, note, strict=False)
    return _draw(actors, centres, local_sizes, local_edges, placed)


def _print_cost(width: float, height: float, room: tuple[float, float]) -> tuple[float, float]:
    """Return what printing a drawing in ``room`` costs: how far its labels fall below legible, then its overflow.

    The page scales a drawing to its room's width, and to its height as far
    as its labels stay legible (:func:`~briefing.render.figures.overlay.overlay`);
    ``(0, 0)`` is a drawing printed whole, legible and within its room.
    Drawn exactly as big as its room, it costs nothing extra.
    """
    legible = LEGIBLE_SIZE / LABEL_SIZE
    scale = min(1.0, room[0] / width, max(legible, room[1] / height))
    overflow = max(0.0, height * scale - room[1])
    return (round(max(0.0, legible - scale), 4), round(overflow, 1))


def _pair(sizes, label: str) -> np.ndarray:
    """Return the centres of two actors in a row, far enough apart for their link's label."""
    room = text_width(label + " [00]", LABEL_SIZE) + 40
    return np.array([[0.0, 0.0], [sizes[0][0] / 2 + room + sizes[1][0] / 2, 0.0]])


def _pack(pieces: list[list], width: float = PACK_WIDTH) -> list:
    """Place the groups' drawings in rows no wider than ``width``, in order; return all their items."""
    items: list = []
    x = y = row = 0.0
    for piece in pieces:
        left, top, right, bottom = _extent(piece)
        piece_width, height = right - left, bottom - top
        if x > 0 and x + piece_width > width:
            x, y, row = 0.0, y + row + PACK_GAP, 0.0
        items += [_shift(item, x - left, y - top) for item in piece]
        x += piece_width + PACK_GAP
        row = max(row, height)
    return items


def _extent(items: list) -> tuple[float, float, float, float]:
    bounds = [i.bounds() for i in items if isinstance(i, (Box, Label))]
    return (min(b[0] for b in bounds), min(b[1] for b in bounds), max(b[2] for b in bounds), max(b[3] for b in bounds))


def force_layout(count: int, edges: list[tuple[int, int]], *, seed: int = SEED, iterations: int = 60) -> np.ndarray:
    """Return ``count`` positions in the unit square by Fruchterman–Reingold with gravity, seeded.

    Gravity keeps the pieces of a graph that is not connected near each
    other instead of flung to the corners.
    """
    return force_layouts(count, edges, (seed,), iterations=iterations)[0]


def force_layouts(count: int, edges: list[tuple[int, int]], seeds, *, iterations: int = 60) -> np.ndarray:
    """Return one :func:`force_layout` per seed, shape (seeds, count, 2), all computed at once.

    The graphs are small, so numpy's cost is per call, not per node: the
    seeds share every array operation instead of each paying for its own.
    """
    pos = np.stack([np.random.default_rng(seed).random((count, 2)) for seed in seeds])
    if count == 1:
        return pos
    adjacency = np.zeros((count, count))
    for a, b in edges:
        adjacency[a, b] = adjacency[b, a] = 1.0
    k = 1.0 / math.sqrt(count)
    temperature = 0.1
    for _ in range(iterations):
        delta = pos[:, :, None, :] - pos[:, None, :, :]
        distance = np.sqrt(np.maximum((delta * delta).sum(axis=-1), 1e-4))
        force = k * k / distance**2 - adjacency * distance / k
        centre = pos.sum(axis=1, keepdims=True) / count
        displacement = (force[..., None] * delta).sum(axis=2) - GRAVITY * (pos - centre)
        length = np.sqrt(np.maximum((displacement * displacement).sum(axis=-1), 1e-4))
        pos += displacement * (np.minimum(length, temperature) / length)[..., None]
        temperature *= 0.97
    pos -= pos.min(axis=1, keepdims=True)
    return pos / np.maximum(pos.max(axis=1, keepdims=True), 1e-9)


def _node_size(actor: Actor, rank: int) -> tuple[float, float, list[str], float, bool]:
    size = SIZE + (1.5 if rank < 3 else 0.0)
    bold = rank < 3
    lines = wrap(actor.name, 110, size, bold=bold)
    width = max(text_width(line, size, bold=bold) for line in lines) + 2 * PAD
    height = len(lines) * size * 1.2 + 2 * PAD
    if SHAPES[actor.type] in ("ellipse", "hexagon"):
        width += 14
    return width, height, lines, size, bold


def _separate(centres: np.ndarray, sizes, gap: float = 14.0) -> np.ndarray:
    """Push overlapping node boxes apart along the line between their centres."""
    centres = centres.copy()
    for _ in range(200):
        moved = False
        for i in range(len(centres)):
            for j in range(i + 1, len(centres)):
                dx, dy = centres[j] - centres[i]
                need_x = (sizes[i][0] + sizes[j][0]) / 2 + gap - abs(dx)
                need_y = (sizes[i][1] + sizes[j][1]) / 2 + gap - abs(dy)
                if need_x > 0 and need_y > 0:
                    moved = True
                    if need_x < need_y * 2:
                        shift = np.array([math.copysign(need_x / 2 + 0.5, dx or (j - i)), 0.0])
                    else:
                        shift = np.array([0.0, math.copysign(need_y / 2 + 0.5, dy or (j - i))])
                    centres[i] -= shift
                    centres[j] += shift
        if not moved:
            break
    return centres


def _links_clear(centres, sizes, edges, gap: float = 3.0) -> bool:
    """Tell whether every link runs clear of the boxes of the actors it does not join."""
    for a, b in edges:
        for other, (centre, size) in enumerate(zip(centres, sizes)):
            if other not in (a, b) and _crosses(centres[a], centres[b], _box_bounds(centre, size), gap):
                return False
    return True


def _links_long_enough(centres, sizes, edges) -> bool:
    """Tell whether every link shows at least :data:`MIN_LINK` points of line between its two boxes."""
    for a, b in edges:
        start, end = _clip(centres[a], centres[b], sizes[a]), _clip(centres[b], centres[a], sizes[b])
        if math.dist(start, end) < MIN_LINK:
            return False
    return True


def _crosses(start, end, box, gap: float) -> bool:
    """Tell whether the segment start→end passes through ``box`` grown by ``gap`` (Liang–Barsky clipping)."""
    left, top, right, bottom = box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap
    dx, dy = end[0] - start[0], end[1] - start[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, start[0] - left), (dx, right - start[0]), (-dy, start[1] - top), (dy, bottom - start[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _box_bounds(centre, size) -> tuple[float, float, float, float]:
    return (centre[0] - size[0] / 2, centre[1] - size[1] / 2, centre[0] + size[0] / 2, centre[1] + size[1] / 2)


def _place_labels(centres, sizes, relations: tuple[Relation, ...], edges, note, *, strict: bool = True,
                  cross: bool = False) -> list[Label] | None:
    """Put each link's label beside or on its link, clear of every box, label and line; None if one cannot be.

    A label that no spot keeps clear of the links may sit on its own link
    (its white ground hides the line under it) only when ``cross`` allows;
    not ``strict``, a label that has no free spot at all takes its link's middle.
    """
    taken = [_box_bounds(c, s) for c, s in zip(centres, sizes)]
    segments = [(_clip(centres[b], centres[a], sizes[b]), _clip(centres[a], centres[b], sizes[a])) for a, b in edges]
    labels: list[Label] = []
    for relation, (start, end) in zip(relations, segments):
        label, on_its_line = None, None
        for t, lift, side in _SPOTS:
            spot = _link_label(relation, end + (start - end) * t, lift, note, side)
            if any(overlaps(spot.bounds(), other, gap=2.0) for other in taken):
                continue
            if not _on_a_line(spot, segments):
                label = spot
                break
            if on_its_line is None and side == 0:
                on_its_line = spot  # its white ground hides the line under it: the last resort
        if label is None and (cross or not strict):
            label = on_its_line
        if label is None and strict:
            return None
        label = label or _link_label(relation, end + (start - end) * 0.5, 0.0, note)
        taken.append(label.bounds())
        labels.append(label)
    return labels


def _on_a_line(label: Label, segments, gap: float = 1.5) -> bool:
    """Tell whether any link runs through the label's box."""
    return any(_crosses(start, end, label.bounds(), gap) for start, end in segments)


def _link_label(relation: Relation, point, lift: float, note, side: int = 0) -> Label:
    """Return the link's label centred on ``point`` (``side`` 0), or starting right of it (1) or ending left of it (-1)."""
    anchor = {0: "middle", 1: "start", -1: "end"}[side]
    return Label(float(point[0]) + side * SIDE_GAP, float(point[1]) + LABEL_SIZE * 0.3 + lift, relation.label,
                 LABEL_SIZE, anchor=anchor, halo=True, note=note(relation))


def _clip(inside: np.ndarray, outside: np.ndarray, size) -> np.ndarray:
    """Return where the segment from ``outside`` to ``inside`` meets the box of ``size`` around ``inside``."""
    dx, dy = outside - inside
    if dx == 0 and dy == 0:
        return inside
    scale = min(size[0] / 2 / abs(dx) if dx else math.inf, size[1] / 2 / abs(dy) if dy else math.inf)
    return inside + np.array([dx, dy]) * min(scale, 1.0)


def _draw(actors: list[tuple[Actor, int]], centres, sizes, edges, labels) -> list:
    """Return the links, then the boxes with their names, then the link labels; ``actors`` carry their rank."""
    items: list = []
    for (a, b) in edges:
        start = _clip(centres[a], centres[b], sizes[a])
        end = _clip(centres[b], centres[a], sizes[b])
        items.append(Line(*map(float, (*start, *end)), width=1.0, arrow=True))
    for (actor, rank), centre, (w, h, lines, size, bold) in zip(actors, centres, sizes):
        x, y = map(float, centre)
        items.append(Box(x, y, w, h, SHAPES[actor.type], FILLS[actor.type], 2.0 if rank < 3 else 1.0,
                         dashed=actor.type == "group"))
        first = y - (len(lines) - 1) * size * 0.6 + size * 0.35
        for i, line in enumerate(lines):
            items.append(Label(x, first + i * size * 1.2, line, size, bold=bold, anchor="middle"))
    return items + labels


def _fit(items: list, description: str) -> Scene:
    """Move the drawing to the origin with a margin and size the scene to it."""
    left, top, right, bottom = _extent(items)
    moved = [_shift(item, MARGIN - left, MARGIN - top) for item in items]
    return Scene(round(right - left + 2 * MARGIN, 1), round(bottom - top + 2 * MARGIN, 1), "Actor map", description,
                 tuple(moved))


def _shift(item, dx: float, dy: float):
    from dataclasses import replace

    if isinstance(item, Line):
        return replace(item, x1=_r(item.x1 + dx), y1=_r(item.y1 + dy), x2=_r(item.x2 + dx), y2=_r(item.y2 + dy))
    return replace(item, x=_r(item.x + dx), y=_r(item.y + dy))


def _r(value: float) -> float:
    return round(value, 1)
