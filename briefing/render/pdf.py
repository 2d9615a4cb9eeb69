"""Render a brief as PDF: the HTML page plus print.css, laid out by WeasyPrint.

WeasyPrint loads Pango when imported, so it is imported inside ``render``;
Markdown, DOCX and ``--help`` work without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from briefing.errors import RenderError
from briefing.model import Brief
from briefing.render import RenderOptions
from briefing.render.common import generator_label, language, source_date
from briefing.render.html import render_html
from briefing.render.templates import template_dirs

INSTALL_HINT = (
    "PDF output needs WeasyPrint and its system libraries (Pango, HarfBuzz): "
    "`pip install weasyprint`, then see "
    "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html#installation"
)


def _inside(path: Path, folders: list[Path]) -> bool:
    return any(path == folder or folder in path.parents for folder in folders)


def make_url_fetcher(weasyprint: Any, folders: list[Path]) -> Any:
    """Return a WeasyPrint URL fetcher that serves ``data:`` and files inside ``folders`` only."""
    allowed = [folder.resolve() for folder in folders]

    class TemplateFolderFetcher(weasyprint.urls.URLFetcher):
        """Fetch ``data:`` URLs and files inside the template folders; refuse all else."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if _inside(path, allowed):
                    return super().fetch(url, headers)
                raise ValueError(f"{path} is outside the template folders")
            raise ValueError(f"briefing does not fetch {url!r}; put the file in the template folder")

    return TemplateFolderFetcher(fail_on_errors=True)


def _import_weasyprint() -> Any:
    try:
        import weasyprint
        import weasyprint.urls
    except (ImportError, OSError) as exc:
        raise RenderError(f"{INSTALL_HINT} ({exc})") from exc
    if not hasattr(weasyprint.urls, "URLFetcher"):
        raise RenderError(
            f"WeasyPrint {weasyprint.__version__} is too old for briefing's PDF output "
            "(it needs weasyprint.urls.URLFetcher; 70 is tested): `pip install -U weasyprint`"
        )
    return weasyprint


class PdfRenderer:
    """Print the brief's HTML page to an A4 PDF with running header and page numbers."""

    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"
    media_type: ClassVar[str] = "application/pdf"
    description: ClassVar[str] = "An A4 PDF laid out for print (needs WeasyPrint)"

    def render(self, brief: Brief, *, options: RenderOptions) -> bytes:
        """Return the PDF; byte-identical across runs when SOURCE_DATE_EPOCH is set."""
        weasyprint = _import_weasyprint()
        folders = template_dirs(options.template_dir)
        page = render_html(brief, options.template_dir, media="print")
        fetcher = make_url_fetcher(weasyprint, folders)
        try:
            document = weasyprint.HTML(
                string=page, base_url=folders[0].as_uri() + "/", url_fetcher=fetcher
            ).render()
        except weasyprint.urls.FatalURLFetchingError as exc:
            raise RenderError(f"the PDF template needs a file briefing will not fetch: {exc.__cause__ or exc}") from exc
        stamp = source_date().strftime("%Y-%m-%dT%H:%M:%SZ")
        metadata = document.metadata
        metadata.title = brief.title
        metadata.authors = ["briefing"]
        metadata.description = brief.source.title or brief.source.name
        metadata.keywords = list(dict.fromkeys(actor.name for actor in brief.actors))
        metadata.generator = generator_label(brief)
        metadata.lang = language(brief)
        metadata.created = metadata.modified = stamp
        return document.write_pdf()
