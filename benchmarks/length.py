"""Measure how long briefs are against their sources, and whether they repeat themselves.

For every article in ``<data>/articles/`` (``.txt`` and ``.md``, not the
reference summaries) a brief is built through the public API with default
options (``--length LENGTH`` to choose another budget), rendered to Markdown
and PDF, and measured::

    python benchmarks/length.py [--data DIR] [--length short|standard|full] [--json FILE]

Per article it prints:

- **source words**: ``Document.words``;
- **brief words**: the words of the Markdown body a reader reads: from the
  first section heading to the Sources heading (no front matter, title
  block or sources), footnote markers, table rules and the figures' Mermaid
  blocks left out (each figure's plain list is counted);
- **ratio**: brief words / source words;
- **pages**: the PDF's page count (A4, no marking);
- **fill**: how much of the last page's text area the brief uses (from the
  top margin to the lowest line of text above the footer), so a budget that
  leaves a page half empty shows;
- **twice**: sentences used in two sections: pairs of items (points, and
  quotes) from different sections whose evidence spans overlap;
- **near-dup**: pairs of summary points sharing over 60 % of their content
  words (of the shorter one's, stemmed);
- **in-quote**: points (any section) starting or ending inside a quotation:
  an odd number of quotation marks, or an ellipsis at the end.

Then the targets of issue 17: on sources over 400 words, median and max
ratio (≤ 0.35, ≤ 0.6); max pages for sources under 800 words (1) and for
all (2); and the three counts (0). Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import sys
import time
from itertools import combinations
from pathlib import Path
from typing import Any

from extraction import article_paths  # the same articles the extraction benchmark scores

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval"
POINT_SECTIONS = ("summary", "background", "terms", "implications")
NEAR_DUPLICATE = 0.6
TARGETS = {"median_ratio": 0.35, "max_ratio": 0.6, "max_pages_short": 1, "max_pages": 2}
_FOOTNOTE = re.compile(r"\[\^\d+\]")
_WORDY = re.compile(r"\w")


def body_words(markdown: str) -> int:
    """Count the words of a Markdown brief from its first section heading to its Sources heading."""
    lines = markdown.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
    end = next((i for i, line in enumerate(lines) if line.strip() == "## Sources"), len(lines))
    words = 0
    fenced = False
    for line in lines[start:end]:
        if line.startswith("```"):
            fenced = not fenced  # a Mermaid block draws the figure whose plain list is counted
            continue
        if fenced:
            continue
        if re.fullmatch(r"\|?[\s|:-]+\|?", line.strip() or "x"):
            continue  # a table rule
        words += sum(1 for token in _FOOTNOTE.sub(" ", line).split() if _WORDY.search(token))
    return words


def items(brief: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Return ``(section, item)`` for every point and quote of a brief's JSON."""
    found = [(section, item) for section in POINT_SECTIONS for item in brief.get(section, ())]
    return found + [("quotes", quote) for quote in brief.get("quotes", ())]


def used_twice(brief: dict[str, Any]) -> int:
    """Count pairs of items in different sections whose evidence spans overlap."""
    spans = [(section, e["start"], e["end"]) for section, item in items(brief) for e in item["evidence"]]
    return sum(
        1
        for (s1, a1, b1), (s2, a2, b2) in combinations(spans, 2)
        if s1 != s2 and a1 < b2 and a2 < b1
    )


def near_duplicates(brief: dict[str, Any]) -> int:
    """Count pairs of summary points sharing over 60 % of the shorter one's content words."""
    from briefing.summarise.extractive.ranking import content_words, stem

    bags = [frozenset(map(stem, content_words(p["text"]))) for p in brief.get("summary", ())]
    return sum(
        1 for a, b in combinations(bags, 2) if a and b and len(a & b) / min(len(a), len(b)) > NEAR_DUPLICATE
    )


def inside_quotation(text: str) -> bool:
    """Say whether a point starts or ends inside a quotation, or ends on an ellipsis.

    Quotation marks are read as the summariser reads them when it cuts
    sentences (:func:`briefing.summarise.extractive.parsed.quotation_balance`):
    a closing mark with no opening before it means the point starts inside a
    quotation; an opening left unclosed, that it ends inside one.
    """
    from briefing.summarise.extractive.parsed import quotation_balance

    text = text.strip()
    unopened, unclosed = quotation_balance(text)
    return unopened > 0 or unclosed > 0 or text.rstrip("\"”’'").endswith(("…", "..."))


def points_in_quotes(brief: dict[str, Any]) -> int:
    return sum(1 for section in POINT_SECTIONS for p in brief.get(section, ()) if inside_quotation(p["text"]))


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


TOP_MARGIN, BOTTOM_MARGIN = 21 * 72 / 25.4, 20 * 72 / 25.4  # print.css's A4 margins, in points


def last_page_fill(data: bytes) -> float:
    """Return the share of the last page's text area above its lowest line of body text (the footer left out)."""
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(data)).pages[-1]
    height = float(page.mediabox.height)
    lows: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and BOTTOM_MARGIN < y < height - TOP_MARGIN:
            lows.append(y)

    page.extract_text(visitor_text=visit)
    top = height - TOP_MARGIN
    return (top - min(lows) + 3) / (top - BOTTOM_MARGIN) if lows else 0.0


def measure(path: Path, length: str | None) -> dict[str, Any]:
    import briefing

    options = {"length": length} if length else {}
    start = time.perf_counter()
    document = briefing.read_document(path)
    brief = briefing.summarise_document(document, **options)
    markdown = briefing.render_brief(brief, "md").decode("utf-8")
    pdf = briefing.render_brief(brief, "pdf")
    pages = pdf_pages(pdf)
    data = brief.to_dict()
    words = body_words(markdown)
    return {
        "article": path.name,
        "source_words": document.words,
        "brief_words": words,
        "ratio": words / max(document.words, 1),
        "pages": pages,
        "fill": last_page_fill(pdf),
        "figures": f"{len(brief.timeline)}/{len(brief.relations)}",
        "twice": used_twice(data),
        "near_duplicates": near_duplicates(data),
        "in_quotes": points_in_quotes(data),
        "seconds": time.perf_counter() - start,
    }


def summarise_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    long = [r["ratio"] for r in runs if r["source_words"] > 400]
    short_pages = [r["pages"] for r in runs if r["source_words"] < 800]
    return {
        "articles": len(runs),
        "median_ratio": statistics.median(long) if long else None,
        "max_ratio": max(long) if long else None,
        "max_pages_short": max(short_pages) if short_pages else None,
        "max_pages": max(r["pages"] for r in runs) if runs else None,
        "median_fill": statistics.median(r["fill"] for r in runs) if runs else None,
        "median_fill_one_page": statistics.median(r["fill"] for r in runs if r["pages"] == 1)
        if any(r["pages"] == 1 for r in runs) else None,
        "pages_histogram": {str(n): sum(1 for r in runs if r["pages"] == n) for n in sorted({r["pages"] for r in runs})},
        "twice": sum(r["twice"] for r in runs),
        "near_duplicates": sum(r["near_duplicates"] for r in runs),
        "in_quotes": sum(r["in_quotes"] for r in runs),
    }


def missed(overall: dict[str, Any]) -> list[str]:
    misses = [f"{key} {overall[key]:.2f} > {limit}" for key, limit in TARGETS.items()
              if overall[key] is not None and overall[key] > limit]
    misses += [f"{key} {overall[key]} > 0" for key in ("twice", "near_duplicates", "in_quotes") if overall[key]]
    return misses


def print_table(runs: list[dict[str, Any]], overall: dict[str, Any]) -> None:
    print("| article | source words | brief words | ratio | pages | fill | events/links | twice | near-dup | in-quote |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        print(f"| {r['article'][:48]} | {r['source_words']} | {r['brief_words']} | {r['ratio']:.2f} | {r['pages']} "
              f"| {r['fill']:.2f} | {r['figures']} | {r['twice']} | {r['near_duplicates']} | {r['in_quotes']} |")
    print()
    print(f"articles: {overall['articles']}")
    if overall["median_ratio"] is None:  # --limit picked no source over 400 words
        print("ratio, sources over 400 words: none measured")
    else:
        print(f"ratio, sources over 400 words: median {overall['median_ratio']:.2f} (target <= 0.35), "
              f"max {overall['max_ratio']:.2f} (target <= 0.6)")
    print(f"PDF pages: max {overall['max_pages_short']} for sources under 800 words (target 1), "
          f"max {overall['max_pages']} for all (target 2); histogram {overall['pages_histogram']}")
    print(f"last page's fill: median {overall['median_fill']:.2f}; of one-page briefs {overall['median_fill_one_page']:.2f}")
    print(f"sentences used in two sections: {overall['twice']}; near-duplicate summary pairs: "
          f"{overall['near_duplicates']}; points starting or ending inside a quotation: {overall['in_quotes']}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"eval data folder (default {DEFAULT_DATA})")
    parser.add_argument("--length", choices=("short", "standard", "full"), help="the length budget (default: the default)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON to FILE")
    parser.add_argument("--limit", type=int, help="measure only the first N articles")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    paths = article_paths(args.data.resolve() / "articles")[: args.limit]
    runs = [measure(path, args.length) for path in paths]
    overall = summarise_runs(runs)
    print_table(runs, overall)
    if args.json:
        args.json.write_text(json.dumps({"overall": overall, "articles": runs}, indent=2) + "\n", encoding="utf-8")
    misses = missed(overall)
    if misses:
        print("missed: " + "; ".join(misses))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
