"""Parse features of each sentence, the input of the learned section classifier.

Every feature is a number read from spaCy's parse of the sentence and its
neighbours: modality, tense, negation, the instrument at the centre of the
story and its place in the sentence, amounts and dates, attribution,
quotation and position. The words these rules look for are closed classes of
English (lexicon.py), never names from any document.

``sentence_features`` returns one row per sentence, columns in the order of
``FEATURE_NAMES``; training (tools/train_sections.py) and inference
(classify.py) both call it, so the two can never disagree.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Callable, Sequence

import numpy as np

from briefing.summarise.extractive.lexicon import INSTRUMENT_NOUNS, MEASURE_NOUNS, SPEECH_VERBS
from briefing.summarise.extractive.parsed import Parsed, Sentence

TERM_VERBS = frozenset(
    """
    agree commit pledge promise undertake oblige obligate require bind guarantee allow permit
    provide assist help cut reduce lower raise limit cap ban prohibit impose lift waive pay
    supply invest grant consider establish create offer extend remove freeze deploy share
    protect defend respond consult ratify renew expire last include cover write cancel forgive
    apply enforce restrict exempt phase open build operate import export buy sell deliver
    mandate stipulate entitle compel forbid authorise authorize accept join charge levy
    """.split()
)
HEDGE_WORDS = frozenset("whether appear seem perhaps possibly arguably".split())
CONDITION_WORDS = frozenset("if unless provided providing condition subject exchange return until".split())
COMMITMENT_NOUNS = frozenset(
    "aim objective goal purpose commitment obligation pledge promise provision clause article term condition".split()
)
OUTLOOK_WORDS = frozenset(
    """
    expect likely unlikely aim plan hope risk threaten threat fear warn predict forecast potential
    potentially future prospect pave impact consequence implication effect affect boost hit hurt
    undermine damage benefit mean signal concern worry uncertainty outlook pressure could
    """.split()
)
REACTION_WORDS = frozenset("welcome criticise criticize condemn praise reject oppose support call urge".split())
BACKGROUND_WORDS = frozenset("previously formerly earlier ago since originally once historically".split())
_AMOUNT_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
_DURATION_UNITS = frozenset("year years month months week weeks day days decade decades".split())
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_QUOTE_MARKS = frozenset('"“”«»')
_CENTRAL_NOUNS = INSTRUMENT_NOUNS | MEASURE_NOUNS


def central_instruments(parsed: Parsed) -> frozenset[str]:
    """Return the instrument nouns the story is about (twice or more, or in the title)."""
    counts: Counter[str] = Counter()
    for sentence in parsed.sentences:
        counts.update(t.lemma_.lower() for t in sentence.span if _is_instrument(t))
    for word in (parsed.document.title or "").casefold().split():
        word = word.strip(".,:;'\"‘’“”")
        lemma = word if word in _CENTRAL_NOUNS else word.rstrip("s")
        if lemma in _CENTRAL_NOUNS:
            counts[lemma] += 2
    central = {w for w, n in counts.items() if n >= 2}
    # A story that names an instrument twice under different words ("the deal" ... "the agreement") is about one.
    named = [w for w in counts if w in INSTRUMENT_NOUNS]
    if sum(counts[w] for w in named) >= 2:
        central.update(named)
    return frozenset(central)


def _is_instrument(token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in _CENTRAL_NOUNS


def instrument_topic(parsed: Parsed, instruments: frozenset[str]) -> frozenset[str]:
    """Return nouns that recur in the sentences naming the instrument: what it is about."""
    counts: Counter[str] = Counter()
    for sentence in parsed.sentences:
        lemmas = {t.lemma_.lower() for t in sentence.span}
        if lemmas & instruments:
            counts.update({t.lemma_.lower() for t in sentence.span if t.pos_ == "NOUN" and not t.is_stop} - instruments)
    return frozenset(w for w, n in counts.items() if n >= 2)


class _View:
    """A sentence with its tokens listed once (iterating a spaCy span makes new objects each time)."""

    def __init__(self, sentence: Sentence) -> None:
        self.index = sentence.index
        self.paragraph = sentence.paragraph
        self.span = sentence.span
        self.text = sentence.text
        self.tokens = list(sentence.span)
        self.lemmas = {t.lemma_.lower() for t in self.tokens}
        self.modals = frozenset(t.lower_ for t in self.tokens if t.tag_ == "MD")
        self.root = sentence.span.root
        self.ents = sentence.span.ents
        self.provision: int | None = None  # provision_score, once computed


class _Context:
    """What every sentence's features need to know about the whole document."""

    def __init__(self, parsed: Parsed, views: list[_View]) -> None:
        self.instruments = central_instruments(parsed)
        self.topic = instrument_topic(parsed, self.instruments)
        self.count = len(parsed.sentences)
        mentions = sum(1 for v in views for t in v.tokens if t.lemma_.lower() in self.instruments)
        self.instrument_density = mentions / max(self.count, 1)
        self.paragraphs = max((s.paragraph for s in parsed.sentences), default=0) + 1
        self.quoted_share = sum(_quoted_share(v) > 0 for v in views) / max(self.count, 1)
        self.speech_share = sum(_reported_speech(v) for v in views) / max(self.count, 1)
        self.naming = [_names_instrument(v, self) for v in views]
        self.naming_paragraphs = frozenset(v.paragraph for v, named in zip(views, self.naming) if named)
        self.instrument_gaps = _gaps_to_nearest(self.naming)


def _gaps_to_nearest(marked: list[bool]) -> list[int | None]:
    """Return each position's distance to the nearest marked one (None when none is marked), in two passes."""
    gaps: list[int | None] = [None] * len(marked)
    last: int | None = None
    for i, mark in enumerate(marked):
        last = i if mark else last
        gaps[i] = None if last is None else i - last
    last = None
    for i in range(len(marked) - 1, -1, -1):
        last = i if marked[i] else last
        if last is not None and (gaps[i] is None or last - i < gaps[i]):
            gaps[i] = last - i
    return gaps


def _instrument_distance(sentence: _View, ctx: _Context) -> float:
    """Return 1 / (1 + sentences to the nearest one naming the instrument); 0 with none."""
    gap = ctx.instrument_gaps[sentence.index]
    return 0.0 if gap is None else 1 / (1 + gap)


def _next_names_instrument(sentence: _View, ctx: _Context) -> bool:
    return sentence.index + 1 < len(ctx.naming) and ctx.naming[sentence.index + 1]


def _under_instrument(sentence: _View, ctx: _Context) -> bool:
    """Say whether a clause sits under the instrument: "under the pact", "as part of the deal", "according to the charter"."""
    return any(
        t.lemma_.lower() in ctx.instruments and t.dep_ == "pobj" and t.head.lower_ in ("under", "of", "to", "in", "by")
        and (t.head.lower_ != "of" or t.head.head.lower_ in ("part", "terms", "provisions", "article", "articles"))
        for t in sentence.tokens
    )


_OUTLOOK_ADJECTIVES = frozenset("expected likely unlikely set due poised bound certain able".split())
SIGNIFICANCE_WORDS = frozenset(
    "significant important major key historic landmark breakthrough step milestone crucial vital blow setback boost".split()
)


def _expected_to(sentence: _View) -> bool:
    """Say whether the sentence looks ahead with "is expected/likely/set/due to ..."."""
    return any(
        t.lower_ in _OUTLOOK_ADJECTIVES and any(c.dep_ == "xcomp" for c in t.children) for t in sentence.tokens
    )


def _subject_refers_back(sentence: _View, previous: _View | None, ctx: _Context) -> bool:
    """Say whether the main subject is "it"/"this"/"the ..." just after a sentence naming the instrument."""
    if not _names_instrument(previous, ctx):
        return False
    return any(
        t.dep_ in ("nsubj", "nsubjpass") and t.head == sentence.root
        and (t.lower_ in ("it", "this", "that") or any(c.lower_ in ("the", "this", "its") for c in t.children))
        for t in sentence.tokens
    )


def _lemmas(sentence: _View) -> set[str]:
    return sentence.lemmas


def _names_instrument(sentence: _View | None, ctx: _Context) -> bool:
    return sentence is not None and not sentence.lemmas.isdisjoint(ctx.instruments)


def _root_aux(sentence: _View) -> set[str]:
    root = sentence.root
    return {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}


def _has_amount(sentence: _View) -> bool:
    return any(e.label_ in ("MONEY", "PERCENT", "QUANTITY") for e in sentence.ents)


def _has_duration(sentence: _View) -> bool:
    return any(e.label_ == "DATE" and any(t.lower_ in _DURATION_UNITS for t in e) for e in sentence.ents)


def _instrument_role(sentence: _View, ctx: _Context, deps: tuple[str, ...]) -> bool:
    return any(t.lemma_.lower() in ctx.instruments and t.dep_ in deps for t in sentence.tokens)


def _modal(sentence: _View, words: frozenset[str]) -> bool:
    return bool(sentence.modals & words)


def _quoted_share(sentence: _View) -> float:
    text = sentence.text
    marks = sum(text.count(m) for m in _QUOTE_MARKS)
    return min(marks, 2) / 2


_OBLIGATION_MODALS = frozenset("will shall must would should may could can".split())


def provision_score(sentence: _View, previous: _View | None, ctx: _Context) -> int:
    """Score how plainly a sentence states a provision of the instrument (the hand rule before learning)."""
    if sentence.provision is None:
        sentence.provision = _provision_score(sentence, previous, ctx)
    return sentence.provision


def _provision_score(sentence: _View, previous: _View | None, ctx: _Context) -> int:
    tokens = sentence.tokens
    lemmas = {t.lemma_.lower() for t in tokens}
    score = 0
    if any(t.lemma_.lower() in ctx.instruments and t.pos_ in ("NOUN", "PROPN") for t in tokens):
        score += 2
    elif _refers_back(tokens) and _names_instrument(previous, ctx):
        score += 1
    modal = _modal(sentence, _OBLIGATION_MODALS)
    commits = any(t.lemma_.lower() in TERM_VERBS and t.pos_ == "VERB" for t in tokens)
    score += modal + commits
    if any(t.lemma_.lower() in TERM_VERBS and t.dep_ == "xcomp" and t.head.lemma_.lower() in TERM_VERBS for t in tokens):
        score += 1  # a commitment to act: "offered to supply", "agreed to lower"
    if any(t.lemma_.lower() in COMMITMENT_NOUNS and t.pos_ == "NOUN" for t in tokens):
        score += 1
    if any(t.lower_ in CONDITION_WORDS and t.dep_ in ("mark", "prep", "pobj", "advcl", "amod") for t in tokens):
        score += 1
    if score and not lemmas & ctx.instruments and lemmas & ctx.topic:
        score += 1
    if (modal or commits) and (_has_amount(sentence) or _has_duration(sentence)):
        score += 1
    if _is_retrospective(tokens):
        score -= 2
    elif not modal and _reports_the_past(sentence):
        score -= 1
    if lemmas & HEDGE_WORDS:
        score -= 1
    return score


def _refers_back(tokens) -> bool:
    return any(t.lower_ in ("it", "its", "this", "the") and t.i <= tokens[0].i + 2 for t in tokens[:3])


def _is_retrospective(tokens) -> bool:
    if {t.lower_ for t in tokens} & BACKGROUND_WORDS:
        return True
    return any(t.lower_ == "had" and t.dep_ == "aux" for t in tokens)


def _reports_the_past(sentence: _View) -> bool:
    """Say whether the sentence narrates what happened rather than what was agreed."""
    root = sentence.root
    past = root.tag_ == "VBD" or bool(_root_aux(sentence) & {"has", "have", "had"})
    return past and not any(
        t.lemma_.lower() in TERM_VERBS and t.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp") for t in sentence.tokens
    )


def _reported_speech(sentence: _View) -> bool:
    """Say whether the sentence reports what someone said: a speech verb with a clause."""
    return any(
        t.lemma_ in SPEECH_VERBS and any(c.dep_ == "ccomp" for c in t.children) for t in sentence.tokens
    )


Feature = Callable[[_View, _View | None, _Context], float]

_FEATURES: dict[str, Feature] = {
    "bias": lambda s, p, c: 1.0,
    "position": lambda s, p, c: s.index / max(c.count - 1, 1),
    "first_sentence": lambda s, p, c: float(s.index == 0),
    "first_paragraph": lambda s, p, c: float(s.paragraph == 0),
    "log_words": lambda s, p, c: math.log1p(len(s.span)) / 4,
    "story_has_instrument": lambda s, p, c: float(bool(c.instruments)),
    "instrument_density": lambda s, p, c: min(c.instrument_density, 2.0),
    "names_instrument": lambda s, p, c: float(_names_instrument(s, c)),
    "instrument_subject": lambda s, p, c: float(_instrument_role(s, c, ("nsubj", "nsubjpass"))),
    "instrument_object": lambda s, p, c: float(_instrument_role(s, c, ("dobj", "pobj"))),
    "any_instrument_noun": lambda s, p, c: float(any(_is_instrument(t) for t in s.tokens)),
    "previous_names_instrument": lambda s, p, c: float(_names_instrument(p, c)),
    "topic_words": lambda s, p, c: min(len(_lemmas(s) & c.topic), 3) / 3,
    "modal_will_shall_must": lambda s, p, c: float(_modal(s, frozenset({"will", "shall", "must", "wo"}))),
    "modal_may_can": lambda s, p, c: float(_modal(s, frozenset({"may", "can", "ca"}))),
    "modal_could_might_would_should": lambda s, p, c: float(_modal(s, frozenset({"could", "might", "would", "should"}))),
    "root_past": lambda s, p, c: float(s.root.tag_ == "VBD"),
    "root_present": lambda s, p, c: float(s.root.tag_ in ("VBZ", "VBP")),
    "perfect": lambda s, p, c: float(bool(_root_aux(s) & {"has", "have"})),
    "pluperfect": lambda s, p, c: float(any(t.lower_ == "had" and t.dep_ == "aux" for t in s.tokens)),
    "passive": lambda s, p, c: float(any(t.dep_ == "auxpass" for t in s.tokens)),
    "negation": lambda s, p, c: float(any(t.dep_ == "neg" for t in s.tokens)),
    "term_verb": lambda s, p, c: float(any(t.lemma_.lower() in TERM_VERBS and t.pos_ == "VERB" for t in s.tokens)),
    "commitment_to_act": lambda s, p, c: float(
        any(t.lemma_.lower() in TERM_VERBS and t.dep_ == "xcomp" for t in s.tokens)
    ),
    "commitment_noun": lambda s, p, c: float(bool(_lemmas(s) & COMMITMENT_NOUNS)),
    "condition": lambda s, p, c: float(any(t.lower_ in CONDITION_WORDS and t.dep_ in ("mark", "prep") for t in s.tokens)),
    "amount": lambda s, p, c: float(_has_amount(s)),
    "duration": lambda s, p, c: float(_has_duration(s)),
    "date": lambda s, p, c: float(any(e.label_ == "DATE" for e in s.ents)),
    "year": lambda s, p, c: float(bool(_YEAR.search(s.text))),
    "outlook_word": lambda s, p, c: float(bool(_lemmas(s) & OUTLOOK_WORDS)),
    "reaction_word": lambda s, p, c: float(bool(_lemmas(s) & REACTION_WORDS)),
    "hedge": lambda s, p, c: float(bool(_lemmas(s) & HEDGE_WORDS)),
    "background_word": lambda s, p, c: float(bool({t.lower_ for t in s.tokens} & BACKGROUND_WORDS)),
    "speech_verb": lambda s, p, c: float(any(t.lemma_ in SPEECH_VERBS and t.pos_ == "VERB" for t in s.tokens)),
    "according_to": lambda s, p, c: float("according to" in s.text.casefold()),
    "quotation": lambda s, p, c: _quoted_share(s),
    "question": lambda s, p, c: float(s.text.rstrip("\"'”’ ").endswith("?")),
    "person_named": lambda s, p, c: float(any(e.label_ == "PERSON" for e in s.ents)),
    "provision_score": lambda s, p, c: max(min(provision_score(s, p, c), 6), -3) / 6,
    "provision_rule": lambda s, p, c: float(bool(c.instruments) and provision_score(s, p, c) >= 3),
    "reports_the_past": lambda s, p, c: float(_reports_the_past(s)),
    "retrospective": lambda s, p, c: float(_is_retrospective(s.tokens)),
    "reported_speech": lambda s, p, c: float(_reported_speech(s)),
    "number": lambda s, p, c: float(any(t.like_num for t in s.tokens)),
    "story_length": lambda s, p, c: math.log1p(c.count) / 5,
    "story_quoted_share": lambda s, p, c: c.quoted_share,
    "story_speech_share": lambda s, p, c: c.speech_share,
    "entities": lambda s, p, c: min(len(s.ents), 6) / 6,
    "instrument_distance": lambda s, p, c: _instrument_distance(s, c),
    "next_names_instrument": lambda s, p, c: float(_next_names_instrument(s, c)),
    "paragraph_names_instrument": lambda s, p, c: float(s.paragraph in c.naming_paragraphs),
    "under_instrument": lambda s, p, c: float(_under_instrument(s, c)),
    "expected_to": lambda s, p, c: float(_expected_to(s)),
    "significance_word": lambda s, p, c: float(bool(_lemmas(s) & SIGNIFICANCE_WORDS)),
    "subject_refers_back": lambda s, p, c: float(_subject_refers_back(s, p, c)),
    "modal_on_root": lambda s, p, c: float(any(t.tag_ == "MD" and t.head == s.root for t in s.tokens)),
    "speech_root": lambda s, p, c: float(s.root.lemma_ in SPEECH_VERBS),
    "future_in_speech": lambda s, p, c: float(
        s.root.lemma_ in SPEECH_VERBS and any(t.tag_ == "MD" and t.head != s.root for t in s.tokens)
    ),
}

FEATURE_NAMES: tuple[str, ...] = tuple(_FEATURES)


def sentence_features(parsed: Parsed) -> np.ndarray:
    """Return a (sentences × features) array of every sentence's parse features."""
    views = [_View(sentence) for sentence in parsed.sentences]
    ctx = _Context(parsed, views)
    rows: list[list[float]] = []
    previous: _View | None = None
    for view in views:
        rows.append([feature(view, previous, ctx) for feature in _FEATURES.values()])
        previous = view
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURE_NAMES))


def feature_rows(parsed: Parsed, names: Sequence[str]) -> np.ndarray:
    """Return the features named by a model, in its order (KeyError for one this code lacks)."""
    full = sentence_features(parsed)
    columns = [FEATURE_NAMES.index(name) for name in names]
    return full[:, columns]
