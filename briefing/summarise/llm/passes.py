"""Brief a document with the model: in one request if it fits the context, else part by part and a merge.

Every answer, the parts' and the merge's, is grounded against the
document's numbered sentences before it is used.
"""

from __future__ import annotations

import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Iterable, Sequence

from briefing.errors import LlmError
from briefing.model import Actor
from briefing.summarise.llm.asking import Asker
from briefing.summarise.llm.candidates import SentenceIndex, restrict
from briefing.summarise.llm.facts import CommonWords
from briefing.summarise.llm.grounding import Grounded, Grounder
from briefing.summarise.llm.options import LlmOptions
from briefing.summarise.llm.plan import Part, split_into_parts
from briefing.summarise.llm.prompts import (
    POINT_SECTIONS,
    SYSTEM,
    Candidates,
    document_prompt,
    estimate_tokens,
    merge_prompt,
)
from briefing.summarise.llm.sentences import Sentence


@dataclass(frozen=True)
class Job:
    """One document to brief: its text, numbered sentences, what to show, and the hints."""

    title: str
    text: str
    sentences: tuple[Sentence, ...]
    shown: tuple[Sentence, ...]
    candidates: Candidates | None
    summary_points: int
    common_words: CommonWords | None = None  # capitalised words of a point that are not names


def brief_with_model(job: Job, asker: Asker, options: LlmOptions) -> tuple[Grounded, int]:
    """Return the grounded brief of ``job`` and the number of parts it was asked in."""
    hints = estimate_tokens(json.dumps([job.candidates.actors, job.candidates.quotes]) if job.candidates else "")
    budget = options.context_tokens - options.answer_tokens - estimate_tokens(SYSTEM) - hints - 200
    if budget <= 0:
        raise LlmError(f"a context of {options.context_tokens} tokens leaves no room for the document once "
                       f"{options.answer_tokens} are kept for the answer (raise --llm-context-tokens)")
    parts = split_into_parts(job.shown, budget)
    if len(parts) == 1:
        return _brief_part(job, asker, parts[0], None), 1
    with ThreadPoolExecutor(max_workers=max(1, options.max_concurrency)) as pool:
        briefs = list(pool.map(lambda item: _brief_part(job, asker, item[1], (item[0] + 1, len(parts))),
                               enumerate(parts)))
    merged = _merge(job, asker, briefs, budget)
    total = Counter()
    for grounded in (*briefs, merged):
        total.update(grounded.dropped)
    actors = _union_actors(actor for grounded in (*briefs, merged) for actor in grounded.actors)
    quotes = {(q.evidence[0].start, q.evidence[0].end): q for grounded in (merged, *briefs) for q in grounded.quotes}
    return Grounded(merged.points, actors, tuple(quotes[k] for k in sorted(quotes)), dict(sorted(total.items()))), \
        len(parts)


def _brief_part(job: Job, asker: Asker, part: Part, place: tuple[int, int] | None) -> Grounded:
    numbers = frozenset(s.number for s in part)
    hints = restrict(job.candidates, numbers) if job.candidates is not None else None
    answer = asker.ask(document_prompt(job.title, part, summary_points=job.summary_points, candidates=hints,
                                       part=place))
    grounder = Grounder(job.text, job.sentences, numbers, job.common_words)
    return grounder.ground(answer, summary_points=job.summary_points)


def _merge(job: Job, asker: Asker, briefs: Sequence[Grounded], budget: int) -> Grounded:
    """Ask the model to merge the parts' grounded briefs; ground the merge against the sentences they cite."""
    index = SentenceIndex(job.sentences)
    answers = [_as_answer(brief, index) for brief in briefs]
    by_number = {s.number: s for s in job.sentences}
    keep = max((len(items) for answer in answers for items in answer.values()), default=0)
    while True:  # the parts' items, each part's first ``keep`` per section, as many as fit
        parts = [{name: items[:keep] for name, items in answer.items()} for answer in answers]
        cited = sorted({n for part in parts for n in _cited_numbers(part)})
        prompt = merge_prompt(job.title, [by_number[n] for n in cited], parts, summary_points=job.summary_points)
        if estimate_tokens(prompt) <= budget:
            break
        if keep <= 1:
            raise LlmError("the parts' briefs are too long to merge within the model's context "
                           "(raise --llm-context-tokens)")
        keep //= 2
    answer = asker.ask(prompt)
    grounder = Grounder(job.text, job.sentences, cited, job.common_words)
    return grounder.ground(answer, summary_points=job.summary_points)


def _as_answer(brief: Grounded, index: SentenceIndex) -> dict[str, Any]:
    """Return a grounded brief's points in the answer's own JSON shape, citing sentence numbers.

    Actors and quotes are not merged by the model: every part's grounded ones are kept.
    """
    return {
        name: [{"text": p.text, "sentences": list(index.numbers(p.evidence))} for p in brief.points[name]]
        for name in POINT_SECTIONS
    }


def _union_actors(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    """Return one actor per name, in order of first appearance, with the aliases of all of them."""
    by_name: dict[str, Actor] = {}
    for actor in actors:
        known = by_name.get(actor.name)
        if known is None:
            by_name[actor.name] = actor
        else:
            aliases = tuple(dict.fromkeys((*known.aliases, *actor.aliases)))
            by_name[actor.name] = replace(known, aliases=aliases, role=known.role or actor.role)
    return tuple(by_name.values())


def _cited_numbers(answer: dict[str, Any]) -> set[int]:
    return {n for items in answer.values() for item in items for n in item["sentences"]}
