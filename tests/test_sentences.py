"""Sentences cut where a reader cuts them: quotations, list markers, abbreviations and initialisms."""

from __future__ import annotations

import pytest

from briefing.summarise.extractive.nlp import load_pipeline
from briefing.summarise.extractive.parsed import balance_quotation, quotation_balance, reader_sentences


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def cut(nlp, text: str) -> list[str]:
    return [s.text for s in reader_sentences(nlp(text))]


def test_a_quotation_of_several_sentences_stays_with_its_attribution(nlp):
    text = '"This is the beginning. It will make America rich again," Trump said. He left.'
    assert cut(nlp, text) == ['"This is the beginning. It will make America rich again," Trump said.', "He left."]
    curly = "“We agreed. We signed. We will deliver,” the minister said on Monday. Talks end today."
    assert cut(nlp, curly)[0] == "“We agreed. We signed. We will deliver,” the minister said on Monday."


def test_an_ellipsis_inside_a_quotation_does_not_end_the_sentence(nlp):
    text = 'Nazer said Saudi Arabia "is fully adhering by the ... Accord and will never sell below it." Oil fell.'
    assert cut(nlp, text) == [
        'Nazer said Saudi Arabia "is fully adhering by the ... Accord and will never sell below it."',
        "Oil fell.",
    ]


def test_list_markers_join_their_items(nlp):
    assert cut(nlp, "1. The parties shall consult. 2. Each party shall notify the other.") == [
        "1. The parties shall consult.",
        "2. Each party shall notify the other.",
    ]


def test_abbreviations_before_names_and_numbers_do_not_end_a_sentence(nlp):
    text = "Sen. Marco Rubio wrote to Gen. Tiani about Art. 5 and by-law No. 1310 of the treaty. He waited."
    assert cut(nlp, text) == [
        "Sen. Marco Rubio wrote to Gen. Tiani about Art. 5 and by-law No. 1310 of the treaty.",
        "He waited.",
    ]
    assert cut(nlp, "Trade rose 2.5 per cent with U.S. firms. It fell later.") == [
        "Trade rose 2.5 per cent with U.S. firms.",
        "It fell later.",
    ]


def test_a_new_quotation_is_not_glued_to_an_unclosed_one(nlp):
    text = '"We have the money. "The investment may reach $20bn," he said.'
    sentences = cut(nlp, text)
    assert sentences[-1].endswith('he said.')
    assert quotation_balance(" ".join(sentences)) == (0, 0)


def test_balance_quotation_closes_and_opens_what_a_sentence_leaves_unbalanced():
    assert balance_quotation("“We will leave.") == "“We will leave.”"
    assert balance_quotation('That is my view," he said.') == '“That is my view," he said.'
    assert balance_quotation('He said "yes" and left.') == 'He said "yes" and left.'
