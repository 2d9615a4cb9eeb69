"""The attribute ruler's lookup gives exactly what spaCy's own Matcher gives: the same matches, the same tokens."""

from __future__ import annotations

import importlib

import pytest

from briefing.summarise.extractive.attributes import LookupMatcher, speed_up_attribute_ruler
from briefing.summarise.extractive.nlp import DEFAULT_MODELS

# Words the small pipeline's ruler treats specially, spaces of every kind, and ordinary news prose.
TEXTS = (
    "Military juntas of Mali, Niger and Burkina Faso signed a security pact on Saturday, an official said.",
    "I ain't doin' it, y'all, and I'm not gon na stop: c'm on, let's go! There is nothin' there, there are two.",
    "You said it  twice.\n\n\tBut the Treaty, which was signed in 1951, had been ratified; it is to be reviewed.",
    "  Leading spaces,\u00a0no-break spaces and a trailing tab\t",
    "“We will not accept it,” he told reporters on Tuesday — but talks go on. Won't they? Gotta see.",
)


def stock_pipeline():
    for name in DEFAULT_MODELS:
        try:
            return importlib.import_module(name).load()
        except ImportError:
            continue
    pytest.skip("no English spaCy pipeline installed")


@pytest.fixture(scope="module")
def pipelines():
    stock, fast = stock_pipeline(), stock_pipeline()
    speed_up_attribute_ruler(fast)
    return stock, fast


def token_view(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_the_sped_up_pipeline_tags_every_token_as_spacy_does(pipelines, text):
    stock, fast = pipelines
    assert token_view(fast(text)) == token_view(stock(text))


@pytest.mark.parametrize("text", TEXTS)
def test_the_lookup_finds_the_matchers_matches_in_the_rulers_order(pipelines, text):
    stock, _ = pipelines
    ruler = stock.get_pipe("attribute_ruler")
    doc = stock.make_doc(text)
    for _, component in stock.pipeline[: stock.pipe_names.index("attribute_ruler")]:
        doc = component(doc)
    found = LookupMatcher(stock.vocab, ruler.patterns)(doc)
    assert found == ruler.match(doc)
    assert found, "the ruler matches every tagged token"


def test_patterns_the_lookup_cannot_read_are_left_to_a_matcher(pipelines):
    stock, _ = pipelines
    patterns = [
        {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"LEMMA": "intensified"}, "index": -1},
        {"patterns": [[{"LENGTH": 3}]], "attrs": {"NORM": "three"}, "index": 0},
        {"patterns": [[{"LOWER": {"REGEX": "^sign"}}]], "attrs": {"NORM": "signing"}, "index": 0},
        {"patterns": [[{"TAG": {"IN": ["NNP", "NNPS"]}, "LOWER": {"NOT_IN": ["mali"]}}]], "attrs": {"NORM": "n"},
         "index": 0},
    ]
    lookup = LookupMatcher(stock.vocab, patterns)
    assert len(lookup._rest) == 2  # the "+" operator and LENGTH; the regex and the sets are looked up
    doc = stock("Very very big deals were signed by Niger and Mali in the new year.")
    from spacy.matcher import Matcher

    matcher = Matcher(stock.vocab)
    for number, entry in enumerate(patterns):
        matcher.add(str(number), entry["patterns"])
    expected = sorted((int(stock.vocab.strings[m]), m, s, e) for m, s, e in matcher(doc, allow_missing=True))
    assert lookup(doc) == expected
    assert {e - s for n, _, s, e in expected if n == 0} == {2, 3}  # the "+" pattern matched, both lengths
