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
from briefing.options import Choice, File, Folder, option

__all__ = ["RenderOptions", "Renderer", "PAPER_SIZES", "available_renderers", "check_options", "get_renderer", "render"]

log = logging.getLogger(__name__)

GROUP = "briefing.renderers"

#: The paper sizes a user may ask for; the templates' own size (A4) applies when none is given.
PAPER_SIZES: tuple[str, ...] = ("a4", "letter")


@dataclass(frozen=True, kw_only=True)
class RenderOptions:
    """What a user may ask of every renderer; each uses what applies to it.

    Each field is a user option, declared once (see :mod:`briefing.options`).
    """

    template_dir: Path | None = option(kind=Folder(), shapes_output=True, cache_part="templates",
                                       help="Folder of templates that override the built-in ones.")
    marking: str | None = option(
        shapes_output=True, metavar="TEXT",
        help='Handling marking on every page and in the metadata, e.g. "TLP:AMBER" or "OFFICIAL-SENSITIVE".')
    paper: Literal["a4", "letter"] | None = option(
        kind=Choice(PAPER_SIZES), shapes_output=True, default_text="the templates', A4",
        help="Paper size of the PDF and DOCX.")
    organisation: str | None = option(shapes_output=True, metavar="NAME",
                                      help="Organisation named in the title block and as the author.")
    logo: Path | None = option(kind=File(), shapes_output=True, check="briefing.render.logo:load_logo",
                               help="PNG or SVG logo for the title block.")
    reference_docx: Path | None = option(
        kind=File(), shapes_output=True,
        help="Word file whose styles, page size and margins the DOCX uses (as pandoc's --reference-doc).")
    pdf_variant: str | None = option(shapes_output=True, metavar="VARIANT", check="briefing.render.pdf:check_variant",
                                     help="PDF variant, e.g. pdf/ua-1 (tagged, accessible) or pdf/a-3b.")


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
