"""Rank sentences for the brief's summary.

``rank_summary`` picks ``k`` sentences and returns their indices in reading
order. It scores each sentence by how central its content words are to the
document and by position (news puts the point first), and skips sentences
that repeat one already chosen.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Sequence

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
_REDUNDANT = 0.6


def content_words(text: str) -> list[str]:
    """Lower-cased words of a sentence, without stop words."""
    return [w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in _STOP and len(w) > 1]


def rank_summary(sentences: Sequence[str], k: int, *, exclude: frozenset[int] = frozenset()) -> list[int]:
    """Choose up to ``k`` sentence indices for the summary, in reading order."""
    bags = [content_words(s) for s in sentences]
    frequency: Counter[str] = Counter(w for bag in bags for w in set(bag))
    n = len(sentences)
    scores: list[tuple[float, int]] = []
    for index, bag in enumerate(bags):
        if index in exclude or len(bag) < 3:
            continue
        centrality = sum(math.log1p(frequency[w]) for w in set(bag)) / math.sqrt(len(set(bag)) + 1)
        position = 1.0 / math.sqrt(index + 1)
        scores.append((centrality * (0.5 + position), index))
    scores.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[int] = []
    for _, index in scores:
        if len(chosen) >= k:
            break
        if any(_overlap(bags[index], bags[c]) > _REDUNDANT for c in chosen):
            continue
        chosen.append(index)
    return sorted(chosen)


def _overlap(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))
