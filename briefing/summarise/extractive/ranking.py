"""Rank sentences for the brief's summary.

``rank_summary`` picks ``k`` sentences and returns their indices in reading
order. Each sentence is scored by two things:

- **centrality**: PageRank over a graph whose edges are the content words two
  sentences share (TextRank's similarity, on crudely stemmed words), scaled
  so the most central sentence scores 1;
- **the lede**: a bonus for the opening sentences of the first paragraph,
  decaying with each sentence. News states its point in the first paragraph
  (the lede); when a text comes as one block, with no paragraph breaks, the
  lede is its first few sentences. Later paragraphs compete on centrality.

Over-long "sentences" (usually several run together, or a caption glued to
text) are scored down in proportion to their length past a cap. Photo
captions, bylines, heading-like fragments, sentences with fewer than three
content words, and sentences that repeat one already chosen are never
picked. A sentence the caller says looks back ("X had previously
promised …") never opens a summary, unless the text itself opens with it.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from typing import AbstractSet, Callable, Sequence

import numpy as np

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_STOP = frozenset(
    """
    a an the and or but if then than that this these those of to in on at by for with from as is are
    was were be been being it its he she they them his her their we our you your i me my not no
    has have had do does did will would could should may might can also said says say about into
    over after before more most other some such only own same so too very just who whom which what
    when where while why how all any both each few there here up out
    """.split()
)

LEDE_WEIGHT = 4.0  # the first sentence's bonus, against a centrality of at most 1
LEDE_DECAY = 3.0  # sentences for the bonus to fall by a factor of e
DAMPING = 0.85  # PageRank's
LENGTH_CAP = 60  # words; a longer sentence's score is scaled by LENGTH_CAP / words
MIN_CONTENT_WORDS = 3
REDUNDANT = 0.6  # share of the shorter sentence's content words that makes two sentences repeats

# Photo captions glued into the text: "(pictured)", "(left)", "Scroll down for video".
_CAPTION = re.compile(
    r"\((?:pictured|picture|photo|file photo|left|right|centre|center|top|bottom|above|below|inset|"
    r"(?:second |far )?(?:left|right)|front|back|foreground|background)(?:[ ,][^()]{0,30})?\)"
    r"|\bscroll down for video\b|\bclick here\b",
    re.IGNORECASE,
)
# "By Jane Smith, Nairobi correspondent", "By Daily Mail Reporter"; "Published: 10:02 GMT".
_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s*(?:$|[,|/–—-])")
_TIMESTAMP = re.compile(r"\b(?:published|updated|posted)\s*:\s*\d", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"'”’]$")
_HEADING_MAX_WORDS = 12


def content_words(text: str) -> list[str]:
    """Lower-cased words of a sentence, without stop words."""
    return [w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in _STOP and len(w) > 1]


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip common English inflections so "talks", "talked" and "talking" meet."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def rank_summary(
    sentences: Sequence[str],
    k: int,
    *,
    paragraphs: Sequence[int] | None = None,
    exclude: frozenset[int] = frozenset(),
    same_fact: Callable[[int, int], bool] | None = None,
    looking_back: AbstractSet[int] = frozenset(),
) -> list[int]:
    """Choose up to ``k`` sentence indices for the summary, in reading order.

    ``paragraphs`` gives each sentence's paragraph number; without it the
    text is taken as one paragraph. Indices in ``exclude`` are never chosen.
    ``same_fact(i, j)`` may say that two sentences state one fact in other
    words; of two such, the one with more content words is kept.
    ``looking_back`` are sentences that tell what came before the news
    ("X had previously promised …"): a summary never opens with one (unless
    the text does), the next best sentence takes its place.
    """
    n = len(sentences)
    if paragraphs is not None and len(paragraphs) != n:
        raise ValueError(f"{len(paragraphs)} paragraph numbers for {n} sentences")
    if k <= 0 or n == 0:
        return []
    bags = [frozenset(map(stem, content_words(s))) for s in sentences]
    eligible = [i for i, s in enumerate(sentences) if i not in exclude and _eligible(s, bags[i])]
    if not eligible:  # nothing but fragments: better a fragment than no summary
        eligible = [i for i in range(n) if i not in exclude and bags[i]]
        if not eligible:
            return []
    scores = _scores(sentences, bags, eligible, paragraphs)
    ranked = [i for _, i in sorted((-round(scores[i], 9), i) for i in eligible)]  # rounded: noise never reorders
    first = chosen = _select(ranked, k, bags, same_fact)
    passed: set[int] = set()
    while True:
        opening = min(chosen, default=None)
        if opening is None or opening not in looking_back or opening == eligible[0]:
            return sorted(chosen)
        passed.add(opening)  # a look back opens no summary: the next best sentence stands in…
        chosen = _select([i for i in ranked if i not in passed], k, bags, same_fact)
        if len(chosen) < len(first):
            return sorted(first)  # …when there is one: better a look back than a shorter summary


def _select(
    ranked: Sequence[int], k: int, bags: Sequence[AbstractSet[str]], same_fact: Callable[[int, int], bool] | None
) -> list[int]:
    """Take the best ``k`` of ``ranked`` that repeat none already taken (of two same-fact twins, the fuller)."""
    chosen: list[int] = []
    for index in ranked:
        if len(chosen) >= k:
            break
        if any(_overlap(bags[index], bags[c]) > REDUNDANT for c in chosen):
            continue
        twin = next((c for c in chosen if same_fact is not None and same_fact(c, index)), None)
        if twin is not None:
            if len(bags[index]) > len(bags[twin]):
                chosen[chosen.index(twin)] = index
            continue
        chosen.append(index)
    return chosen


def sentence_scores(sentences: Sequence[str], *, paragraphs: Sequence[int] | None = None) -> list[float]:
    """Score every sentence as the summary ranks it (centrality, the lede's bonus, the length cap); 0 for a fragment."""
    bags = [frozenset(map(stem, content_words(s))) for s in sentences]
    eligible = [i for i, s in enumerate(sentences) if _eligible(s, bags[i])]
    if not eligible:
        return [0.0] * len(sentences)
    scores = _scores(sentences, bags, eligible, paragraphs)
    return [scores.get(i, 0.0) for i in range(len(sentences))]


def _scores(
    sentences: Sequence[str], bags: Sequence[AbstractSet[str]], eligible: list[int], paragraphs: Sequence[int] | None
) -> dict[int, float]:
    centrality = _centrality(bags)
    # The lede is the first paragraph with prose in it (not a standfirst or dateline line).
    lede = paragraphs[eligible[0]] if paragraphs is not None else None
    scores: dict[int, float] = {}
    for index in eligible:
        score = centrality[index]
        if paragraphs is None or paragraphs[index] == lede:
            score += LEDE_WEIGHT * math.exp(-(index - eligible[0]) / LEDE_DECAY)
        words = len(sentences[index].split())
        if words > LENGTH_CAP:
            score *= LENGTH_CAP / words
        scores[index] = score
    return scores


def _eligible(sentence: str, bag: AbstractSet[str]) -> bool:
    """Say whether a sentence may stand in a summary: prose, not a caption, byline or heading."""
    if len(bag) < MIN_CONTENT_WORDS:
        return False
    if _CAPTION.search(sentence) or _BYLINE.match(sentence) or _TIMESTAMP.search(sentence):
        return False
    if len(sentence.split()) > _HEADING_MAX_WORDS:
        return True
    # A short line without closing punctuation is a heading; a short question is a subheading
    # ("What happens next?") or a rhetorical aside, not a point.
    return bool(_TERMINAL.search(sentence)) and not sentence.rstrip("\"'”’) ").endswith("?")


def _centrality(bags: Sequence[AbstractSet[str]]) -> list[float]:
    """PageRank of each sentence in the word-overlap graph, scaled to a maximum of 1."""
    n = len(bags)
    # Only words in two or more sentences make edges.
    frequency = Counter(w for bag in bags for w in bag)
    vocabulary = {w: i for i, w in enumerate(sorted(w for w, count in frequency.items() if count > 1))}
    if n == 1 or not vocabulary:
        return [1.0] * n
    incidence = np.zeros((n, len(vocabulary)), dtype=np.float32)
    for row, bag in enumerate(bags):
        incidence[row, [vocabulary[w] for w in bag if w in vocabulary]] = 1.0
    shared = (incidence @ incidence.T).astype(np.float64)
    np.fill_diagonal(shared, 0.0)
    log_sizes = np.log1p(np.array([len(bag) for bag in bags], dtype=np.float64))
    weights = shared / np.maximum(log_sizes[:, None] + log_sizes[None, :], 1e-9)
    totals = weights.sum(axis=1)
    transition = np.divide(weights, totals[:, None], out=np.zeros_like(weights), where=totals[:, None] > 0)
    dangling = totals == 0
    rank = np.full(n, 1.0 / n)
    for _ in range(100):
        updated = DAMPING * (rank @ transition + rank[dangling].sum() / n) + (1 - DAMPING) / n
        if np.abs(updated - rank).sum() < 1e-10:
            rank = updated
            break
        rank = updated
    top = rank.max()
    return (rank / top).tolist() if top > 0 else [1.0] * n


def _overlap(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
