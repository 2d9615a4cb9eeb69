"""benchmarks/sections_ceiling.py's curve and per-family oracle, against brute force on small rankings."""

from __future__ import annotations

import importlib.util
import itertools
import random
import sys
from pathlib import Path

import numpy as np
import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "sections_ceiling.py"


@pytest.fixture(scope="module")
def ceiling():
    spec = importlib.util.spec_from_file_location("sections_ceiling", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_gold_counts_count_required_quotes_and_any_quote(ceiling):
    gold = {"terms": [{"quote": "will  PAY 5%", "required": True}, {"quote": "for two years", "required": False}]}
    counts = ceiling.gold_counts(["They will pay 5% for two years.", "For two years, nothing.", "Other."], gold, "terms")
    assert counts.required.tolist() == [1, 0, 0]
    assert counts.relevant.tolist() == [True, True, False]
    assert counts.total_required == 1


def test_curve_walks_the_ranking(ceiling):
    counts = ceiling.Counts(np.array([1, 0, 1, 0]), np.array([True, False, True, True]), total_required=3)
    curve = ceiling.Curve.of(np.array([0.9, 0.8, 0.1, 0.5]), [counts])  # order: 0, 1, 3, 2
    assert curve.recall.tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 3, 2 / 3])
    assert curve.precision.tolist() == pytest.approx([1, 1 / 2, 2 / 3, 3 / 4])
    assert curve.precision_at(0.5) == pytest.approx(0.75)
    assert curve.precision_at(0.9) is None  # one required quote sits in no sentence
    assert curve.recall_at(0.7) == pytest.approx(2 / 3)


def test_oracle_matches_brute_force(ceiling):
    rng = random.Random(7)
    for _ in range(40):
        families = []
        for _ in range(rng.randint(1, 3)):
            n = rng.randint(1, 5)
            required = np.array([rng.choice([0, 0, 1, 2]) for _ in range(n)])
            relevant = np.array([bool(r) or rng.random() < 0.3 for r in required])
            counts = ceiling.Counts(required, relevant, int(required.sum()))
            families.append(ceiling.family_points(np.array([rng.random() for _ in range(n)]), [counts]))
        total = sum(points[-1][0] for points in families)
        need = rng.randint(1, max(1, total))
        best = None
        for choice in itertools.product(*families):
            found, taken, hits = (sum(p[i] for p in choice) for i in range(3))
            if found >= need and taken:
                best = max(best or 0.0, hits / taken)
        got = ceiling.oracle_precision(families, need)
        assert (got is None) == (best is None)
        if best is not None:
            assert got == pytest.approx(best)
