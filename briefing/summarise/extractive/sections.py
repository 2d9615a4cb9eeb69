"""Assign sentences to the brief's sections: terms, implications, background.

Terms and implications are chosen by the learned classifier (classify.py)
from each sentence's parse features; a story with no instrument at its
centre has no terms. Background is what remains that gives context: past or
perfect tense, or a retrospective word, with no look ahead. A sentence goes
to one section at most.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.summarise.extractive.classify import classify_sentences
from briefing.summarise.extractive.features import _YEAR, _is_retrospective, central_instruments
from briefing.summarise.extractive.parsed import Parsed, Sentence

_LOOKING_AHEAD = frozenset({"will", "shall", "could", "may", "might"})


@dataclass(frozen=True)
class Sections:
    terms: tuple[Sentence, ...]
    implications: tuple[Sentence, ...]
    background: tuple[Sentence, ...]


def assign_sections(parsed: Parsed, *, reserved: frozenset[int] = frozenset()) -> Sections:
    """Sort sentences into terms, implications and background.

    ``reserved`` holds the indices of summary sentences: they may still be
    terms (the provisions are the point) or implications (what follows is
    the point too), but are not repeated as background. A brief cut to a
    length says each thing once (summarise/dedup.py): the summary keeps it.
    """
    has_instrument = bool(central_instruments(parsed))
    terms: list[Sentence] = []
    implications: list[Sentence] = []
    background: list[Sentence] = []
    for sentence, label in zip(parsed.sentences, classify_sentences(parsed, terms=has_instrument)):
        if label == "terms":
            terms.append(sentence)
        elif label == "implications" and not looks_back(sentence):
            implications.append(sentence)
        elif sentence.index in reserved:
            pass
        elif is_background(sentence):
            background.append(sentence)
    return Sections(tuple(terms), tuple(implications), tuple(background))


def looks_back(sentence: Sentence) -> bool:
    """Say whether a sentence tells what came before the events, not what follows them.

    The gold's definition: the background before the events is never an
    implication. A sentence looks back when it has a retrospective word
    ("previously", "since") or the pluperfect, or sets a past-tense clause in
    a named year, and has no modal looking ahead.
    """
    tokens = list(sentence.span)
    if _looks_ahead(tokens):
        return False
    if _is_retrospective(tokens):
        return True
    return any(t.ent_type_ == "DATE" and _YEAR.search(t.text)
               and (t.head.tag_ == "VBD" or t.head.head.tag_ in ("VBD", "VBN")) for t in tokens)


_EARLIER = frozenset("previously formerly originally historically".split())


def main_clause_looks_back(sentence: Sentence) -> bool:
    """Say whether the main verb tells what came before: the pluperfect, or "previously" and its kin.

    "Mali and Burkina Faso had previously promised to come to Niger's aid"
    does; "He said the group had attacked" does not (its main verb is "said").
    """
    return any(
        (child.dep_ == "aux" and child.lower_ == "had") or (child.dep_ == "advmod" and child.lower_ in _EARLIER)
        for child in sentence.span.root.children
    )


def is_background(sentence: Sentence) -> bool:
    """Say whether a sentence gives context: past or perfect, with no look ahead."""
    tokens = list(sentence.span)
    if _looks_ahead(tokens):
        return False
    root = sentence.span.root
    aux = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    past = root.tag_ == "VBD" or bool(aux & {"had", "has", "have", "was", "were"})
    dated = any(t.ent_type_ == "DATE" for t in tokens) and root.tag_ in ("VBD", "VBN")
    return _is_retrospective(tokens) or past or dated


def _looks_ahead(tokens) -> bool:
    return any(t.tag_ == "MD" and t.lower_ in _LOOKING_AHEAD for t in tokens)
