"""Time each renderer on the seed's brief and on the longest article's, against WeasyPrint's own floor.

Each brief is summarised once; then every built-in renderer renders it
several times in this process (after one warm-up run, so imports and
first-use caches are not counted) and the median is reported. Our PDF and
the floor are timed in alternation, so a change in the machine's load
(other work on it) falls on both alike. The PDF is
rendered with a marking and an organisation, so the paged-media extras
(marking and title in the page margins, page X of Y, footer) are in play.

The floor is WeasyPrint alone turning an equivalent plain HTML page into a
PDF: the HTML renderer's page (the same text, markup and fonts, no print
stylesheet, so no margin boxes, running elements or page counters), given
straight to ``weasyprint.HTML(string=…).write_pdf()``. The target is our PDF
within 1.3 times that floor, and DOCX and Markdown under 50 ms on the seed.

The figures (the timeline and the actor map) are measured twice: each format
rendered with and without them, in alternation, the difference being what
they add; and the drawing alone (choosing, laying out, SVG, PNG, Mermaid).
The target is at most 60 ms added per brief for the default build (md, docx
and pdf), the drawing (done once per brief, whatever the formats) included.
It is judged on the fastest runs (with figures, less without): what the
code costs when nothing else on the machine disturbs it, as ``timeit``
advises; the medians, which other programs' load moves by tens of ms on a
shared machine, are printed beside it. A fresh process that renders without figures must not import the
drawing code (``--cold`` checks it).

The articles are read where they lie (``--data``, default ``../shared/eval``
beside the repository); nothing is copied into the repository.

Example::

    python benchmarks/render.py --runs 7
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
SEED = ROOT / "seeds" / "sahel-security-pact.txt"
FORMATS = ("md", "html", "json", "docx", "pdf")
PDF_TARGET = 1.3
FAST_TARGET_MS = 50.0
FAST_FORMATS = ("docx", "md")
FIGURES_TARGET_MS = 60.0
BUILD_FORMATS = ("md", "docx", "pdf")
#: What a run is timed by: wall time, or with --cpu this process's CPU time (less moved by other programs' load).
CLOCK: list[Callable[[], float]] = [time.perf_counter]


@dataclass(frozen=True)
class Timing:
    brief: str
    words: int
    what: str
    median_ms: float
    spread_ms: tuple[float, float]
    size: int
    fastest_ms: float | None = None  # for what the figures add: the fastest run with them less the fastest without


def median_ms(action: Callable[[], bytes], runs: int) -> tuple[float, tuple[float, float], int]:
    """Run ``action`` once to warm up, then ``runs`` times; return the median and range in ms, and the size."""
    size = len(action())
    times = []
    for _ in range(runs):
        started = CLOCK[0]()
        action()
        times.append((CLOCK[0]() - started) * 1000)
    return statistics.median(times), (min(times), max(times)), size


def paired_ms(ours: Callable[[], bytes], floor: Callable[[], bytes], runs: int):
    """Time two actions in alternation, so a change in the machine's load falls on both alike."""
    sizes = (len(ours()), len(floor()))
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, bucket in ((ours, times[0]), (floor, times[1])):
            started = CLOCK[0]()
            action()
            bucket.append((CLOCK[0]() - started) * 1000)
    return tuple((statistics.median(t), (min(t), max(t)), size) for t, size in zip(times, sizes))


def longest_article(data: Path) -> Path:
    articles = [p for p in (data / "articles").iterdir() if p.is_file() and "reference" not in p.name]
    if not articles:
        raise SystemExit(f"no articles in {data / 'articles'}; pass --data")
    return max(articles, key=lambda p: (p.stat().st_size, p.name))


def time_brief(label: str, path: Path, runs: int) -> list[Timing]:
    import weasyprint

    import briefing
    from briefing.render import RenderOptions, get_renderer

    brief = briefing.brief_file(path)
    words = brief.source.words
    options = RenderOptions(marking="TLP:AMBER", organisation="Sahel Analysis Unit")
    timings = []
    for name in FORMATS:
        if name == "pdf":
            continue
        renderer = get_renderer(name)
        ms, spread, size = median_ms(lambda: renderer.render(brief, options=options), runs)
        timings.append(Timing(label, words, name, ms, spread, size))
    pdf = get_renderer("pdf")
    plain = get_renderer("html").render(brief, options=RenderOptions()).decode("utf-8")
    ours, floor = paired_ms(
        lambda: pdf.render(brief, options=options), lambda: weasyprint.HTML(string=plain).write_pdf(), runs
    )
    timings.append(Timing(label, words, "pdf", *ours))
    timings.append(Timing(label, words, "pdf floor", *floor))
    return timings + time_figures(label, brief, options, runs)


def time_figures(label: str, brief, options, runs: int) -> list[Timing]:
    """Time what the figures add to each format (with against without, in alternation) and their drawing alone."""
    import dataclasses

    from briefing.render import get_renderer
    from briefing.render.common import Notes, figure_items
    from briefing.render.figures import brief_figures

    words = brief.source.words
    plain = dataclasses.replace(options, figures=False)
    timings = []
    for name in ("md", "html", "docx", "pdf"):
        renderer = get_renderer(name)
        with_figures, without = paired_ms(lambda: renderer.render(brief, options=options),
                                          lambda: renderer.render(brief, options=plain), runs)
        added = with_figures[0] - without[0]
        fastest = with_figures[1][0] - without[1][0]
        timings.append(Timing(label, words, f"+fig {name}", added, (with_figures[0], without[0]), with_figures[2],
                              fastest))
    shown = figure_items(brief, True)

    def draw() -> bytes:
        from briefing.render import figures as drawing

        for cached in (drawing._timeline_scene, drawing._actor_map_scene, drawing._png):
            cached.cache_clear()  # a brief's first render lays out and paints; the others reuse it
        figures = brief_figures(shown, Notes(shown).numbers)
        drawn = [f for f in (figures.timeline, figures.actor_map) if f is not None]
        return b"".join(f.svg.encode() + f.shapes_svg.encode() + f.png() + f.mermaid.encode() for f in drawn)

    ms, spread, size = median_ms(draw, runs)
    timings.append(Timing(label, words, "draw", ms, spread, size, spread[0]))
    return timings


def cold_check() -> int:
    """Render md, docx and pdf without figures in a fresh process; fail if the drawing code was imported."""
    import subprocess

    code = (
        "import sys, time\n"
        "started = time.perf_counter()\n"
        "import briefing\n"
        "from briefing.render import RenderOptions, render\n"
        f"brief = briefing.brief_file({str(SEED)!r})\n"
        "for name in ('md', 'docx', 'pdf'):\n"
        "    render(brief, name, options=RenderOptions(figures=FIGURES))\n"
        "drawing = sorted(m for m in sys.modules if m.startswith('briefing.render.figures'))\n"
        "print(f'{time.perf_counter() - started:.2f}', ' '.join(drawing) or '-')\n"
    )
    failed = 0
    for figures in (False, True):
        out = subprocess.run([sys.executable, "-c", code.replace("FIGURES", str(figures))], capture_output=True,
                             text=True, check=True).stdout.split(maxsplit=1)
        seconds, modules = out[0], out[1].strip()
        print(f"fresh process, figures={figures}: {seconds} s to summarise and render md, docx, pdf; "
              f"drawing modules imported: {modules}")
        failed += not figures and modules != "-"
    return failed


def report(timings: list[Timing]) -> int:
    """Print the table and the targets; return 1 if a target is missed."""
    header = f"{'brief':<34} {'words':>6}  {'output':<10} {'median ms':>10} {'min–max ms':>17} {'bytes':>8}"
    print(header)
    print("-" * len(header))
    for t in timings:
        spread = f"{t.spread_ms[0]:.1f}–{t.spread_ms[1]:.1f}"
        print(f"{t.brief:<34} {t.words:>6}  {t.what:<10} {t.median_ms:>10.1f} {spread:>17} {t.size:>8}")
    print()
    missed = 0
    for brief in dict.fromkeys(t.brief for t in timings):
        by_what = {t.what: t for t in timings if t.brief == brief}
        ratio = by_what["pdf"].median_ms / by_what["pdf floor"].median_ms
        verdict = "ok" if ratio <= PDF_TARGET else "MISSED"
        missed += verdict != "ok"
        print(f"{brief}: PDF {ratio:.2f}× the WeasyPrint floor (target ≤ {PDF_TARGET}×) {verdict}")
    for brief in dict.fromkeys(t.brief for t in timings):
        by_what = {t.what: t for t in timings if t.brief == brief}
        parts = [by_what["draw"]] + [by_what[f"+fig {name}"] for name in BUILD_FORMATS]
        added = sum(t.median_ms for t in parts)
        fastest = sum(t.fastest_ms for t in parts)
        verdict = "ok" if fastest <= FIGURES_TARGET_MS else "MISSED"
        missed += verdict != "ok"
        print(f"{brief}: figures add {fastest:.1f} ms to md+docx+pdf, drawing once included, by the fastest runs "
              f"({added:.1f} ms by the medians; drawing {by_what['draw'].fastest_ms:.1f} ms; "
              f"target ≤ {FIGURES_TARGET_MS:.0f} ms) {verdict}")
    seed = {t.what: t for t in timings if t.brief == timings[0].brief}
    for name in FAST_FORMATS:
        verdict = "ok" if seed[name].median_ms < FAST_TARGET_MS else "MISSED"
        missed += verdict != "ok"
        print(f"{timings[0].brief}: {name} {seed[name].median_ms:.1f} ms (target < {FAST_TARGET_MS:.0f} ms) {verdict}")
    return 1 if missed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the eval folder (default: {DEFAULT_DATA})")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per renderer, after one warm-up (default: 7)")
    parser.add_argument("--cold", action="store_true",
                        help="only check that a fresh process rendering without figures imports no drawing code")
    parser.add_argument("--seed-only", action="store_true", help="time the seed's brief only")
    parser.add_argument("--cpu", action="store_true",
                        help="time by this process's CPU time, not wall time (steadier on a loaded machine)")
    args = parser.parse_args(argv)
    if args.cpu:
        CLOCK[0] = time.process_time
    if args.cold:
        return cold_check()
    if args.seed_only:
        return report(time_brief(f"seed ({SEED.name})", SEED, args.runs))
    longest = longest_article(args.data)
    timings = time_brief(f"seed ({SEED.name})", SEED, args.runs)
    timings += time_brief(f"longest ({longest.name})", longest, args.runs)
    return report(timings)


if __name__ == "__main__":
    sys.exit(main())
