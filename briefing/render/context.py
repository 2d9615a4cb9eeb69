"""The values every template sees, made from a brief and the resolved options."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.model import Brief
from briefing.render.dates import as_of, format_date
from briefing.render.metadata import generator_label, language, language_is_rtl, marking_colour, source_line
from briefing.render.resolved import resolve
from briefing.render.sections import (
    ACTOR_TYPE_LABELS,
    EMPTY_SECTION,
    SECTION_TITLES,
    Notes,
    brief_figures,
    figure_items,
    hidden_sections,
    left_out_note,
)

if TYPE_CHECKING:
    from briefing.render import RenderOptions

__all__ = ["template_context"]


def template_context(brief: Brief, options: RenderOptions) -> dict[str, Any]:
    """Return the values every template sees."""
    resolved = resolve(options)
    brief = figure_items(brief, options.figures)
    notes = Notes(brief)
    day = as_of()
    marking = resolved.marking
    lang = language(brief)
    logo = resolved.logo
    return {
        "brief": brief,
        "hidden": hidden_sections(brief),
        "left_out": left_out_note(brief, options.figures),
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
        "organisation": resolved.organisation,
        "author": resolved.author,
        "logo": logo.data_uri() if logo else None,
        "paper": resolved.css_paper,
        "figures": brief_figures(brief, notes) if options.figures else None,
    }
