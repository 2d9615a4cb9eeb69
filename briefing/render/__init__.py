"""Renderers: one brief in, the bytes of one format out.

A renderer is a class with the declarative attributes ``name``, ``suffix``,
``media_type`` and ``description`` and one method,
``render(brief, *, options) -> bytes``. Renderers are found through the
``briefing.renderers`` entry point group, the built-in ones too, so a third
party adds a format by installing a package; nothing here changes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import ClassVar, Literal, Protocol

from briefing.errors import RenderError, UnknownFormatError
from briefing.model import Brief

__all__ = ["RenderOptions", "Renderer", "PAPER_SIZES", "available_renderers", "check_options", "get_renderer", "render"]

log = logging.getLogger(__name__)

GROUP = "briefing.renderers"

#: The paper sizes a user may ask for; the templates' own size (A4) applies when none is given.
PAPER_SIZES: tuple[str, ...] = ("a4", "letter")


@dataclass(frozen=True, kw_only=True)
class RenderOptions:
    """What a user may ask of every renderer; each uses what applies to it.

    ``marking`` is a handling marking ("TLP:AMBER", "OFFICIAL-SENSITIVE", any
    text) printed at the top and bottom of every page and recorded in the
    metadata. ``paper`` is ``"a4"`` or ``"letter"`` (None keeps the template's
    size). ``organisation`` and ``logo`` (a PNG or SVG file) brand the title
    block. ``reference_docx`` supplies the Word styles. ``pdf_variant`` is a
    WeasyPrint PDF variant such as ``"pdf/ua-1"`` (tagged, accessible PDF).
    ``figures`` False leaves the timeline and the actor map out (the JSON
    keeps the brief's timeline and relations).
    """

    template_dir: Path | None = None
    marking: str | None = None
    paper: Literal["a4", "letter"] | None = None
    organisation: str | None = None
    logo: Path | None = None
    reference_docx: Path | None = None
    pdf_variant: str | None = None
    figures: bool = True


class Renderer(Protocol):
    """The contract every renderer, built-in or third-party, fulfils."""

    name: ClassVar[str]
    suffix: ClassVar[str]
    media_type: ClassVar[str]
    description: ClassVar[str]

    def render(self, brief: Brief, *, options: RenderOptions) -> bytes: ...


def available_renderers() -> dict[str, EntryPoint]:
    """Return the installed renderers' entry points by name, sorted by name."""
    found = {ep.name: ep for ep in entry_points(group=GROUP)}
    return dict(sorted(found.items()))


def get_renderer(name: str) -> Renderer:
    """Load and instantiate the renderer called ``name``.

    Raises UnknownFormatError, listing what is installed, for an unknown
    name, and RenderError for a renderer whose package fails to import.
    """
    installed = available_renderers()
    ep = installed.get(name)
    if ep is None:
        choices = ", ".join(installed) or "none"
        raise UnknownFormatError(f"unknown format {name!r}; installed formats: {choices}")
    try:
        cls = ep.load()
    except Exception as exc:  # a broken plugin must not take the others down
        raise RenderError(f"the {name!r} renderer ({ep.value}) failed to load: {exc}") from exc
    return cls()


def check_options(options: RenderOptions) -> None:
    """Raise RenderError for an option no renderer could use, before any work is done."""
    from briefing.render.logo import load_logo
    from briefing.render.pdf import check_variant
    from briefing.render.templates import template_dirs

    template_dirs(options.template_dir)
    if options.paper is not None and options.paper not in PAPER_SIZES:
        raise RenderError(f"unknown paper size {options.paper!r}; choose one of {', '.join(PAPER_SIZES)}")
    if options.logo is not None:
        load_logo(options.logo)
    if options.reference_docx is not None and not Path(options.reference_docx).is_file():
        raise RenderError(f"reference document {str(options.reference_docx)!r} does not exist or is not a file")
    if options.pdf_variant is not None:
        check_variant(options.pdf_variant)


def render(brief: Brief, name: str, *, options: RenderOptions | None = None) -> bytes:
    """Render ``brief`` with the renderer called ``name``."""
    return get_renderer(name).render(brief, options=options or RenderOptions())
