"""Render a brief as GitHub-flavoured Markdown with YAML front matter."""

from __future__ import annotations

from typing import ClassVar

from briefing.model import Brief
from briefing.render import RenderOptions
from briefing.render.common import template_context
from briefing.render.templates import render_template


class MarkdownRenderer:
    """Fill ``brief.md``; evidence becomes GFM footnotes listed under Sources."""

    name: ClassVar[str] = "md"
    suffix: ClassVar[str] = ".md"
    media_type: ClassVar[str] = "text/markdown; charset=utf-8"
    description: ClassVar[str] = "GitHub-flavoured Markdown with footnoted sources"

    def check_options(self, options: RenderOptions) -> None:
        """Fill the template with a sample brief, so a template mistake stops a build before any work."""
        from briefing.render.sample import sample_brief

        self.render(sample_brief(), options=options)

    def render(self, brief: Brief, *, options: RenderOptions) -> bytes:
        """Return the brief as Markdown, UTF-8 encoded."""
        text = render_template("brief.md", template_context(brief, options), options.template_dir)
        return text.encode("utf-8")
