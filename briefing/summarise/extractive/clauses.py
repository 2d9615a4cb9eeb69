"""What the timeline and the relations both read in a parsed sentence: who is named where, and the verb phrase.

A sentence's actors are the actor mentions that fall inside it, plus any
actor named there by its name or an alias (the small model misses a few
names: "Niger's" tagged as a work of art), each tied to the token that heads
it in the parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from briefing.model import Actor
from briefing.summarise.extractive.actors import MentionRef
from briefing.summarise.extractive.parsed import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Verb dependents that belong in a short label: negation, particles, auxiliaries.
_LABEL_DEPENDENTS = frozenset({"neg", "prt", "aux", "auxpass"})
_OBJECTS = frozenset({"dobj", "attr", "oprd", "acomp"})
#: Words of a noun phrase kept in a short label.
_PHRASE_DEPENDENTS = frozenset({"det", "amod", "compound", "nummod", "poss", "case", "nmod"})
MAX_LABEL_WORDS = 7


@dataclass(frozen=True)
class Named:
    """An actor named in a sentence: where (document offsets) and the token heading the name."""

    actor: Actor
    start: int
    end: int
    head: Token
    token_ids: frozenset[int]

    def holds(self, token: Token) -> bool:
        """Tell whether ``token`` is part of this name."""
        return token.i in self.token_ids


def named_in(sentence: Sentence, mentions: Sequence[MentionRef], actors: Iterable[Actor]) -> list[Named]:
    """Return the actors named in ``sentence``, in reading order, each name once."""
    found: dict[tuple[int, int], Actor] = {}
    for ref in mentions:
        if sentence.start <= ref.start and ref.end <= sentence.end:
            found[(ref.start, ref.end)] = ref.actor
    text = sentence.span.doc.text
    base = sentence.offset
    said = sentence.text
    for actor in actors:
        for name in (actor.name, *actor.aliases):
            if name not in said:  # the cheap test first: most actors are not named in most sentences
                continue
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", said):
                start = sentence.start + match.start()
                end = start + len(name)
                if not any(s < end and start < e for s, e in found):
                    found[(start, end)] = actor
    named = []
    for (start, end), actor in sorted(found.items()):
        tokens = [t for t in sentence.span if start <= base + t.idx < end]
        if tokens and text:
            named.append(Named(actor, start, end, _head_of(tokens), frozenset(t.i for t in tokens)))
    return named


def _head_of(tokens: list[Token]) -> Token:
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def governing_verb(token: Token) -> Token | None:
    """Return the nearest verb above ``token`` (itself included), or None."""
    while True:
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            return token
        if token.head.i == token.i:
            return None
        token = token.head


def verb_phrase(verb: Token, *, with_object: bool = True) -> list[Token]:
    """Return the tokens of a short label for ``verb``: auxiliaries, xcomp chain, direct object."""
    tokens = [verb, *_modifiers(verb)]
    last = verb
    for child in verb.children:
        purpose = child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if (child.dep_ == "xcomp" or purpose) and child.pos_ in ("VERB", "AUX"):
            tokens += [child, *_modifiers(child)]
            last = child
            break
    if with_object:
        for child in last.children:
            if child.dep_ in _OBJECTS:
                tokens += noun_phrase(child)
                break
    return tokens


def _modifiers(verb: Token) -> list[Token]:
    """Return a verb's negation, particle, "to" and modal: "will not", "set up", "to come" (not "has", "was").

    After "to" or a modal, "have" and "be" stay: "to have hammered out", "might be eyeing".
    """
    children = [c for c in verb.children if c.dep_ in _LABEL_DEPENDENTS]
    governed = any(c.dep_ == "aux" and (c.lower_ == "to" or c.tag_ == "MD") for c in children)
    return [c for c in children if governed or c.lemma_ not in ("have", "be", "do")]


def noun_phrase(noun: Token) -> list[Token]:
    """Return a noun with its determiners and modifiers and an "of" complement ("a resumption of hostilities").

    A modifier joined to its own by a hyphen comes whole: "a six-day visit", not "a day visit".
    """
    tokens = [noun, *(t for t in noun.children if t.dep_ in _PHRASE_DEPENDENTS and t.i < noun.i)]
    tokens += [t for modifier in tokens[1:] for t in (*_hyphenated_with(modifier), *_amount_words(modifier),
                                                      *_name_words(modifier))]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    tokens += [child, pobj, *(t for t in pobj.children if t.dep_ in _PHRASE_DEPENDENTS and t.i < pobj.i)]
    return tokens


def _name_words(token: Token) -> list[Token]:
    """Return the words before a modifier that make one name with it: "North" of "North Korean ammunition"."""
    if token.pos_ not in ("PROPN", "ADJ") or not token.text[:1].isupper():
        return []
    before = [c for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i and c.text[:1].isupper()]
    return before if before and before[-1].i == token.i - 1 else []


def _amount_words(token: Token) -> list[Token]:
    """Return the words before a number or quantity that make its amount: "16" of "16m", "$" of "$40bn"."""
    if token.dep_ not in ("nummod", "compound", "nmod"):
        return []
    numeric = token.like_num or token.pos_ == "NUM" or any(c.like_num or c.tag_ == "$" for c in token.children)
    if not numeric:
        return []
    before = (c for c in token.children if c.i < token.i)
    return [c for c in before if c.like_num or c.tag_ in ("$", "CD") or c.dep_ == "quantmod"]


def _hyphenated_with(token: Token) -> list[Token]:
    """Return the words a hyphen joins to ``token`` before it, with the hyphen: "six -" of "six-day"."""
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return [doc[i - 2], doc[i - 1]]
    return []


def words(tokens: Iterable[Token], *, limit: int = MAX_LABEL_WORDS) -> str:
    """Join tokens in sentence order into a label of at most ``limit`` words, kept tight where the source is."""
    ordered = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    parts: list[str] = []
    kept = {t.i for t in ordered}
    for token in ordered:
        if token.is_punct and token.text not in ("-",):
            continue
        text = token.text
        if token.lower_ in ("n't", "n’t"):
            if token.i - 1 in kept and parts and not token.nbor(-1).is_punct:  # "ca n't": written whole, "can't"
                parts[-1] += text
                continue
            text = "not"  # its auxiliary is left out: "not seen", not "n't seen"
        written_together = token.i - 1 in kept and not token.nbor(-1).whitespace_ and not token.nbor(-1).is_punct
        if parts and (token.dep_ == "case" or token.text == "-" or parts[-1].endswith("-") or written_together):
            parts[-1] += text  # "Hamas's", "six-day", "$40bn", "16m" as the source writes them
        else:
            parts.append(text)
    return " ".join(parts[:limit]) + (" …" if len(parts) > limit else "")
