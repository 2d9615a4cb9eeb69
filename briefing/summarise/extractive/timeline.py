"""The dated events of a document, for the timeline.

An event is a sentence's date (a DATE entity the resolver can place: "on
Saturday", "in 2017", "the past week") with the verb it modifies, that
verb's phrase as the label, and the actors of its clause, subject first.
Relative dates resolve against the publication date when the source gives
one; otherwise they are kept as written and ordered after the dated past.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from briefing.model import Actor, Evidence, TimelineEvent
from briefing.summarise.extractive.actors import MentionRef
from briefing.summarise.extractive.clauses import Named, governing_verb, named_in, noun_phrase, verb_phrase, words
from briefing.summarise.extractive.dates import ResolvedDate, parse_published, resolve_date
from briefing.summarise.extractive.lexicon import UTTERANCE_VERBS
from briefing.summarise.extractive.parsed import Parsed, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

#: Verbs that put what follows them ahead of the source: "set to take effect", "due to meet".
FUTURE_VERBS = frozenset({"set", "due", "schedule", "expect", "plan", "intend", "aim", "slate"})
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "going"})
MAX_EVENT_ACTORS = 3
RELATIVE_PRONOUN_TAGS = frozenset({"WDT", "WP", "WP$"})  # which, that (relative), who, whom, whose


def extract_timeline(parsed: Parsed, actors: Sequence[Actor], mentions: Sequence[MentionRef]) -> tuple[TimelineEvent, ...]:
    """Return the document's dated events, ordered by date (unresolved relative dates after the dated past)."""
    published = parse_published(parsed.document.published)
    found: list[tuple[tuple, TimelineEvent]] = []
    for sentence in parsed.sentences:
        named = None
        for entity in sentence.span.ents:
            if entity.label_ != "DATE":
                continue
            future_tense = _speaks_of_future(entity.root)
            resolved = resolve_date(entity.text, published, future_tense=future_tense)
            if resolved is None:
                continue
            named = named if named is not None else named_in(sentence, mentions, actors)
            event = _event(parsed, sentence, entity, resolved, named, future_tense)
            if event is not None:
                found.append((resolved, sentence.start + entity.start_char, event))
    return tuple(event for *_, event in sorted(found, key=_order_key(found)))


def _order_key(found):
    resolved_past = [r.sort_key() for r, _, e in found if r.resolved and not e.future]
    anchor = max(resolved_past, default="") + "~"  # after the latest dated past event

    def key(item):
        resolved, position, _ = item
        if resolved.resolved:
            return (resolved.sort_key(), 0, position)
        return (anchor, resolved.offset_days, position)

    return key


def _event(parsed: Parsed, sentence: Sentence, entity: SpacySpan, resolved: ResolvedDate,
           named: list[Named], future_tense: bool) -> TimelineEvent | None:
    """Return the event a date marks, or None when the sentence says nothing a label could show."""
    verb = governing_verb(entity.root.head if entity.root.dep_ != "ROOT" else entity.root)
    if verb is not None and _reports_speech(verb):
        return None  # "X said on Tuesday that …": the day the source heard it, not an event
    phrase = verb_phrase(verb) if verb is not None else [t for t in noun_phrase(entity.root.head) if t.dep_ != "det"]
    phrase = [t for t in phrase if t.tag_ not in RELATIVE_PRONOUN_TAGS]  # "which will offer": "will offer"
    in_phrase = {t.i for t in phrase}
    named = [n for n in named if not n.token_ids & in_phrase]  # "to tackle Islamist groups": the object, not a party
    event_actors = _event_actors(verb, named)
    if not event_actors and verb is not None:
        phrase = [*_subject_phrase(verb), *phrase]  # "grew" says nothing; "the need grew" does
    if _says_nothing(phrase, event_actors):
        return None
    return TimelineEvent(
        date=resolved.iso,
        precision=resolved.precision,
        date_text=_as_written(entity),
        text=words(phrase),
        actors=event_actors,
        evidence=(Evidence.of(parsed.text, sentence.start, sentence.end),),
        future=resolved.future or (resolved.iso is None and future_tense),
    )


def _reports_speech(verb: Token) -> bool:
    """Tell a verb of uttering that reports what was said ("said on Tuesday that …", "“…,” he said Monday")."""
    return verb.lemma_ in UTTERANCE_VERBS and any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


def _subject_phrase(verb: Token) -> list[Token]:
    """Return the noun phrase of the verb's own subject (no determiner), or nothing."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            return [t for t in noun_phrase(child) if t.dep_ != "det"]
    return []


def _says_nothing(phrase: list[Token], actors: tuple[str, ...]) -> bool:
    """Tell a label no reader could follow: a lone word with no actor; a lone preposition, "-ing" form or "is"."""
    if len(phrase) != 1:
        return not phrase
    (token,) = phrase
    return not actors or token.pos_ == "ADP" or token.tag_ == "VBG" or token.lemma_ in ("be", "have", "do")


def _as_written(entity: SpacySpan) -> str:
    """Return the date with the preposition that introduces it: "on Saturday", "in 2017"."""
    before = entity.doc[entity.start - 1] if entity.start > entity.sent.start else None
    if before is not None and before.dep_ == "prep" and entity.root.head.i == before.i:
        return f"{before.text} {entity.text}"
    return entity.text


def _event_actors(verb: Token | None, named: list[Named]) -> tuple[str, ...]:
    """Return the clause's actors, those nearest its head (the subject, the noun a participle describes) first."""
    if verb is None:
        return tuple(dict.fromkeys(n.actor.name for n in named))[:MAX_EVENT_ACTORS]
    clause = verb.head if verb.dep_ in ("acl", "relcl") else verb
    inside = {t.i for t in clause.subtree}
    ranked = sorted((n for n in named if n.head.i in inside), key=lambda n: (_depth(n.head, clause), n.start))
    return tuple(dict.fromkeys(n.actor.name for n in ranked))[:MAX_EVENT_ACTORS]


def _depth(token: Token, top: Token) -> int:
    depth = 0
    while token.i != top.i and token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def _speaks_of_future(token: Token) -> bool:
    """Tell whether the clause a date sits in looks ahead: "will meet", "set to take effect"."""
    for ancestor in (token, *token.ancestors):
        if ancestor.lemma_ in FUTURE_VERBS and ancestor.pos_ in ("VERB", "ADJ"):
            return True
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in ancestor.children):
            return True
    return False
