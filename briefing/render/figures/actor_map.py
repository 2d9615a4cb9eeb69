"""Choose what the actor map shows: the most salient related actors and the links between them."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Actor, Brief, Relation

MAX_NODES = 12
MAX_LINKS = 15


@dataclass(frozen=True)
class ActorGraph:
    """The actors (most salient first) and relations the map draws."""

    actors: tuple[Actor, ...]
    relations: tuple[Relation, ...]


def actor_graph(brief: Brief, *, max_nodes: int = MAX_NODES, max_links: int = MAX_LINKS) -> ActorGraph | None:
    """Return the graph to draw, or None when fewer than two actors are related.

    Actors are ranked by the brief's order (most salient first); a relation
    is kept when both its ends are among the ``max_nodes`` most salient
    related actors, the links between the most salient first.
    """
    rank = {actor.name: i for i, actor in enumerate(brief.actors)}
    known = [r for r in brief.relations if r.source in rank and r.target in rank and r.source != r.target]
    related = sorted({name for r in known for name in (r.source, r.target)}, key=rank.__getitem__)[:max_nodes]
    chosen = set(related)
    links = [r for r in known if r.source in chosen and r.target in chosen]
    links = sorted(links, key=lambda r: (min(rank[r.source], rank[r.target]), max(rank[r.source], rank[r.target])))
    links = _merge_parallel(links[:max_links])
    if not links:
        return None
    drawn = {name for r in links for name in (r.source, r.target)}
    return ActorGraph(tuple(a for a in brief.actors if a.name in drawn), tuple(links))


def _merge_parallel(links: list[Relation]) -> list[Relation]:
    """Keep one link per ordered pair of actors (the first the source states)."""
    seen: dict[tuple[str, str], Relation] = {}
    for link in links:
        seen.setdefault((link.source, link.target), link)
    return list(seen.values())


def describe_actor_map(graph: ActorGraph) -> str:
    """Say in words what the actor map shows, for readers who cannot see it."""
    links = "; ".join(f"{r.source} → {r.label} → {r.target}" for r in graph.relations)
    return f"Actor map of {len(graph.actors)} actors and {len(graph.relations)} links: {links}."
