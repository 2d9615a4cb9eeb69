"""What the model is asked: the instructions, the numbered sentences, the candidates and the answer's schema.

``PROMPT_VERSION`` is part of every cached answer's key: change it whenever
the wording or the schema changes, so no answer to an older question is reused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Sequence

from briefing.model import ACTOR_TYPES
from briefing.summarise.llm.sentences import Sentence

PROMPT_VERSION = "brief-4"
POINT_SECTIONS = ("summary", "background", "terms", "implications")

_CITED = {"type": "array", "items": {"type": "integer"}}
_POINT = {
    "type": "object",
    "properties": {"text": {"type": "string"}, "sentences": _CITED},
    "required": ["text", "sentences"],
    "additionalProperties": False,
}
_ACTOR = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "type": {"type": "string", "enum": list(ACTOR_TYPES)},
        "role": {"type": ["string", "null"]},
        "aliases": {"type": "array", "items": {"type": "string"}},
        "sentences": _CITED,
    },
    "required": ["name", "type", "role", "aliases", "sentences"],
    "additionalProperties": False,
}
_QUOTE = {
    "type": "object",
    "properties": {"text": {"type": "string"}, "speaker": {"type": ["string", "null"]}, "sentences": _CITED},
    "required": ["text", "speaker", "sentences"],
    "additionalProperties": False,
}
ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        **{name: {"type": "array", "items": _POINT} for name in POINT_SECTIONS},
        "actors": {"type": "array", "items": _ACTOR},
        "quotes": {"type": "array", "items": _QUOTE},
    },
    "required": [*POINT_SECTIONS, "actors", "quotes"],
    "additionalProperties": False,
}

SYSTEM = """You write structured briefs for analysts. You may only say what the source says.
The source is given as numbered sentences. Every item you write cites the numbers of the sentences it rests on, \
in "sentences". Cite only numbers that are shown. Rules:
- summary: the key points, most important first; each a short sentence in your own words or the source's.
- background: context the source gives (history, earlier events).
- terms: the provisions of the instrument at the centre of the story (treaty, pact, deal, sanctions, ruling): \
obligations, triggers, amounts, durations, conditions. None if there is no instrument.
- implications: consequences, reactions, risks and expected developments the source states or directly implies.
- actors: the parties (people, countries, organisations, groups), named exactly as the source names them; \
aliases only as they appear in the source; role as the source describes it, or null.
- quotes: direct quotations copied character for character from the cited sentence, without the quotation marks; \
speaker exactly as named in the source, or null.
Never add a number, date or name that is not in the sentences you cite. Answer with one JSON object only, \
no prose, no code fence, in this shape:
{"summary": [{"text": "...", "sentences": [1]}], "background": [...], "terms": [...], "implications": [...],
 "actors": [{"name": "...", "type": "person|country|organisation|group", "role": null, "aliases": [], \
"sentences": [1]}],
 "quotes": [{"text": "...", "speaker": null, "sentences": [1]}]}"""

REPAIR = ("Your answer could not be used: {problem}. Reply again with only the JSON object in the shape asked for, "
          "citing only the numbered sentences shown.")


@dataclass(frozen=True)
class Candidates:
    """What the extractive pass found, by sentence number: the hints a hybrid prompt carries."""

    labels: dict[int, tuple[str, ...]]  # sentence number -> the extractive sections that chose (part of) it
    actors: tuple[dict[str, Any], ...] = ()  # {"name", "type", "role", "aliases", "sentences"}
    quotes: tuple[dict[str, Any], ...] = ()  # {"text", "speaker", "sentences"}


def document_prompt(title: str, sentences: Sequence[Sentence], *, summary_points: int,
                    candidates: Candidates | None = None, part: tuple[int, int] | None = None) -> str:
    """Return the user message for one document, or for part ``(i, n)`` of one."""
    lines = [f"Title: {title}"]
    if part is not None:
        lines.append(f"This is part {part[0]} of {part[1]} of the source; brief this part only.")
    lines.append("Sentences:")
    labels = candidates.labels if candidates else {}
    for sentence in sentences:
        label = f" ({', '.join(labels[sentence.number])})" if sentence.number in labels else ""
        lines.append(f"[{sentence.number}]{label} {sentence.text}")
    if candidates is not None:
        lines.append("An extractive pass labelled the sentences above and found these candidates; "
                     "select, correct, merge and phrase them:")
        lines.append("Actors: " + json.dumps(list(candidates.actors), ensure_ascii=False))
        lines.append("Quotes: " + json.dumps(list(candidates.quotes), ensure_ascii=False))
    lines.append(f"Write a brief with exactly {summary_points} summary points, as one JSON object.")
    return "\n".join(lines)


def merge_prompt(title: str, sentences: Sequence[Sentence], parts: Sequence[dict[str, Any]], *,
                 summary_points: int) -> str:
    """Return the user message that merges the briefs of a long document's parts into one."""
    lines = [f"Title: {title}", "The source was briefed in parts. The sentences the parts cite:"]
    lines += [f"[{s.number}] {s.text}" for s in sentences]
    lines.append("The parts' briefs:")
    lines += [json.dumps(part, ensure_ascii=False) for part in parts]
    lines.append(f"Merge their points into one brief of the whole source with exactly {summary_points} summary "
                 "points: drop repeats, keep the citations, as one JSON object (actors and quotes may be empty: "
                 "the parts' are kept).")
    return "\n".join(lines)


def estimate_tokens(text: str) -> int:
    """Estimate how many tokens ``text`` costs: about one per three characters, rounded up (errs high)."""
    return len(text) // 3 + 1
