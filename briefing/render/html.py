"""Render a brief as one standalone HTML5 page, its CSS and logo inlined."""

from __future__ import annotations

from typing import ClassVar, Literal

from briefing.model import Brief
from briefing.render import RenderOptions
from briefing.render.common import template_context
from briefing.render.templates import render_template


def render_html(brief: Brief, options: RenderOptions, *, media: Literal["screen", "print"] = "screen") -> str:
    """Fill ``brief.html``; ``media="print"`` adds ``print.css`` (paged media) for the PDF."""
    context = template_context(brief, options)
    context["media"] = media
    return render_template("brief.html", context, options.template_dir)


class HtmlRenderer:
    """Write a standalone page whose note markers link to the quoted sources."""

    name: ClassVar[str] = "html"
    suffix: ClassVar[str] = ".html"
    media_type: ClassVar[str] = "text/html; charset=utf-8"
    description: ClassVar[str] = "A standalone HTML5 page with linked source notes"

    def check_options(self, options: RenderOptions) -> None:
        """Fill the template with a sample brief, so a template mistake stops a build before any work."""
        from briefing.render.sample import sample_brief

        render_html(sample_brief(), options)

    def render(self, brief: Brief, *, options: RenderOptions) -> bytes:
        """Return the page as UTF-8 bytes."""
        return render_html(brief, options).encode("utf-8")
