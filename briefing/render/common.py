"""Helpers every renderer shares: section names, note numbers, safe text, dates, markings."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, Iterable

from briefing.errors import RenderError
from briefing.model import Brief, Evidence

if TYPE_CHECKING:
    from briefing.render import RenderOptions

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

#: Languages written right to left, by primary subtag.
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"})

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

#: The Traffic Light Protocol's labels (FIRST TLP 2.0, with 1.0's WHITE), each
#: with the colour it is printed in, on black.
TLP_COLOURS: dict[str, str] = {
    "TLP:RED": "red",
    "TLP:AMBER+STRICT": "amber",
    "TLP:AMBER": "amber",
    "TLP:GREEN": "green",
    "TLP:CLEAR": "clear",
    "TLP:WHITE": "clear",
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")

# Everything outside XML 1.0's Char production: C0 controls but tab, LF and
# CR; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Drop the characters XML 1.0 forbids, so any text can go into HTML, DOCX or PDF."""
    return _NOT_XML_CHAR.sub("", text)


def one_line(text: str) -> str:
    """Collapse every run of whitespace, newlines included, to one space."""
    return " ".join(text.split())


#: Marks a quoted span may already open with.
OPENING_QUOTES = frozenset("\"“‘«»„‚‹›「『")


def quoted(text: str) -> str:
    """Put a verbatim span on one line in “…”, unless it opens with a quotation mark of its own.

    A span like ``“This alliance…,” Diop said.`` is shown as it is, not as
    ``““This alliance…,” Diop said.”``. Quotation marks inside the span
    alternate with the outer ones: “… ‘collective defence’ …”.
    """
    text = one_line(text)
    return text if text[:1] in OPENING_QUOTES else f"“{inner_quotes(text)}”"


_STRAIGHT_PAIR = re.compile(r'(^|[\s(\[{—–-])"([^"]+)"')


def inner_quotes(text: str) -> str:
    """Turn a span's double quotation marks into single ones, for a span set inside double ones."""
    text = _STRAIGHT_PAIR.sub(lambda m: f"{m[1]}‘{m[2]}’", text)
    return text.replace("“", "‘").replace("”", "’")


def text_direction(text: str) -> str:
    """Return ``ltr`` or ``rtl`` from the first strongly directional character of ``text``, else ``auto``."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return "ltr"
        if direction in ("R", "AL"):
            return "rtl"
    return "auto"


def is_rtl(text: str) -> bool:
    """Tell whether the first strongly directional character of ``text`` is right-to-left."""
    return text_direction(text) == "rtl"


def more_note(count: int) -> str:
    """Say how many items of a section the length budget left out, and how to see them."""
    if not count:
        return ""
    return f"{count} more {'item' if count == 1 else 'items'} left out for length; --length full shows them."


def left_out(brief: Brief) -> dict[str, str]:
    """Return, per section, the note saying what the brief's length budget left out ("" if nothing)."""
    budget = brief.generator.budget
    keys = ("background", "actors", "terms", "implications", "quotes")
    return {key: more_note(budget.left_out(key) if budget else 0) for key in keys}


def location(evidence: Evidence) -> str:
    """Say where a reader finds a span in the source: "page 2, paragraph 14", else its characters."""
    if evidence.paragraph is None:
        return f"characters {evidence.start}–{evidence.end}"
    where = f"paragraph {evidence.paragraph}"
    return f"page {evidence.page}, {where}" if evidence.page is not None else where


@dataclass(frozen=True)
class SourceNote:
    """One entry of a brief's Sources: its number, where the span is, and the span unless a point says it verbatim."""

    number: int
    evidence: Evidence
    location: str
    quote: str | None


class Notes:
    """Number a brief's evidence 1, 2, 3… in the order of ``Brief.evidence()``."""

    def __init__(self, brief: Brief) -> None:
        self.sources: tuple[Evidence, ...] = brief.evidence()
        self._numbers = {evidence: n for n, evidence in enumerate(self.sources, start=1)}
        self._cited_by: dict[Evidence, set[str]] = {}
        for group in (brief.summary, brief.background, brief.terms, brief.implications, brief.quotes):
            for item in group:
                for evidence in item.evidence:
                    self._cited_by.setdefault(evidence, set()).add(one_line(item.text))

    def __call__(self, item: Any) -> tuple[int, ...]:
        """Return the note numbers an item (point or quote) cites, each once, ascending."""
        return self.numbers(item.evidence)

    def numbers(self, evidence: Iterable[Evidence]) -> tuple[int, ...]:
        """Return the note numbers of ``evidence``, each once."""
        return tuple(sorted({self._numbers[e] for e in evidence if e in self._numbers}))

    def numbered(self) -> list[SourceNote]:
        """Return every source as a SourceNote, for a Sources section.

        The span's text is given only where some point citing it says
        something other than the span itself (a trimmed or merged point).
        """
        notes = []
        for number, evidence in enumerate(self.sources, start=1):
            verbatim = self._cited_by.get(evidence, set()) <= {one_line(evidence.quote)}
            notes.append(SourceNote(number, evidence, location(evidence), None if verbatim else evidence.quote))
        return notes


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


def as_of() -> date:
    """Return the day the brief is "as of": SOURCE_DATE_EPOCH's day if set, else today, in UTC."""
    return source_date().date()


def format_date(value: date | str | None) -> str | None:
    """Write a date as "16 September 2023"; text that is not an ISO date is returned unchanged."""
    if value is None or isinstance(value, date):
        day = value
    else:
        match = _ISO_DATE.match(value.strip())
        try:
            day = date(int(match[1]), int(match[2]), int(match[3])) if match else None
        except ValueError:
            day = None
        if day is None:
            return value
    return None if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# A BCP 47 language tag, loosely ("en", "en-GB", "en_GB", "zh-Hant-TW", "x-klingon").
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*")


def language(brief: Brief) -> str:
    """Return the brief's language tag: the source's, else English.

    The source's tag comes from the document (a PDF's /Lang, a Word file's
    properties, Markdown front matter) and may be any text; one that is not
    a language tag is not written into a page's ``lang`` or a file's
    metadata, and English stands in for it.
    """
    tag = brief.source.language
    return tag if tag and _LANGUAGE_TAG.fullmatch(tag) else DEFAULT_LANGUAGE


def language_is_rtl(tag: str) -> bool:
    """Tell whether a BCP 47 language tag names a right-to-left language."""
    return tag.replace("_", "-").split("-")[0].lower() in RTL_LANGUAGES


def clean_option(value: str | None) -> str | None:
    """Return a user's text option on one line, XML-safe, or None if it is blank."""
    if value is None:
        return None
    text = one_line(xml_safe(value))
    return text or None


def marking_colour(marking: str | None) -> str | None:
    """Return "red", "amber", "green" or "clear" for a TLP label, else None."""
    if not marking:
        return None
    return TLP_COLOURS.get("".join(marking.split()).upper())


def source_line(brief: Brief, when: date | None = None) -> list[tuple[str, str]]:
    """Return the title block's ``(label, value)`` rows the brief has values for, "As of" last.

    The rows name the author, the publisher, the date and the URL. The
    source's title is shown only where it differs from the brief's (an
    edited brief); with no title, author, publisher or URL, the file name.
    """
    source = brief.source
    title = source.title if source.title and one_line(source.title) != one_line(brief.title) else None
    rows = [
        ("Source", title),
        ("Author", source.author),
        ("Publisher", source.publisher),
        ("Published", format_date(source.published)),
        ("URL", source.url),
    ]
    if not any(value for label, value in rows if label != "Published"):
        rows[0] = ("Source", source.name)
    if when is not None:
        rows.append(("As of", format_date(when)))
    return [(label, value) for label, value in rows if value]


def paper_size(options: RenderOptions) -> str | None:
    """Return the CSS page size the user asked for ("A4" or "letter"), or None for the template's own."""
    sizes = {"a4": "A4", "letter": "letter"}
    if options.paper is None:
        return None
    try:
        return sizes[options.paper.lower()]
    except KeyError:
        raise RenderError(f"unknown paper size {options.paper!r}; choose one of {', '.join(sizes)}") from None


def author(options: RenderOptions) -> str:
    """Return who the document names as its author: the organisation, else briefing."""
    return clean_option(options.organisation) or "briefing"


def generator_label(brief: Brief) -> str:
    """Return who made the brief, e.g. ``briefing 0.1.0 (extractive)``."""
    generator = brief.generator
    label = " ".join(part for part in (generator.name, generator.version) if part)
    return f"{label} ({generator.summariser})" if generator.summariser else label


def template_context(brief: Brief, options: RenderOptions) -> dict[str, Any]:
    """Return the values every template sees."""
    from briefing.render.logo import load_logo

    notes = Notes(brief)
    day = as_of()
    marking = clean_option(options.marking)
    lang = language(brief)
    logo = load_logo(options.logo) if options.logo is not None else None
    return {
        "brief": brief,
        "more": left_out(brief),
        "notes": notes,
        "sources": notes.numbered(),
        "titles": SECTION_TITLES,
        "empty": EMPTY_SECTION,
        "actor_types": ACTOR_TYPE_LABELS,
        "source_rows": source_line(brief, day),
        "lang": lang,
        "dir": "rtl" if language_is_rtl(lang) else "ltr",
        "generator": generator_label(brief),
        "as_of": format_date(day),
        "as_of_iso": day.isoformat(),
        "marking": marking,
        "marking_colour": marking_colour(marking),
        "organisation": clean_option(options.organisation),
        "author": author(options),
        "logo": logo.data_uri() if logo else None,
        "paper": paper_size(options),
    }
