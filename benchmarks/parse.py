"""Time the spaCy pipeline's components on the eval articles, and the attribute ruler's lookup against its Matcher.

Every article of about ``--words`` words (±40 %) in ``<data>/articles`` is
parsed by briefing's pipeline (``load_pipeline()``), one component at a
time, several times; the table gives each component's CPU milliseconds per
1,000 words (the fastest run of each article, then the median over the
articles). The attribute ruler is timed twice in alternation on the same
tagged documents: with spaCy's own Matcher, and with briefing's lookup
(``briefing.summarise.extractive.attributes``), which finds the same matches
(checked here on every article) without trying every pattern at every token.
The articles are read where they lie; nothing is copied.

Example::

    python benchmarks/parse.py --runs 7
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval"


def articles(data: Path, words: int) -> list[tuple[str, str]]:
    """Return ``(name, text)`` of the articles whose length is within 40 % of ``words``, as briefing reads them."""
    import briefing
    from briefing.errors import BriefingError

    folder = data / "articles"
    if not folder.is_dir():
        raise SystemExit(f"no articles in {folder}; pass --data")
    chosen = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        try:
            text = briefing.read_document(path).text
        except BriefingError:
            continue
        if abs(len(text.split()) - words) <= 0.4 * words:
            chosen.append((path.name, text))
    return chosen


def time_components(nlp, text: str, runs: int) -> dict[str, float]:
    """Return each component's fastest CPU seconds on ``text`` (the tokenizer as "tokenizer")."""
    best: dict[str, float] = {}
    for _ in range(runs):
        started = time.process_time()
        doc = nlp.make_doc(text)
        best["tokenizer"] = min(best.get("tokenizer", 1e9), time.process_time() - started)
        for name, component in nlp.pipeline:
            started = time.process_time()
            doc = component(doc)
            best[name] = min(best.get(name, 1e9), time.process_time() - started)
    return best


def time_ruler(nlp, text: str, runs: int) -> tuple[float, float]:
    """Return the fastest CPU seconds of the ruler's matching with spaCy's Matcher and with the lookup, alternated."""
    from spacy.pipeline import AttributeRuler

    ruler = nlp.get_pipe("attribute_ruler")
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline[: nlp.pipe_names.index("attribute_ruler")]:
        doc = component(doc)
    lookup, matcher = ruler.match, AttributeRuler.match.__get__(ruler)
    if lookup(doc) != matcher(doc):
        raise SystemExit("the lookup's matches differ from the Matcher's")
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, bucket in ((matcher, times[0]), (lookup, times[1])):
            started = time.process_time()
            action(doc)
            bucket.append(time.process_time() - started)
    return min(times[0]), min(times[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the eval folder (default: {DEFAULT_DATA})")
    parser.add_argument("--words", type=int, default=1000, help="articles of about this many words (default: 1000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per article (default: 5)")
    args = parser.parse_args(argv)
    from briefing.summarise.extractive.nlp import load_pipeline

    nlp = load_pipeline()
    chosen = articles(args.data.resolve(), args.words)
    if not chosen:
        raise SystemExit(f"no article of about {args.words} words in {args.data / 'articles'}")
    per_component: dict[str, list[float]] = {}
    ruler: tuple[list[float], list[float]] = ([], [])
    for _, text in chosen:
        thousands = len(text.split()) / 1000
        nlp(text)  # warm
        for name, seconds in time_components(nlp, text, args.runs).items():
            per_component.setdefault(name, []).append(seconds * 1000 / thousands)
        if "attribute_ruler" in nlp.pipe_names:
            for bucket, seconds in zip(ruler, time_ruler(nlp, text, args.runs)):
                bucket.append(seconds * 1000 / thousands)
    print(f"{len(chosen)} articles of {args.words} ± 40 % words; CPU ms per 1,000 words, median over the articles "
          f"of each one's fastest of {args.runs} runs")
    print(f"{'component':<18} {'ms':>8}")
    for name, values in per_component.items():
        print(f"{name:<18} {statistics.median(values):>8.1f}")
    print(f"{'whole pipeline':<18} {sum(statistics.median(v) for v in per_component.values()):>8.1f}")
    if ruler[0]:
        print(f"\nattribute ruler's matching: spaCy's Matcher {statistics.median(ruler[0]):.1f} ms, "
              f"briefing's lookup {statistics.median(ruler[1]):.1f} ms per 1,000 words (same matches on every article)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
