"""Quotations and who said them.

A quotation is text between quotation marks, long enough to be speech rather
than a scare-quoted phrase. Its speaker is the subject of a speech verb in
the sentences the quote touches ("…, he said"; "Mali's Defense Minister
Abdoulaye Diop told journalists"), the object of "according to", the short
sentence right after it ("…?” he suggested.") or the sentence before it
that introduces it with a colon; failing those, the person a narrated
sentence just before it is about, when the quote opens its sentence ("X,
head of …, wants …" then a quoted paragraph). A quote with none of these
continues the last attributed speaker when it opens its paragraph or shares one with them
(news keeps a speaker's words in consecutive paragraphs), within
``_CONTINUATION_PARAGRAPHS``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Sequence

from briefing.model import Evidence, Quote
from briefing.summarise.extractive.actors import MentionRef
from briefing.summarise.extractive.gazetteer import organisation_nouns
from briefing.summarise.extractive.lexicon import (
    GROUP_NOUNS,
    INSTRUMENT_NOUNS,
    ORGANISATION_WORDS,
    ROLE_NOUNS,
    REPORTING_VERBS,
    SOURCE_NOUNS,
    STATE_NOUNS,
)
from briefing.summarise.extractive.parsed import Parsed, Sentence

# A quotation in curly marks or guillemets; or, as news prints a quote running
# on into the next paragraph, an opening curly mark left open to the end of
# its paragraph. Straight marks are paired by _straight_quotations.
_QUOTED = re.compile(r"“([^“”]+)”|«\s*([^«»]+?)\s*»|“([^“”\n]+)(?=\n|$)")
_GROUPS = range(1, 4)
_OPENS_AFTER = "([{:;—–-/"
_MIN_WORDS = 5
_CONTINUATION_PARAGRAPHS = 3
_SUBJECT_PARAGRAPHS = 1  # a pronoun prefers a subject of its own or the previous paragraph
_QUOTE_CHARS = "\"“”«»"
_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "it": "party", "they": "party"}
_SPEAKER_NOUNS = ROLE_NOUNS | GROUP_NOUNS | STATE_NOUNS | ORGANISATION_WORDS | INSTRUMENT_NOUNS | SOURCE_NOUNS
_DEFINITE = frozenset({"the", "its", "his", "her", "their"})


def extract_quotes(parsed: Parsed, mentions: Sequence[MentionRef]) -> tuple[Quote, ...]:
    """Return every quotation of five words or more, in reading order, with its speaker."""
    text = parsed.text
    starts = [s.start for s in parsed.sentences]
    spans = quotation_spans(text)
    mentions = _Mentions(parsed, starts, mentions, spans)
    quotes: list[Quote] = []
    previous: tuple[int, str] | None = None  # (paragraph, speaker) of the last attributed quote
    for start, end in spans:
        if len(text[start:end].split()) < _MIN_WORDS:
            continue
        sentence = _sentence_at(parsed.sentences, starts, start)
        if sentence is None:
            continue
        last = _sentence_at(parsed.sentences, starts, end) or sentence
        speaker = _attribution(parsed, sentence, last, start, end, mentions)
        if speaker is None and previous is not None:
            speaker = _continued(parsed, sentence, start, previous)
        if speaker is not None:
            previous = (last.paragraph, speaker)
        quotes.append(Quote(text[start:end], speaker, (Evidence.of(text, start, end),)))
    return tuple(quotes)


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every quotation's words, in reading order."""
    spans = [m.span(next(g for g in _GROUPS if m.group(g) is not None)) for m in _QUOTED.finditer(text)]
    spans.extend(_straight_quotations(text))
    return sorted({_trim(text, a, b) for a, b in spans})


def _straight_quotations(text: str) -> list[tuple[int, int]]:
    """Pair straight quotation marks by the side their space is on.

    A mark after a space (or an opening bracket, colon or dash) and before a
    word opens; another mark closes. A quotation still open when the next one
    opens or its paragraph ends stops there: text whose paragraph breaks were
    lost prints '… poorest. "Two million …' for a quote running on.
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for match in re.finditer(r'"', text):
        i = match.start()
        if opened is not None and "\n" in text[opened:i]:
            spans.append((opened, text.index("\n", opened)))
            opened = None
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if (before.isspace() or before in _OPENS_AFTER) and not after.isspace():
            if opened is not None:
                spans.append((opened, i))
            opened = i + 1
        elif opened is not None:
            spans.append((opened, i))
            opened = None
    if opened is not None:
        newline = text.find("\n", opened)
        spans.append((opened, len(text) if newline < 0 else newline))
    return spans


def _attribution(
    parsed: Parsed, first: Sentence, last: Sentence, start: int, end: int, mentions: Sequence[MentionRef]
) -> str | None:
    """Find who a quote is attributed to in the sentences it touches, the one after or the one before."""
    sentences = parsed.sentences
    span = list(sentences[first.index : last.index + 1])
    after = sentences[last.index + 1] if last.index + 1 < len(sentences) else None
    if after is not None and after.paragraph == last.paragraph and not _has_quote(after):
        span.append(after)  # "“… a corridor?” he suggested."
    before = sentences[first.index - 1] if first.index > 0 else None
    if before is not None and before.text.rstrip().endswith(":") and before.paragraph >= first.paragraph - 1:
        span.append(before)  # "Blair said:" then the quotation
    elif before is not None and before.paragraph == first.paragraph:
        span.append(before)  # "…, Mr Straw said. “Our role as a leading member …”"
    speaker = next(filter(None, (_speaker(s, start, end, mentions) for s in span)), None)
    return speaker or _introducer(parsed, first, start, mentions)


def _introducer(parsed: Parsed, sentence: Sentence, start: int, mentions: Sequence[MentionRef]) -> str | None:
    """Find the person a narrated sentence just before an opening quotation is about.

    "Mlungisi Mvoko … wants to see the corridor stretching as far as Angola."
    then a paragraph opening with a quotation; or "He is more emphatic when
    discussing Ukraine. “We should …”". The sentence before must hold no
    quotation itself, and the quotation must open its sentence.
    """
    if sentence.index == 0 or parsed.text[sentence.start : start].strip(_QUOTE_CHARS + " "):
        return None
    before = parsed.sentences[sentence.index - 1]
    if _has_quote(before) or before.paragraph < sentence.paragraph - 1 or before.text.rstrip().endswith("?"):
        return None  # an interviewer's question is answered by someone else
    for subject in (c for c in before.span.root.children if c.dep_ in ("nsubj", "nsubjpass")):
        name = _name_of(subject, before.offset, mentions)
        if name is not None and _is_person(name, mentions):
            return name
    return None


def _is_person(name: str, mentions: Sequence[MentionRef]) -> bool:
    return any(m.actor.name == name and m.actor.type == "person" for m in mentions)


def _continued(parsed: Parsed, sentence: Sentence, start: int, previous: tuple[int, str]) -> str | None:
    """Carry the last speaker to an unattributed quote in their paragraph or one opening a nearby paragraph."""
    paragraph, speaker = previous
    if sentence.paragraph == paragraph:
        return speaker
    opens = sentence.index == 0 or parsed.sentences[sentence.index - 1].paragraph != sentence.paragraph
    before = parsed.text[sentence.start : start].strip(_QUOTE_CHARS + " ")
    if opens and not before and sentence.paragraph - paragraph <= _CONTINUATION_PARAGRAPHS:
        return speaker
    return None


def _has_quote(sentence: Sentence) -> bool:
    return any(ch in sentence.text for ch in _QUOTE_CHARS)


class _Mentions(tuple):
    """The actors' mentions, with what pronoun resolution needs: outside quotes, paragraph, subject or not."""

    def __new__(cls, parsed: Parsed, starts: list[int], mentions: Sequence[MentionRef], quoted: list[tuple[int, int]]):
        self = super().__new__(cls, mentions)
        self.quoted = quoted
        self.counts = Counter(m.actor.name for m in mentions)
        self.narrated = []  # (mention, paragraph, is_subject) for mentions outside quotation marks
        for m in mentions:
            if _within(m.start, quoted):
                continue
            sentence = _sentence_at(parsed.sentences, starts, m.start)
            if sentence is None:
                continue
            local = m.start - sentence.offset
            span = sentence.span.doc.char_span(local, local + (m.end - m.start))
            self.narrated.append((m, sentence.paragraph, span is not None and _main_subject(span.root)))
        return self

    def antecedent(self, position: int, person: bool) -> str | None:
        """The party a pronoun at ``position`` most likely stands for.

        The last subject of a main clause (or of a speech verb) in the last
        paragraphs that name anyone (a paragraph that only quotes is skipped);
        failing that, the party named most often in the whole text among
        those those paragraphs name (an interviewer's "I ask if X …" names X
        without making X the one who answers); failing that, the last named.
        """
        before = [(m, p, s) for m, p, s in self.narrated if m.end <= position and (m.actor.type == "person") == person]
        if not before:
            return None
        paragraphs = sorted({p for _, p, _ in before})
        near = paragraphs[-1 - _SUBJECT_PARAGRAPHS]  if len(paragraphs) > _SUBJECT_PARAGRAPHS else paragraphs[0]
        subjects = [m for m, p, s in before if s and p >= near]
        if subjects:
            return subjects[-1].actor.name
        named = [m for m, p, s in before if p >= near]
        return max(enumerate(named), key=lambda pair: (self.counts[pair[1].actor.name], pair[0]))[1].actor.name


def _main_subject(token) -> bool:
    """Say whether a name is (or modifies) the subject of its sentence's main verb, not of a clause inside it."""
    while token.dep_ in ("compound", "amod", "poss", "appos") and token.head.i != token.i:
        token = token.head  # "the GOP lawmakers accuse"
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    if verb.lemma_ in REPORTING_VERBS:
        return True  # "His comments came as Bush said …": Bush spoke
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _within(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace()):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _sentence_at(sentences: Sequence[Sentence], starts: list[int], pos: int) -> Sentence | None:
    index = bisect.bisect_right(starts, pos) - 1
    if index < 0:
        return None
    return sentences[index]


def _speaker(sentence: Sentence, start: int, end: int, mentions: Sequence[MentionRef]) -> str | None:
    """Find the speaker in a sentence: "according to X", else the subject of the speech verb nearest the quote.

    Words inside any quotation are the quoted speaker's, not the narrator's,
    so they never attribute anything ("… was added to the list," the letter
    added).
    """
    offset = sentence.offset
    quoted = getattr(mentions, "quoted", [(start, end)])
    outside = [t for t in sentence.span if not (start <= offset + t.idx < end or _within(offset + t.idx, quoted))]
    for token in outside:
        if token.lower_ == "according":
            for prep in token.children:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return _name_of(obj, offset, mentions) or _phrase(obj)
    verbs = [t for t in outside if t.pos_ == "VERB" and t.lemma_ in REPORTING_VERBS]
    verbs.sort(key=lambda t: min(abs(offset + t.idx - start), abs(offset + t.idx - end)))
    for verb in verbs:
        clause = verb
        while not _subjects(clause) and (
            (clause.tag_ == "VBG" and clause.dep_ in ("advcl", "conj"))
            or (clause.dep_ == "conj" and (clause.head.dep_ == "ROOT" or clause.head.lemma_ in REPORTING_VERBS))
        ):
            clause = clause.head  # "X refused …, saying …", "X welcomed it and said …": X says it
        subjects = _subjects(clause)
        for child in subjects:
            if not (start <= offset + child.idx < end):
                name = _name_of(child, offset, mentions) or _descriptor(child, offset, mentions)
                if name:
                    return name
        if not subjects:
            name = _name_before(verb, offset, mentions)  # "with finance minister X telling parliament:"
            if name:
                return name
    return None


def _subjects(verb) -> list:
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def _name_before(verb, offset: int, mentions: Sequence[MentionRef]) -> str | None:
    """Return the person named right before a speech verb the parse left without a subject."""
    if verb.i == 0:
        return None
    previous = verb.doc[verb.i - 1]
    position = offset + previous.idx + len(previous)
    return next((m.actor.name for m in mentions if m.end == position and m.actor.type == "person"), None)


def _name_of(token, offset: int, mentions: Sequence[MentionRef]) -> str | None:
    """Resolve a subject to an actor.

    The name the subject's head is part of ("Samson Mokoena from the Vaal …
    Alliance" is Mokoena), else a person inside it ("Israel's spokesperson,
    Daniel Hagari"), a name the NER missed, or the party a pronoun stands
    for. A subject headed by a common noun ("a Nato official") is left to
    :func:`_descriptor` unless a person is named inside it.
    """
    lo = offset + min(t.idx for t in token.subtree)
    hi = offset + max(t.idx + len(t) for t in token.subtree)
    head = offset + token.idx
    inside = [m for m in mentions if lo <= m.start and m.end <= hi]
    heads = [m for m in inside if m.start <= head < m.end]
    if heads:
        return heads[-1].actor.name
    people = [m for m in inside if m.actor.type == "person"]
    if people:
        return people[-1].actor.name
    if inside and token.pos_ != "NOUN" and token.lemma_.lower() not in ROLE_NOUNS:
        return inside[-1].actor.name  # not "the US President": that is a person (see _descriptor)
    if token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.text.istitle()):
        words = token.doc.text[lo - offset : hi - offset]
        name = _by_surname(words, mentions)
        if name or token.pos_ == "NOUN":
            return name
        return None if token.lemma_.lower() in _SPEAKER_NOUNS else _phrase(token)  # a name the NER missed
    want = _PRONOUNS.get(token.lower_)
    if want is None or not isinstance(mentions, _Mentions):
        return None
    return mentions.antecedent(lo, want == "person")


def _descriptor(token, offset: int, mentions: Sequence[MentionRef]) -> str | None:
    """Name the speaker a common-noun subject describes.

    "the US President" is the person the text gave that role; "the alliance"
    the party whose name holds the noun; otherwise the text's own descriptor
    ("a Nato official", "the letter") when its head can speak.
    """
    lemma = token.lemma_.lower()
    if token.pos_ not in ("NOUN", "PROPN") or (lemma not in _SPEAKER_NOUNS and not lemma.endswith("ist")):
        return None
    definite = any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in token.children)
    if definite and isinstance(mentions, _Mentions):
        position = offset + token.idx
        earlier = [m.actor for m in mentions if m.end <= position]
        for actor in reversed(earlier):
            if actor.type == "person" and lemma in ROLE_NOUNS and lemma in (actor.role or "").casefold():
                return actor.name
            if actor.type != "person" and (
                lemma in f"{actor.name} {actor.role or ''}".casefold().split() or lemma in organisation_nouns(actor.name)
            ):
                return actor.name  # "the alliance": the party named, described or known as one
    return _phrase(token)


def _by_surname(words: str, mentions: Sequence[MentionRef]) -> str | None:
    """Resolve a name the NER missed ("Ramokgopa said") to the person it shortens."""
    last = words.split()[-1].casefold()
    for ref in reversed(mentions):
        actor = ref.actor
        if actor.type == "person" and actor.name.split()[-1].casefold() == last:
            return actor.name
    return None


def _phrase(token) -> str | None:
    if token.pos_ == "PRON":
        return None
    tokens = sorted(token.subtree, key=lambda t: t.i)
    doc = token.doc
    text = doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    return text if len(text.split()) <= 8 else None
