"""Tidy a document's title as a reader wants it in a brief's title block.

A web page's title often ends with its site's name ("Pact signed - Taipei
Times"); the site is the publisher, not part of the title, so the suffix is
dropped when it names the publisher or the page's host. A wire headline set
in capitals ("CHINA CALLS FOR BETTER TRADE DEAL WITH U.S.") is put in title
case, keeping acronyms the gazetteer knows ("OPEC"), initialisms ("U.S.")
and words without vowels in capitals.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

_SITE_SEPARATOR = re.compile(r"\s+[-–—|·:]\s+")
_MAX_SITE_WORDS = 6
SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or per the to vs via with".split())
COMMON_WORDS = frozenset("CAN CAR ARE AID MAN ART".split())  # acronyms in the gazetteer that are also words
TWO_LETTER_WORDS = frozenset("am an as at be by do go he if in is it me my no of oh ok on or so to up we".split())


def tidy_title(title: str | None, *, publisher: str | None = None, url: str | None = None) -> str | None:
    """Return ``title`` without a trailing site name and, if all in capitals, in title case."""
    if not title:
        return title
    title = drop_site_suffix(title, publisher=publisher, url=url)
    return title_case(title) if is_shouting(title) else title


def drop_site_suffix(title: str, *, publisher: str | None = None, url: str | None = None) -> str:
    """Drop a " - Site Name" ending that names the publisher or the URL's host."""
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    suffix = parts[-1]
    if len(suffix.split()) > _MAX_SITE_WORDS or not _names_site(suffix, publisher, url):
        return title
    return title[: title.rfind(suffix)].rstrip(" -–—|·:")


def _names_site(suffix: str, publisher: str | None, url: str | None) -> bool:
    key = _squeeze(suffix)
    if not key:
        return False
    if publisher and key == _squeeze(publisher):
        return True
    host = urlsplit(url).hostname if url and "://" in url else None
    if host:
        labels = [_squeeze(label) for label in host.split(".") if label not in ("www", "com", "org", "net")]
        return any(label and (label == key or label.startswith(key) or key.startswith(label)) for label in labels)
    return False


def _squeeze(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def is_shouting(title: str) -> bool:
    """Say whether a title of three words or more is set all in capitals."""
    letters = [c for c in title if c.isalpha()]
    return len(title.split()) >= 3 and bool(letters) and all(c.isupper() for c in letters)


def title_case(title: str) -> str:
    """Put a capitalised headline in title case, keeping acronyms and initialisms."""
    words = title.split()
    out = []
    for i, word in enumerate(words):
        core = word.strip("\"'“”‘’()[],;:!?")
        if _keeps_capitals(core):
            out.append(word)
        elif i and core.casefold() in SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1] + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


def _keeps_capitals(word: str) -> bool:
    if "." in word.rstrip(".") or re.fullmatch(r"(?:[A-Z]\.){2,}", word):
        return True  # U.S., U.N.
    if len(word) > 1 and not re.search(r"[AEIOUY]", word):
        return True  # no vowel: an abbreviation (NTSB, BBC)
    if len(word) == 2 and word.isalpha():
        return word.casefold() not in TWO_LETTER_WORDS  # EC, UN, EU: two capitals that are no word
    return word in _acronyms() and word not in COMMON_WORDS


@functools.cache
def _acronyms() -> frozenset[str]:
    from briefing.data import load_gazetteer

    gazetteer = load_gazetteer()
    names = (
        name
        for section in ("countries", "organisations", "news_agencies")
        for entry in gazetteer.get(section, ())
        for name in ([entry] if isinstance(entry, str) else [entry["name"], *entry.get("aliases", ())])
    )
    return frozenset(n for n in names if len(n.split()) == 1 and n.replace(".", "").isupper())
