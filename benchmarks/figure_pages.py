"""Compare what the figures cost WeasyPrint between two versions of briefing, in one process.

WeasyPrint's layout of the printed page is where the figures cost most, and a
loaded machine moves a separate run of each version by more than the
difference. So each version writes its print page of the seed, with and
without figures, to a folder (``--dump TAG``, run under each version, e.g.
with ``PYTHONPATH`` pointing at an exported older tree); then one process
turns every dumped page into a PDF in alternation (``--time TAG,TAG``) and
prints the median CPU time each page took and what the figures added.

Example::

    git archive main | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old python benchmarks/figure_pages.py --dump before
    python benchmarks/figure_pages.py --dump after
    python benchmarks/figure_pages.py --time before,after --runs 15
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "sahel-security-pact.txt"
FOLDER = Path(tempfile.gettempdir()) / "briefing-figure-pages"


def dump(tag: str, source: Path, length: str | None = None) -> None:
    """Write the source's print page with and without figures as ``TAG-with.html`` and ``TAG-without.html``."""
    import briefing
    from briefing.render import RenderOptions
    from briefing.render.html import render_html

    brief = briefing.brief_file(source, **({"length": length} if length else {}))
    options = RenderOptions(marking="TLP:AMBER", organisation="Sahel Analysis Unit")
    FOLDER.mkdir(exist_ok=True)
    for name, shown in (("with", options), ("without", dataclasses.replace(options, figures=False))):
        (FOLDER / f"{tag}-{name}.html").write_text(render_html(brief, shown, media="print"), encoding="utf-8")
    print(f"wrote {FOLDER}/{tag}-with.html and {tag}-without.html")


def time_pages(tags: list[str], runs: int) -> None:
    """Print each tag's median CPU ms with and without figures, the pages rendered in alternation."""
    import weasyprint

    base_url = (ROOT / "templates").as_uri() + "/"
    pages = {(tag, name): (FOLDER / f"{tag}-{name}.html").read_text(encoding="utf-8")
             for tag in tags for name in ("with", "without")}

    def render(page: str) -> tuple[float, int]:
        started = time.process_time()
        document = weasyprint.HTML(string=page, base_url=base_url).render()
        document.write_pdf()
        return (time.process_time() - started) * 1000, len(document.pages)

    for page in pages.values():
        render(page)  # warm up
    results: dict[tuple[str, str], list[tuple[float, int]]] = {key: [] for key in pages}
    for _ in range(runs):
        for key, page in pages.items():
            results[key].append(render(page))
    for tag in tags:
        with_ms, without_ms = (statistics.median(ms for ms, _ in results[(tag, n)]) for n in ("with", "without"))
        pages_with, pages_without = results[(tag, "with")][0][1], results[(tag, "without")][0][1]
        print(f"{tag:<10} with figures {with_ms:7.1f} ms CPU, without {without_ms:7.1f}: figures add "
              f"{with_ms - without_ms:6.1f} ms; pages {pages_with} against {pages_without}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", metavar="TAG", help="write this version's print pages under TAG")
    parser.add_argument("--time", metavar="TAG,TAG", help="time the dumped pages of these tags in alternation")
    parser.add_argument("--source", type=Path, default=SEED, help="the source to brief (default: the seed)")
    parser.add_argument("--length", choices=("short", "standard", "full"),
                        help="the brief's length budget (default: the default; full draws every figure)")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per page (default: 15)")
    args = parser.parse_args(argv)
    if args.dump:
        dump(args.dump, args.source, args.length)
    if args.time:
        time_pages(args.time.split(","), args.runs)
    if not (args.dump or args.time):
        parser.error("give --dump TAG or --time TAG,TAG")
    return 0


if __name__ == "__main__":
    sys.exit(main())
