"""The learned section classifier: its packaged weights, numpy inference and reproducible training."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from briefing import summarise_document
from briefing.summarise.extractive.classify import LABELS, SectionModel, packaged_model, use_model
from briefing.summarise.extractive.features import FEATURE_NAMES

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
TRAINER = ROOT / "tools" / "train_sections.py"


def constant_model(label: str) -> SectionModel:
    """A model that says ``label`` for every sentence (its intercept alone decides)."""
    n = len(FEATURE_NAMES)
    return SectionModel(
        features=FEATURE_NAMES,
        labels=LABELS,
        mean=(0.0,) * n,
        scale=(1.0,) * n,
        weights=tuple((0.0,) * n for _ in LABELS),
        intercept=tuple(5.0 if name == label else 0.0 for name in LABELS),
    )


def trainer():
    spec = importlib.util.spec_from_file_location("train_sections", TRAINER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_packaged_model_names_only_features_the_code_computes():
    model = packaged_model()
    assert set(model.features) <= set(FEATURE_NAMES)
    assert model.labels == LABELS
    assert len(model.weights) == len(LABELS)
    assert all(len(row) == len(model.features) for row in model.weights)
    assert all(s > 0 for s in model.scale)


def test_probabilities_are_a_softmax_of_the_standardised_features():
    model = SectionModel(("a", "b"), ("none", "terms"), (1.0, 0.0), (2.0, 1.0), ((0.0, 0.0), (1.0, -1.0)), (0.0, 0.5))
    rows = np.array([[3.0, 0.0], [1.0, 2.0]])
    probs = model.probabilities(rows)
    # row 0: x = (1, 0) -> logits (0, 1.5); row 1: x = (0, 2) -> logits (0, -1.5)
    assert probs[0, 1] == pytest.approx(1 / (1 + np.exp(-1.5)))
    assert probs[1, 1] == pytest.approx(1 / (1 + np.exp(1.5)))
    assert model.predict(rows) == ["terms", "none"]
    assert model.predict(np.zeros((0, 2))) == []


def test_model_round_trips_through_its_dict():
    model = packaged_model()
    assert SectionModel.from_dict(model.to_dict()) == model


def test_use_model_decides_the_sections_inside_its_block():
    from briefing.ingest import parse_bytes

    text = (
        "Trade pact\n\nThe two states signed a trade pact on Monday. Under the pact, tariffs will fall by half. "
        "Exporters expect more orders. The states first traded in 1990. The pact takes effect in May."
    )
    document = parse_bytes(text.encode(), "pact.txt")
    with use_model(constant_model("implications")):
        brief = summarise_document(document, summary_sentences=1, length="full")
    assert not brief.terms
    # every sentence but the one that looks back (never an implication); the summary's too, at full length
    assert [p.text for p in brief.implications][-1] == "The pact takes effect in May."
    assert len(brief.implications) == 4
    assert brief.summary[0].text in [p.text for p in brief.implications]
    assert [p.text for p in brief.background] == ["The states first traded in 1990."]
    with use_model(constant_model("implications")):
        cut = summarise_document(document, summary_sentences=1, length="standard")
    assert cut.summary[0].text not in [p.text for p in cut.implications]  # a cut brief says it once
    with use_model(constant_model("terms")):
        brief = summarise_document(document, summary_sentences=1, length="full")
    assert len(brief.terms) == 5  # summary sentences may be terms too
    assert not brief.implications


def test_a_story_with_no_instrument_has_no_terms():
    from briefing.ingest import parse_bytes

    document = parse_bytes(b"Storm\n\nA storm hit the coast on Monday. Roads will stay closed until Friday.", "s.txt")
    with use_model(constant_model("terms")):
        brief = summarise_document(document, summary_sentences=1)
    assert brief.terms == ()


def test_labels_come_from_the_gold_quotes():
    gold = {"terms": [{"quote": "will  fall by HALF"}], "implications": [{"quote": "expect more orders"}]}
    labels = trainer().label_sentences(
        ["Tariffs will fall by half.", "Exporters expect more orders.", "It rained."], gold
    )
    assert labels == ("terms", "implications", "none")


def test_class_weights_run_from_unweighted_to_balanced():
    labels = np.array(["none"] * 6 + ["terms"] * 2)
    assert trainer().class_weights(labels, 0.0) == {"none": 1.0, "terms": 1.0}
    balanced = trainer().class_weights(labels, 1.0)
    assert balanced["terms"] == pytest.approx(2.0) and balanced["none"] == pytest.approx(8 / 12)


def test_section_f1_adds_the_f1_of_terms_and_implications():
    wanted = ["terms", "terms", "implications", "none"]
    predicted = ["terms", "none", "implications", "implications"]
    assert trainer().section_f1(wanted, predicted) == pytest.approx(2 / 3 + 2 / 3)


def test_predictions_have_no_terms_in_a_story_without_an_instrument():
    module = trainer()
    gate = FEATURE_NAMES.index("story_has_instrument")
    story = np.zeros((2, len(FEATURE_NAMES)))
    assert module.gated_predictions(constant_model("terms"), story) != ["terms", "terms"]
    story[:, gate] = 1.0
    assert module.gated_predictions(constant_model("terms"), story) == ["terms", "terms"]


def test_an_excluded_label_gives_way_to_the_next_most_probable():
    model = constant_model("terms")
    rows = np.zeros((1, len(FEATURE_NAMES)))
    assert model.predict(rows) == ["terms"]
    assert model.predict(rows, excluded=frozenset({"terms"})) in (["none"], ["implications"])


def test_settings_are_chosen_on_held_out_families_only():
    pytest.importorskip("sklearn")
    module = trainer()
    rng = np.random.default_rng(0)
    articles = []
    for family in ("a", "b", "c"):
        rows = rng.normal(size=(30, len(FEATURE_NAMES)))
        rows[:, FEATURE_NAMES.index("story_has_instrument")] = 1.0
        signal = rows[:, FEATURE_NAMES.index("term_verb")]
        labels = tuple("terms" if x > 0.5 else "implications" if x < -0.5 else "none" for x in signal)
        articles.append(module.Article(family, family, rows, labels))
    settings = module.choose_settings(articles)
    assert settings in [module.Settings(c, b) for c in module.REGULARISATION_GRID for b in module.BALANCE_GRID]
    model = module.fit_with(articles, settings)
    hits = sum(p == w for p, w in zip(model.predict(articles[0].rows), articles[0].labels))
    assert hits >= 0.8 * len(articles[0].labels)


def test_a_brief_does_not_import_scikit_learn():
    code = (
        "import sys, briefing; briefing.brief_file('seeds/sahel-security-pact.txt'); "
        "print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_training_reproduces_the_packaged_model_byte_for_byte():
    if not (EVAL / "gold").is_dir():
        pytest.skip(f"the annotated articles are not here ({EVAL})")
    pytest.importorskip("sklearn")
    result = subprocess.run(
        [sys.executable, str(TRAINER), "--check", "--data", str(EVAL)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
