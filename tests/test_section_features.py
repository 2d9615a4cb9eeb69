"""Parse features of the section classifier: the instrument of the story and the words around it."""

from __future__ import annotations

import pytest

from briefing.ingest import parse_bytes
from briefing.summarise.extractive.features import FEATURE_NAMES, central_instruments, sentence_features
from briefing.summarise.extractive.nlp import load_pipeline
from briefing.summarise.extractive.parsed import parse


def parsed(text: str):
    return parse(parse_bytes(text.encode(), "story.txt"), load_pipeline())


def column(rows, name: str) -> list[float]:
    return [float(v) for v in rows[:, FEATURE_NAMES.index(name)]]


def test_an_instrument_named_under_two_words_is_central():
    story = parsed("Talks\n\nThe two sides reached a deal on Monday. Officials said the agreement opens the border.")
    assert central_instruments(story) == frozenset({"deal", "agreement"})


def test_one_passing_mention_is_no_instrument():
    story = parsed("Storm\n\nA storm hit the coast. The ministers met under an old agreement to talk about roads.")
    assert central_instruments(story) == frozenset()


def test_measure_nouns_must_recur_on_their_own():
    story = parsed("Talks\n\nThe budget was debated. A tax on fuel was mentioned once.")
    assert central_instruments(story) == frozenset()


@pytest.fixture(scope="module")
def pact_rows():
    return sentence_features(parsed(
        "Trade pact\n\n"
        "The two states signed a trade pact on Monday. "
        "Under the pact, tariffs will fall by half. "
        "Exporters are expected to win more orders. "
        "Farmers called the move a historic step.\n\n"
        "The weather was mild."
    ))


def test_nearness_to_the_instrument_falls_with_distance(pact_rows):
    distance = column(pact_rows, "instrument_distance")
    assert distance[:2] == [1.0, 1.0]
    assert distance[2] == pytest.approx(0.5)
    assert distance[4] == pytest.approx(1 / 4)
    assert column(pact_rows, "next_names_instrument")[:3] == [1.0, 0.0, 0.0]
    assert column(pact_rows, "paragraph_names_instrument") == [1.0, 1.0, 1.0, 1.0, 0.0]


def test_a_clause_under_the_instrument_is_marked(pact_rows):
    assert column(pact_rows, "under_instrument") == [0.0, 1.0, 0.0, 0.0, 0.0]


def test_outlook_and_significance_are_marked(pact_rows):
    assert column(pact_rows, "expected_to") == [0.0, 0.0, 1.0, 0.0, 0.0]
    assert column(pact_rows, "significance_word") == [0.0, 0.0, 0.0, 1.0, 0.0]
    assert column(pact_rows, "modal_on_root") == [0.0, 1.0, 0.0, 0.0, 0.0]


def test_reported_speech_with_a_look_ahead_is_marked():
    rows = sentence_features(parsed("Talks\n\nThe minister said prices would fall. Prices fell."))
    assert column(rows, "speech_root") == [1.0, 0.0]
    assert column(rows, "future_in_speech") == [1.0, 0.0]


def test_a_subject_that_refers_back_to_the_instrument_is_marked():
    rows = sentence_features(parsed("Pact\n\nThe states signed a pact. It binds them for ten years. Rain fell."))
    assert column(rows, "subject_refers_back") == [0.0, 1.0, 0.0]


def test_gaps_to_the_nearest_mention_look_both_ways():
    from briefing.summarise.extractive.features import _gaps_to_nearest

    assert _gaps_to_nearest([False, True, False, False, True]) == [1, 0, 1, 1, 0]
    assert _gaps_to_nearest([True, False, False]) == [0, 1, 2]
    assert _gaps_to_nearest([False, False]) == [None, None]
