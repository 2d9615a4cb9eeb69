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
from typing import ClassVar, Protocol

from briefing.errors import RenderError, UnknownFormatError
from briefing.model import Brief

__all__ = ["RenderOptions", "Renderer", "available_renderers", "get_renderer", "render"]

log = logging.getLogger(__name__)

GROUP = "briefing.renderers"


@dataclass(frozen=True, kw_only=True)
class RenderOptions:
    """What a user may ask of every renderer; each uses what applies to it."""

    template_dir: Path | None = None


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


def render(brief: Brief, name: str, *, options: RenderOptions | None = None) -> bytes:
    """Render ``brief`` with the renderer called ``name``."""
    return get_renderer(name).render(brief, options=options or RenderOptions())
