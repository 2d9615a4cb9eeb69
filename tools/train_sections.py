#!/usr/bin/env python3
"""Train the section classifier (briefing/data/sections.json) from annotated articles.

Each sentence of every annotated article is labelled from its gold file
(format: ``<data>/GOLD-FORMAT.md``): "terms" when it holds a gold term's
quote, "implications" when it holds a gold implication's quote, else "none".
Its features are briefing's own parse features (features.py). A multinomial
logistic regression (scikit-learn, ``pip install -e '.[train]'``) is fitted on
standardised features. Its L2 penalty and class weighting are chosen by
leave-one-source-family-out cross-validation inside every fit (so the
extraction benchmark's own cross-validation is nested). The weights are rounded and written as sorted JSON, so
the same data and packages give the same bytes::

    python tools/train_sections.py [--data ../shared/eval]   # (re)write the model
    python tools/train_sections.py --check                   # verify the committed file

The annotated articles are third-party data: only the fitted weights (one
number per feature and label) are shipped, never the text.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
MODEL_PATH = ROOT / "briefing" / "data" / "sections.json"
REGULARISATION_GRID = (0.001, 0.003, 0.005, 0.01, 0.03)  # scikit-learn's C, chosen by grouped CV inside fit()
BALANCE_GRID = (0.0,)  # class weight = (inverse label frequency) ** balance; 0.5 and 1.0 won grouped CV on terms recall but filled Terms with history (the seed lost its background), so unweighted it is
DECIMALS = 6


@dataclass(frozen=True)
class Article:
    """One annotated article, parsed: its feature rows and sentence labels."""

    name: str
    family: str
    rows: np.ndarray
    labels: tuple[str, ...]


def family_of(name: str) -> str:
    """The source family of an article: the prefix of its file name before "__"."""
    return name.split("__", 1)[0] if "__" in name else "other"


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def label_sentences(sentences: Sequence[str], gold: dict) -> tuple[str, ...]:
    """Label each sentence "terms", "implications" or "none" from a gold annotation."""
    terms = [_key(t["quote"]) for t in gold.get("terms") or [] if _key(t.get("quote") or "")]
    implications = [_key(t["quote"]) for t in gold.get("implications") or [] if _key(t.get("quote") or "")]
    labels = []
    for sentence in sentences:
        text = _key(sentence)
        if any(q in text for q in terms):
            labels.append("terms")
        elif any(q in text for q in implications):
            labels.append("implications")
        else:
            labels.append("none")
    return tuple(labels)


def load_article(gold_path: Path, data: Path) -> Article:
    """Parse an annotated article as the summariser does and label its sentences."""
    import briefing
    from briefing.summarise.extractive.features import sentence_features
    from briefing.summarise.extractive.nlp import load_pipeline
    from briefing.summarise.extractive.parsed import parse

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    parsed = parse(briefing.read_document(data / gold["article"]), load_pipeline())
    labels = label_sentences([s.text for s in parsed.sentences], gold)
    return Article(gold_path.stem, family_of(gold_path.stem), sentence_features(parsed), labels)


def load_articles(data: Path) -> list[Article]:
    paths = sorted((data / "gold").glob("*.json"))
    if not paths:
        raise SystemExit(f"no gold annotations in {data / 'gold'}")
    return [load_article(path, data) for path in paths]


@dataclass(frozen=True)
class Settings:
    """The classifier's two hyper-parameters: L2 penalty (scikit-learn's C) and class balance."""

    regularisation: float
    balance: float


def fit(articles: Sequence[Article]):
    """Fit the classifier on the articles' sentences, its settings chosen by grouped CV; return a SectionModel."""
    return fit_with(articles, choose_settings(articles))


def choose_settings(articles: Sequence[Article]) -> Settings:
    """Pick the settings whose leave-one-family-out F1 (terms + implications) is best.

    Run inside every fit, so the extraction benchmark's cross-validation is
    nested: the held-out family never chooses the settings it is scored with.
    Ties go to the earlier settings: the stronger penalty, the lesser balance.
    """
    grid = [Settings(c, b) for c in REGULARISATION_GRID for b in BALANCE_GRID]
    families = sorted({a.family for a in articles})
    if len(families) < 2:
        return grid[0]
    scores = []
    for settings in grid:
        predicted: list[str] = []
        wanted: list[str] = []
        for family in families:
            model = fit_with([a for a in articles if a.family != family], settings)
            for article in (a for a in articles if a.family == family):
                predicted.extend(gated_predictions(model, article.rows))
                wanted.extend(article.labels)
        scores.append(round(section_f1(wanted, predicted), 6))
    return grid[scores.index(max(scores))]


def gated_predictions(model, rows: np.ndarray) -> list[str]:
    """Predict labels as the summariser uses them: no terms in a story without an instrument.

    ``rows`` are one article's sentences (the instrument is a feature of the story).
    """
    from briefing.summarise.extractive.features import FEATURE_NAMES

    gate = rows[:, FEATURE_NAMES.index("story_has_instrument")]
    if len(rows) and not gate[0]:
        return model.predict(rows, excluded=frozenset({"terms"}))
    return model.predict(rows)


def section_f1(wanted: Sequence[str], predicted: Sequence[str]) -> float:
    """Return the F1 of "terms" plus the F1 of "implications" over aligned labels."""
    total = 0.0
    for label in ("terms", "implications"):
        hits = sum(1 for w, p in zip(wanted, predicted) if w == p == label)
        guessed = sum(1 for p in predicted if p == label)
        present = sum(1 for w in wanted if w == label)
        if hits:
            total += 2 * hits / (guessed + present)
    return total


def class_weights(labels: np.ndarray, balance: float) -> dict[str, float]:
    """Weigh each label by its inverse frequency raised to ``balance`` (0: unweighted, 1: balanced)."""
    names, counts = np.unique(labels, return_counts=True)
    return {str(n): float((len(labels) / (len(names) * c)) ** balance) for n, c in zip(names, counts)}


def fit_with(articles: Sequence[Article], settings: Settings):
    """Fit a multinomial logistic regression with the given penalty and class balance."""
    from sklearn.linear_model import LogisticRegression

    from briefing.summarise.extractive.classify import LABELS, SectionModel
    from briefing.summarise.extractive.features import FEATURE_NAMES

    rows = np.vstack([a.rows for a in articles])
    labels = np.array([label for a in articles for label in a.labels])
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    mean[FEATURE_NAMES.index("bias")] = 0.0
    weights = class_weights(labels, settings.balance)
    model = LogisticRegression(C=settings.regularisation, class_weight=weights, max_iter=5000)
    model.fit((rows - mean) / scale, labels)
    order = [list(model.classes_).index(label) for label in LABELS]
    weights = model.coef_[order]
    intercept = model.intercept_[order]
    return SectionModel(
        features=FEATURE_NAMES,
        labels=LABELS,
        mean=_rounded(mean),
        scale=_rounded(scale),
        weights=tuple(_rounded(row) for row in weights),
        intercept=_rounded(intercept),
    )


def _rounded(values) -> tuple[float, ...]:
    return tuple(round(float(v), DECIMALS) + 0.0 for v in values)


def serialise(model) -> str:
    return json.dumps(model.to_dict(), indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"eval data folder (default {DEFAULT_DATA})")
    parser.add_argument("--check", action="store_true", help="verify the committed model instead of writing it")
    parser.add_argument("--output", type=Path, default=MODEL_PATH, help="where to write the model")
    args = parser.parse_args(argv)
    articles = load_articles(args.data.resolve())
    settings = choose_settings(articles)
    print(f"chosen by grouped cross-validation: C={settings.regularisation}, balance={settings.balance}")
    text = serialise(fit_with(articles, settings))
    if args.check:
        if args.output.read_text(encoding="utf-8") != text:
            print(f"{args.output} differs from what {args.data} trains; run tools/train_sections.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
