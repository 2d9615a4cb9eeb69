"""Render a brief as PDF: the HTML page plus print.css, laid out by WeasyPrint.

WeasyPrint loads Pango when imported, so it is imported inside ``render``;
Markdown, DOCX and ``--help`` work without it. Every file the page loads
comes through a URL fetcher that serves the template folders and ``data:``
URLs only.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any, ClassVar, Iterator
from urllib.parse import unquote, urlsplit

from briefing.errors import RenderError
from briefing.model import Brief
from briefing.render import RenderOptions
from briefing.render.common import generator_label, language, resolve, source_date, xml_safe
from briefing.render.html import render_html

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


class _ErrorLog(logging.Handler):
    """Collect what WeasyPrint logs as an error (an image that fails, a broken stylesheet)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _errors_raised() -> Iterator[None]:
    """Turn errors WeasyPrint only logs into a RenderError, so no PDF silently lacks a part."""
    logger = logging.getLogger("weasyprint")
    handler = _ErrorLog()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        shown = "; ".join(message if len(message) < 200 else message[:197] + "…" for message in handler.messages)
        raise RenderError(f"the PDF could not be laid out as the template asks: {shown}")


def check_variant(variant: str) -> None:
    """Raise RenderError unless WeasyPrint can write the PDF variant ``variant`` (e.g. "pdf/ua-1")."""
    try:
        from weasyprint.pdf import VARIANTS
    except (ImportError, OSError):
        return  # rendering will say how to install WeasyPrint
    if variant not in VARIANTS:
        choices = ", ".join(name for name in sorted(VARIANTS) if name != "debug")
        raise RenderError(f"unknown PDF variant {variant!r}; choose one of {choices}")


def variant_options(variant: str | None) -> dict[str, Any]:
    """Return WeasyPrint's options for a PDF variant, the ones it implies (tags for PDF/UA) spelt out."""
    if variant is None:
        return {}
    from weasyprint.pdf import VARIANTS

    check_variant(variant)
    _, implied = VARIANTS[variant]
    return {**implied, "pdf_variant": variant}


def set_metadata(document: Any, brief: Brief, options: RenderOptions) -> None:
    """Fill the PDF's document information and XMP: title, author, subject, keywords, language, marking."""
    stamp = source_date().strftime("%Y-%m-%dT%H:%M:%SZ")
    marking = resolve(options).marking
    metadata = document.metadata
    # xml_safe: a brief read from JSON may hold lone surrogates, which no PDF string can encode.
    metadata.title = xml_safe(brief.title)
    metadata.authors = [resolve(options).author]
    metadata.description = xml_safe(brief.source.title or brief.source.name)
    metadata.keywords = list(dict.fromkeys(xml_safe(actor.name) for actor in brief.actors))
    metadata.generator = xml_safe(generator_label(brief))
    metadata.lang = xml_safe(language(brief))
    metadata.created = metadata.modified = stamp
    metadata.custom = {"Marking": marking} if marking else {}
    # XMP (written for PDF/A and PDF/UA) mirrors custom entries in Adobe's pdfx namespace.
    metadata.xmp_metadata = [_xmp_marking(marking)] if marking else []


def _xmp_marking(marking: str) -> bytes:
    from xml.sax.saxutils import escape

    return (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">'
        f"<pdfx:Marking>{escape(marking)}</pdfx:Marking></rdf:Description></rdf:RDF>"
    ).encode("utf-8")


class PdfRenderer:
    """Print the brief's HTML page to a paged PDF: marking, running header, page X of Y, outline."""

    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"
    media_type: ClassVar[str] = "application/pdf"
    description: ClassVar[str] = "An A4 or Letter PDF laid out for print, with bookmarks (needs WeasyPrint)"

    def prepare(self) -> None:
        """Load WeasyPrint (and Pango) once per worker process, not in its first document."""
        try:
            _import_weasyprint()
        except RenderError:
            pass  # every PDF will say how to install it

    def check_options(self, options: RenderOptions) -> None:
        """Raise RenderError for a PDF variant WeasyPrint cannot write, or a page template that cannot be filled.

        The page is filled with a sample brief (not laid out), so a template
        mistake stops a build before any document is read.
        """
        from briefing.render.sample import sample_brief

        if options.pdf_variant is not None:
            check_variant(options.pdf_variant)
        render_html(sample_brief(), options, media="print")

    def render(self, brief: Brief, *, options: RenderOptions) -> bytes:
        """Return the PDF; byte-identical across runs when SOURCE_DATE_EPOCH is set."""
        weasyprint = _import_weasyprint()
        variant = variant_options(options.pdf_variant)
        folders = list(resolve(options).template_dirs)
        page = render_html(brief, options, media="print")
        fetcher = make_url_fetcher(weasyprint, folders)
        with _errors_raised():
            try:
                document = weasyprint.HTML(
                    string=page, base_url=folders[0].as_uri() + "/", url_fetcher=fetcher
                ).render(**variant)
            except weasyprint.urls.FatalURLFetchingError as exc:
                raise RenderError(
                    f"the PDF template needs a file briefing will not fetch: {exc.__cause__ or exc}"
                ) from exc
            set_metadata(document, brief, options)
            return document.write_pdf(**variant, custom_metadata=True)
