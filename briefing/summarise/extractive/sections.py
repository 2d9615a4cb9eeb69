"""Assign sentences to the brief's sections: terms, implications, background.

Each sentence is read for cues in its parse: a mention of the instrument at
the centre of the story, modal and commitment verbs, amounts and durations
(terms); future and conditional outlooks (implications); past and perfect
tenses, years and "previously" (background). A sentence goes to one section
at most.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from briefing.summarise.extractive.lexicon import INSTRUMENT_NOUNS
from briefing.summarise.extractive.parsed import Parsed, Sentence

TERM_VERBS = frozenset(
    """
    agree commit pledge promise undertake oblige obligate require bind guarantee allow permit
    provide assist help cut reduce lower raise limit cap ban prohibit impose lift waive pay
    supply invest grant consider establish create offer extend remove freeze deploy share
    protect defend respond consult ratify renew expire last include cover write cancel forgive
    apply enforce restrict exempt phase open build operate import export buy sell deliver
    mandate stipulate entitle compel forbid authorise authorize accept join
    """.split()
)
HEDGE_WORDS = frozenset("whether appear seem perhaps possibly arguably".split())
CONDITION_WORDS = frozenset("if unless provided providing condition subject exchange return until".split())
COMMITMENT_NOUNS = frozenset(
    "aim objective goal purpose commitment obligation pledge promise provision clause article term condition".split()
)
OBLIGATION_MODALS = frozenset("will shall must would should may could can".split())
OUTLOOK_MODALS = frozenset("will could may might would should".split())
OUTLOOK_WORDS = frozenset(
    """
    expect expected likely unlikely set aim plan hope risk threaten threat fear warn predict
    forecast could potential potentially future prospect pave impact consequence implication
    """.split()
)
BACKGROUND_WORDS = frozenset("previously formerly earlier ago since originally once historically".split())
_AMOUNT_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY"})
_DURATION_UNITS = frozenset("year years month months week weeks day days decade decades".split())
# Weak instrument words count only when a stronger one is absent from the story.
_WEAK_INSTRUMENTS = frozenset({"alliance", "partnership", "framework", "package", "understanding", "arrangement"})


@dataclass(frozen=True)
class Sections:
    terms: tuple[Sentence, ...]
    implications: tuple[Sentence, ...]
    background: tuple[Sentence, ...]


def assign_sections(parsed: Parsed, *, reserved: frozenset[int] = frozenset()) -> Sections:
    """Sort sentences into terms, implications and background.

    ``reserved`` holds the indices of summary sentences: they may still be
    terms (the provisions are the point) but are not repeated as background
    or implications.
    """
    instruments = central_instruments(parsed)
    topic = instrument_topic(parsed, instruments)
    terms: list[Sentence] = []
    implications: list[Sentence] = []
    background: list[Sentence] = []
    previous: Sentence | None = None
    for sentence in parsed.sentences:
        if instruments and term_score(sentence, previous, instruments, topic) >= 3:
            terms.append(sentence)
        elif sentence.index in reserved:
            pass
        elif is_background(sentence):
            background.append(sentence)
        elif is_outlook(sentence):
            implications.append(sentence)
        previous = sentence
    return Sections(tuple(terms), tuple(implications), tuple(background))


def central_instruments(parsed: Parsed) -> frozenset[str]:
    """Return the instrument nouns the story is about; empty when it has none."""
    counts: Counter[str] = Counter()
    for sentence in parsed.sentences:
        counts.update(t.lemma_.lower() for t in sentence.span if t.lemma_.lower() in INSTRUMENT_NOUNS and t.pos_ == "NOUN")
    title = (parsed.document.title or "").casefold().split()
    for word in title:
        word = word.strip(".,:;'\"")
        if word in INSTRUMENT_NOUNS or word.rstrip("s") in INSTRUMENT_NOUNS:
            counts[word.rstrip("s") if word not in INSTRUMENT_NOUNS else word] += 2
    strong = {w for w, n in counts.items() if w not in _WEAK_INSTRUMENTS and n >= 2}
    if strong:
        return frozenset(strong | {w for w in counts if w in _WEAK_INSTRUMENTS})
    return frozenset(w for w, n in counts.items() if n >= 2)


def instrument_topic(parsed: Parsed, instruments: frozenset[str]) -> frozenset[str]:
    """Return what the instrument is about: nouns that recur in the sentences naming it.

    In "the deal to open formal talks with Ankara" the deal is about talks;
    a later "talks will begin only if …" states one of its conditions.
    """
    counts: Counter[str] = Counter()
    for sentence in parsed.sentences:
        lemmas = {t.lemma_.lower() for t in sentence.span}
        if lemmas & instruments:
            counts.update({t.lemma_.lower() for t in sentence.span if t.pos_ == "NOUN" and not t.is_stop} - instruments)
    return frozenset(w for w, n in counts.items() if n >= 2)


def term_score(
    sentence: Sentence, previous: Sentence | None, instruments: frozenset[str], topic: frozenset[str] = frozenset()
) -> int:
    """Score how plainly a sentence states a provision of the instrument; 3 or more is a term."""
    tokens = list(sentence.span)
    lemmas = {t.lemma_.lower() for t in tokens}
    score = 0
    if any(t.lemma_.lower() in instruments and t.pos_ in ("NOUN", "PROPN") for t in tokens):
        score += 2
    elif previous is not None and _refers_back(tokens) and any(
        t.lemma_.lower() in instruments for t in previous.span
    ):
        score += 1
    modal = any(t.lower_ in OBLIGATION_MODALS and t.tag_ == "MD" for t in tokens)
    commits = any(t.lemma_.lower() in TERM_VERBS and t.pos_ == "VERB" for t in tokens)
    score += modal + commits
    if any(t.lemma_.lower() in TERM_VERBS and t.dep_ == "xcomp" and t.head.lemma_.lower() in TERM_VERBS for t in tokens):
        score += 1  # a commitment to act: "offered to supply", "agreed to lower", "promising to help"
    if any(t.lemma_.lower() in COMMITMENT_NOUNS and t.pos_ == "NOUN" for t in tokens):
        score += 1
    if any(t.lower_ in CONDITION_WORDS and t.dep_ in ("mark", "prep", "pobj", "advcl", "amod") for t in tokens):
        score += 1
    if score and not lemmas & instruments and lemmas & topic:
        score += 1
    if (modal or commits) and _has_amount(sentence):
        score += 1  # an amount or a duration is a term when something is owed or done with it
    if _is_retrospective(tokens):
        score -= 2
    elif not modal and _reports_the_past(sentence):
        score -= 1
    if lemmas & HEDGE_WORDS:
        score -= 1
    return score


def is_outlook(sentence: Sentence) -> bool:
    """Say whether a sentence looks ahead: a future or conditional consequence."""
    tokens = list(sentence.span)
    return any(t.lower_ in OUTLOOK_MODALS and t.tag_ == "MD" for t in tokens) or any(
        t.lemma_.lower() in OUTLOOK_WORDS for t in tokens
    )


def is_background(sentence: Sentence) -> bool:
    """Say whether a sentence gives context: past or perfect, with no look ahead."""
    tokens = list(sentence.span)
    if any(t.tag_ == "MD" and t.lower_ in ("will", "shall", "could", "may", "might") for t in tokens):
        return False
    root = sentence.span.root
    aux = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    past = root.tag_ in ("VBD",) or bool(aux & {"had", "has", "have", "was", "were"})
    dated = any(t.ent_type_ == "DATE" for t in tokens) and root.tag_ in ("VBD", "VBN")
    return _is_retrospective(tokens) or past or dated


def _reports_the_past(sentence: Sentence) -> bool:
    """Say whether the sentence narrates what happened rather than what was agreed.

    "The Bahamas ratified it in 1982" narrates; "OPEC agreed to lower its
    ceiling" and "signed a pact promising to help" state a commitment.
    """
    root = sentence.span.root
    aux = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    past = root.tag_ == "VBD" or bool(aux & {"has", "have", "had"})
    if not past:
        return False
    return not any(
        t.lemma_.lower() in TERM_VERBS and t.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp") for t in sentence.span
    )


def _refers_back(tokens: Sequence) -> bool:
    return any(t.lower_ in ("it", "its", "this", "the") and t.i <= tokens[0].i + 2 for t in tokens[:3])


def _has_amount(sentence: Sentence) -> bool:
    for ent in sentence.span.ents:
        if ent.label_ in _AMOUNT_LABELS:
            return True
        if ent.label_ == "DATE" and any(t.lower_ in _DURATION_UNITS for t in ent):
            return True
    return False


def _is_retrospective(tokens: Sequence) -> bool:
    words = {t.lower_ for t in tokens}
    if words & BACKGROUND_WORDS:
        return True
    return any(t.lower_ == "had" and t.dep_ == "aux" for t in tokens)
