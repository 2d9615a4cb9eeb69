"""Score the brief's summary against Lead-K and sumy's TextRank, LexRank and LSA with ROUGE.

Every system gets the same budget of K sentences per article: K = 3 on
CNN/DailyMail (references are the highlights), K = 5 on BBC News Summary
(references are the extractive reference sentences). Ours is the ``summary``
of the brief exactly as users get it, through the public API. Scores are
ROUGE-1 and ROUGE-2 F1 and ROUGE-Lsum F1 (sentences on separate lines), with
stemming, from the ``rouge-score`` package, averaged over the articles.

Needs the benchmark extra: ``pip install -e '.[bench]'``. The data is read
where it lies (``--data``, default ``../shared/eval`` beside the repository);
it is never copied into the repository.

Example::

    python benchmarks/rouge.py --limit 50 --json /tmp/rouge.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
MEASURES = ("rouge1", "rouge2", "rougeLsum")
LABELS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeLsum": "ROUGE-Lsum"}


@dataclass(frozen=True)
class Collection:
    """One evaluation set: where it is, how many sentences to pick, which field holds the references."""

    name: str
    path: str
    k: int
    references: str


COLLECTIONS = (
    Collection("CNN/DailyMail", "rouge/cnndm_test_250.jsonl", 3, "reference_highlights"),
    Collection("BBC News Summary", "rouge/bbc_test.jsonl", 5, "reference_summary_sentences"),
)


@dataclass
class Result:
    """One system's per-article scores and total time on one collection."""

    scores: dict[str, list[float]] = field(default_factory=lambda: {m: [] for m in MEASURES})
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def row(self, n: int) -> dict[str, float]:
        figures = {m: round(100 * statistics.fmean(v), 2) for m, v in self.scores.items()}
        figures["ms_per_doc"] = round(1000 * self.seconds / n, 2)
        for stage, seconds in self.stage_seconds.items():
            figures[f"{stage}_ms_per_doc"] = round(1000 * seconds / n, 2)
        return figures


class PunktTokenizer:
    """A sumy tokenizer that needs no downloaded NLTK data: untrained Punkt and NLTK's word tokenizer."""

    language = "english"

    def __init__(self) -> None:
        from nltk.tokenize import NLTKWordTokenizer, PunktSentenceTokenizer
        from sumy.nlp.tokenizers import Tokenizer

        self._sentences = PunktSentenceTokenizer()
        self._words = NLTKWordTokenizer()
        self._is_word = Tokenizer._is_word

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.strip() for s in self._sentences.tokenize(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in self._words.tokenize(sentence) if self._is_word(w))


class Baselines:
    """Lead-K and sumy's graph and LSA summarisers, all on the same Punkt sentences."""

    def __init__(self) -> None:
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.lsa import LsaSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words

        self.tokenizer = PunktTokenizer()
        stemmer = Stemmer("english")
        self.summarisers = {}
        for name, cls in (("TextRank", TextRankSummarizer), ("LexRank", LexRankSummarizer), ("LSA", LsaSummarizer)):
            summariser = cls(stemmer)
            summariser.stop_words = get_stop_words("english")
            self.summarisers[name] = summariser

    def systems(self) -> dict[str, Callable[[str, int], list[str]]]:
        found: dict[str, Callable[[str, int], list[str]]] = {"Lead-K": self.lead}
        for name, summariser in self.summarisers.items():
            found[name] = lambda text, k, s=summariser: [str(x) for x in s(self._document(text), k)]
        return found

    def lead(self, text: str, k: int) -> list[str]:
        return [str(s) for s in self._document(text).sentences[:k]]

    def _document(self, text: str):
        from sumy.parsers.plaintext import PlaintextParser

        return PlaintextParser.from_string(text, self.tokenizer).document


def article_body(article: str) -> str:
    """The article as the baselines see it: without a first-line title standing alone.

    Our ingest takes such a line as the document's title, not its body; the
    baselines get the same body text, so none of them can pick the headline.
    """
    head, sep, rest = article.partition("\n\n")
    if sep and "\n" not in head.strip() and rest.strip():
        return rest
    return article


class Ours:
    """The brief's summary through the public API, timing the spaCy parse and the ranking on their own."""

    def __init__(self) -> None:
        import briefing
        import briefing.summarise.extractive.summariser as extractive
        from briefing.ingest import parse_bytes

        self._briefing = briefing
        self._parse_bytes = parse_bytes
        self.stage_seconds = {"parse": 0.0, "ranking": 0.0}
        # Measure only: each stage is wrapped in a timer, its work untouched.
        extractive.parse = self._timed("parse", extractive.parse)
        extractive.rank_summary = self._timed("ranking", extractive.rank_summary)
        # Load the spaCy pipeline before any clock starts.
        self(f"Warm up.\n\nThe pipeline loads once. {'It is then reused. ' * 3}", 1)

    def _timed(self, stage: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.stage_seconds[stage] += time.perf_counter() - start

        return timed

    def __call__(self, article: str, k: int) -> list[str]:
        document = self._parse_bytes(article.encode("utf-8"), "article.txt")
        brief = self._briefing.summarise_document(document, summary_sentences=k)
        return [point.text for point in brief.summary]


def evaluate(collection: Collection, rows: Sequence[dict], systems: dict[str, Callable], ours: Ours | None):
    """Run every system over ``rows`` and return {system: Result}."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(MEASURES), use_stemmer=True)
    results = {name: Result() for name in systems}
    if ours is not None:
        stages_before = dict(ours.stage_seconds)
    for row in rows:
        reference = "\n".join(row[collection.references])
        for name, system in systems.items():
            text = row["article"] if name == "ours" else article_body(row["article"])
            start = time.perf_counter()
            sentences = system(text, collection.k)
            results[name].seconds += time.perf_counter() - start
            scores = scorer.score(reference, "\n".join(" ".join(s.split()) for s in sentences))
            for measure in MEASURES:
                results[name].scores[measure].append(scores[measure].fmeasure)
    if ours is not None and "ours" in results:
        results["ours"].stage_seconds = {k: v - stages_before[k] for k, v in ours.stage_seconds.items()}
    return results


def table(collection: Collection, n: int, figures: dict[str, dict[str, float]]) -> str:
    """Format one collection's figures as a Markdown table, with ours' time split by stage."""
    lines = [
        f"{collection.name} (n={n}, K={collection.k})",
        "",
        "| system | " + " | ".join(LABELS[m] for m in MEASURES) + " | ms/doc |",
        "|---|" + "---:|" * (len(MEASURES) + 1),
    ]
    for name, row in figures.items():
        label = f"ours (--summary-sentences {collection.k})" if name == "ours" else name.replace("-K", f"-{collection.k}")
        lines.append(f"| {label} | " + " | ".join(f"{row[m]:.2f}" for m in MEASURES) + f" | {row['ms_per_doc']:.1f} |")
    if "ours" in figures and "ranking_ms_per_doc" in figures["ours"]:
        row = figures["ours"]
        lines += [
            "",
            f"ours: {row['ms_per_doc']:.1f} ms/doc for the whole brief, of which spaCy parse "
            f"{row['parse_ms_per_doc']:.1f} ms and summary ranking {row['ranking_ms_per_doc']:.2f} ms",
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the eval folder (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles of each collection")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    _fix_hash_seed()

    try:
        baselines = Baselines()
        import rouge_score  # noqa: F401
    except ImportError as exc:
        parser.error(f"{exc}; install the benchmark extra: pip install -e '.[bench]'")
    ours = Ours()
    systems = {"ours": ours, **baselines.systems()}

    report: dict[str, dict] = {}
    for collection in COLLECTIONS:
        path = args.data / collection.path
        if not path.exists():
            parser.error(f"{path}: not found (point --data at the eval folder)")
        with path.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        rows = rows[: args.limit] if args.limit else rows
        results = evaluate(collection, rows, systems, ours)
        figures = {name: result.row(len(rows)) for name, result in results.items()}
        report[collection.name] = {"k": collection.k, "documents": len(rows), "systems": figures}
        print(table(collection, len(rows), figures))
        print()
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def _fix_hash_seed() -> None:
    """Re-run under a fixed PYTHONHASHSEED: sumy's LSA orders its vocabulary by set iteration."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})


if __name__ == "__main__":
    sys.exit(main())
