"""Helpers every renderer shares: section names, note numbers, safe text, the build date."""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import datetime, timezone
from typing import Any, Iterable

from briefing.errors import RenderError
from briefing.model import Brief, Evidence

#: The sections of a brief, in the order every format presents them.
SECTION_TITLES: dict[str, str] = {
    "summary": "Summary",
    "background": "Background",
    "actors": "Actors",
    "terms": "Terms",
    "implications": "Implications",
    "quotes": "Quotes",
    "sources": "Sources",
}

#: What a format says under a section the brief has nothing for.
EMPTY_SECTION = "None stated."

ACTOR_TYPE_LABELS: dict[str, str] = {
    "person": "Person",
    "country": "Country",
    "organisation": "Organisation",
    "group": "Group",
}

DEFAULT_LANGUAGE = "en"

# Everything outside XML 1.0's Char production: C0 controls but tab, LF and
# CR; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Drop the characters XML 1.0 forbids, so any text can go into HTML, DOCX or PDF."""
    return _NOT_XML_CHAR.sub("", text)


def one_line(text: str) -> str:
    """Collapse every run of whitespace, newlines included, to one space."""
    return " ".join(text.split())


def is_rtl(text: str) -> bool:
    """Tell whether the first strongly directional character of ``text`` is right-to-left."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return False
        if direction in ("R", "AL"):
            return True
    return False


class Notes:
    """Number a brief's evidence 1, 2, 3… in the order of ``Brief.evidence()``."""

    def __init__(self, brief: Brief) -> None:
        self.sources: tuple[Evidence, ...] = brief.evidence()
        self._numbers = {evidence: n for n, evidence in enumerate(self.sources, start=1)}

    def __call__(self, item: Any) -> tuple[int, ...]:
        """Return the note numbers an item (point or quote) cites, each once, ascending."""
        return self.numbers(item.evidence)

    def numbers(self, evidence: Iterable[Evidence]) -> tuple[int, ...]:
        """Return the note numbers of ``evidence``, each once."""
        return tuple(sorted({self._numbers[e] for e in evidence if e in self._numbers}))

    def numbered(self) -> list[tuple[int, Evidence]]:
        """Return ``(number, evidence)`` for every source, for a Sources section."""
        return list(enumerate(self.sources, start=1))


def source_date() -> datetime:
    """Return the build time: ``SOURCE_DATE_EPOCH`` if set, else now, in UTC to the second."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(raw), timezone.utc)
    except (ValueError, OverflowError, OSError) as exc:
        raise RenderError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {raw!r}"
        ) from exc


def language(brief: Brief) -> str:
    """Return the brief's language tag; a brief does not record one yet, so this is English."""
    return DEFAULT_LANGUAGE


def source_line(brief: Brief) -> list[tuple[str, str]]:
    """Return the title block's ``(label, value)`` rows that the brief has values for."""
    source = brief.source
    rows = [
        ("Source", source.title or source.name),
        ("Publisher", source.publisher),
        ("Published", source.published),
    ]
    if source.title and source.name and source.name != source.title:
        rows.insert(1, ("File", source.name))
    return [(label, value) for label, value in rows if value]


def generator_label(brief: Brief) -> str:
    """Return who made the brief, e.g. ``briefing 0.1.0 (extractive)``."""
    generator = brief.generator
    label = " ".join(part for part in (generator.name, generator.version) if part)
    return f"{label} ({generator.summariser})" if generator.summariser else label


def template_context(brief: Brief) -> dict[str, Any]:
    """Return the values every template sees."""
    notes = Notes(brief)
    return {
        "brief": brief,
        "notes": notes,
        "sources": notes.numbered(),
        "titles": SECTION_TITLES,
        "empty": EMPTY_SECTION,
        "actor_types": ACTOR_TYPE_LABELS,
        "source_rows": source_line(brief),
        "lang": language(brief),
        "generator": generator_label(brief),
    }
