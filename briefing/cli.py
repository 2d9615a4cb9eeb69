"""The ``briefing`` command line: parse options, call the library, report.

No logic lives here. Core code raises BriefingError; this module turns it
into ``Error: …`` on stderr and an exit code (see ExitCode). ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import functools
import json
import sys
from enum import IntEnum
from pathlib import Path
from typing import Any, Callable

import click

from briefing import __version__
from briefing.errors import BriefingError, UnknownFormatError


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # an input failed to build or render; the others were still built
    USAGE = 2  # bad options or arguments


_format_option = click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    metavar="FORMAT",
    help="Output format; repeat for several (see `briefing formats`). Default: md, docx, pdf.",
)
_output_option = click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("briefs"),
    show_default=True,
    help="Folder for the outputs, named <input stem>.<suffix>.",
)
_template_option = click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of templates that override the built-in ones.",
)
_sentences_option = click.option(
    "--summary-sentences",
    type=click.IntRange(1, 50),
    default=3,
    show_default=True,
    help="How many key points the summary holds.",
)
_model_option = click.option(
    "--model", metavar="PIPELINE", help="spaCy pipeline to use (default: en_core_web_sm, else its re-upload)."
)


class _ByteSize(click.ParamType):
    """A size in bytes, with an optional unit: 5000000, 500kB, 20MB, 1GiB."""

    name = "SIZE"
    _UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "kib": 2**10, "m": 10**6, "mb": 10**6, "mib": 2**20,
              "g": 10**9, "gb": 10**9, "gib": 2**30}  # fmt: skip

    def convert(self, value, param, ctx) -> int:
        import re

        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", str(value))
        unit = match.group(2).lower() if match else None
        size = int(float(match.group(1)) * self._UNITS[unit]) if match and unit in self._UNITS else 0
        if size < 1:
            self.fail(f"{value!r} is not a size in bytes (for example 20000000, 500kB or 20MB)", param, ctx)
        return size


_max_bytes_option = click.option(
    "--max-bytes",
    type=_ByteSize(),
    default=20 * 2**20,
    help="Refuse an input (file, download or standard input) larger than this. Default: 20MiB.",
)


def _check_logo(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    from briefing.render.logo import load_logo

    if value is not None:
        try:
            load_logo(value)
        except BriefingError as exc:
            raise click.BadParameter(str(exc)) from exc
    return value


def _check_pdf_variant(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from briefing.render.pdf import check_variant

    if value is not None:
        try:
            check_variant(value)
        except BriefingError as exc:
            raise click.BadParameter(str(exc)) from exc
    return value


_RENDER_OPTIONS = (
    _template_option,
    click.option("--marking", metavar="TEXT",
                 help='Handling marking on every page and in the metadata, e.g. "TLP:AMBER" or "OFFICIAL-SENSITIVE".'),
    click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False),
                 help="Paper size of the PDF and DOCX (default: the templates', A4)."),
    click.option("--organisation", metavar="NAME", help="Organisation named in the title block and as the author."),
    click.option("--logo", type=click.Path(exists=True, dir_okay=False, path_type=Path), callback=_check_logo,
                 help="PNG or SVG logo for the title block."),
    click.option("--reference-docx", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                 help="Word file whose styles, page size and margins the DOCX uses (as pandoc's --reference-doc)."),
    click.option("--pdf-variant", metavar="VARIANT", callback=_check_pdf_variant,
                 help="PDF variant, e.g. pdf/ua-1 (tagged, accessible) or pdf/a-3b."),
)


def _render_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the rendering options to a command and hand it one RenderOptions as ``render_options``."""

    @functools.wraps(command)
    def wrapper(*args: Any, template_dir: Path | None, marking: str | None, paper: str | None,
                organisation: str | None, logo: Path | None, reference_docx: Path | None,
                pdf_variant: str | None, **kwargs: Any) -> Any:
        from briefing.render import RenderOptions

        kwargs["render_options"] = RenderOptions(
            template_dir=template_dir,
            marking=marking,
            paper=paper.lower() if paper else None,
            organisation=organisation,
            logo=logo,
            reference_docx=reference_docx,
            pdf_variant=pdf_variant,
        )
        return command(*args, **kwargs)

    for option in reversed(_RENDER_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


class _Context:
    def __init__(self, debug: bool) -> None:
        self.debug = debug


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Distil news articles, treaties and policy papers into cited briefs.

    Example: briefing build seeds/sahel-security-pact.txt -f pdf -f md
    """
    ctx.obj = _Context(debug)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@_format_option
@_output_option
@_max_bytes_option
@_sentences_option
@_model_option
@_render_options
@click.pass_obj
def build(
    obj: _Context,
    inputs: tuple[str, ...],
    formats: tuple[str, ...],
    output_dir: Path,
    max_bytes: int,
    summary_sentences: int,
    model: str | None,
    render_options,
) -> None:
    """Build a brief of each INPUT in each format.

    A failed input is reported and the others are still built; the exit code
    is then 1.

    Example: briefing build article.txt notes.md -f pdf -f docx -o briefs/ --marking "TLP:AMBER"
    """
    from briefing.build import DEFAULT_FORMATS, build as build_all

    def make_brief(item: str):
        from briefing import brief_file

        return brief_file(item, summary_sentences=summary_sentences, model=model, max_bytes=max_bytes)

    def report(outcome) -> None:
        if outcome.error is not None:
            click.echo(f"Error: {outcome.error}", err=True)
        else:
            names = ", ".join(str(p) for p in outcome.outputs)
            click.echo(f"{outcome.input} -> {names} ({outcome.seconds:.2f}s)", err=True)

    with _errors(obj):
        result = build_all(
            list(inputs),
            formats=formats or DEFAULT_FORMATS,
            output_dir=output_dir,
            make_brief=make_brief,
            options=render_options,
            on_outcome=report,
        )
    if result.failed:
        built = len(result.outcomes) - len(result.failed)
        click.echo(f"Error: {len(result.failed)} of {len(result.outcomes)} inputs failed ({built} built)", err=True)
        sys.exit(ExitCode.FAILED)


@cli.command()
@click.argument("input", metavar="INPUT")
@_max_bytes_option
@_sentences_option
@_model_option
@click.pass_obj
def summarise(obj: _Context, input: str, max_bytes: int, summary_sentences: int, model: str | None) -> None:
    """Print the brief of INPUT as JSON on stdout.

    Example: briefing summarise article.txt > brief.json
    """
    from briefing import brief_file

    with _errors(obj):
        brief = brief_file(input, summary_sentences=summary_sentences, model=model, max_bytes=max_bytes)
    click.echo(json.dumps(brief.to_dict(), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("input", metavar="INPUT")
@_max_bytes_option
@click.option("--json", "as_json", is_flag=True, help="Print the whole Document as JSON: metadata, text, spans.")
@click.pass_obj
def text(obj: _Context, input: str, max_bytes: int, as_json: bool) -> None:
    """Print the plain text ingest extracted from INPUT: exactly what the summariser reads.

    INPUT is a .txt, .md, .html, .pdf or .docx file, an http(s) URL, or - for
    standard input.

    Example: briefing text statement.pdf | less
    """
    import dataclasses

    from briefing.ingest import read_document

    with _errors(obj):
        document = read_document(input, max_bytes=max_bytes)
    if as_json:
        data = {**dataclasses.asdict(document), "words": document.words, "metadata": dict(document.metadata)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(document.text)


@cli.command()
@click.argument("brief_json", metavar="BRIEF.json", type=click.Path(dir_okay=False, path_type=Path))
@_format_option
@_output_option
@_render_options
@click.pass_obj
def render(obj: _Context, brief_json: Path, formats: tuple[str, ...], output_dir: Path, render_options) -> None:
    """Render a brief's JSON (for example, one a person edited) without summarising again.

    Example: briefing render briefs/article.json -f pdf -o briefs/
    """
    from briefing.build import DEFAULT_FORMATS, build as build_all
    from briefing.errors import BriefFormatError, InputError
    from briefing.model import Brief

    def load(path: str) -> Brief:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise InputError(f"{path}: no such file") from exc
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: not a readable JSON brief: {exc}") from exc
        try:
            return Brief.from_dict(data)
        except BriefFormatError as exc:
            raise BriefFormatError(f"{path}: {exc}") from exc

    with _errors(obj):
        result = build_all(
            [str(brief_json)],
            formats=formats or DEFAULT_FORMATS,
            output_dir=output_dir,
            make_brief=load,
            options=render_options,
        )
    for outcome in result.outcomes:
        if outcome.error is not None:
            click.echo(f"Error: {outcome.error}", err=True)
            sys.exit(ExitCode.FAILED)
        click.echo(", ".join(str(p) for p in outcome.outputs), err=True)


@cli.group()
def templates() -> None:
    """Work with the templates the HTML, PDF, Markdown and DOCX outputs are made from.

    Example: briefing templates export my-templates/
    """


@templates.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace files that already exist in DIRECTORY.")
@click.pass_obj
def templates_export(obj: _Context, directory: Path, force: bool) -> None:
    """Copy the built-in templates into DIRECTORY to start your own from.

    Edit them, then pass the folder as --template-dir; a template you delete
    falls back to the built-in one.

    Example: briefing templates export my-templates/ && briefing build article.txt --template-dir my-templates/
    """
    from briefing.render.templates import export_templates

    with _errors(obj):
        written = export_templates(directory, overwrite=force)
    for path in written:
        click.echo(str(path))


@cli.command()
def formats() -> None:
    """List the installed output formats, one per line: name, suffix, description.

    Example: briefing formats
    """
    from briefing.render import available_renderers, get_renderer

    for name in available_renderers():
        try:
            renderer = get_renderer(name)
        except BriefingError as exc:
            click.echo(f"warning: {exc}", err=True)
            continue
        click.echo(f"{name}\t{renderer.suffix}\t{renderer.description}")


class _errors:
    """Turn BriefingError into `Error: …` and the right exit code, unless --debug."""

    def __init__(self, obj: _Context) -> None:
        self.debug = obj.debug

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None or self.debug or not isinstance(exc, BriefingError):
            return False
        if isinstance(exc, UnknownFormatError):
            raise click.UsageError(str(exc))
        raise click.ClickException(str(exc))


def main() -> None:
    """Run the command line (the ``briefing`` console script)."""
    cli(prog_name="briefing")
