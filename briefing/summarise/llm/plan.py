"""Split a long document into parts that each fit the model's context, section by section.

The size of a prompt is estimated before it is sent (``estimate_tokens``);
the parts are whole sections where a section fits, whole paragraphs where
it does not, and runs of sentences as a last resort.
"""

from __future__ import annotations

from itertools import groupby
from typing import Callable, Sequence

from briefing.errors import LlmError
from briefing.summarise.llm.prompts import estimate_tokens
from briefing.summarise.llm.sentences import Sentence

Part = tuple[Sentence, ...]


def sentence_cost(sentence: Sentence) -> int:
    """Estimate the tokens a sentence costs in a prompt, with its number and label."""
    return estimate_tokens(f"[{sentence.number}] (background) {sentence.text}\n")


def split_into_parts(sentences: Sequence[Sentence], budget: int,
                     cost: Callable[[Sentence], int] = sentence_cost) -> list[Part]:
    """Pack the sentences into as few parts as fit ``budget`` tokens each, keeping sections and paragraphs whole."""
    parts: list[list[Sentence]] = []
    current: list[Sentence] = []
    used = 0
    for unit in _units(sentences, budget, cost):
        size = sum(cost(s) for s in unit)
        if current and used + size > budget:
            parts.append(current)
            current, used = [], 0
        current.extend(unit)
        used += size
    if current:
        parts.append(current)
    return [tuple(p) for p in parts]


def _units(sentences: Sequence[Sentence], budget: int, cost: Callable[[Sentence], int]) -> list[list[Sentence]]:
    """Return the sections that fit whole, else their paragraphs that fit whole, else single sentences."""
    units: list[list[Sentence]] = []
    for _, section in groupby(sentences, key=lambda s: s.section):
        section = list(section)
        if sum(cost(s) for s in section) <= budget:
            units.append(section)
            continue
        for _, paragraph in groupby(section, key=lambda s: s.paragraph):
            paragraph = list(paragraph)
            if sum(cost(s) for s in paragraph) <= budget:
                units.append(paragraph)
                continue
            for sentence in paragraph:
                if cost(sentence) > budget:
                    raise LlmError(f"sentence {sentence.number} alone is longer than the model's context allows "
                                   "(raise --llm-context-tokens)")
                units.append([sentence])
    return units
