"""How far the section classifier's scores can reach: terms and implications at every threshold.

The extraction benchmark scores one decision (each sentence takes its most
probable label). This asks what *any* threshold on the classifier's
probability of "terms" (or "implications") could give: it ranks every
sentence of the annotated articles by that probability and walks down the
ranking, reporting the best precision reached at the issue's target recall,
the best recall reached at its target precision, and the best F1. It does so
for the packaged setting (fitted on all articles: scored on what it was
trained on) and for grouped cross-validation by source family (each family
scored by a model fitted on the others, its settings chosen inside that
fit), exactly as ``extraction.py`` refits. A third line, "oracle", lets each
held-out family take its own threshold, the ones that together give the best
precision at the target recall, chosen *with that family's gold*: no real
system has it (it knows how much of an article each family's annotators
mark), so it bounds what calibrating the classifier per source could give.

Units are sentences, as the classifier sees them, and they mirror the
extraction benchmark's counting: recall counts the required gold quotes a
sentence holds, over all required quotes; precision counts the sentences that
hold any gold quote (required or optional) over the sentences taken. Terms
keep the summariser's gate (a story without an instrument has no terms).
Implications are scored on the classifier alone (the brief also lets a
summary sentence be an implication, which the extraction benchmark counts).

    pip install -e '.[bench]'
    python benchmarks/sections_ceiling.py [--data ../shared/eval] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
TARGETS = {"terms": (0.75, 0.70), "implications": (0.60, 0.60)}  # (recall, precision), issue 13


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Counts:
    """Per sentence of one article and one section: required gold quotes held, any gold quote held."""

    required: np.ndarray  # int per sentence
    relevant: np.ndarray  # bool per sentence
    total_required: int


def gold_counts(sentences: Sequence[str], gold: dict, section: str) -> Counts:
    quotes = [(_key(item["quote"]), item.get("required", True)) for item in gold.get(section) or []]
    quotes = [(q, required) for q, required in quotes if q]
    texts = [_key(s) for s in sentences]
    required = np.array([sum(1 for q, r in quotes if r and q in t) for t in texts], dtype=int)
    relevant = np.array([any(q in t for q, _ in quotes) for t in texts], dtype=bool)
    return Counts(required, relevant, sum(1 for _, r in quotes if r))


@dataclass(frozen=True)
class Curve:
    """The precision-recall curve of one ranking of sentences."""

    recall: np.ndarray
    precision: np.ndarray

    @classmethod
    def of(cls, scores: np.ndarray, counts: Sequence[Counts]) -> Curve:
        required = np.concatenate([c.required for c in counts])
        relevant = np.concatenate([c.relevant for c in counts])
        total = sum(c.total_required for c in counts)
        order = np.argsort(-scores, kind="stable")
        recall = np.cumsum(required[order]) / max(total, 1)
        precision = np.cumsum(relevant[order]) / np.arange(1, len(order) + 1)
        return cls(recall, precision)

    def precision_at(self, recall: float) -> float | None:
        reached = self.recall >= recall
        return float(self.precision[reached].max()) if reached.any() else None

    def recall_at(self, precision: float) -> float:
        reached = self.precision >= precision
        return float(self.recall[reached].max()) if reached.any() else 0.0

    def best_f1(self) -> float:
        total = self.recall + self.precision
        f1 = np.divide(2 * self.recall * self.precision, total, out=np.zeros_like(total), where=total > 0)
        return float(f1.max()) if len(f1) else 0.0


def family_points(scores: np.ndarray, counts: Sequence[Counts]) -> list[tuple[int, int, int]]:
    """Every threshold of one family's ranking as (required quotes found, sentences taken, relevant taken)."""
    required = np.concatenate([c.required for c in counts])
    relevant = np.concatenate([c.relevant for c in counts])
    order = np.argsort(-scores, kind="stable")
    found, hits = np.cumsum(required[order]), np.cumsum(relevant[order])
    return [(0, 0, 0)] + [(int(found[k]), k + 1, int(hits[k])) for k in range(len(order))]


def oracle_precision(families: Sequence[list[tuple[int, int, int]]], need: int) -> float | None:
    """The best pooled precision at ``need`` required quotes found when every family picks its own threshold.

    A ratio objective over one choice per family: Dinkelbach's method, each
    step a knapsack over the found count (capped at ``need``) maximising
    relevant − λ·taken.
    """
    ratio = 0.0
    for _ in range(100):
        best: dict[int, tuple[float, int, int]] = {0: (0.0, 0, 0)}  # found (capped) -> (value, taken, relevant)
        for points in families:
            step: dict[int, tuple[float, int, int]] = {}
            for found, (value, taken, hits) in best.items():
                for f, t, h in points:
                    key = min(need, found + f)
                    candidate = (value + h - ratio * t, taken + t, hits + h)
                    if key not in step or candidate[0] > step[key][0]:
                        step[key] = candidate
            best = step
        if need not in best:
            return None
        _, taken, hits = best[need]
        updated = hits / taken if taken else 0.0
        if abs(updated - ratio) < 1e-12:
            return updated
        ratio = updated
    return ratio


@dataclass(frozen=True)
class Annotated:
    """The annotated articles, parsed: feature rows, gold counts per section, source family."""

    articles: dict[str, Any]  # name -> train_sections.Article
    counts: dict[str, dict[str, Counts]]  # name -> section -> Counts
    families: dict[str, str]


def load(data: Path, trainer) -> Annotated:
    """Parse every annotated article as the summariser does; count its gold quotes per sentence."""
    import briefing
    from briefing.summarise.extractive.nlp import load_pipeline
    from briefing.summarise.extractive.parsed import parse

    gold_paths = sorted((data / "gold").glob("*.json"))
    if not gold_paths:
        raise SystemExit(f"no gold annotations in {data / 'gold'}")
    nlp = load_pipeline()
    articles, counts, families = {}, {}, {}
    for path in gold_paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        sentences = [s.text for s in parse(briefing.read_document(data / gold["article"]), nlp).sentences]
        article = trainer.load_article(path, data)
        if len(sentences) != len(article.rows):
            raise SystemExit(f"{path.name}: {len(sentences)} sentences but {len(article.rows)} feature rows")
        articles[path.stem] = article
        families[path.stem] = article.family
        counts[path.stem] = {section: gold_counts(sentences, gold, section) for section in TARGETS}
    return Annotated(articles, counts, families)


def section_scores(model_of, annotated: Annotated, section: str) -> dict[str, np.ndarray]:
    """Each article's sentences' probability of ``section`` by the model ``model_of(name)`` gives it."""
    from briefing.summarise.extractive.features import FEATURE_NAMES

    gate = FEATURE_NAMES.index("story_has_instrument")
    column = ("none", "terms", "implications").index(section)
    scores = {}
    for name, article in annotated.articles.items():
        p = model_of(name).probabilities(article.rows)[:, column].copy()
        if section == "terms" and len(p) and not article.rows[0, gate]:
            p[:] = -1.0  # no instrument, no terms: ranked below every sentence that may be one
        scores[name] = p
    return scores


def figures_of(scores: dict[str, np.ndarray], annotated: Annotated, section: str) -> dict[str, Any]:
    """The best precision at the target recall, recall at the target precision and F1 of one ranking."""
    want_recall, want_precision = TARGETS[section]
    names = list(annotated.articles)
    curve = Curve.of(np.concatenate([scores[n] for n in names]), [annotated.counts[n][section] for n in names])
    return {
        "precision_at_target_recall": curve.precision_at(want_recall),
        "recall_at_target_precision": curve.recall_at(want_precision),
        "best_f1": curve.best_f1(),
    }


def oracle_of(scores: dict[str, np.ndarray], annotated: Annotated, section: str) -> float | None:
    """The best pooled precision at the target recall with a threshold per family, chosen with its gold."""
    names = list(annotated.articles)
    points = [family_points(np.concatenate([scores[n] for n in names if annotated.families[n] == family]),
                            [annotated.counts[n][section] for n in names if annotated.families[n] == family])
              for family in sorted(set(annotated.families.values()))]
    total = sum(annotated.counts[n][section].total_required for n in names)
    return oracle_precision(points, math.ceil(TARGETS[section][0] * total - 1e-9))


def _print_row(section: str, model: str, row: dict[str, Any]) -> None:
    p_at = "-" if row["precision_at_target_recall"] is None else f"{row['precision_at_target_recall']:.3f}"
    print(f"  {section:13s} {model:8s} {p_at:>13s} {row['recall_at_target_precision']:13.3f} {row['best_f1']:8.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"eval data folder (default {DEFAULT_DATA})")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON to FILE")
    args = parser.parse_args(argv)
    from extraction import load_trainer  # the extraction benchmark's loader: the same refits it scores with

    trainer = load_trainer()
    annotated = load(args.data.resolve(), trainer)
    fitted = trainer.fit(list(annotated.articles.values()))
    held_out = {}
    for family in sorted(set(annotated.families.values())):
        model = trainer.fit([a for n, a in annotated.articles.items() if annotated.families[n] != family])
        held_out.update({n: model for n in annotated.articles if annotated.families[n] == family})

    report: dict[str, Any] = {"articles": len(annotated.articles), "sections": {}}
    print(f"Section classifier ceiling on {len(annotated.articles)} annotated articles "
          "(sentences ranked by probability)\n")
    print(f"  {'section':13s} {'model':8s} {'P at target R':>13s} {'R at target P':>13s} {'best F1':>8s}")
    for section, (want_recall, want_precision) in TARGETS.items():
        cv_scores = section_scores(held_out.__getitem__, annotated, section)
        figures = {"fitted": figures_of(section_scores(lambda n: fitted, annotated, section), annotated, section),
                   "cv": figures_of(cv_scores, annotated, section),
                   "cv_family_oracle_precision_at_target_recall": oracle_of(cv_scores, annotated, section)}
        _print_row(section, "fitted", figures["fitted"])
        _print_row(section, "cv", figures["cv"])
        oracle = figures["cv_family_oracle_precision_at_target_recall"]
        print(f"  {section:13s} {'oracle':8s} {'-' if oracle is None else f'{oracle:.3f}':>13s}"
              f"   (cv, each family given the threshold best for its own gold)")
        print(f"  {'':13s} target: recall {want_recall:.2f} with precision {want_precision:.2f}\n")
        report["sections"][section] = {"target": {"recall": want_recall, "precision": want_precision}, **figures}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
