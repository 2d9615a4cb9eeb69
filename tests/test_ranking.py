"""The summary ranker on plain sentence lists: no spaCy needed."""

from __future__ import annotations

import random
import time

import pytest

from briefing.summarise.extractive.ranking import content_words, rank_summary, stem

STORY = [
    "Kenya and Uganda signed a trade pact in Nairobi on Friday, cutting tariffs on farm goods.",
    "The pact removes duties on maize, sugar and dairy traded between the two countries.",
    "Officials said the tariff cuts would take effect in March and run for five years.",
    "Farmers in western Kenya welcomed the pact, saying Ugandan maize had been priced out.",
    "The weather in Nairobi was sunny and warm for most of the week.",
    "Uganda's trade minister said the pact could double farm trade between the countries.",
    "Critics warned that cheaper Ugandan sugar could hurt Kenyan growers.",
    "A football match between local clubs ended in a goalless draw.",
]


def test_returns_k_indices_in_reading_order():
    chosen = rank_summary(STORY, 3)
    assert len(chosen) == 3
    assert chosen == sorted(chosen)
    assert len(set(chosen)) == 3


@pytest.mark.parametrize("k", [1, 2, 4, 6])
def test_k_is_respected(k):
    assert len(rank_summary(STORY, k)) == k


def test_k_larger_than_the_text_returns_every_usable_sentence():
    assert rank_summary(STORY[:2], 5) == [0, 1]


def test_zero_k_and_empty_input():
    assert rank_summary(STORY, 0) == []
    assert rank_summary([], 3) == []


def test_single_sentence():
    assert rank_summary(["Kenya and Uganda signed a trade pact on Friday."], 3) == [0]


def test_single_paragraph_input_leads_with_its_opening():
    chosen = rank_summary(STORY, 2)
    assert chosen[0] == 0


def test_off_topic_sentences_are_not_chosen():
    chosen = rank_summary(STORY, 4, paragraphs=[0, 1, 1, 2, 2, 3, 3, 4])
    assert 4 not in chosen and 7 not in chosen


def test_later_paragraphs_compete_on_centrality():
    # Only the first paragraph's opening gets the lede bonus; after it the
    # sentences most connected to the rest win, wherever they stand.
    sentences = [
        "Kenya and Uganda signed a trade pact on Friday.",
        "The weather was sunny and warm in the capital.",
        "A local football match ended in a goalless draw.",
        "The pact cuts tariffs on maize and sugar from March.",
        "Farmers said cheaper maize and sugar under the pact would hurt growers.",
        "Exporters expect tariffs on sugar to fall further once the pact takes effect.",
    ]
    chosen = rank_summary(sentences, 3, paragraphs=[0, 1, 1, 2, 2, 2])
    assert chosen[0] == 0
    assert not {1, 2} & set(chosen)


def test_near_duplicates_are_never_both_chosen():
    sentences = [
        "Kenya and Uganda signed a trade pact on Friday, cutting tariffs on farm goods.",
        "Kenya and Uganda signed a trade pact on Friday, cutting tariffs on farm goods, officials said.",
        "The pact removes duties on maize, sugar and dairy traded between the countries.",
        "Officials said the tariff cuts would take effect in March.",
    ]
    chosen = rank_summary(sentences, 2)
    assert not {0, 1} <= set(chosen)
    assert len(chosen) == 2


def test_captions_bylines_and_headings_are_skipped():
    sentences = [
        "By John Smith, Nairobi correspondent",
        "Kenya and Uganda signed a trade pact on Friday, cutting tariffs on farm goods.",
        "Scroll down for video President Ruto (left) greets Uganda's president at the signing in Nairobi",
        "Tariff cuts for Kenyan and Ugandan farm goods",
        "The pact removes tariffs on maize, sugar and dairy traded between Kenya and Uganda.",
        "Officials said the tariff cuts on farm goods would take effect in March.",
    ]
    chosen = rank_summary(sentences, 3)
    assert chosen == [1, 4, 5]


def test_excluded_indices_are_never_chosen():
    assert 0 not in rank_summary(STORY, 3, exclude=frozenset({0}))


def test_short_fragments_are_skipped():
    sentences = ["No wonder.", *STORY[:3]]
    assert 0 not in rank_summary(sentences, 3)


def test_deterministic():
    shuffled = STORY[:]
    random.Random(7).shuffle(shuffled)
    first = rank_summary(shuffled, 3)
    assert all(rank_summary(shuffled, 3) == first for _ in range(5))


def test_ties_break_by_reading_order():
    same = ["The pact cuts tariffs on maize and sugar."] * 3
    assert rank_summary(same, 1) == [0]


def _long_document(words: int) -> tuple[list[str], list[int]]:
    rng = random.Random(1)
    vocabulary = [f"term{i}" for i in range(1500)]
    sentences, paragraphs, total = [], [], 0
    while total < words:
        length = rng.randint(8, 35)
        sentences.append(" ".join(rng.choice(vocabulary) for _ in range(length)).capitalize() + ".")
        paragraphs.append(len(sentences) // 4)
        total += length
    return sentences, paragraphs


def test_long_input_is_ranked_quickly():
    sentences, paragraphs = _long_document(7000)
    start = time.process_time()
    chosen = rank_summary(sentences, 5, paragraphs=paragraphs)
    elapsed = time.process_time() - start
    assert len(chosen) == 5 and chosen == sorted(chosen)
    assert elapsed < 1.0  # about 20 ms on a laptop; generous for slow CI machines


def test_stem_joins_inflections():
    assert stem("talks") == stem("talked") == stem("talking") == "talk"
    assert stem("countries") == "country"
    assert stem("Uganda's".lower()) == "uganda"
    assert stem("press") == "press"


def test_content_words_drop_stop_words_and_numbers():
    assert content_words("The 2 leaders of Kenya signed it") == ["leaders", "kenya", "signed"]


def test_a_text_of_fragments_still_gets_a_summary():
    assert rank_summary(["Trade pact signed", "Tariffs cut on maize"], 1) == [0]


def test_paragraph_numbers_must_match_the_sentences():
    with pytest.raises(ValueError):
        rank_summary(STORY, 3, paragraphs=[0, 1])


def test_a_sentence_opening_with_by_is_not_a_byline():
    sentences = ["By Friday, Kenya and Uganda had cut tariffs on maize and sugar.", "By Jane Smith, Nairobi correspondent."]
    assert rank_summary(sentences, 2) == [0]


def test_a_look_back_never_opens_the_summary_unless_the_text_opens_with_it():
    story = [
        "Two West African neighbours have agreed a new commercial accord.",
        "Ghana had previously promised Togo lower port fees.",
        "Ghana and Togo signed a trade pact in Accra on Friday, cutting tariffs on maize, sugar and cocoa.",
        "The pact cuts tariffs on maize and sugar from March.",
        "Farmers in Togo welcomed the pact and the lower tariffs on maize.",
        "Officials in Accra expect trade between Ghana and Togo to double within five years.",
    ]
    paragraphs, twins = [0, 0, 1, 2, 3, 4], (lambda i, j: {i, j} == {0, 2})
    plain = rank_summary(story, 3, paragraphs=paragraphs, same_fact=twins)
    assert plain[0] == 1, "the lede gave way to its fuller twin, so the look back after it opened the summary"
    chosen = rank_summary(story, 3, paragraphs=paragraphs, same_fact=twins, looking_back=frozenset({1}))
    assert 1 not in chosen and len(chosen) == 3 and chosen[0] == 2
    opening = rank_summary(story, 3, paragraphs=paragraphs, looking_back=frozenset({0}))
    assert opening[0] == 0, "a text that opens by looking back keeps its opening"
    short = rank_summary(story[:3], 3, paragraphs=paragraphs[:3], same_fact=twins, looking_back=frozenset({1}))
    assert short == [1, 2], "when nothing can stand in, better a look back than a shorter summary"
