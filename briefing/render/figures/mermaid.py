"""Write the figures as Mermaid (``timeline`` and ``flowchart``), which GitHub and GitLab draw.

Mermaid's syntax gives meaning to ``:``, ``;``, ``#``, quotes and brackets;
text from the source is made inert by replacing them, so an article cannot
change a diagram's structure.
"""

from __future__ import annotations

from briefing.model import TimelineEvent
from briefing.render.figures.actor_map import ActorGraph
from briefing.render.figures.text import display_date
from briefing.render.figures.timeline_layout import event_label

_INERT = str.maketrans({":": "﹕", ";": ",", "#": "＃", '"': "'", "`": "'", "<": "‹", ">": "›", "[": "(", "]": ")",
                        "{": "(", "}": ")", "|": "/", "\n": " ", "\r": " "})
NODE_SHAPES = {"person": '(["{}"])', "country": '["{}"]', "organisation": '("{}")', "group": '{{{{"{}"}}}}'}


def inert(text: str) -> str:
    """Return ``text`` on one line with Mermaid's structural characters replaced by look-alikes."""
    return " ".join(text.translate(_INERT).split())


def timeline_mermaid(events: tuple[TimelineEvent, ...]) -> str:
    """Return a Mermaid ``timeline`` of the events, one section line per date."""
    lines = ["timeline", "    title Timeline"]
    for event in events:
        lines.append(f"    {inert(display_date(event))} : {inert(event_label(event))}")
    return "\n".join(lines)


def flowchart_mermaid(graph: ActorGraph) -> str:
    """Return a Mermaid ``flowchart`` of the actor map: one node per actor, shaped by type, labelled links."""
    ids = {actor.name: f"a{i}" for i, actor in enumerate(graph.actors)}
    lines = ["flowchart LR"]
    for actor in graph.actors:
        lines.append(f"    {ids[actor.name]}" + NODE_SHAPES[actor.type].format(inert(actor.name)))
    for relation in graph.relations:
        lines.append(f'    {ids[relation.source]} -->|"{inert(relation.label)}"| {ids[relation.target]}')
    return "\n".join(lines)
