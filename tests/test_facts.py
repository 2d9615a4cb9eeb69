"""Two sentences stating one fact in other words: the same action on the same thing, by the same party."""

from __future__ import annotations

import pytest

from briefing.ingest import parse_bytes
from briefing.summarise.extractive.facts import same_fact
from briefing.summarise.extractive.nlp import load_pipeline
from briefing.summarise.extractive.parsed import parse


def sentences(*texts: str):
    document = parse_bytes(("Title\n\n" + "\n\n".join(texts)).encode(), "facts.txt")
    return parse(document, load_pipeline(None)).sentences


@pytest.mark.parametrize("first, second, same", [
    ("Three West African countries ruled by military juntas have signed a mutual defense pact.",
     "Military juntas of Mali, Niger and Burkina Faso signed a security pact on Saturday in Bamako.", True),
    ("Roddick saved a break point with a superb volley at the net.",
     "Nadal saved a set point with a superb volley at the net.", False),  # two players, two facts
    ("The ministry issued new export rules for steel on Monday.",
     "The ministry published a report on steel exports on Monday.", False),  # two actions
    ("Critics fear the home secretary will have the power to issue detention orders.",
     "Judges would get the power to issue detention orders, the home secretary said.", False),
])
def test_same_fact_needs_one_action_on_one_thing_by_one_party(first, second, same):
    a, b = sentences(first, second)
    assert same_fact(a, b) is same and same_fact(b, a) is same
