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
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import ClassVar, Iterable, Literal, Protocol

from briefing.errors import RenderError, UnknownFormatError
from briefing.model import Brief
from briefing.options import Choice, File, Flag, Folder, option
from briefing.plugins import installed, load_plugin
from briefing.render.resolved import CSS_PAPER_SIZES

__all__ = ["RenderOptions", "Renderer", "PAPER_SIZES", "available_renderers", "check_format", "check_options",
           "get_renderer", "render", "unknown_format"]

log = logging.getLogger(__name__)

GROUP = "briefing.renderers"

#: The paper sizes a user may ask for; the templates' own size (A4) applies when none is given.
PAPER_SIZES: tuple[str, ...] = tuple(CSS_PAPER_SIZES)


@dataclass(frozen=True, kw_only=True)
class RenderOptions:
    """What a user may ask of every renderer; each uses what applies to it.

    Each field is a user option, declared once (see :mod:`briefing.options`).
    """

    marking: str | None = option(shapes_output=True, metavar="TEXT",
                                 help='Marking on every page, e.g. "TLP:AMBER".')
    organisation: str | None = option(shapes_output=True, metavar="NAME",
                                      help="Organisation named as the author.")
    logo: Path | None = option(kind=File(), shapes_output=True, check="briefing.render.logo:load_logo",
                               help="PNG or SVG logo for the title block.")
    paper: Literal["a4", "letter"] | None = option(
        kind=Choice(PAPER_SIZES), shapes_output=True, default_text="A4", help="Paper size of the PDF and DOCX.")
    template_dir: Path | None = option(kind=Folder(), shapes_output=True, cache_part="templates", metavar="DIR",
                                       help="Templates that override the built-in ones.")
    reference_docx: Path | None = option(
        kind=File(exists=False), shapes_output=True, check="briefing.render.docx_reference:check_reference_docx",
        help="Word file whose styles the DOCX takes.")
    pdf_variant: str | None = option(shapes_output=True, metavar="VARIANT", check="briefing.render.pdf:check_variant",
                                     help="PDF variant, e.g. pdf/ua-1 (tagged, accessible).")
    figures: bool = option(True, kind=Flag(), shapes_output=True, flags=("--figures/--no-figures",),
                           default_text="drawn", help="Timeline and actor map.")


class Renderer(Protocol):
    """The contract every renderer, built-in or third-party, fulfils.

    Two hooks are optional (:func:`prepare` and :func:`check_options` call
    them when a renderer has them): ``prepare()``, run once per worker
    process before any document (load a layout engine, fonts), and
    ``check_options(options)``, run before any document is read, which
    raises RenderError for an option this renderer cannot use.
    """

    name: ClassVar[str]
    suffix: ClassVar[str]
    media_type: ClassVar[str]
    description: ClassVar[str]

    def render(self, brief: Brief, *, options: RenderOptions) -> bytes: ...


def available_renderers() -> dict[str, EntryPoint]:
    """Return the installed renderers' entry points by name, sorted by name."""
    return installed(GROUP)


def get_renderer(name: str) -> Renderer:
    """Load and instantiate the renderer called ``name``.

    Raises UnknownFormatError, listing what is installed, for an unknown
    name, and RenderError for a renderer whose package fails to import.
    """
    cls = load_plugin(GROUP, name, kind="renderer", broken=RenderError,
                      unknown=lambda choices: UnknownFormatError(unknown_format(name)))
    return cls()


def check_format(name: str) -> None:
    """Raise UnknownFormatError, with the format likely meant, unless a renderer is installed as ``name``."""
    if name not in available_renderers():
        raise UnknownFormatError(unknown_format(name))


def unknown_format(name: str) -> str:
    """Return the message for a format no renderer is installed for, with the likeliest one meant."""
    from briefing.suggest import did_you_mean

    installed = list(available_renderers())
    listing = ", ".join(installed) or "none"
    return f"unknown format {name!r}{did_you_mean(name, installed)} (installed formats: {listing})"


def check_options(options: RenderOptions, renderers: Iterable[Renderer] | None = None) -> None:
    """Raise RenderError for an option no renderer could use, or one of ``renderers`` cannot, before any work.

    ``renderers`` defaults to every installed one.

    The options are resolved here, once (see :mod:`briefing.render.resolved`),
    and every renderer then uses the same resolved values.
    """
    from briefing.render.resolved import resolve

    resolve(options)  # the template folder, the logo, the paper size
    if renderers is None:
        renderers = [get_renderer(name) for name in available_renderers()]
    for renderer in renderers:
        check = getattr(renderer, "check_options", None)  # an optional hook (see Renderer)
        if check is not None:
            check(options)


def prepare(renderers: Iterable[Renderer]) -> None:
    """Run each renderer's optional ``prepare`` hook (once per worker process, before any document)."""
    for renderer in renderers:
        hook = getattr(renderer, "prepare", None)
        if hook is not None:
            hook()


def render(brief: Brief, name: str, *, options: RenderOptions | None = None) -> bytes:
    """Render ``brief`` with the renderer called ``name``."""
    return get_renderer(name).render(brief, options=options or RenderOptions())
