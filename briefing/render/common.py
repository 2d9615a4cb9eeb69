"""The helpers every renderer shares, gathered from the modules that hold them, for the renderers' imports.

Each lives in the module of its job: :mod:`~briefing.render.text` (safe,
one-line, quoted text), :mod:`~briefing.render.dates`,
:mod:`~briefing.render.sections` (titles, limits, note numbers),
:mod:`~briefing.render.metadata` (language, marking colour, title block,
author), :mod:`~briefing.render.resolved` (the options made ready once) and
:mod:`~briefing.render.context` (what every template sees).
"""

from __future__ import annotations

from briefing.render.context import template_context
from briefing.render.dates import MONTHS, as_of, format_date, source_date
from briefing.render.metadata import (
    DEFAULT_LANGUAGE,
    RTL_LANGUAGES,
    TLP_COLOURS,
    author,
    generator_label,
    language,
    language_is_rtl,
    marking_colour,
    paper_size,
    source_line,
)
from briefing.render.resolved import Resolved, resolve
from briefing.render.sections import (
    ACTOR_TYPE_LABELS,
    EMPTY_SECTION,
    SECTION_TITLES,
    Notes,
    SourceNote,
    brief_figures,
    figure_items,
    hidden_sections,
    left_out_note,
    location,
)
from briefing.render.text import (
    OPENING_QUOTES,
    clean_option,
    inner_quotes,
    is_rtl,
    one_line,
    quoted,
    text_direction,
    xml_safe,
)

__all__ = [
    "ACTOR_TYPE_LABELS", "DEFAULT_LANGUAGE", "EMPTY_SECTION", "MONTHS", "OPENING_QUOTES", "RTL_LANGUAGES",
    "SECTION_TITLES", "TLP_COLOURS", "Notes", "Resolved", "SourceNote", "as_of", "author", "brief_figures",
    "clean_option", "figure_items", "format_date", "generator_label", "inner_quotes", "is_rtl", "language",
    "language_is_rtl", "hidden_sections", "left_out_note", "location", "marking_colour", "one_line", "paper_size", "quoted",
    "resolve", "source_date", "source_line", "template_context",
    "text_direction", "xml_safe",
]  # fmt: skip
