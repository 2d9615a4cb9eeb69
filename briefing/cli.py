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
    FAILED = 1  # an input failed to build or render (the others were still built), or --check found stale briefs
    USAGE = 2  # bad options or arguments, or a bad project file (briefing.toml)
    INTERRUPTED = 130  # SIGINT stopped a batch (SIGTERM: 143, 128 + the signal's number, as shells report)


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
    help="Folder for the outputs, named <input stem>.<suffix>. Default: briefs.",
)
_template_option = click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of templates that override the built-in ones.",
)
_sentences_option = click.option(
    "--summary-sentences",
    type=click.IntRange(1, 50),
    help="How many key points the summary holds. Default: 3.",
)
_length_option = click.option(
    "--length",
    type=click.Choice(["short", "standard", "full"]),
    help="How much the brief says: short, standard (one A4 page for a source under 800 words, else two) "
    "or full (every item found). Default: standard.",
)
_lang_option = click.option(
    "--lang",
    metavar="LANG",
    help="The source's language (e.g. en), instead of detecting it. A source not in the pipeline's "
    "language is refused.",
)
_model_option = click.option(
    "--model", metavar="PIPELINE", help="spaCy pipeline to use (default: en_core_web_sm, else its re-upload)."
)


class _ByteSize(click.ParamType):
    """A size in bytes, with an optional unit: 5000000, 500kB, 20MB, 1GiB."""

    name = "SIZE"
    def convert(self, value, param, ctx) -> int:
        from briefing.config import parse_size

        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


_max_bytes_option = click.option(
    "--max-bytes",
    type=_ByteSize(),
    help="Refuse an input (file, download or standard input) larger than this. Default: 20MiB.",
)
_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Project file to read. Default: briefing.toml, else [tool.briefing] in pyproject.toml, "
    "in this folder or the nearest parent.",
)


class _Shard(click.ParamType):
    """I/N: the I-th of N shards, 1 <= I <= N."""

    name = "I/N"

    def convert(self, value, param, ctx) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        first, _, second = str(value).partition("/")
        if first.strip().isdigit() and second.strip().isdigit() and 1 <= int(first) <= int(second):
            return int(first), int(second)
        self.fail(f"{value!r} is not I/N with 1 <= I <= N (for example 2/4)", param, ctx)


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
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@_format_option
@_output_option
@_config_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes. Default: the number of CPUs.")
@click.option("--force", is_flag=True, help="Build every document, even those whose briefs are current.")
@click.option("--check", is_flag=True,
              help="Build nothing: list the briefs that are stale or missing, and exit 1 if there are any.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write a JSON report of every document (input, outputs, seconds, status, error) to FILE.")
@click.option("--shard", type=_Shard(), help="Build only the I-th of N stable shards of the inputs (a CI matrix).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and what failed.")
@click.option("-v", "--verbose", is_flag=True, help="Print a line per document, with its timings, even on a terminal.")
@_max_bytes_option
@_sentences_option
@_length_option
@_lang_option
@_model_option
@_render_options
@click.pass_obj
def build(obj: _Context, inputs: tuple[str, ...], config_path: Path | None, force: bool, check: bool,
          report_path: Path | None, shard: tuple[int, int] | None, quiet: bool, verbose: bool, render_options,
          **options: Any) -> None:
    """Build a brief of each INPUT in each format.

    INPUTs are files, folders (searched recursively for .txt, .md, .html,
    .pdf and .docx), glob patterns, http(s) URLs or - for standard input;
    without any, the inputs of briefing.toml (or [tool.briefing] in
    pyproject.toml), which also sets any option given here. A document whose
    input, options, templates and briefing version are unchanged since its
    briefs were built, and whose briefs still exist, is skipped.

    Exit codes: 0 all built, 1 some failed (the others were still built) or
    --check found stale briefs, 2 bad usage or project file.

    Example: briefing build article.txt sources/ -f pdf -f docx -o briefs/ --marking "TLP:AMBER"
    """
    from briefing.build import BuildSettings, build as build_all, check as check_all

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
    with _errors(obj):
        config = _config(config_path, inputs=inputs, render_options=render_options, **options)
        if not config.inputs:
            raise click.UsageError("no inputs: name files, folders or patterns, or set inputs in briefing.toml")
        settings = BuildSettings.from_config(config, force=force, shard=shard)
        if check:
            report = check_all(list(config.inputs), settings)
        else:
            observer = _Progress(quiet=quiet, verbose=verbose, debug=obj.debug)
            try:
                report = build_all(list(config.inputs), settings, observer=observer)
            finally:
                observer.close()
        if report_path is not None:
            from briefing.output import write_atomic

            write_atomic(report_path, (json.dumps(report.to_dict(), indent=2) + "\n").encode("utf-8"))
    sys.exit(_summarise_report(report, quiet=quiet))


def _config(config_path: Path | None, *, render_options=None, **values: Any):
    """Return the project file's settings with every option given on the command line in their place."""
    import dataclasses

    from briefing.config import load_config

    if render_options is not None:
        values.update((f.name, getattr(render_options, f.name)) for f in dataclasses.fields(render_options))
    return load_config(config_path).overridden(**values)


def _summarise_report(report, *, quiet: bool) -> int:
    """Print the batch's last lines; return its exit code."""
    import signal

    counts = report.counts()
    if report.check:
        for outcome in report.with_status("stale", "missing", "unchecked"):
            click.echo(f"{outcome.status:<9} {_shown(outcome.input)}: {_shown(outcome.reason or '')}")
        if report.stale:
            click.echo(f"Error: {len(report.stale)} of {len(report.outcomes)} inputs have stale or missing briefs; "
                       "run briefing build", err=True)
            return ExitCode.FAILED
        if not quiet:
            click.echo(f"All {len(report.outcomes)} inputs' briefs are current.", err=True)
        return ExitCode.OK
    if report.interrupted is not None:
        name = signal.Signals(report.interrupted).name
        click.echo(f"Interrupted by {name}: {counts['built']} built, {counts['interrupted']} not built; "
                   "run the same command again to build the rest.", err=True)
        return 128 + report.interrupted
    if report.failed:
        done = counts["built"] + counts["cached"]
        click.echo(f"Error: {len(report.failed)} of {len(report.outcomes)} inputs failed ({done} built)", err=True)
        return ExitCode.FAILED
    if not quiet:
        workers = f" ({report.jobs} workers)" if report.jobs > 1 else ""
        click.echo(f"{counts['built']} built, {counts['cached']} current in {report.seconds:.1f}s{workers}", err=True)
    return ExitCode.OK


def _shown(name: str) -> str:
    """Return an input's name on one line, its control characters escaped."""
    from briefing.ingest import printable

    return printable(name)


class _Progress:
    """Show a batch's progress: a bar on a terminal, else (or with --verbose) one line per document."""

    def __init__(self, *, quiet: bool, verbose: bool, debug: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.debug = debug
        self.bar = None
        self.failures = 0

    def planned(self, total: int, to_build: int) -> None:
        stream = sys.stderr
        if not (self.quiet or self.verbose) and stream.isatty() and to_build > 1:
            self.bar = click.progressbar(length=total, label="Building", file=stream, show_pos=True,
                                         item_show_func=self._failures)
            self.bar.__enter__()

    def _failures(self, outcome) -> str | None:
        return f"{self.failures} failed" if self.failures else None

    def finished(self, outcome) -> None:
        if outcome.status == "failed":
            self.failures += 1
            if self.debug and outcome.traceback:
                self._echo(outcome.traceback.rstrip())
            self._echo(f"Error: {outcome.error}")
        elif self.bar is None and not self.quiet and outcome.status == "built":
            line = f"{_shown(outcome.input)} -> {', '.join(str(p) for p in outcome.outputs)} ({outcome.seconds:.2f}s)"
            if self.verbose:
                line += " [" + ", ".join(f"{name} {seconds:.2f}s" for name, seconds in outcome.stages) + "]"
            self._echo(line)
        elif self.bar is None and not self.quiet and outcome.status == "cached":
            self._echo(f"{_shown(outcome.input)}: current")
        if self.bar is not None:
            self.bar.update(1, outcome)

    def _echo(self, line: str) -> None:
        if self.bar is not None:
            click.echo("\r\033[K" + line, err=True)  # above the bar, which the next update redraws
        else:
            click.echo(line, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@cli.command()
@click.argument("input", metavar="INPUT")
@_config_option
@_max_bytes_option
@_sentences_option
@_length_option
@_lang_option
@_model_option
@click.pass_obj
def summarise(obj: _Context, input: str, config_path: Path | None, **options: Any) -> None:
    """Print the brief of INPUT as JSON on stdout.

    Example: briefing summarise article.txt > brief.json
    """
    from briefing.build import Summarise

    with _errors(obj):
        config = _config(config_path, **options)
        make_brief = Summarise.from_config(config)
        brief = make_brief(input)
    click.echo(json.dumps(brief.to_dict(), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("input", metavar="INPUT")
@_config_option
@_max_bytes_option
@click.option("--json", "as_json", is_flag=True, help="Print the whole Document as JSON: metadata, text, spans.")
@click.pass_obj
def text(obj: _Context, input: str, config_path: Path | None, max_bytes: int | None, as_json: bool) -> None:
    """Print the plain text ingest extracted from INPUT: exactly what the summariser reads.

    INPUT is a .txt, .md, .html, .pdf or .docx file, an http(s) URL, or - for
    standard input.

    Example: briefing text statement.pdf | less
    """
    import dataclasses

    from briefing import read_document

    with _errors(obj):
        config = _config(config_path, max_bytes=max_bytes)
        document = read_document(input, max_bytes=config.max_bytes)
    if as_json:
        data = {**dataclasses.asdict(document), "words": document.words, "metadata": dict(document.metadata)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(document.text)


@cli.command()
@click.argument("brief_json", metavar="BRIEF.json", type=click.Path(dir_okay=False, path_type=Path))
@_format_option
@_output_option
@_config_option
@_render_options
@click.pass_obj
def render(obj: _Context, brief_json: Path, formats: tuple[str, ...], output_dir: Path | None,
           config_path: Path | None, render_options) -> None:
    """Render a brief's JSON (for example, one a person edited) without summarising again.

    Example: briefing render briefs/article.json -f pdf -o briefs/
    """
    from briefing.build import BuildSettings, LoadBrief, build as build_all

    with _errors(obj):
        config = _config(config_path, formats=formats, output_dir=output_dir, render_options=render_options)
        settings = BuildSettings.from_config(config, maker=LoadBrief(), jobs=1, cache=False)
        result = build_all([str(brief_json)], settings)
    for outcome in result.outcomes:
        if outcome.error is not None:
            click.echo(f"Error: {outcome.error}", err=True)
            sys.exit(ExitCode.FAILED)
        click.echo(", ".join(str(p) for p in outcome.outputs), err=True)


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), default=Path("briefing.toml"),
                metavar="[FILE]")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.pass_obj
def init(obj: _Context, path: Path, force: bool) -> None:
    """Write a commented starter project file (briefing.toml) for `briefing build`.

    Example: briefing init && $EDITOR briefing.toml && briefing build
    """
    from briefing.config import write_starter

    with _errors(obj):
        written = write_starter(path, overwrite=force)
    click.echo(str(written))


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
        from briefing.config import ConfigError

        if exc is None or self.debug or not isinstance(exc, BriefingError):
            return False
        if isinstance(exc, (UnknownFormatError, ConfigError)):
            raise click.UsageError(str(exc))
        raise click.ClickException(str(exc))


def main() -> None:
    """Run the command line (the ``briefing`` console script)."""
    cli(prog_name="briefing")
