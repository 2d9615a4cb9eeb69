"""The learned sentence classifier: terms, implications or neither, in plain numpy.

The weights are ``briefing/data/sections.json``, written by
``tools/train_sections.py`` from annotated articles (a multinomial logistic
regression over the parse features of features.py). Inference is a matrix
product and a softmax: no scikit-learn at run time.

``use_model`` lets the extraction benchmark score a model fitted without the
articles it scores (grouped cross-validation).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, Iterator, Mapping

import numpy as np

from briefing.errors import ModelError
from briefing.summarise.extractive.features import feature_rows
from briefing.summarise.extractive.parsed import Parsed

MODEL_FILE = "sections.json"
LABELS = ("none", "terms", "implications")


@dataclass(frozen=True)
class SectionModel:
    """A linear model over named features: standardise, multiply, softmax."""

    features: tuple[str, ...]
    labels: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]  # one row per label
    intercept: tuple[float, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SectionModel:
        return cls(
            features=tuple(data["features"]),
            labels=tuple(data["labels"]),
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            weights=tuple(tuple(row) for row in data["weights"]),
            intercept=tuple(data["intercept"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "labels": list(self.labels),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": [list(row) for row in self.weights],
            "intercept": list(self.intercept),
        }

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Return a (rows × labels) array of each label's probability."""
        x = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        logits = x @ np.asarray(self.weights).T + np.asarray(self.intercept)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, rows: np.ndarray, *, excluded: frozenset[str] = frozenset()) -> list[str]:
        """Return the most probable label of each row, leaving out the ``excluded`` labels."""
        if len(rows) == 0:
            return []
        probabilities = self.probabilities(rows)
        for label in excluded:
            probabilities[:, self.labels.index(label)] = -1.0
        return [self.labels[i] for i in probabilities.argmax(axis=1)]


_override: contextvars.ContextVar[SectionModel | None] = contextvars.ContextVar("section_model", default=None)


@functools.cache
def packaged_model() -> SectionModel:
    """Return the model shipped in briefing/data (read once per process)."""
    try:
        data = json.loads(files("briefing.data").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
        return SectionModel.from_dict(data)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"the section model briefing/data/{MODEL_FILE} is missing or damaged: {exc}") from exc


def current_model() -> SectionModel:
    """Return the model in use: the one set by ``use_model``, else the packaged one."""
    return _override.get() or packaged_model()


@contextlib.contextmanager
def use_model(model: SectionModel) -> Iterator[None]:
    """Classify sentences with ``model`` inside the block (the benchmark's held-out folds)."""
    token = _override.set(model)
    try:
        yield
    finally:
        _override.reset(token)


def classify_sentences(parsed: Parsed, *, terms: bool = True) -> list[str]:
    """Return each sentence's section label: "terms", "implications" or "none".

    With ``terms=False`` (a story with no instrument) a sentence whose most
    probable label is "terms" takes the more probable of the other two.
    """
    model = current_model()
    excluded = frozenset() if terms else frozenset({"terms"})
    return model.predict(feature_rows(parsed, model.features), excluded=excluded)
