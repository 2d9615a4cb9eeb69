"""The length budget and the one-thing-once pass: what a brief keeps, in which order, and what it says it left out."""

from __future__ import annotations

import dataclasses

import pytest

from briefing.errors import BriefingError
from briefing.model import Actor, Brief, Evidence, Point, Quote, Source
from briefing.summarise.budget import DEFAULT_LENGTH, LENGTHS, apply_budget, budget_words, words_of
from briefing.summarise.dedup import deduplicate

TEXT = " ".join(f"Sentence number{i} alpha{i} beta{i} gamma{i} delta{i}." for i in range(200))


def span(i: int) -> Evidence:
    start = TEXT.index(f"Sentence number{i} ")
    end = TEXT.index(".", start) + 1
    return Evidence.of(TEXT, start, end)


def point(i: int) -> Point:
    evidence = span(i)
    return Point(evidence.quote, (evidence,))


def big_brief(source_words: int = 3000) -> Brief:
    return Brief(
        title="A long story",
        source=Source(name="long.txt", words=source_words),
        summary=tuple(point(i) for i in range(3)),
        background=tuple(point(i) for i in range(100, 140)),  # ranked: 100 first
        actors=tuple(Actor(f"Actor {i}", "organisation") for i in range(30)),
        terms=tuple(point(i) for i in range(40, 60)),
        implications=tuple(point(i) for i in range(60, 80)),
        quotes=tuple(Quote(f"quoted words number {i} here", "Someone", (span(i),)) for i in range(80, 90)),
    )


def body_words(brief: Brief) -> int:
    groups = (brief.summary, brief.background, brief.actors, brief.terms, brief.implications, brief.quotes)
    return sum(words_of(item) for group in groups for item in group)


def test_lengths_and_default():
    assert LENGTHS == ("short", "standard", "full") and DEFAULT_LENGTH == "standard"
    assert budget_words("full", 5000) is None
    assert budget_words("short", 5000) < budget_words("standard", 5000)
    assert budget_words("standard", 500) < budget_words("standard", 5000)  # one page under 800 words
    assert budget_words("standard", 60) <= 100  # a few lines get a few lines
    with pytest.raises(BriefingError, match="unknown length 'long'; choose one of short, standard, full"):
        budget_words("long", 100)


@pytest.mark.parametrize("length", ["short", "standard"])
def test_the_budget_keeps_ranked_prefixes_within_its_words_and_counts_the_rest(length):
    brief = big_brief()
    cut = apply_budget(brief, length)
    budget = cut.generator.budget
    assert budget.length == length and budget.words == budget_words(length, 3000)
    assert body_words(cut) <= budget.words
    assert cut.summary == brief.summary  # the bottom line whole
    for key in ("background", "actors", "terms", "implications", "quotes"):
        kept, found = getattr(cut, key), getattr(brief, key)
        assert set(kept) == set(found[: len(kept)]), f"{key} keeps the top of its ranking"
        assert budget.left_out(key) == len(found) - len(kept)
    assert cut.actors and cut.terms, "actors and terms come before background"
    starts = [p.evidence[0].start for p in cut.terms]
    assert starts == sorted(starts), "kept points are shown in reading order"


def test_full_keeps_everything_and_says_nothing_was_left_out():
    brief = big_brief()
    cut = apply_budget(brief, "full")
    assert dataclasses.replace(cut, generator=brief.generator).actors == brief.actors
    assert len(cut.background) == len(brief.background) and cut.generator.budget.omitted == ()
    assert cut.to_dict()["generator"]["budget"] == {"length": "full", "words": None, "omitted": {}}


def test_a_sentence_is_used_by_one_section_only():
    shared = point(5)
    quote = Quote("number7 alpha7", "Someone", (Evidence.of(TEXT, span(7).start + 9, span(7).start + 23),))
    brief = Brief(
        title="t", source=Source(name="t.txt"),
        summary=(shared,), terms=(shared, point(6)), background=(point(7), point(8), shared), quotes=(quote,),
    )
    deduped = deduplicate(brief)
    assert deduped.summary == (shared,)
    assert deduped.terms == (point(6),)
    assert deduped.quotes == (quote,)
    assert deduped.background == (point(8),), "a quotation under Quotes is not also a background point"


def test_near_duplicates_merge_keeping_the_more_informative():
    short = Point("Kenya and Uganda signed a trade pact.", (Evidence.of("x" * 99, 0, 10),))
    longer = Point("Kenya and Uganda signed a trade pact on Friday in Nairobi.", (Evidence.of("x" * 99, 20, 40),))
    other = Point("Tanzania stayed out of the talks.", (Evidence.of("x" * 99, 50, 60),))
    brief = Brief(title="t", source=Source(name="t.txt"), terms=(short, other), background=(longer,))
    deduped = deduplicate(brief)
    assert [p.text for p in deduped.terms] == [longer.text, other.text]
    assert deduped.background == ()
    summary = deduplicate(dataclasses.replace(brief, summary=(short,), terms=(other,)))
    assert summary.summary == (short,) and summary.background == (), "the summary stays as its ranker chose"


def test_the_seeds_default_brief_says_each_thing_once(seed_document):
    from briefing import summarise_document

    brief = summarise_document(seed_document)
    spans = [(key, e) for key in ("summary", "background", "terms", "implications", "quotes")
             for item in getattr(brief, key) for e in item.evidence]
    for i, (key, a) in enumerate(spans):
        for other, b in spans[i + 1:]:
            assert key == other or not (a.start < b.end and b.start < a.end), (key, other, a.quote, b.quote)
    assert brief.generator.budget.length == "standard"
    assert body_words(brief) <= brief.generator.budget.words


def test_two_summary_points_never_state_the_same_fact(seed_document):
    from briefing import summarise_document

    texts = [p.text for p in summarise_document(seed_document).summary]
    lede = "Three West African countries ruled by military juntas have signed a mutual defense pact."
    fuller = "Military juntas of Mali, Niger and Burkina Faso signed a security pact on Saturday"
    assert lede not in texts, "the lede says what the fuller sentence says"
    assert any(t.startswith(fuller) for t in texts), "of two points stating one fact, the more informative stays"


def test_a_point_stating_a_summary_points_fact_in_other_words_is_not_said_again(seed_document):
    from briefing import summarise_document

    brief = summarise_document(seed_document)
    lede = "Three West African countries ruled by military juntas have signed a mutual defense pact."
    assert any(p.text.startswith("Military juntas of Mali, Niger and Burkina Faso signed") for p in brief.summary)
    for key in ("terms", "implications", "background"):
        assert lede not in [p.text for p in getattr(brief, key)], f"the lede restates the summary under {key}"


def test_points_a_summariser_says_state_one_fact_merge_like_near_duplicates():
    said = Point("Kenya and Uganda signed a trade pact.", (Evidence.of("x" * 99, 0, 10),))
    restated = Point("Both neighbours agreed to a commercial treaty on Friday.", (Evidence.of("x" * 99, 20, 40),))
    other = Point("Tanzania stayed out of the talks.", (Evidence.of("x" * 99, 50, 60),))
    brief = Brief(title="t", source=Source(name="t.txt"), summary=(said,), terms=(restated, other))
    assert deduplicate(brief).terms == (restated, other), "no shared words: not near-duplicates"
    same = {frozenset({said, restated})}
    deduped = deduplicate(brief, same_fact=lambda a, b: frozenset({a, b}) in same)
    assert deduped.summary == (said,) and deduped.terms == (other,)


def test_the_figures_come_when_the_page_has_room_the_map_of_the_kept_actors_and_never_one_event():
    from briefing.model import Relation, TimelineEvent
    from briefing.summarise.budget import FIGURE_EVENTS

    events = tuple(TimelineEvent(f"20{10 + i}", "year", f"in 20{10 + i}", f"event {i}", (), (span(i),))
                   for i in range(12))
    relations = tuple(Relation(f"Actor {i}", f"Actor {i + 1}", "met", (span(i),)) for i in range(20))
    long = apply_budget(dataclasses.replace(big_brief(3000), timeline=events, relations=relations))
    kept = {actor.name for actor in long.actors}
    assert len(long.timeline) == FIGURE_EVENTS  # two pages: room for both
    assert long.relations == tuple(r for r in relations if r.source in kept and r.target in kept)
    assert len(long.relations) >= 3, "the map draws the relations between the actors kept"
    short = apply_budget(dataclasses.replace(big_brief(300), timeline=events, relations=relations))
    assert len(short.timeline) != 1  # never one event
    shown = {actor.name for actor in short.actors}
    assert all(r.source in shown and r.target in shown for r in short.relations)
    assert dict(short.generator.budget.omitted)["relations"] == 20 - len(short.relations)
    assert apply_budget(dataclasses.replace(big_brief(3000), timeline=events[:1])).timeline == ()


def test_the_budget_fills_the_pages_it_plans_and_no_more():
    from briefing.summarise.budget import Filler
    from briefing.summarise.page_space import PAGE_HEIGHT, pages_taken

    for words, pages in ((300, 1), (3000, 2)):
        brief = big_brief(words)
        cut = apply_budget(brief)
        filler = Filler(brief, 10**6, pages)
        kept = {key: len(getattr(cut, key)) for key in ("background", "actors", "terms", "implications", "quotes")}
        kept.update(timeline=0, relations=0)
        taken, used = pages_taken(filler.blocks(kept))
        assert taken == pages and used > PAGE_HEIGHT * 0.6, (words, taken, used)


def test_page_breaks_move_a_block_that_does_not_fit_whole_to_the_next_page():
    from briefing.summarise.page_space import PAGE_HEIGHT, pages_taken

    assert pages_taken([(PAGE_HEIGHT - 10, False), (5, False)]) == (1, PAGE_HEIGHT - 5)
    assert pages_taken([(PAGE_HEIGHT - 10, False), (20, False)]) == (2, 20)
    assert pages_taken([(PAGE_HEIGHT - 10, False), (5, True), (20, False)]) == (2, 25), "a heading keeps with its item"


def test_a_section_the_summary_already_says_is_counted_as_merged_and_not_printed():
    from briefing.model import Budget
    from briefing.render import RenderOptions, render
    from briefing.summarise.budget import fit_to_length

    brief = dataclasses.replace(big_brief(source_words=400), implications=(point(1),), terms=(point(2), point(40)))
    cut = fit_to_length(brief, "standard")
    budget = cut.generator.budget
    assert cut.implications == () and [p.text for p in cut.terms] == [point(40).text]
    assert budget.said_elsewhere("implications") == 1 and budget.said_elsewhere("terms") == 1
    assert budget.left_out("implications") == 0, "merged is not left out: the summary says it"
    data = cut.to_dict()["generator"]["budget"]
    assert data["merged"] == {"terms": 1, "implications": 1}
    assert Budget.from_dict(data) == budget
    md = render(cut, "md", options=RenderOptions()).decode()
    assert "## Implications" not in md, "no 'None stated.' under a section the summary already says"
    assert "## Terms" in md
    assert "merged" not in fit_to_length(brief, "full").to_dict()["generator"]["budget"]


def test_the_page_plan_gives_no_room_to_a_section_that_is_not_printed():
    from briefing.summarise.budget import SECTIONS, Filler
    from briefing.summarise.page_space import EMPTY_SECTION

    brief = dataclasses.replace(big_brief(source_words=400), implications=())
    kept = dict.fromkeys(SECTIONS, 0)
    shown = Filler(brief, 10**6, 1).blocks(kept)
    hidden = Filler(brief, 10**6, 1, unprinted=frozenset({"implications"})).blocks(kept)
    assert len(shown) == len(hidden) + 1 and (EMPTY_SECTION, False) in shown
