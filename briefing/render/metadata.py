"""What every format says about a brief besides its sections: language, marking colour, title block, author."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from briefing.model import Brief
from briefing.render.dates import format_date
from briefing.render.resolved import resolve
from briefing.render.text import one_line

if TYPE_CHECKING:
    from briefing.render import RenderOptions

__all__ = ["DEFAULT_LANGUAGE", "RTL_LANGUAGES", "TLP_COLOURS", "author", "generator_label", "language",
           "language_is_rtl", "marking_colour", "paper_size", "source_line"]

DEFAULT_LANGUAGE = "en"

#: Languages written right to left, by primary subtag.
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"})

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
    return resolve(options).css_paper


def author(options: RenderOptions) -> str:
    """Return who the document names as its author: the organisation, else briefing."""
    return resolve(options).author


def generator_label(brief: Brief) -> str:
    """Return who made the brief, e.g. ``briefing 0.1.0 (extractive)`` or ``briefing 0.1.0 (llm, qwen2.5-3b)``."""
    generator = brief.generator
    label = " ".join(part for part in (generator.name, generator.version) if part)
    summariser = ", ".join(part for part in (generator.summariser, generator.model) if part)
    return f"{label} ({summariser})" if summariser else label
