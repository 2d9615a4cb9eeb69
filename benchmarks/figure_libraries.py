"""Measure the candidate ways to lay out and draw the actor map, on a brief's own relations.

Candidates, each timed on the same graph (the actors and links the actor map
would draw), warm (median of --runs after one warm-up) and cold (importing
what it needs in a fresh process):

- ``numpy-fr``: briefing's own seeded Fruchterman–Reingold in numpy (a
  dependency already) and the SVG written by plain code: what ships;
- ``networkx``: ``networkx.spring_layout(seed=…)``, the same SVG writer;
- ``graphviz``: the ``neato`` and ``dot`` programs (a system package), DOT in, SVG out;
- ``matplotlib``: networkx drawing through matplotlib's Agg/SVG backend.

A candidate whose library is missing is reported as such. Run it with an
interpreter that has the optional ones (``pip install networkx matplotlib``,
``apt-get install graphviz``); none of them is a dependency of briefing.

Example::

    python benchmarks/figure_libraries.py samples/sahel-security-pact.json --runs 15
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def graph_of(path: Path):
    from briefing.model import Brief
    from briefing.render.figures.actor_map import actor_graph

    graph = actor_graph(Brief.from_dict(json.loads(path.read_text(encoding="utf-8"))))
    if graph is None:
        raise SystemExit(f"{path}: no two related actors to draw")
    return graph


def ours(graph) -> str:
    from briefing.render.figures.graph_layout import actor_map_scene
    from briefing.render.figures.svg import to_svg

    return to_svg(actor_map_scene(graph, lambda relation: 1), "bench")


def networkx_layout(graph) -> str:
    """Lay out with networkx's spring layout (same seeds), then place labels and write SVG as briefing does."""
    import networkx as nx

    import briefing.render.figures.graph_layout as layout
    from briefing.render.figures.graph_layout import actor_map_scene
    from briefing.render.figures.svg import to_svg

    def spring(count, edges, *, seed=layout.SEED, **_):
        g = nx.Graph()
        g.add_nodes_from(range(count))
        g.add_edges_from(edges)
        positions = nx.spring_layout(g, seed=seed)
        return _unit([positions[n] for n in range(count)])

    original = layout.force_layout
    layout.force_layout = spring
    try:
        return to_svg(actor_map_scene(graph, lambda relation: 1), "bench")
    finally:
        layout.force_layout = original


def _unit(points):
    import numpy as np

    pos = np.array(points, dtype=float)
    pos -= pos.min(axis=0)
    return pos / np.maximum(pos.max(axis=0), 1e-9)


def dot_source(graph) -> str:
    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    shapes = {"person": "ellipse", "country": "box", "organisation": "box", "group": "hexagon"}
    lines = ["digraph G {", 'node [fontname="DejaVu Sans", fontsize=9];', 'edge [fontname="DejaVu Sans", fontsize=7];']
    lines += [f"{quote(a.name)} [shape={shapes[a.type]}];" for a in graph.actors]
    lines += [f"{quote(r.source)} -> {quote(r.target)} [label={quote(r.label)}];" for r in graph.relations]
    return "\n".join(lines + ["}"])


def graphviz(program: str):
    def run(graph) -> str:
        return subprocess.run([program, "-Tsvg"], input=dot_source(graph), capture_output=True, text=True,
                              check=True).stdout

    return run


def matplotlib_draw(graph) -> str:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    import networkx as nx

    g = nx.DiGraph()
    g.add_edges_from((r.source, r.target) for r in graph.relations)
    figure = plt.figure(figsize=(6.7, 4.2))
    positions = nx.spring_layout(g, seed=1917)
    nx.draw_networkx(g, positions, node_shape="s", node_color="#e6e6e6", font_size=8)
    nx.draw_networkx_edge_labels(g, positions, {(r.source, r.target): r.label for r in graph.relations}, font_size=6)
    out = io.StringIO()
    figure.savefig(out, format="svg")
    plt.close(figure)
    return out.getvalue()


CANDIDATES = {
    "numpy-fr": (ours, "import numpy, briefing.render.figures.graph_layout, briefing.render.figures.svg", None),
    "networkx": (networkx_layout, "import networkx", "networkx"),
    "graphviz neato": (graphviz("neato"), None, "neato"),
    "graphviz dot": (graphviz("dot"), None, "dot"),
    "matplotlib": (matplotlib_draw, "import matplotlib; matplotlib.use('svg'); import matplotlib.pyplot, networkx",
                   "matplotlib"),
}


def available(requirement: str | None) -> bool:
    if requirement is None:
        return True
    if requirement in ("neato", "dot"):
        return shutil.which(requirement) is not None
    try:
        __import__(requirement)
    except ImportError:
        return False
    return True


def cold_import_ms(statement: str | None) -> float | None:
    """Return the milliseconds a fresh interpreter spends on ``statement`` (its imports), median of three."""
    if statement is None:
        return None
    code = f"import sys, time; sys.path.insert(0, {str(ROOT)!r}); t = time.perf_counter(); {statement}; " \
           "print((time.perf_counter() - t) * 1000)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(3)]
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", type=Path, nargs="?", default=ROOT / "samples" / "sahel-security-pact.json")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    graph = graph_of(args.brief)
    print(f"{len(graph.actors)} actors, {len(graph.relations)} links from {args.brief.name}")
    print(f"{'candidate':<16} {'warm median ms':>15} {'cold import ms':>15} {'svg bytes':>10}")
    for name, (draw, imports, requirement) in CANDIDATES.items():
        if not available(requirement):
            print(f"{name:<16} {'not installed':>15}")
            continue
        size = len(draw(graph))
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            draw(graph)
            times.append((time.perf_counter() - started) * 1000)
        cold = cold_import_ms(imports)
        cold_text = "-" if cold is None else f"{cold:.0f}"
        print(f"{name:<16} {statistics.median(times):>15.1f} {cold_text:>15} {size:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
