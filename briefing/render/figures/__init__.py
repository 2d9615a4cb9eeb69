"""The brief's figures: the timeline and the actor map, drawn from its own timeline and relations.

Imported only when a brief is rendered with figures, so a build without
them loads none of this (nor numpy's layout, nor Pillow). Each figure is a
Scene drawn as SVG (HTML, PDF) or PNG (DOCX), with a caption and a text
alternative; a brief with fewer than two dated events or two related
actors has no such figure.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable

from briefing.model import Brief, Evidence, Relation, TimelineEvent
from briefing.page import (PAIRED_MAP_WIDTH, PAIRED_TIMELINE_WIDTH, PRINT_WIDTH, is_pair, map_print_height,
                           timeline_caption)
from briefing.render.figures.actor_map import actor_graph, describe_actor_map
from briefing.render.figures.scene import Scene

MAX_TIMELINE_EVENTS = 12
# Two small figures share the printed width, side by side (briefing.page.is_pair): the timeline in a narrow
# column, the map beside it.

ACTOR_MAP_CAPTION = "Arrows run from the actor who acts; bold: the most salient."
SHAPE_NAMES = {"country": "rectangle: country", "organisation": "rounded: organisation", "person": "ellipse: person",
               "group": "hexagon: group"}


def map_caption(graph) -> str:
    """Return the map's caption: what it shows, and what each shape drawn means."""
    kinds = {actor.type for actor in graph.actors}
    shapes = "; ".join(words for kind, words in SHAPE_NAMES.items() if kind in kinds)
    return f"{ACTOR_MAP_CAPTION[:-1]}; {shapes}."


@dataclass(frozen=True)
class Figure:
    """One figure: its id, caption, text alternative, Mermaid text, and the scene behind its SVG and PNG.

    The scene is laid out on first use, so a format that needs only the
    Mermaid text (Markdown) lays nothing out.
    """

    ident: str
    caption: str
    alt: str
    mermaid: str
    lay_out: Callable[[], Scene] = field(repr=False, compare=False)
    width: float | None = None  # the column it is drawn for, when it shares the width with the other figure
    print_height: float | None = None  # the most height it is printed at (the page planned for no more)

    @functools.cached_property
    def scene(self) -> Scene:
        return self.lay_out()

    @functools.cached_property
    def svg(self) -> str:
        from briefing.render.figures.svg import to_svg

        return to_svg(self.scene, self.ident)

    @functools.cached_property
    def shapes_svg(self) -> str:
        """Return the SVG without its labels, for a printed page that sets them as text (see :attr:`overlay`)."""
        from briefing.render.figures.svg import to_svg

        return to_svg(self.scene, self.ident, text=False)

    @functools.cached_property
    def overlay(self):
        from briefing.render.figures.overlay import overlay

        return overlay(self.scene, self.print_width, self.print_height)

    @property
    def print_width(self) -> float:
        """Return the most points the printed figure may take: its column's width."""
        return self.width or PRINT_WIDTH

    def png(self) -> bytes:
        return _png(self.scene)


@functools.lru_cache(maxsize=8)
def _png(scene: Scene) -> bytes:
    from briefing.render.figures.png import to_png

    return to_png(scene)


@dataclass(frozen=True)
class Figures:
    """The figures a brief has (None for one it has too little for), and their items as text.

    ``events`` are ``(date as read, label, event)`` for the timeline's plain
    list and table; ``links`` the actor map's relations. ``paired``: the two
    are small enough to stand side by side.
    """

    timeline: Figure | None = None
    actor_map: Figure | None = None
    events: tuple[tuple[str, str, TimelineEvent], ...] = ()
    links: tuple[Relation, ...] = ()
    paired: bool = False

    @property
    def event_items(self) -> list[tuple[str, str, TimelineEvent]]:
        """Return ``(date, label, event)`` for a plain list of the timeline."""
        return list(self.events)

    @property
    def link_items(self) -> list[tuple[str, str, Relation]]:
        """Return ``("", "source → label → target", relation)`` for a plain list of the actor map."""
        return [("", f"{r.source} → {r.label} → {r.target}", r) for r in self.links]


def brief_figures(brief: Brief, note_numbers: Callable[[tuple[Evidence, ...]], tuple[int, ...]]) -> Figures:
    """Draw the brief's figures; ``note_numbers`` numbers an item's evidence as the rest of the brief does."""

    def note(item) -> int | None:
        numbers = note_numbers(item.evidence)
        return numbers[0] if numbers else None

    from briefing.render.figures.mermaid import flowchart_mermaid, timeline_mermaid
    from briefing.render.figures.text import display_date
    from briefing.render.figures.timeline_layout import describe_timeline, event_label

    events = brief.timeline[:MAX_TIMELINE_EVENTS] if len(brief.timeline) >= 2 else ()
    graph = actor_graph(brief)
    paired = bool(events) and graph is not None and is_pair(
        len(events), len(graph.actors), (a.name for a in graph.actors), (r.label for r in graph.relations))
    timeline = None
    if events:
        notes = tuple(note(e) for e in events)
        width = PAIRED_TIMELINE_WIDTH if paired else PRINT_WIDTH
        timeline = Figure("figure-timeline", timeline_caption(events), describe_timeline(events), timeline_mermaid(events),
                          functools.partial(_timeline_scene, events, notes, width), width if paired else None)
    actor_map = None
    if graph is not None:
        notes = tuple(note(r) for r in graph.relations)
        width = PAIRED_MAP_WIDTH if paired else PRINT_WIDTH
        actor_map = Figure("figure-actor-map", map_caption(graph), describe_actor_map(graph), flowchart_mermaid(graph),
                           functools.partial(_actor_map_scene, graph, notes, width, paired), width if paired else None,
                           map_print_height(len(graph.actors), paired))
    rows = tuple((display_date(e), event_label(e), e) for e in events)
    return Figures(timeline, actor_map, rows, graph.relations if graph else (), paired)


# A build renders one brief in several formats in one process: each scene is laid out once.
@functools.lru_cache(maxsize=8)
def _timeline_scene(events: tuple[TimelineEvent, ...], notes: tuple[int | None, ...], width: float) -> Scene:
    from briefing.render.figures.timeline_layout import timeline_scene

    numbers = dict(zip(map(id, events), notes))
    return timeline_scene(events, lambda event: numbers[id(event)], width)


@functools.lru_cache(maxsize=8)
def _actor_map_scene(graph, notes: tuple[int | None, ...], width: float, paired: bool) -> Scene:
    from briefing.render.figures.graph_layout import actor_map_scene  # numpy: only when the map is drawn

    numbers = dict(zip(map(id, graph.relations), notes))
    height = map_print_height(len(graph.actors), paired)
    return actor_map_scene(graph, lambda relation: numbers[id(relation)], width, height)
