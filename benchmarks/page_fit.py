"""Compare the length budget's page estimate with the boxes WeasyPrint lays out, block by block.

For each article (default: every one in ``<data>/articles/``) the default
brief is built, its print page laid out by WeasyPrint, and each block the
budget costs (the title block, every point, every actors-table row, every
quote, the timeline's and the map's drawings) is set beside what
:mod:`briefing.summarise.page_space` estimates for it. Prints, per kind of
block, how many there are and how far the estimate is from the page
(points; over is room wasted, under is a page that may overflow)::

    python benchmarks/page_fit.py [--data DIR] [--limit N] [paths …]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import article_paths  # noqa: E402

PX = 0.75  # CSS pixels to points


def laid_out(brief):
    """Return ``(kind, element, height in points)`` for each costed block of ``brief``'s print page."""
    import weasyprint

    from briefing.render import RenderOptions
    from briefing.render.html import render_html

    page = render_html(brief, RenderOptions(), media="print")
    document = weasyprint.HTML(string=page, base_url=(ROOT / "templates").as_uri() + "/").render()
    found: dict[int, tuple[str, object, float]] = {}

    def walk(box, parent_tag):
        element = getattr(box, "element", None)
        if element is not None and hasattr(box, "margin_height") and id(element) not in found:
            kind = _kind(box.element_tag, element, parent_tag)
            if kind:
                found[id(element)] = (kind, element, box.margin_height() * PX)
        for child in getattr(box, "children", None) or ():
            walk(child, getattr(box, "element_tag", None))

    for page_ in document.pages:
        walk(page_._page_box, None)
    return list(found.values())


def _kind(tag: str, element, parent_tag: str | None) -> str | None:
    classes = element.get("class") or ""
    if tag == "header" and "title-block" in classes:
        return "title"
    if tag == "li" and parent_tag == "ul":
        return "point"
    if tag == "tr" and parent_tag == "tbody":
        return "actor"
    if tag == "figure" and "quote" in classes:
        return "quote"
    if tag == "div" and "figure-canvas" in classes:
        return "drawing"
    return None


def estimates(brief):
    """Return the estimate of each block, keyed by kind, in the order the page shows them."""
    from briefing.render.figures import brief_figures
    from briefing.render.common import Notes, figure_items
    from briefing.summarise import page_space

    points = [page_space.point_height(p) for key in ("summary", "background", "terms", "implications")
              for p in getattr(brief, key)]
    shown = figure_items(brief, True)
    figures = brief_figures(shown, Notes(shown).numbers)
    drawings = []
    if figures.timeline:
        drawings.append(page_space.timeline_height(shown.timeline[: len(figures.events)], figures.paired))
    if figures.actor_map:
        from briefing.page import map_print_height

        drawings.append(map_print_height(len({n for r in figures.links for n in (r.source, r.target)}), figures.paired))
    return {"title": [page_space.title_height(brief)], "point": points,
            "actor": [page_space.actor_height(a) for a in brief.actors],
            "quote": [page_space.quote_height(q) for q in brief.quotes], "drawing": drawings}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="sources to brief (default: the eval articles)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval", help="eval data folder")
    parser.add_argument("--limit", type=int, default=None, help="measure only the first N articles")
    args = parser.parse_args()
    import briefing

    paths = args.paths or article_paths(args.data.resolve() / "articles")[: args.limit]
    errors: dict[str, list[float]] = {}
    for path in paths:
        brief = briefing.brief_file(path)
        estimated = estimates(brief)
        for kind, _, height in laid_out(brief):
            if estimated.get(kind):
                errors.setdefault(kind, []).append(estimated[kind].pop(0) - height)
    print("| block | count | estimate − page, median | min | max | under by > 1 pt |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, values in errors.items():
        print(f"| {kind} | {len(values)} | {statistics.median(values):+.1f} | {min(values):+.1f} | {max(values):+.1f} "
              f"| {sum(v < -1 for v in values)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
