"""Web-page boilerplate and trailing credit lines, found by pattern.

These are conventions of web publishing and wire copy, not facts about any
particular article: comment forms, share prompts, newsletter pitches, wiki
maintenance notices, and the editors' initials and agency list that close a
wire story.
"""

from __future__ import annotations

import re
from typing import Sequence

# A block that is exactly one of these ends the article: what follows is a
# comment section or a list of other stories.
_END_MARKERS = re.compile(
    r"^(leave a (reply|comment)|post a comment|add a comment|\d+ comments?|comments|"
    r"join the (conversation|discussion)|related (articles|stories|posts|content)|"
    r"more (on this story|from [\w ]+)|you (may|might) also like|recommended( for you)?|"
    r"most (read|popular)|read next)\s*:?$",
    re.IGNORECASE,
)

# A short block containing one of these is page furniture, not prose.
_FURNITURE = re.compile(
    r"your email address will not be published|required fields are marked|"
    r"sign up (for|to) (our|the) [\w ]*newsletter|subscribe to (our|the) [\w ]*newsletter|"
    r"all rights reserved|^advertisement$|^share (this|on)\b|click to share|"
    r"^follow us on\b|^image (caption|copyright|source)\b|^copyright\s*(©|\(c\))|"
    r"^(save|cancel) (my|reply)|cookie (policy|settings)|^skip to (main )?content|"
    r"^(read (more|also)|see also|related( stories| articles)?)\s*:|"  # links to other stories
    r"^\(?(photo(graph)?|image|picture|illustration|credit)s?( credit)?\s*:|"  # picture credits
    r"\bsubmit (a|your) letters? to the editor|^our standards\s*:",
    re.IGNORECASE,
)
_FURNITURE_MAX_WORDS = 30

# A wiki's maintenance notice ("This article needs additional citations … (Learn how and when to remove
# this message)") says something about the page, not its subject, however long it runs.
_NOTICE = re.compile(r"\blearn how and when to remove this (template )?message\b", re.IGNORECASE)

# Wire-copy credit lines: "dh/sms (AFP, Reuters)", "(AFP)", "REUTER",
# "Reporting by …; Editing by …", "— AP".
_CREDIT = (
    re.compile(r"^[a-z]{1,5}(?:/[a-z]{1,5})+(?:\s*\([^()]{1,80}\))?$"),
    re.compile(r"^\((?:[A-Z][\w.&-]*(?:\s*(?:,|and|/)\s*)?){1,6}\)$"),
    re.compile(r"^[-–—]?\s*[A-Z][A-Z.&]{1,12}$"),
    re.compile(r"^(?:additional )?(?:reporting|writing|editing|compiled|translated) by\b", re.IGNORECASE),
)
_CREDIT_MAX_WORDS = 40


def boilerplate_free(texts: Sequence[str]) -> list[int]:
    """Return the indices of the blocks that are article text, in order."""
    kept: list[int] = []
    for index, text in enumerate(texts):
        if _END_MARKERS.match(text) and index > 0:
            break
        if len(text.split()) <= _FURNITURE_MAX_WORDS and _FURNITURE.search(text) or _NOTICE.search(text):
            continue
        kept.append(index)
    return kept


def credit_start(texts: Sequence[str]) -> int:
    """Return the index where trailing credit lines begin (``len(texts)`` if none)."""
    start = len(texts)
    while start > 1 and is_credit(texts[start - 1]):
        start -= 1
    return start


def is_credit(text: str) -> bool:
    """Say whether a block is a wire-copy credit line rather than prose."""
    return len(text.split()) <= _CREDIT_MAX_WORDS and any(p.match(text) for p in _CREDIT)
