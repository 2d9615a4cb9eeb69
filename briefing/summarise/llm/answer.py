"""Read the model's answer: JSON in the asked-for shape, or an AnswerError that says what is wrong.

A malformed answer (not JSON, not an object, a section that is not a list)
is an error, which earns the model one repair round. A malformed item in a
well-formed answer (no text, no citations, a citation that is not a
number) is left out and counted as ``malformed``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from briefing.summarise.llm.prompts import POINT_SECTIONS

MAX_ANSWER_CHARACTERS = 200_000  # far beyond any brief; a longer answer is a runaway model
MAX_ITEMS = 60  # per section
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


class AnswerError(ValueError):
    """The answer is not a JSON brief; the message says why, for the repair round."""


@dataclass(frozen=True)
class RawPoint:
    text: str
    sentences: tuple[int, ...]


@dataclass(frozen=True)
class RawActor:
    name: str
    type: str
    role: str | None
    aliases: tuple[str, ...]
    sentences: tuple[int, ...]


@dataclass(frozen=True)
class RawQuote:
    text: str
    speaker: str | None
    sentences: tuple[int, ...]


@dataclass(frozen=True)
class RawAnswer:
    """The model's brief as it said it, before grounding."""

    points: dict[str, tuple[RawPoint, ...]]
    actors: tuple[RawActor, ...]
    quotes: tuple[RawQuote, ...]
    malformed: int = 0
    over_limit: int = 0


def parse_answer(content: str) -> RawAnswer:
    """Parse an answer's text into a RawAnswer; AnswerError if it is not a JSON brief."""
    if len(content) > MAX_ANSWER_CHARACTERS:
        raise AnswerError(f"the answer has {len(content):,} characters, more than the {MAX_ANSWER_CHARACTERS:,} "
                          "a brief can need")
    data = _load(content)
    for key in (*POINT_SECTIONS, "actors", "quotes"):
        if not isinstance(data.get(key, []), list):
            raise AnswerError(f"{key!r} is not a list")
    counts = {"malformed": 0, "over_limit": 0}
    points = {name: tuple(_items(data, name, _point, counts)) for name in POINT_SECTIONS}
    actors = tuple(_items(data, "actors", _actor, counts))
    quotes = tuple(_items(data, "quotes", _quote, counts))
    return RawAnswer(points, actors, quotes, counts["malformed"], counts["over_limit"])


def _load(content: str) -> dict[str, Any]:
    text = content.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise AnswerError(f"it is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise AnswerError(f"it is a JSON {type(data).__name__}, not an object")
    return data


def _items(data: dict[str, Any], key: str, read, counts: dict[str, int]):
    items = data.get(key) or []
    counts["over_limit"] += max(0, len(items) - MAX_ITEMS)
    for item in items[:MAX_ITEMS]:
        try:
            yield read(item)
        except (TypeError, ValueError, KeyError):
            counts["malformed"] += 1


def _point(item: Any) -> RawPoint:
    return RawPoint(_text(item["text"]), _cited(item["sentences"]))


def _actor(item: Any) -> RawActor:
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list):
        raise TypeError("aliases")
    role = item.get("role")
    return RawActor(_text(item["name"]), str(item.get("type", "")), _text(role) if role else None,
                    tuple(_text(a) for a in aliases if isinstance(a, str) and a.strip()), _cited(item["sentences"]))


def _quote(item: Any) -> RawQuote:
    speaker = item.get("speaker")
    return RawQuote(_text(item["text"]), _text(speaker) if speaker else None, _cited(item["sentences"]))


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("empty text")
    return " ".join(value.split())


def _cited(value: Any) -> tuple[int, ...]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        raise TypeError("sentences")
    numbers = []
    for number in value:
        if isinstance(number, bool) or not isinstance(number, (int, str)):
            raise TypeError("sentence number")
        numbers.append(int(number))
    return tuple(dict.fromkeys(numbers))
