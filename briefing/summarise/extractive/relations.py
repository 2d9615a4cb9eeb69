"""Relations between two actors that one sentence states, for the actor map.

Four grammatical shapes give a relation and its direction:

- a verb whose subject names one actor and whose other arguments name
  another: "Mali … promised to come to Niger's aid" (Mali → Niger); an agent
  noun's "by" reverses it ("hostilities by Tuareg armed groups");
- a possessive before a title and a person's name: "Mali's junta leader
  Assimi Goita" (Goita → Mali, "junta leader of");
- a hyphenated participle: "France-supported G5 Sahel" (France → G5 Sahel);
- a participle after a name: "insurgents linked to al-Qaida".

Each relation's label is a short phrase of the sentence's own words, and its
evidence is the sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Sequence

from briefing.model import Actor, Evidence, Relation
from briefing.summarise.extractive.actors import MentionRef
from briefing.summarise.extractive.clauses import (
    Named,
    named_in,
    noun_phrase,
    verb_phrase,
    words,
)
from briefing.summarise.extractive.lexicon import UTTERANCE_VERBS
from briefing.summarise.extractive.parsed import Parsed

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Prepositions that say where an act happened.
_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})
#: Prepositions that set a scene rather than name a party to the act.
_CIRCUMSTANTIAL = frozenset({"after", "before", "since", "during", "amid", "despite", "following", "in", "over"})


def extract_relations(parsed: Parsed, actors: Sequence[Actor], mentions: Sequence[MentionRef]) -> tuple[Relation, ...]:
    """Return every relation between two different actors a sentence states, in reading order, each once.

    A sentence links two actors one way once: the first shape found, at the
    first name, gives the label ("praised Ghana's president and the port of
    Accra" is one link to Ghana, not one per name).
    """
    found: dict[tuple[str, str, str], Relation] = {}
    for sentence in parsed.sentences:
        named = named_in(sentence, mentions, actors)
        if len({n.actor.name for n in named}) < 2:
            continue
        evidence = (Evidence.of(parsed.text, sentence.start, sentence.end),)
        linked: set[tuple[str, str]] = set()
        for source, target, label in _relations(named):
            if source.name != target.name and label and (source.name, target.name) not in linked:
                linked.add((source.name, target.name))
                key = (source.name, target.name, label.casefold())
                found.setdefault(key, Relation(source.name, target.name, label, evidence))
    return tuple(found.values())


def _relations(named: list[Named]) -> Iterator[tuple[Actor, Actor, str]]:
    for first in named:
        yield from _titled(first, named)
        yield from _hyphenated(first, named)
        yield from _participle(first, named)
        yield from _verbal(first, named)


def _owner(token: Token, named: list[Named]) -> Named | None:
    """Return the actor whose name contains ``token``."""
    return next((n for n in named if n.holds(token)), None)


def _titled(possessor: Named, named: list[Named]) -> Iterator[tuple[Actor, Actor, str]]:
    """ "Mali's junta leader Assimi Goita": the person → the possessor, labelled with the title."""
    head = possessor.head
    if head.dep_ != "poss":
        return
    owned = head.head
    while owned.dep_ == "compound" and _owner(owned, named) is None:
        owned = owned.head
    person = _owner(owned, named)
    if person is None:  # "Kenya's President, William Ruto": the name in apposition to the title
        person = next((_owner(c, named) for c in owned.children if c.dep_ == "appos" and _owner(c, named)), None)
    if person is None or person.actor.type != "person":
        return
    title = [t for t in head.doc[head.i + 1 : person.head.i]
             if (t.dep_ == "compound" or t.i == owned.i) and t.pos_ in ("NOUN", "PROPN") and not person.holds(t)]
    if title:
        yield person.actor, possessor.actor, words(title) + " of"


def _hyphenated(first: Named, named: list[Named]) -> Iterator[tuple[Actor, Actor, str]]:
    """ "France-supported G5 Sahel": France → the organisation the participle modifies."""
    head = first.head
    participle = head.head
    nxt = head.nbor(1) if head.i + 1 < len(head.doc) else None
    if nxt is None or nxt.text != "-" or participle.tag_ != "VBN" or participle.i != head.i + 2:
        return
    for second in named:
        if second is not first and second.holds(participle.head):
            yield first.actor, second.actor, participle.text


def _participle(first: Named, named: list[Named]) -> Iterator[tuple[Actor, Actor, str]]:
    """ "insurgents linked to al-Qaida and the Islamic State": first → each object; "backed by" reverses."""
    for verb in first.head.children:
        if verb.dep_ != "acl" or verb.tag_ != "VBN":
            continue
        for prep in verb.children:
            if prep.dep_ not in ("prep", "agent"):
                continue
            for target in _named_under(prep, named, first):
                if prep.lower_ == "by":
                    yield target.actor, first.actor, verb.text
                else:
                    yield first.actor, target.actor, f"{verb.text} {prep.text}"


def _verbal(first: Named, named: list[Named]) -> Iterator[tuple[Actor, Actor, str]]:
    """The subject's actor → an actor among the verb's other arguments, labelled with the verb phrase."""
    found = _subject_and_verb(first.head)
    if found is None:
        return
    subject, verb = found
    if verb.lemma_ in UTTERANCE_VERBS:
        return  # "Levitt said Sinwar …": whom a speaker speaks of is not a link between them
    subject_tokens = {t.i for t in subject.subtree}
    phrase = verb_phrase(verb)
    for second in named:
        if second.head.i in subject_tokens or second.actor.name == first.actor.name:
            continue
        if not _under(second.head, verb) or _names_a_place(second.head, verb):
            continue
        path = _path(verb, second.head)
        if any(_has_own_subject(t) for t in path):
            continue  # "While Moscow eyes Ukraine's …, Pyongyang seeks …": Ukraine is Moscow's, not Pyongyang's
        agent = next((t.head for t in path if t.lower_ == "by" and t.head.pos_ == "NOUN"), None)
        if agent is not None:  # "a resumption of hostilities by Tuareg armed groups": they act on the subject
            yield second.actor, first.actor, words(t for t in noun_phrase(agent) if t.dep_ != "det")
        else:  # the two actors' names are the arrow's ends, not part of its label ("characterized Sinwar")
            ends = [n for n in named if n.actor.name in (first.actor.name, second.actor.name)]
            label = [t for t in [*phrase, *_path_words(verb, phrase, path)] if not any(n.holds(t) for n in ends)]
            yield first.actor, second.actor, words(_whole_names(label, named))


def _has_own_subject(token: Token) -> bool:
    """Tell whether ``token`` heads a clause with a subject of its own (its arguments are that subject's)."""
    return token.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def _whole_names(label: list[Token], named: list[Named]) -> list[Token]:
    """Complete every actor's name the label touches: "eyeing North Korean ammunition", not "eyeing Korean …"."""
    if not label:
        return label
    doc = label[0].doc
    touched = [n for n in named if any(n.holds(t) for t in label)]
    return label + [doc[i] for n in touched for i in sorted(n.token_ids)]


def _subject_and_verb(head: Token) -> tuple[Token, Token] | None:
    """Return the subject phrase ``head`` belongs to and its verb, or None if ``head`` is not in a subject."""
    while head.dep_ == "conj" and head.head.dep_ in ("nsubj", "nsubjpass", "conj"):
        head = head.head  # "Mali and Burkina Faso": both are the subject
    if _is_subject_apposition(head):
        head = head.head  # "the regional bloc, ECOWAS, has threatened"
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = head.head
    if verb.dep_ in ("aux", "auxpass"):
        verb = verb.head  # "Mali has, in addition to …, seen": the parse hangs the subject on "has"
    return (head, verb) if verb.pos_ in ("VERB", "AUX") else None


def _path_words(verb: Token, phrase: list[Token], path: list[Token]) -> list[Token]:
    """Return the words on the way to the second actor worth adding to the label ("to come to … aid").

    None when the way passes a preposition that sets the scene ("After the
    recent coup in Niger"): the verb phrase alone says what was done.
    """
    if any(t.dep_ == "prep" and t.head.i == verb.i and t.lower_ in _CIRCUMSTANTIAL for t in path):
        return []
    in_phrase = {t.i for t in phrase}
    return [t for t in path if t.i > verb.i and t.i not in in_phrase and t.dep_ in ("prep", "pobj", "dobj")]


def _names_a_place(token: Token, verb: Token) -> bool:
    """Tell whether ``token`` is where the act happened ("met reporters in Nairobi"), not a party to it."""
    preposition = token.head
    return token.dep_ == "pobj" and preposition.lower_ in _LOCATIVE and preposition.head.i == verb.i


def _is_subject_apposition(token: Token) -> bool:
    return token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass")


def _under(token: Token, ancestor: Token) -> bool:
    return any(a.i == ancestor.i for a in token.ancestors)


def _path(top: Token, bottom: Token) -> list[Token]:
    """Return the tokens from just below ``top`` down to ``bottom``'s head (exclusive of both ends)."""
    chain = []
    token = bottom.head
    while token.i != top.i:
        chain.append(token)
        token = token.head
    return list(reversed(chain))


def _named_under(token: Token, named: list[Named], exclude: Named) -> list[Named]:
    inside = {t.i for t in token.subtree}
    return [n for n in named if n is not exclude and n.head.i in inside]
