"""Render a brief as one standalone HTML5 page, its CSS inlined."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from briefing.model import Brief
from briefing.render import RenderOptions
from briefing.render.common import template_context
from briefing.render.templates import render_template


def render_html(brief: Brief, template_dir: Path | None = None, *, media: Literal["screen", "print"] = "screen") -> str:
    """Fill ``brief.html``; ``media="print"`` adds ``print.css`` for the PDF."""
    context = template_context(brief)
    context["media"] = media
    return render_template("brief.html", context, template_dir)


class HtmlRenderer:
    """Write a standalone page whose note markers link to the quoted sources."""

    name: ClassVar[str] = "html"
    suffix: ClassVar[str] = ".html"
    media_type: ClassVar[str] = "text/html; charset=utf-8"
    description: ClassVar[str] = "A standalone HTML5 page with linked source notes"

    def render(self, brief: Brief, *, options: RenderOptions) -> bytes:
        """Return the page as UTF-8 bytes."""
        return render_html(brief, options.template_dir).encode("utf-8")
