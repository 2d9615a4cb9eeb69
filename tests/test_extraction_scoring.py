"""The scoring rules of benchmarks/extraction.py on small hand-made briefs and gold files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "extraction.py"


@pytest.fixture(scope="module")
def ex():
    spec = importlib.util.spec_from_file_location("extraction_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def actor(name, type="country", role=None, aliases=()):
    return {"name": name, "type": type, "role": role, "aliases": list(aliases), "evidence": []}


def gold_actor(name, type="country", aliases=(), role_keywords=(), required=True):
    return {
        "name": name,
        "aliases": list(aliases),
        "type": type,
        "role_keywords": list(role_keywords),
        "required": required,
    }


def term(text, *quotes):
    return {"text": text, "evidence": [{"start": 0, "end": len(q), "quote": q} for q in quotes]}


def gold(actors=(), terms=(), not_actors=()):
    return {"article": "articles/x.txt", "actors": list(actors), "not_actors": list(not_actors), "terms": list(terms)}


def test_actor_key_normalises_case_punctuation_and_leading_the(ex):
    assert ex.actor_key("The U.S.") == "us"
    assert ex.actor_key("  the   European  Union ") == "european union"
    assert ex.actor_key("Mali’s junta") == ex.actor_key("Mali's junta") == "malis junta"
    assert ex.actor_key("Theresa May") == "theresa may"
    assert ex.actor_key("The") == "the"
    assert ex.actor_key("Goïta") != ex.actor_key("Goita")


def test_matching_by_name_or_any_alias(ex):
    g = gold(
        [
            gold_actor("Economic Community of West African States", "organisation", ["ECOWAS"]),
            gold_actor("United States", aliases=["US", "Washington"]),
            gold_actor("Niger"),
        ]
    )
    brief = {
        "actors": [
            actor("ecowas", "organisation"),  # extracted name = gold alias
            actor("America", aliases=["the U.S."]),  # extracted alias = gold alias
            actor("Nigeria"),  # no containment matching
        ]
    }
    s = ex.score_article(brief, g)
    assert s["actors_required_found"] == 2 and s["actors_required"] == 3
    assert s["misses"] == ["Niger"]
    assert s["spurious"] == ["Nigeria"]
    assert s["actor_recall"] == pytest.approx(2 / 3)
    assert s["actor_precision"] == pytest.approx(2 / 3)


def test_optional_actors_neither_help_recall_nor_hurt_precision(ex):
    g = gold([gold_actor("Mali"), gold_actor("Chad", required=False), gold_actor("Mauritania", required=False)])
    only_required = ex.score_article({"actors": [actor("Mali")]}, g)
    with_optional = ex.score_article({"actors": [actor("Mali"), actor("Chad")]}, g)
    for s in (only_required, with_optional):
        assert s["actor_recall"] == 1.0 and s["actor_precision"] == 1.0
        assert s["misses"] == [] and s["spurious"] == []
    assert with_optional["actors_counted"] == 1
    assert ex.score_article({"actors": [actor("Chad")]}, g)["actor_recall"] == 0.0
    assert ex.score_article({"actors": [actor("Chad")]}, g)["actor_precision"] is None


def test_actor_matching_required_and_optional_is_left_out_of_precision(ex):
    g = gold([gold_actor("Mali"), gold_actor("Malian junta", "group", required=False)])
    s = ex.score_article({"actors": [actor("Mali", aliases=["Malian junta"]), actor("Togo")]}, g)
    assert s["actor_recall"] == 1.0
    assert s["actors_counted"] == 1 and s["actors_correct"] == 0
    assert s["actor_precision"] == 0.0


def test_spurious_names_flag_not_actors_and_duplicates_are_listed(ex):
    g = gold([gold_actor("Abdoulaye Diop", "person", ["Diop"])], not_actors=["Reuters"])
    brief = {"actors": [actor("Abdoulaye Diop", "person"), actor("Diop", "person"), actor("reuters", "organisation")]}
    s = ex.score_article(brief, g)
    assert s["spurious"] == ["reuters (not an actor)"]
    assert s["duplicates"] == ["Diop (= Abdoulaye Diop)"]
    assert s["actors_correct"] == 2 and s["actors_counted"] == 3


def test_type_and_role_accuracy(ex):
    g = gold(
        [
            gold_actor("Assimi Goita", "person", ["Goita"], ["junta leader", "leader"]),
            gold_actor("Abdoulaye Diop", "person", ["Diop"], ["defense minister", "minister"]),
            gold_actor("Jane Roe", "person"),  # no role keywords: not judged for role
            gold_actor("ECOWAS", "organisation", required=False),  # optional: still judged for type
        ]
    )
    brief = {
        "actors": [
            actor("Goita", "person", role="Junta Leader of Mali"),
            actor("Abdoulaye Diop", "person", role=None),
            actor("Jane Roe", "organisation"),
            actor("ECOWAS", "country"),
        ]
    }
    s = ex.score_article(brief, g)
    assert (s["types_correct"], s["types_judged"]) == (2, 4)
    assert s["type_errors"] == ["Jane Roe: got organisation, wanted person", "ECOWAS: got country, wanted organisation"]
    assert (s["roles_correct"], s["roles_judged"]) == (1, 2)
    assert s["role_errors"] == ["Abdoulaye Diop: got None vs wanted defense minister | minister"]
    assert s["type_accuracy"] == 0.5 and s["role_accuracy"] == 0.5


def test_role_judged_for_gold_person_even_if_typed_wrong(ex):
    g = gold([gold_actor("Diop", "person", role_keywords=["minister"])])
    s = ex.score_article({"actors": [actor("Diop", "organisation", role="Foreign Minister")]}, g)
    assert s["type_accuracy"] == 0.0 and s["role_accuracy"] == 1.0


def test_term_recall_and_precision_by_normalised_containment(ex):
    g = gold(
        terms=[
            {"quote": "will be considered an aggression against the other parties", "required": True},
            {"quote": "the other states will assist individually or collectively", "required": True},
            {"quote": "including with the use of armed force", "required": False},
        ]
    )
    brief = {
        "terms": [
            term("Any attack WILL BE considered\nan aggression  against the other parties, it says."),
            term("Mutual assistance.", "It also said the other states will assist individually or collectively."),
            term("They may act including with the use of armed force."),  # optional quote: correct, no recall
            term("The pact was signed on Saturday."),
        ]
    }
    s = ex.score_article(brief, g)
    assert (s["terms_required_found"], s["terms_required"]) == (2, 2)
    assert (s["terms_correct"], s["terms_extracted"]) == (3, 4)
    assert s["term_recall"] == 1.0 and s["term_precision"] == 0.75
    assert s["term_misses"] == []


def test_term_quote_must_lie_within_one_string(ex):
    g = gold(terms=[{"quote": "will assist individually or collectively", "required": True}])
    s = ex.score_article({"terms": [term("The states will assist", "individually or collectively")]}, g)
    assert s["term_recall"] == 0.0 and s["term_precision"] == 0.0
    assert s["term_misses"] == ["will assist individually or collectively"]


def test_no_gold_terms_make_every_extracted_term_a_miss(ex):
    s = ex.score_article({"terms": [term("A deal was struck."), term("Talks go on.")]}, gold())
    assert s["term_precision"] == 0.0 and s["term_recall"] is None
    assert ex.score_article({"terms": []}, gold())["term_precision"] is None


def test_empty_brief_misses_everything(ex):
    g = gold([gold_actor("Mali")], [{"quote": "six words of a gold term here", "required": True}])
    s = ex.score_article({}, g)
    assert s["actor_recall"] == 0.0 and s["term_recall"] == 0.0
    assert s["actor_precision"] is None and s["term_precision"] is None


def test_micro_average_sums_counts_rather_than_averaging_ratios(ex):
    g1 = gold([gold_actor("A"), gold_actor("B"), gold_actor("C"), gold_actor("D")])
    g2 = gold([gold_actor("E")])
    s1 = ex.score_article({"actors": [actor("A"), actor("B"), actor("C"), actor("D")]}, g1)
    s2 = ex.score_article({"actors": [actor("Z")]}, g2)
    overall = ex.micro_average([s1, s2])
    assert overall["articles"] == 2
    assert overall["actor_recall"] == pytest.approx(4 / 5)
    assert overall["actor_precision"] == pytest.approx(4 / 5)
    assert overall["role_accuracy"] is None
    assert "evidence_verbatim" not in overall


def test_evidence_checks_offsets_and_raw_source(ex):
    raw = "Title\n\nThe pact was\nsigned **today** in Niamey.\n"
    text = "Title\n\nThe pact was signed today in Niamey."
    good = {"start": 7, "end": 19, "quote": "The pact was"}
    markup_lost = {"start": 20, "end": 32, "quote": "signed today"}  # right offsets, not in the raw file
    wrong_offsets = {"start": 0, "end": 12, "quote": "The pact was"}
    empty = {"start": 3, "end": 3, "quote": ""}
    brief = {
        "summary": [{"text": "x", "evidence": [good, markup_lost]}],
        "actors": [{"name": "Niger", "evidence": [wrong_offsets]}],
        "quotes": [{"text": "y", "speaker": None, "evidence": [empty]}],
        "terms": [],
    }
    s = ex.score_evidence(brief, text, raw)
    assert (s["evidence_total"], s["evidence_offsets_good"], s["evidence_source_good"], s["evidence_good"]) == (4, 2, 2, 1)
    assert (s["evidence_offsets_ok"], s["evidence_in_source"], s["evidence_verbatim"]) == (0.5, 0.5, 0.25)
    assert len(s["evidence_bad"]) == 3
    overall = ex.micro_average([s, ex.score_evidence({"summary": [{"text": "x", "evidence": [good]}]}, text, raw)])
    assert (overall["evidence_good"], overall["evidence_total"]) == (2, 5)
    assert overall["evidence_verbatim"] == pytest.approx(2 / 5)


def test_default_data_folder_is_shared_eval_beside_the_repo(ex):
    root = Path(__file__).resolve().parent.parent
    assert ex.DEFAULT_DATA == root.parent / "shared" / "eval"


def test_article_paths_skip_reference_summaries_and_source_notes(ex, tmp_path):
    for name in ("a.txt", "a.reference_summary.txt", "b.md", "SOURCE.txt", "c.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in ex.article_paths(tmp_path)] == ["a.txt", "b.md"]


def test_implications_scored_like_terms_and_only_when_the_gold_lists_them(ex):
    g = gold()
    g["implications"] = [{"quote": "prices will rise sharply", "required": True}, {"quote": "may be delayed", "required": False}]
    brief = {"implications": [term("Prices will rise  sharply next year."), term("The talks may be delayed."), term("It rained.")]}
    s = ex.score_article(brief, g)
    assert (s["implications_required_found"], s["implications_required"]) == (1, 1)
    assert (s["implications_correct"], s["implications_extracted"]) == (2, 3)
    assert "implication_recall" not in ex.score_article(brief, gold())


def test_quotes_recall_and_attribution_by_name_alias_or_descriptor(ex):
    g = gold([gold_actor("United States", aliases=["US", "Washington"])])
    g["quotes"] = [
        {"quote": "we will not accept this deal", "speaker": "US"},
        {"quote": "any attack on one is an attack on all", "speaker": "the charter of the pact"},
        {"quote": "nobody said this at all", "speaker": None},
        {"quote": "a quote the brief missed entirely", "speaker": "US"},
    ]
    quotes = [
        {"text": "We will not accept this “deal”", "speaker": "Washington"},
        {"text": "Any attack on one is an attack on all", "speaker": "the charter"},
        {"text": "Nobody said this at all", "speaker": "Someone"},
    ]
    quotes[0]["text"] = "We will not accept this deal"
    s = ex.score_article({"quotes": quotes}, g)
    assert (s["quotes_found"], s["quotes_gold"]) == (3, 4)
    assert s["quotes_attributed"] == 2  # a null gold speaker matches only a null one


def test_evidence_is_checked_against_markdown_as_a_reader_sees_it(ex):
    raw = "The **Union State** is a [union](http://x) of _two_ states, a treaty-\nbased union ,"
    text = "The Union State is a union of two states, a treaty-based union,"
    brief = {"summary": [{"text": text, "evidence": [{"start": 0, "end": len(text), "quote": text}]}]}
    assert ex.score_evidence(brief, text, ex.as_read(raw))["evidence_good"] == 1
    assert ex.score_evidence(brief, text, raw)["evidence_good"] == 0


def test_a_reader_sees_nested_emphasis_unwrapped_and_no_wiki_notes(ex):
    raw = "known as _**Tratado de Asistencia**_) signed in 1947 by those[_which?_] states as of 2023[update] [3]"
    assert ex.as_read(raw) == "known as Tratado de Asistencia) signed in 1947 by those states as of 2023 "
    assert "reaffirm[ed] their" in ex.as_read("leaders “reaffirm[ed] their commitment”")


def test_a_reader_sees_no_pronunciation_guide(ex):
    assert ex.as_read("**NATO** (/ˈneɪtoʊ/ _NAY-toh_), the alliance") == "NATO, the alliance"
