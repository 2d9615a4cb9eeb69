"""The llm summariser's parts, without a server: sentences, facts, answers, parts, endpoints, the model."""

from __future__ import annotations

import json

import pytest

from briefing.errors import BriefFormatError, LlmError
from briefing.model import Brief, Document, Generator, Point, Source, Span
from briefing.summarise.llm.answer import MAX_ITEMS, AnswerError, parse_answer
from briefing.summarise.llm.facts import numbers_in, unstated
from briefing.summarise.llm.options import LlmOptions
from briefing.summarise.llm.plan import split_into_parts
from briefing.summarise.llm.sentences import Sentence, number_sentences
from briefing.summarise.llm.summariser import check_endpoint, is_loopback


def document(text: str, paragraphs=None, headings=()) -> Document:
    return Document(text=text, name="x.txt", paragraphs=tuple(paragraphs or (Span(0, len(text)),)),
                    headings=tuple(headings))


@pytest.mark.parametrize("text, expected", [
    ("Mr. Smith met Dr. Jones in the U.S. on Monday. They agreed.", 2),
    ("Prices rose 2.5 percent. Gen. Ali said so.", 2),
    ('"It is over," he said. The talks ended!  Was it final? Yes.', 4),
    ("J. R. Ewing arrived. No. 10 replied.", 2),
    ("The deal... collapsed. Then what", 2),
    ("lower case after a stop. stays one sentence", 1),
])
def test_sentences_are_cut_where_a_reader_cuts_them(text, expected):
    sentences = number_sentences(document(text))
    assert len(sentences) == expected
    assert [s.number for s in sentences] == list(range(1, expected + 1))
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_sentences_know_their_section_and_paragraph_and_skip_headings():
    text = "Terms\nA pact binds them. It lasts ten years.\nOutlook\nTalks resume."
    doc = document(text, paragraphs=[Span(6, 44), Span(53, 66)], headings=[Span(0, 5), Span(45, 52)])
    sentences = number_sentences(doc)
    assert [(s.text, s.section, s.paragraph) for s in sentences] == [
        ("A pact binds them.", "Terms", 0), ("It lasts ten years.", "Terms", 0), ("Talks resume.", "Outlook", 1)]


def test_numbers_are_compared_by_value():
    assert numbers_in("1,200 troops and 3.50 dollars, twelve ships") == {"1200", "3.5", "12"}
    assert unstated("about 1200 troops", "some 1,200 troops") == (set(), set())
    assert unstated("three envoys", "3 envoys arrived") == (set(), set())
    assert unstated("40 percent", "release 45 percent") == ({"40"}, set())


def test_names_must_occur_in_the_source():
    source = "Mali's junta met envoys from Niger in Bamako."
    assert unstated("The junta met Niger's envoys.", source) == (set(), set())
    assert unstated("However, Mali met envoys in Bamako.", source) == (set(), set())
    assert unstated("Mali met envoys in Dakar.", source) == (set(), {"Dakar"})
    assert unstated("linked to al-Qaida", "insurgents linked to al-Qaida") == (set(), set())
    assert unstated("Diplomats met in Bamako.", source) == (set(), {"Diplomats"})  # a capital is a name, unless
    assert unstated("Diplomats met in Bamako.", source, common={"Diplomats"}) == (set(), set())  # a tagger says not


def test_an_answer_in_a_code_fence_is_read():
    answer = parse_answer('```json\n{"summary": [{"text": "A.", "sentences": [1, "2", 2]}]}\n```')
    assert answer.points["summary"][0].sentences == (1, 2)
    assert answer.actors == () and answer.points["terms"] == ()


@pytest.mark.parametrize("content, problem", [
    ("", "not valid JSON"),
    ("[]", "a JSON list, not an object"),
    ('{"summary": {"text": "A"}}', "'summary' is not a list"),
    ("x" * 200_001, "more than the 200,000"),
])
def test_a_malformed_answer_says_what_is_wrong(content, problem):
    with pytest.raises(AnswerError, match=problem):
        parse_answer(content)


def test_malformed_items_are_counted_not_fatal():
    data = {"summary": [{"text": "A.", "sentences": [1]}, {"text": "", "sentences": [1]}, {"text": "B."},
                        {"text": "C.", "sentences": [True]}, "D"],
            "actors": [{"name": "X", "type": "person", "sentences": [1], "aliases": "X"}],
            "terms": [{"text": "T.", "sentences": [1]}] * (MAX_ITEMS + 3)}
    answer = parse_answer(json.dumps(data))
    assert len(answer.points["summary"]) == 1 and answer.actors == ()
    assert (answer.malformed, answer.over_limit) == (5, 3)


def sentence(number: int, section: str | None, paragraph: int) -> Sentence:
    return Sentence(number, 0, 0, "x", section, paragraph)


def test_parts_keep_sections_then_paragraphs_whole():
    sentences = [sentence(1, "A", 0), sentence(2, "A", 0), sentence(3, "B", 1), sentence(4, "B", 2),
                 sentence(5, "B", 2), sentence(6, "B", 3)]
    parts = split_into_parts(sentences, budget=3, cost=lambda s: 1)
    assert [[s.number for s in p] for p in parts] == [[1, 2, 3], [4, 5, 6]]  # B is split at paragraphs
    parts = split_into_parts(sentences, budget=2, cost=lambda s: 1)
    assert [[s.number for s in p] for p in parts] == [[1, 2], [3], [4, 5], [6]]
    assert len(split_into_parts(sentences, budget=100, cost=lambda s: 1)) == 1


def test_a_sentence_longer_than_the_context_is_an_error():
    with pytest.raises(LlmError, match="sentence 2 alone is longer than the model's context allows"):
        split_into_parts([sentence(1, None, 0), sentence(2, None, 1)], budget=5, cost=lambda s: s.number * 3)


@pytest.mark.parametrize("host, loopback", [
    ("localhost", True), ("127.0.0.1", True), ("127.8.9.1", True), ("[::1]", True), ("::1", True),
    ("10.0.0.5", False), ("gpu.example.org", False), ("localhost.example.org", False)])
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_plain_http_to_another_machine_is_warned_about():
    assert check_endpoint(LlmOptions(model="m", base_url="http://127.0.0.1:8080/v1")) == ()
    assert check_endpoint(LlmOptions(model="m", base_url="https://api.example.org/v1")) == ()
    (warning,) = check_endpoint(LlmOptions(model="m", base_url="http://10.1.2.3:8080/v1"))
    assert "travels in clear text" in warning


def test_unusable_endpoint_options_are_errors():
    with pytest.raises(LlmError, match="needs a model: --llm-model NAME"):
        check_endpoint(LlmOptions(model=""))
    with pytest.raises(LlmError, match="'ftp://x/v1' is not an http:// or https:// URL"):
        check_endpoint(LlmOptions(model="m", base_url="ftp://x/v1"))


def test_origin_and_model_metadata_round_trip_and_stay_optional():
    brief = Brief("T", Source("x.txt"), Generator("briefing", "0", "llm", model="m", dropped=(("ungrounded_name", 2),)),
                  summary=(Point("A.", (), origin="abstractive"), Point("B.")))
    data = brief.to_dict()
    assert data["generator"]["dropped"] == {"ungrounded_name": 2} and data["generator"]["model"] == "m"
    assert data["summary"][0]["origin"] == "abstractive" and "origin" not in data["summary"][1]
    assert Brief.from_dict(json.loads(json.dumps(data))) == brief
    assert set(Brief("T", Source("x.txt")).to_dict()["generator"]) == {"name", "version", "summariser"}
    data["summary"][0]["origin"] = "imagined"
    with pytest.raises(BriefFormatError, match="point origin 'imagined'"):
        Brief.from_dict(data)


def test_a_parts_hints_cite_only_its_own_sentences():
    from briefing.summarise.llm.candidates import restrict
    from briefing.summarise.llm.prompts import Candidates

    hints = Candidates({1: ("summary",), 5: ("terms",)},
                       ({"name": "A", "sentences": [1, 5]}, {"name": "B", "sentences": [5]}),
                       ({"text": "q", "speaker": None, "sentences": [5, 6]},))
    part = restrict(hints, frozenset({1, 2, 3}))
    assert part.labels == {1: ("summary",)}
    assert part.actors == ({"name": "A", "sentences": [1]},) and part.quotes == ()
