"""Tell when two sentences state the same fact in other words.

"Three West African countries ruled by military juntas have signed a mutual
defense pact" and "Military juntas of Mali, Niger and Burkina Faso signed a
security pact on Saturday" share few words but one event: the same verb
acting on the same thing, said of the same party. Two sentences state the
same fact when one verb-and-object pair is in both, said of the same party
(a content word of one's subject is in the other: "Military juntas of Mali …
signed" and "countries ruled by military juntas have signed"), and they share
at least :data:`SHARED_WORDS` other content words (nouns, names and
adjectives). A verb without a subject of its own takes its governing verb's
("… signed a pact promising to help"); one with none ("a balanced approach
to tackling terrorism") states no fact this test can match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from briefing.summarise.extractive.parsed import Sentence

SHARED_WORDS = 2
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ"})


@dataclass(frozen=True)
class Fact:
    """What :func:`same_fact` compares of a sentence: its actions with their subjects' words, its content words."""

    actions: Mapping[tuple[str, str], frozenset[str]]
    content: frozenset[str]

    @classmethod
    def of(cls, sentence: Sentence) -> Fact:
        return cls(_actions(sentence), _content(sentence))


def same_fact(a: Sentence | Fact, b: Sentence | Fact) -> bool:
    """Say whether ``a`` and ``b`` report one event: a verb-object pair said of one party, two more shared words.

    Comparing many pairs, pass each sentence's :class:`Fact`, read once.
    """
    fact_a, fact_b = (x if isinstance(x, Fact) else Fact.of(x) for x in (a, b))
    actions_a, actions_b = fact_a.actions, fact_b.actions
    content_a, content_b = fact_a.content, fact_b.content
    shared = {pair for pair in actions_a.keys() & actions_b.keys()
              if actions_a[pair] & content_b or actions_b[pair] & content_a}
    if not shared:
        return False
    involved = {word for pair in shared for word in pair}
    return len((content_a & content_b) - involved) >= SHARED_WORDS


def _actions(sentence: Sentence) -> dict[tuple[str, str], frozenset[str]]:
    """Return each (verb, object) lemma pair of a sentence with its subject's content words.

    "Military juntas of Mali signed a pact" -> {("sign", "pact"): {"military", "junta", "mali"}}.
    """
    actions: dict[tuple[str, str], frozenset[str]] = {}
    for token in sentence.span:
        if token.pos_ != "VERB":
            continue
        subject = _subject_words(token)
        for child in token.children:
            if child.dep_ in ("dobj", "obj") and subject:
                pair = (token.lemma_.lower(), child.lemma_.lower())
                actions[pair] = actions.get(pair, frozenset()) | subject
    return actions


def _subject_words(verb) -> frozenset[str]:
    """Return the content lemmas of a verb's subject, or of its governing verb's when it has none."""
    for candidate in (verb, verb.head):
        subjects = [c for c in candidate.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return frozenset(t.lemma_.lower() for s in subjects for t in s.subtree
                             if t.pos_ in _CONTENT_POS and t.is_alpha and not t.is_stop)
        if candidate.dep_ not in ("xcomp", "conj", "advcl"):
            break
    return frozenset()


def _content(sentence: Sentence) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in sentence.span if t.pos_ in _CONTENT_POS and t.is_alpha and not t.is_stop)
