"""Tell when two sentences state the same fact in other words.

"Three West African countries ruled by military juntas have signed a mutual
defense pact" and "Military juntas of Mali, Niger and Burkina Faso signed a
security pact on Saturday" share few words but one event: the same verb
acting on the same thing, said of the same party. Two sentences state the
same fact when one verb-and-object pair is in both and they share at least
:data:`SHARED_WORDS` other content words (nouns, names and adjectives).
"""

from __future__ import annotations

from briefing.summarise.extractive.parsed import Sentence

SHARED_WORDS = 2
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ"})


def same_fact(a: Sentence, b: Sentence) -> bool:
    """Say whether ``a`` and ``b`` report one event: a shared verb-object pair and two more shared content words."""
    shared = _actions(a) & _actions(b)
    if not shared:
        return False
    involved = {word for pair in shared for word in pair}
    return len((_content(a) & _content(b)) - involved) >= SHARED_WORDS


def _actions(sentence: Sentence) -> set[tuple[str, str]]:
    """Return the (verb, object) lemma pairs of a sentence: "signed a pact" -> ("sign", "pact")."""
    return {
        (token.lemma_.lower(), child.lemma_.lower())
        for token in sentence.span
        if token.pos_ == "VERB"
        for child in token.children
        if child.dep_ in ("dobj", "obj")
    }


def _content(sentence: Sentence) -> set[str]:
    return {t.lemma_.lower() for t in sentence.span if t.pos_ in _CONTENT_POS and t.is_alpha and not t.is_stop}
