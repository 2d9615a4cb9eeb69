"""Resolve a RenderOptions once for every renderer: texts cleaned, logo loaded, template folders found, paper sized.

Resolving is also checking: :func:`resolve` raises RenderError for an
option no renderer could use (a missing template folder or logo, an unknown
paper size), so the batch resolves the options before any document is
read, and every renderer then gets the same resolved values, loaded once
per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import RenderError
from briefing.render.text import clean_option

if TYPE_CHECKING:
    from briefing.render import RenderOptions
    from briefing.render.logo import Logo

__all__ = ["CSS_PAPER_SIZES", "DEFAULT_AUTHOR", "Resolved", "resolve"]

#: Each paper size a user may ask for (``RenderOptions.paper``), as CSS's ``@page { size }`` names it.
CSS_PAPER_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}
#: Who a document names as its author when no organisation is given.
DEFAULT_AUTHOR = "briefing"


@dataclass(frozen=True)
class Resolved:
    """What every renderer uses of the options, made ready."""

    marking: str | None  # on one line, XML-safe; None if blank
    organisation: str | None
    author: str  # the organisation, else briefing
    logo: Logo | None
    template_dirs: tuple[Path, ...]  # the user's folder first, then the built-ins
    paper: str | None  # the paper size asked for ("a4", "letter"), None for the templates' own
    css_paper: str | None  # the same as CSS names it ("A4", "letter")


@functools.lru_cache(maxsize=16)
def resolve(options: RenderOptions) -> Resolved:
    """Return ``options`` resolved (once per process for the same options); RenderError for one no renderer can use."""
    from briefing.render.logo import load_logo
    from briefing.render.templates import template_dirs

    folders = tuple(template_dirs(options.template_dir))
    paper = options.paper.lower() if options.paper is not None else None
    if paper is not None and paper not in CSS_PAPER_SIZES:
        raise RenderError(f"unknown paper size {options.paper!r}; choose one of {', '.join(CSS_PAPER_SIZES)}")
    organisation = clean_option(options.organisation)
    return Resolved(
        marking=clean_option(options.marking),
        organisation=organisation,
        author=organisation or DEFAULT_AUTHOR,
        logo=load_logo(options.logo) if options.logo is not None else None,
        template_dirs=folders,
        paper=paper,
        css_paper=CSS_PAPER_SIZES[paper] if paper is not None else None,
    )
