"""The llm summariser against a real chat-completions server on 127.0.0.1 with scripted answers.

Each failure a model or endpoint can produce ends in a grounded brief or a
clear error; nothing ungrounded reaches any format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("openai")

from briefing.errors import LlmError  # noqa: E402
from briefing.ingest import parse_bytes  # noqa: E402
from briefing.model import Brief  # noqa: E402
from briefing.options import BriefOptions  # noqa: E402
from briefing.summarise.llm import LlmOptions, LlmSummariser  # noqa: E402
from briefing.summarise.llm.sentences import number_sentences  # noqa: E402
from tests.llm_server import Reply, Request, ScriptedModel  # noqa: E402

KEY = "sk-test-7c1f0e9a-never-written"
SOURCE = """\
A water treaty for the river

Northland and Southland signed a water-sharing treaty in Geneva on 4 March 2025.

The treaty commits each country to release 40 percent of the river's flow during the dry season. \
Disputes will go to a joint commission of six engineers.

"We will honour every drop of this agreement," said Maria Okafor, Northland's foreign minister.

Analysts expect the deal to ease tensions along the border. Farmers in Southland welcomed the news.
"""


def good_answer(**changes) -> dict:
    answer = {
        "summary": [
            {"text": "Northland and Southland signed a water-sharing treaty in Geneva.", "sentences": [1]},
            {"text": "Each country must release 40 percent of the river's flow in the dry season.", "sentences": [2]},
        ],
        "background": [],
        "terms": [{"text": "A joint commission of six engineers settles disputes.", "sentences": [3]}],
        "implications": [{"text": "Analysts expect the deal to ease tensions along the border.", "sentences": [5]}],
        "actors": [
            {"name": "Maria Okafor", "type": "person", "role": "Northland's foreign minister", "aliases": [],
             "sentences": [4]},
            {"name": "Northland", "type": "country", "role": None, "aliases": [], "sentences": [1]},
        ],
        "quotes": [{"text": "We will honour every drop of this agreement", "speaker": "Maria Okafor",
                    "sentences": [4]}],
    }
    answer.update(changes)
    return answer


def ok(answer: dict | str, **kwargs) -> Reply:
    return Reply(answer if isinstance(answer, str) else json.dumps(answer), **kwargs)


@pytest.fixture(scope="module")
def server():
    model = ScriptedModel().start()
    yield model
    model.stop()


@pytest.fixture(scope="module")
def document():
    return parse_bytes(SOURCE.encode(), "water.txt")


@pytest.fixture
def options(server, tmp_path, monkeypatch) -> LlmOptions:
    monkeypatch.setenv("BRIEFING_TEST_KEY", KEY)
    return LlmOptions(base_url=server.url, model="tiny-instruct", api_key_env="BRIEFING_TEST_KEY", timeout=5.0,
                      retries=2, backoff=0.01, cache_dir=tmp_path / "llm-cache")


def brief_with(options: LlmOptions, document, length: str = "full", **changes) -> tuple[Brief, LlmSummariser]:
    """Brief ``document`` with the model; every grounded item kept unless a ``length`` budget is named."""
    from dataclasses import replace

    summariser = LlmSummariser(BriefOptions(summary_sentences=2, length=length), llm=replace(options, **changes))
    return summariser.summarise(document), summariser


def assert_grounded(brief: Brief, text: str) -> None:
    for item in (*brief.summary, *brief.background, *brief.terms, *brief.implications, *brief.quotes,
                 *brief.actors):
        assert item.evidence
        for evidence in item.evidence:
            assert text[evidence.start:evidence.end] == evidence.quote


def test_the_fixture_has_the_sentences_the_answers_cite(document):
    numbered = [s.text for s in number_sentences(document)]
    assert len(numbered) == 6
    assert numbered[3].startswith('"We will honour')
    assert numbered[4] == "Analysts expect the deal to ease tensions along the border."


def test_a_good_answer_makes_a_grounded_brief(server, document, options):
    server.reset(ok(good_answer()))
    brief, summariser = brief_with(options, document)
    assert brief.generator.summariser == "llm" and brief.generator.model == "tiny-instruct"
    assert brief.generator.dropped == ()
    assert [p.text for p in brief.summary][1].startswith("Each country must release 40 percent")
    assert [p.origin for p in brief.summary] == ["extractive", "abstractive"]  # a cut of sentence 1; a paraphrase
    assert brief.implications[0].origin == "extractive"
    assert brief.quotes[0].text == "We will honour every drop of this agreement"
    assert brief.quotes[0].speaker == "Maria Okafor"
    assert [a.name for a in brief.actors] == ["Maria Okafor", "Northland"]
    assert brief.actors[0].role == "Northland's foreign minister"
    assert_grounded(brief, document.text)
    report = summariser.last_report
    assert (report.requests, report.prompt_tokens, report.completion_tokens, report.warning) == (1, 100, 20, None)
    request = server.requests[0]
    assert request.authorization == f"Bearer {KEY}"
    assert request.body["temperature"] == 0
    assert request.body["response_format"]["type"] == "json_schema"
    assert "[1] " in request.prompt and "[5] (implications)" in request.prompt  # numbered, hybrid-labelled
    data = brief.to_dict()
    assert data["summary"][1]["origin"] == "abstractive"
    assert data["generator"] == {**data["generator"], "summariser": "llm", "model": "tiny-instruct", "dropped": {}}
    assert Brief.from_dict(json.loads(json.dumps(data))) == brief


def test_the_api_key_is_written_nowhere(server, document, options, tmp_path):
    server.reset(ok(good_answer()))
    brief, summariser = brief_with(options, document)
    written = [json.dumps(brief.to_dict()), json.dumps(summariser.last_report.to_dict())]
    written += [p.read_text() for p in (tmp_path / "llm-cache").iterdir()]
    assert written[2:] and not any(KEY in text for text in written)


def test_a_citation_to_a_sentence_that_does_not_exist_is_dropped(server, document, options):
    bad = {"text": "The treaty ends all disputes.", "sentences": [999]}
    server.reset(ok(good_answer(background=[bad])))
    brief, summariser = brief_with(options, document)
    assert brief.background == ()
    assert dict(brief.generator.dropped) == {"unknown_sentence": 1}
    assert dict(summariser.last_report.dropped) == {"unknown_sentence": 1}


def test_a_point_citing_nothing_is_dropped(server, document, options):
    server.reset(ok(good_answer(background=[{"text": "Northland signed.", "sentences": []}])))
    brief, _ = brief_with(options, document)
    assert brief.background == () and dict(brief.generator.dropped) == {"no_citation": 1}


def test_an_invented_actor_is_dropped(server, document, options):
    actors = good_answer()["actors"] + [{"name": "Jean Dupont", "type": "person", "role": "mediator",
                                         "aliases": [], "sentences": [1]}]
    server.reset(ok(good_answer(actors=actors)))
    brief, _ = brief_with(options, document)
    assert "Jean Dupont" not in [a.name for a in brief.actors]
    assert dict(brief.generator.dropped) == {"actor_not_in_text": 1}


def test_an_invented_alias_role_or_speaker_is_removed_and_counted(server, document, options):
    actors = [{"name": "Maria Okafor", "type": "person", "role": "President of Eastland",
               "aliases": ["Okafor", "Madame Water"], "sentences": [4]}]
    quotes = [{"text": "We will honour every drop of this agreement", "speaker": "Paul Mensah", "sentences": [4]}]
    server.reset(ok(good_answer(actors=actors, quotes=quotes)))
    brief, _ = brief_with(options, document)
    assert brief.actors[0].aliases == ("Okafor",) and brief.actors[0].role is None
    assert brief.quotes[0].speaker is None
    assert dict(brief.generator.dropped) == {"ungrounded_alias": 1, "ungrounded_role": 1, "ungrounded_speaker": 1}


def test_an_invented_number_or_name_drops_the_point(server, document, options):
    summary = [
        {"text": "Each country must release 45 percent of the flow.", "sentences": [2]},
        {"text": "The treaty was signed in Vienna.", "sentences": [1]},
        {"text": "The treaty was signed in March 2025.", "sentences": [1]},
    ]
    server.reset(ok(good_answer(summary=summary)))
    brief, _ = brief_with(options, document)
    assert [p.text for p in brief.summary] == ["The treaty was signed in March 2025."]
    assert dict(brief.generator.dropped) == {"ungrounded_name": 1, "ungrounded_number": 1}


def test_a_number_stated_only_in_another_sentence_is_not_grounded(server, document, options):
    server.reset(ok(good_answer(summary=[{"text": "Six engineers sign the treaty.", "sentences": [1]}])))
    brief, _ = brief_with(options, document)
    assert brief.summary == () and dict(brief.generator.dropped) == {"ungrounded_number": 1}


def test_a_paraphrased_quote_is_dropped(server, document, options):
    quotes = [{"text": "We shall honour each drop of this deal", "speaker": "Maria Okafor", "sentences": [4]}]
    server.reset(ok(good_answer(quotes=quotes)))
    brief, _ = brief_with(options, document)
    assert brief.quotes == () and dict(brief.generator.dropped) == {"quote_not_verbatim": 1}


def test_malformed_json_gets_one_repair_round(server, document, options):
    server.reset(ok("Sure! Here is the brief: {summary: [...]"), ok("```json\n" + json.dumps(good_answer()) + "\n```"))
    brief, summariser = brief_with(options, document)
    assert brief.generator.summariser == "llm" and len(brief.summary) == 2
    assert summariser.last_report.requests == 2
    repair = server.requests[1].body["messages"]
    assert [m["role"] for m in repair] == ["system", "user", "assistant", "user"]
    assert "not valid JSON" in repair[-1]["content"]


def test_malformed_twice_falls_back_to_the_extractive_brief_with_a_warning(server, document, options):
    server.reset(ok("not json"), ok("[1, 2, 3]"))
    brief, summariser = brief_with(options, document)
    assert brief.generator.summariser == "extractive"  # never a silent switch: the brief says who made it
    assert "gave no usable brief" in summariser.last_report.warning
    assert "a JSON list, not an object" in summariser.last_report.warning


def test_without_fallback_a_malformed_answer_is_an_error(server, document, options):
    server.reset(ok("not json"), ok("still not json"))
    with pytest.raises(LlmError, match="model 'tiny-instruct' gave no usable brief, even when asked again"):
        brief_with(options, document, fallback=False)


def test_a_timeout_is_retried_then_falls_back(server, document, options):
    server.reset(*[Reply(json.dumps(good_answer()), delay=1.0)] * 3)
    brief, summariser = brief_with(options, document, timeout=0.2)
    assert brief.generator.summariser == "extractive"
    assert "no answer within 0.2 s, after 3 attempts" in summariser.last_report.warning
    assert summariser.last_report.requests == 3


def test_a_timeout_without_fallback_is_an_error(server, document, options):
    server.reset(*[Reply(json.dumps(good_answer()), delay=1.0)] * 2)
    with pytest.raises(LlmError, match=r"no answer within 0.2 s, after 2 attempts"):
        brief_with(options, document, timeout=0.2, retries=1, fallback=False)


def test_429_then_success(server, document, options):
    server.reset(Reply(status=429, headers={"Retry-After": "0"}), ok(good_answer()))
    brief, summariser = brief_with(options, document)
    assert brief.generator.summariser == "llm"
    assert (summariser.last_report.requests, summariser.last_report.retries) == (2, 1)


def test_retry_after_is_honoured_and_a_long_one_refused(server, options):
    from briefing.summarise.llm.client import ChatClient
    from briefing.summarise.llm.usage import Usage

    waits: list[float] = []
    server.reset(Reply(status=429, headers={"Retry-After": "7"}), ok(good_answer()))
    ChatClient(options, sleep=waits.append).complete([{"role": "user", "content": "hi"}], Usage())
    assert waits == [7.0]
    server.reset(Reply(status=429, headers={"Retry-After": "3600"}))
    with pytest.raises(LlmError, match="rate limited \\(429\\); asked to wait 3600 s, more than 60 s"):
        ChatClient(options, sleep=waits.append).complete([{"role": "user", "content": "hi"}], Usage())


def test_a_500_is_retried(server, document, options):
    server.reset(Reply(status=500), Reply(status=503), ok(good_answer()))
    brief, summariser = brief_with(options, document)
    assert brief.generator.summariser == "llm" and summariser.last_report.requests == 3


def test_500s_past_the_budget_fail_clearly(server, document, options):
    server.reset(*[Reply(status=500)] * 3)
    with pytest.raises(LlmError, match=r"model 'tiny-instruct' at http://127\.0\.0\.1:\d+/v1: server error \(500\), "
                                       r"after 3 attempts"):
        brief_with(options, document, fallback=False)


def test_a_truncated_answer_is_asked_again_with_room(server, document, options):
    half = json.dumps(good_answer())[:200]
    server.reset(Reply(half, finish_reason="length"), ok(good_answer()))
    brief, _ = brief_with(options, document, answer_tokens=300)
    assert brief.generator.summariser == "llm" and len(brief.summary) == 2
    assert [r.body["max_tokens"] for r in server.requests] == [300, 600]


def test_a_huge_answer_is_refused(server, document, options):
    point = {"text": "Northland and Southland signed a water-sharing treaty. " * 40, "sentences": [1]}
    huge = json.dumps(good_answer(background=[point] * 200))
    server.reset(ok(huge), ok(huge))
    with pytest.raises(LlmError, match=r"the answer has [\d,]+ characters, more than the 200,000"):
        brief_with(options, document, fallback=False)


def test_too_many_items_are_cut_and_counted(server, document, options):
    many = [{"text": f"Point {i}.", "sentences": [1]} for i in range(70)]
    server.reset(ok(good_answer(background=many)))
    brief, _ = brief_with(options, document)
    dropped = dict(brief.generator.dropped)
    assert dropped["over_limit"] == 10 and dropped["ungrounded_number"] + dropped["ungrounded_name"] == 60


def test_a_server_without_structured_output_is_asked_for_plain_json(server, document, options):
    refusal = json.dumps({"error": {"message": "response_format json_schema is not supported"}}).encode()
    server.reset(Reply(status=400, body=refusal), ok(good_answer()))
    brief, _ = brief_with(options, document)
    assert brief.generator.summariser == "llm"
    assert "response_format" in server.requests[0].body and "response_format" not in server.requests[1].body


def test_the_endpoint_refusing_the_key_says_where_to_put_it(server, document, options):
    server.reset(Reply(status=401))
    with pytest.raises(LlmError, match="put the API key in the environment variable BRIEFING_TEST_KEY"):
        brief_with(options, document, fallback=False)


def test_an_unchanged_document_is_built_from_the_cache(server, document, options):
    server.reset(ok(good_answer()))
    first, _ = brief_with(options, document)
    server.reset()  # any request now gets a 500
    again, summariser = brief_with(options, document, cache_only=True)
    assert again == first
    assert (summariser.last_report.requests, summariser.last_report.cached) == (0, 1)
    other = parse_bytes(SOURCE.replace("six", "seven").encode(), "water.txt")
    with pytest.raises(LlmError, match=r"no cached answer for this document and these options \(--llm-cache-only\)"):
        brief_with(options, other, cache_only=True)  # fails even where fallback is allowed
    assert server.requests == []


def test_the_cache_key_follows_model_and_options(server, document, options):
    server.reset(ok(good_answer()), ok(good_answer()), ok(good_answer()))
    brief_with(options, document)
    brief_with(options, document, model="other-model")
    brief_with(options, document, seed=7)
    assert len(server.requests) == 3 and len(list((Path(options.cache_dir)).iterdir())) == 3


def test_a_long_document_is_briefed_in_parts_then_merged(server, options):
    paragraphs = [f"Section {i} reports that Northland pledged {i + 10} million dollars to the fund."
                  for i in range(40)]
    long = parse_bytes("\n\n".join(paragraphs).encode(), "long.txt")

    def respond(request: Request) -> Reply:
        numbers = [int(line[1:line.index("]")]) for line in request.prompt.splitlines()
                   if line.startswith("[")]
        first = numbers[0]
        point = {"text": f"Northland pledged {first + 10} million dollars.", "sentences": [first]}
        return ok(good_answer(summary=[point], terms=[], implications=[], quotes=[],
                              actors=[{"name": "Northland", "type": "country", "role": None, "aliases": [],
                                       "sentences": [first]}]))

    server.reset(respond=respond)
    brief, summariser = brief_with(options, long, hybrid=False, context_tokens=1300, answer_tokens=100)
    report = summariser.last_report
    assert report.parts > 1 and report.requests == report.parts + 1
    merge = server.requests[-1].prompt
    assert "briefed in parts" in merge
    assert brief.generator.summariser == "llm" and brief.summary
    assert_grounded(brief, long.text)
    assert all(p.origin == "extractive" for p in brief.summary)  # each a run of its sentence's own words


@pytest.mark.parametrize("fmt", ["md", "html", "json", "docx"])
def test_nothing_ungrounded_reaches_any_format(server, document, options, fmt):
    from briefing import render_brief

    invented = [{"text": "Jean Dupont brokered the treaty.", "sentences": [1]},
                {"text": "Each country must release 95 percent.", "sentences": [2]},
                {"text": "The Zambezi authority approved it.", "sentences": [999]}]
    actors = [{"name": "Jean Dupont", "type": "person", "role": None, "aliases": [], "sentences": [1]}]
    quotes = [{"text": "Water is life, said the minister", "speaker": "Jean Dupont", "sentences": [4]}]
    server.reset(ok(good_answer(summary=invented, actors=actors, quotes=quotes)))
    brief, _ = brief_with(options, document)
    rendered = render_brief(brief, fmt)
    if fmt == "docx":
        import io
        import zipfile

        rendered = zipfile.ZipFile(io.BytesIO(rendered)).read("word/document.xml")
    text = rendered.decode("utf-8")
    for word in ("Dupont", "95 percent", "Zambezi", "Water is life"):
        assert word not in text


def test_the_extractive_candidates_returned_verbatim_lose_nothing(server, seed_document, options):
    from tests.llm_server import parrot

    server.reset(respond=parrot)
    brief, summariser = brief_with(options, seed_document)
    assert brief.generator.summariser == "llm" and dict(brief.generator.dropped) == {}
    assert brief.summary and brief.actors and brief.quotes
    assert {p.origin for p in (*brief.summary, *brief.background, *brief.terms)} == {"extractive"}
    assert_grounded(brief, seed_document.text)
    server.reset(respond=lambda request: parrot(request, invent=True))
    invented, _ = brief_with(options, seed_document, seed=1)
    assert dict(invented.generator.dropped) == {"actor_not_in_text": 1, "quote_not_verbatim": 1,
                                               "ungrounded_number": 1}
    assert invented.actors == brief.actors and invented.quotes == brief.quotes


def test_an_actor_is_grounded_by_an_alias_the_source_uses(server, document, options):
    actors = [{"name": "Republic of Northland", "type": "country", "role": None, "aliases": ["Northland", "RN"],
               "sentences": [1]}]
    quotes = [{"text": "We will honour every drop of this agreement", "speaker": "Northland", "sentences": [4]}]
    server.reset(ok(good_answer(actors=actors, quotes=quotes)))
    brief, _ = brief_with(options, document)
    assert [(a.name, a.aliases) for a in brief.actors] == [("Republic of Northland", ("Northland",))]
    assert brief.actors[0].evidence[0].quote == "Northland"  # where the source first names it
    assert brief.quotes[0].speaker == "Republic of Northland"
    assert dict(brief.generator.dropped) == {"ungrounded_alias": 1}


def test_a_merge_too_long_for_the_context_keeps_each_parts_first_items(server, options):
    paragraphs = [f"Section {i} reports that Northland pledged {i + 10} million dollars to the fund."
                  for i in range(40)]
    long = parse_bytes(("Pledges\n\n" + "\n\n".join(paragraphs)).encode(), "long.txt")  # sentence n: Section n-1

    def respond(request: Request) -> Reply:
        numbers = [int(line[1:line.index("]")]) for line in request.prompt.splitlines()
                   if line.startswith("[")]
        points = [{"text": f"Northland pledged {n + 9} million dollars to the fund.", "sentences": [n]}
                  for n in numbers]
        return ok(good_answer(summary=points[:1], background=points, terms=[], implications=[], quotes=[], actors=[]))

    server.reset(respond=respond)
    brief, summariser = brief_with(options, long, hybrid=False, context_tokens=1300, answer_tokens=100)
    assert summariser.last_report.warning is None and summariser.last_report.parts > 1
    merge = server.requests[-1].prompt
    shown = [line for line in merge.splitlines() if line.startswith("[")]
    assert 0 < len(shown) < 40
    assert_grounded(brief, long.text)
    assert len(brief.background) == len(shown) and not dict(brief.generator.dropped)


def test_a_summariser_without_a_model_name_fails_before_any_request(server, document, options):
    server.reset(ok(good_answer()))
    with pytest.raises(LlmError, match="needs a model"):
        brief_with(options, document, model="")
    assert server.requests == []


def test_the_summariser_is_installed_under_its_name():
    from briefing.summarise import available_summarisers, get_summariser

    assert "llm" in available_summarisers()
    assert isinstance(get_summariser("llm"), LlmSummariser)


@pytest.mark.parametrize("body", [b"<html>502 Bad Gateway</html>", b'{"object": "chat.completion", "choices": []}'])
def test_an_answer_that_is_not_a_chat_completion_is_retried_then_an_error(server, document, options, body):
    server.reset(*[Reply(body=body)] * 3)
    with pytest.raises(LlmError, match=r"the answer (was not a chat completion|held no message).*after 3 attempts"):
        brief_with(options, document, fallback=False)
    server.reset(Reply(body=body), ok(good_answer()))
    brief, _ = brief_with(options, document)
    assert brief.generator.summariser == "llm"


def test_the_formats_name_the_model_that_made_the_brief(server, document, options):
    from briefing.render.metadata import generator_label

    server.reset(ok(good_answer()))
    brief, _ = brief_with(options, document)
    assert generator_label(brief).endswith("(llm, tiny-instruct)")


def test_an_endpoint_that_wants_max_completion_tokens_gets_it(server, document, options):
    said = "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."
    server.reset(Reply(status=400, body=json.dumps({"error": {"message": said}}).encode()), ok(good_answer()))
    brief, _ = brief_with(options, document)
    assert brief.generator.summariser == "llm"
    assert "max_tokens" in server.requests[0].body
    assert "max_tokens" not in server.requests[1].body and server.requests[1].body["max_completion_tokens"] == 2048
    assert server.requests[1].body["response_format"]["type"] == "json_schema"


def test_a_request_the_endpoint_refuses_for_another_reason_is_an_error(server, document, options):
    said = "This model's maximum context length is 4096 tokens; reduce the length of the messages."
    server.reset(Reply(status=400, body=json.dumps({"error": {"message": said}}).encode()))
    with pytest.raises(LlmError, match="the request was refused \\(400\\): This model's maximum context length"):
        brief_with(options, document, fallback=False)
    assert len(server.requests) == 1


def test_a_common_noun_opening_a_point_is_not_taken_for_a_name(server, document, options):
    implications = [{"text": "Experts expect calm along the border.", "sentences": [5]},
                    {"text": "Dakar expects calm along the border.", "sentences": [5]},
                    {"text": "Guterres expects calm along the border.", "sentences": [5]}]
    server.reset(ok(good_answer(implications=implications)))
    brief, _ = brief_with(options, document)
    assert [p.text for p in brief.implications] == ["Experts expect calm along the border."]
    assert dict(brief.generator.dropped) == {"ungrounded_name": 2}


def test_the_extractive_passs_timeline_and_relations_between_kept_actors_carry_over():
    from briefing.model import Actor, Evidence, Relation
    from briefing.summarise.llm.summariser import _relations_between

    cited = (Evidence(0, 4, "Mali"),)
    relations = (Relation("Mali", "Niger", "promised to aid", cited), Relation("Chad", "Niger", "met", cited),
                 Relation("Goita", "Mali", "leads", cited))
    actors = (Actor("Mali", "country", evidence=cited), Actor("Niger", "country", evidence=cited),
              Actor("Assimi Goita", "person", aliases=("Goita",), evidence=cited))
    kept = _relations_between(relations, actors)
    assert [(r.source, r.target, r.label) for r in kept] == [("Mali", "Niger", "promised to aid"),
                                                           ("Assimi Goita", "Mali", "leads")]


def test_the_models_brief_says_each_thing_once_and_keeps_to_the_length(server, document, options):
    restated = {"text": "Northland and Southland signed a water-sharing treaty in Geneva on 4 March 2025.",
                "sentences": [1]}  # the summary's first point again, as a term
    server.reset(ok(good_answer(terms=[restated, *good_answer()["terms"]])))
    full, _ = brief_with(options, document)
    assert len(full.terms) == 2 and full.generator.budget.omitted == ()
    server.reset(ok(good_answer(terms=[restated, *good_answer()["terms"]])))
    brief, _ = brief_with(options, document, length="short", cache_dir=options.cache_dir / "short")
    assert [p.text for p in brief.terms] == ["A joint commission of six engineers settles disputes."]
    assert brief.generator.budget.length == "short" and brief.generator.budget.words is not None
