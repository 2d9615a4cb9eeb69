"""The ``briefing`` command line: parse options, call the library, report.

No logic lives here. Core code raises BriefingError; this module turns it
into ``Error: …`` on stderr and an exit code (see ExitCode). ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from enum import IntEnum
from pathlib import Path
from typing import Any, Callable

import click

from briefing import __version__
from briefing.errors import BriefingError, OutputClashError, UnknownFormatError, UsageError


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # an input failed to build or render (the others were still built), or --check found stale briefs
    USAGE = 2  # bad options or arguments, or a bad project file (briefing.toml)
    INTERRUPTED = 130  # SIGINT stopped a batch (SIGTERM: 143, 128 + the signal's number, as shells report)


def _installed_formats() -> list[str]:
    from briefing.render import available_renderers

    return list(available_renderers())


def _check_formats(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    from briefing.render import unknown_format

    installed = _installed_formats()
    for name in value:
        if name not in installed:
            raise click.BadParameter(unknown_format(name))
    return value


def _complete_formats(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    return [name for name in _installed_formats() if name.startswith(incomplete)]


_format_option = click.option(
    "-f", "--format", "formats", multiple=True, metavar="FORMAT", callback=_check_formats,
    shell_complete=_complete_formats, help="Format: md, docx, pdf, html or json; repeatable.",
)
_output_option = click.option(
    "-o", "--output", metavar="PATH",
    help="Folder (briefs/), one file (x.pdf) or - (stdout).",
)
_output_dir_option = click.option(  # the option's first name, still accepted
    "--output-dir", type=click.Path(file_okay=False, path_type=Path), hidden=True,
)
_template_option = click.option(
    "--template-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
    help="Templates that override the built-in ones.",
)
_sentences_option = click.option(
    "--summary-sentences", type=click.IntRange(1, 50), metavar="N", help="Key points in the summary (default 3).",
)
_model_option = click.option(
    "--model", metavar="PIPELINE", help="spaCy pipeline (default en_core_web_sm).",
)


class _Pages(click.ParamType):
    """Pages of a PDF: 1-20, 5, 3- or 1-3,7."""

    name = "RANGE"

    def convert(self, value, param, ctx):
        from briefing.ingest.excerpt import PageRange, parse_pages

        if isinstance(value, PageRange):
            return value
        try:
            return parse_pages(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


_PART_OPTIONS = (
    click.option("--pages", type=_Pages(), help="Brief only these pages of a PDF: 1-20, 5, 3-."),
    click.option("--section", metavar="HEADING", help="Brief only the section under this heading."),
    click.option("--words", type=click.IntRange(min=1), metavar="N", help="Brief only the first N words."),
)


def _part_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --pages, --section and --words: brief part of a long document."""
    for option in reversed(_PART_OPTIONS):
        command = option(command)
    return command


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
    "--max-bytes", type=_ByteSize(), help="Refuse an input larger than SIZE (default 20MiB).",
)
_config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
    help="Project file (default: the nearest briefing.toml).",
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


def _check_reference_docx(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    from briefing.render import check_reference_docx

    if value is not None:
        try:
            check_reference_docx(value)
        except BriefingError as exc:
            raise click.BadParameter(str(exc).removeprefix(f"reference document {value}: ")) from exc
    return value


_RENDER_OPTIONS = (
    click.option("--marking", metavar="TEXT", help='Handling marking on every page, e.g. "TLP:AMBER".'),
    click.option("--organisation", metavar="NAME", help="Organisation in the title block, and the author."),
    click.option("--logo", type=click.Path(dir_okay=False, path_type=Path), callback=_check_logo, metavar="FILE",
                 help="PNG or SVG logo for the title block."),
    click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False),
                 help="Paper size of the PDF and DOCX (default A4)."),
    _template_option,
    click.option("--reference-docx", type=click.Path(path_type=Path), callback=_check_reference_docx, metavar="FILE",
                 help="Word file whose styles the DOCX takes."),
    click.option("--pdf-variant", metavar="VARIANT", callback=_check_pdf_variant,
                 help="PDF variant, e.g. pdf/ua-1 (tagged, accessible)."),
)


def _render_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the rendering options to a command and hand it one RenderOptions as ``render_options``."""

    @functools.wraps(command)
    def wrapper(*args: Any, marking: str | None, organisation: str | None, logo: Path | None, paper: str | None,
                template_dir: Path | None, reference_docx: Path | None, pdf_variant: str | None,
                **kwargs: Any) -> Any:
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


class _InOrderOfUse(click.Group):
    """List the commands in the order a new user meets them, not alphabetically."""

    ORDER = ("init", "build", "summarise", "text", "render", "templates", "formats", "doctor")

    def list_commands(self, ctx: click.Context) -> list[str]:
        known = [name for name in self.ORDER if name in self.commands]
        return known + sorted(set(self.commands) - set(known))


@click.group(cls=_InOrderOfUse, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--open", "open_brief", is_flag=True, help="Open the brief in the system's viewer.")
@_part_options
@_sentences_option
@_render_options
@_config_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Worker processes (default: one per CPU).")
@click.option("--force", is_flag=True, help="Rebuild briefs that are current.")
@click.option("--check", is_flag=True, help="Build nothing: list stale briefs; exit 1 if any.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write a JSON report of every document to FILE.")
@click.option("--shard", type=_Shard(), help="Build the I-th of N stable shards (a CI matrix).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print a line per document, with timings.")
@_max_bytes_option
@_model_option
@_output_dir_option
@click.pass_obj
def build(obj: _Context, inputs: tuple[str, ...], formats: tuple[str, ...], output: str | None,
          output_dir: Path | None, open_brief: bool, config_path: Path | None, force: bool, check: bool,
          report_path: Path | None, shard: tuple[int, int] | None, quiet: bool, verbose: bool, render_options,
          **options: Any) -> None:
    """Build a brief of each INPUT in each format.

    INPUTs are files, folders, glob patterns, http(s) URLs or - (standard
    input); without any, those of briefing.toml. Briefs already current are
    skipped. Exit 0: built; 1: some failed; 2: bad usage.

    Example: briefing build article.txt sources/ -f pdf -o briefs/
    """
    from briefing.build import BuildSettings, build as build_all, check as check_all

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
    with _errors(obj):
        config = _config(config_path, inputs=inputs, formats=formats, render_options=render_options, **options)
        if not config.inputs:
            raise click.UsageError("no inputs: name files, folders or patterns, or set inputs in briefing.toml")
        where = _destination(output if output is not None else output_dir, formats, config, open_brief)
        settings = BuildSettings.from_config(config, force=force, shard=shard, **where)
        if check:
            report = check_all(list(config.inputs), settings)
        else:
            observer = _Progress(quiet=quiet, verbose=verbose, debug=obj.debug,
                                 before_work=functools.partial(_warn_about_pdf_fonts, settings.formats, quiet=quiet))
            try:
                report = build_all(list(config.inputs), settings, observer=observer)
            finally:
                observer.close()
        if report_path is not None:
            from briefing.output import write_atomic

            write_atomic(report_path, (json.dumps(report.to_dict(), indent=2) + "\n").encode("utf-8"))
    code = _summarise_report(report, quiet=quiet)
    if not report.check and not quiet and _interactive() and where.get("output_file") != Path("-"):
        _list_written(report)
    if open_brief and code == ExitCode.OK:
        _open(report)
    sys.exit(code)


def _destination(output: str | Path | None, formats: tuple[str, ...], config, open_brief: bool) -> dict[str, Any]:
    """Return the BuildSettings fields for ``-o``: a folder, one file, or standard output; and for ``--open``."""
    from briefing.build import DEFAULT_FORMATS, STDOUT_PATH
    from briefing.destination import destination
    from briefing.render import available_renderers, get_renderer

    suffixes = {get_renderer(name).suffix: name for name in available_renderers()}
    chosen = destination(output if output is not None else config.output_dir, formats, suffixes,
                         config.formats or DEFAULT_FORMATS)
    fields: dict[str, Any] = {"output_dir": chosen.folder, "formats": chosen.formats}
    if chosen.single:
        fields.update(output_file=STDOUT_PATH if chosen.stdout else chosen.file, cache=False,
                      one_document=f"-o {output} writes one brief")
    if chosen.stdout:
        fields["jobs"] = 1
        if open_brief:
            raise click.UsageError("--open needs a file to open; -o - writes to standard output")
    if open_brief and not chosen.single:
        fields["one_document"] = "--open opens one brief"
    return fields


def _warn_about_pdf_fonts(formats: tuple[str, ...], *, quiet: bool) -> None:
    """Say once, not per document, that PDF fonts will be slow to embed without HarfBuzz's subsetter."""
    import logging

    from briefing.doctor import harfbuzz_subset_available

    if "pdf" not in formats or harfbuzz_subset_available():
        return
    logging.getLogger("weasyprint").addFilter(_NoFontToolsNotice())
    if not quiet:
        click.echo("Note: HarfBuzz's subsetter (libharfbuzz-subset0) is missing, so PDF fonts embed about 3x "
                   "slower; see `briefing doctor`.", err=True)


class _NoFontToolsNotice:
    """Drop WeasyPrint's per-font "Using fontTools instead of HarfBuzz-Subset" warning: said once already."""

    def filter(self, record) -> bool:
        return "HarfBuzz-Subset" not in record.getMessage()


def _interactive() -> bool:
    """Say whether a person is watching: standard error is a terminal."""
    return sys.stderr.isatty()


def _list_written(report) -> None:
    """On a terminal, end with the files the build wrote, or their folders when there are many."""
    written = [path for outcome in report.with_status("built") for path in outcome.outputs]
    if not written:
        return
    if len(written) <= 6:
        click.echo("Wrote " + ", ".join(str(path) for path in written), err=True)
        return
    folders = sorted({str(path.parent) for path in written})
    shown = ", ".join(folders[:3]) + (f" and {len(folders) - 3} more" if len(folders) > 3 else "")
    click.echo(f"Wrote {len(written)} files in {shown}", err=True)


def _open(report) -> None:
    """Open the brief just built (or current) in the system's viewer; a failure to open is a warning."""
    from briefing.viewer import open_in_viewer, preferred

    outputs = [path for outcome in report.outcomes for path in outcome.outputs]
    if not outputs:
        return
    try:
        open_in_viewer(preferred(outputs))
    except BriefingError as exc:
        click.echo(f"Warning: {exc}", err=True)


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

    def __init__(self, *, quiet: bool, verbose: bool, debug: bool = False,
                 before_work: Callable[[], None] | None = None) -> None:
        self.before_work = before_work  # said once the batch is planned, if any document is to be built
        self.quiet = quiet
        self.verbose = verbose
        self.debug = debug
        self.bar = None
        self.failures = 0

    def planned(self, total: int, to_build: int) -> None:
        if to_build and self.before_work is not None:
            self.before_work()
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
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write the JSON to FILE (default: standard output).")
@_part_options
@_sentences_option
@_config_option
@_max_bytes_option
@_model_option
@click.pass_obj
def summarise(obj: _Context, input: str, output: Path | None, config_path: Path | None, **options: Any) -> None:
    """Print the brief of INPUT as JSON (the contract other tools read).

    Example: briefing summarise article.txt -o brief.json
    """
    from briefing.build import Summarise

    with _errors(obj):
        config = _config(config_path, **options)
        if output is not None and str(output) != "-":
            _refuse_summary_output(output, input)
        make_brief = Summarise(summary_sentences=config.summary_sentences or 3, model=config.model,
                               max_bytes=config.max_bytes, pages=config.pages, section=config.section,
                               words=config.words)
        brief = make_brief(input)
        data = json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if output is None or str(output) == "-":
            click.echo(data, nl=False)
        else:
            from briefing.output import write_atomic

            write_atomic(output, data.encode("utf-8"))
            if _interactive():
                click.echo(f"Wrote {output}", err=True)


def _refuse_summary_output(output: Path, source: str) -> None:
    """Refuse, before any work, a -o that names another format, the input itself, or a file briefing did not make."""
    from briefing.clash import check_outputs
    from briefing.render import available_renderers, get_renderer

    suffixes = {get_renderer(name).suffix: name for name in available_renderers()}
    named = suffixes.get(output.suffix.lower())
    if named is not None and named != "json":
        raise click.UsageError(f"summarise writes the brief's JSON; for {output} run: briefing build INPUT -o {output}")
    check_outputs([output], [source], [source], output_dir=output.parent, recorded=lambda path: False, readable=())


@cli.command()
@click.argument("input", metavar="INPUT")
@click.option("--json", "as_json", is_flag=True, help="Print the whole Document as JSON: metadata, text, spans.")
@_part_options
@_config_option
@_max_bytes_option
@click.pass_obj
def text(obj: _Context, input: str, as_json: bool, config_path: Path | None, **options: Any) -> None:
    """Print the plain text ingest extracted from INPUT: exactly what the summariser reads.

    INPUT is a .txt, .md, .html, .pdf or .docx file (or one of them .gz), an
    http(s) URL, or - for standard input.

    Example: briefing text statement.pdf --pages 1-3 | less
    """
    import dataclasses

    from briefing.build import Summarise

    with _errors(obj):
        config = _config(config_path, **options)
        reader = Summarise(max_bytes=config.max_bytes, pages=config.pages, section=config.section,
                           words=config.words)
        document = reader.read(input)
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
@_config_option
@_output_dir_option
@click.pass_obj
def render(obj: _Context, brief_json: Path, formats: tuple[str, ...], output: str | None, output_dir: Path | None,
           config_path: Path | None, render_options) -> None:
    """Render a brief's JSON (for example, one a person edited) without summarising again.

    Example: briefing render briefs/article.json -o article.pdf
    """
    from briefing.build import BuildSettings, LoadBrief, build as build_all

    with _errors(obj):
        config = _config(config_path, formats=formats, render_options=render_options)
        where = _destination(output if output is not None else output_dir, formats, config, open_brief=False)
        settings = BuildSettings.from_config(config, maker=LoadBrief(), **{**where, "jobs": 1, "cache": False})
        result = build_all([str(brief_json)], settings)
    for outcome in result.outcomes:
        if outcome.error is not None:
            click.echo(f"Error: {outcome.error}", err=True)
            sys.exit(ExitCode.FAILED)
        if where.get("output_file") != Path("-"):
            click.echo(", ".join(str(p) for p in outcome.outputs), err=True)


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), default=Path("briefing.toml"),
                metavar="[FILE]")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.pass_obj
def init(obj: _Context, path: Path, force: bool) -> None:
    """Start a project: a commented briefing.toml, and the sources/ folder it names.

    Example: briefing init && cp ~/article.pdf sources/ && briefing build
    """
    from briefing.config import SOURCES_FOLDER, create_project

    with _errors(obj):
        made = create_project(path, overwrite=force)
    for created in made:
        click.echo(f"Created {created}{os.sep if created.is_dir() else ''}")
    sources = path.parent / SOURCES_FOLDER
    click.echo(f"Next: put documents in {sources}{os.sep}, then run: briefing build", err=True)


@cli.command()
@click.pass_obj
def doctor(obj: _Context) -> None:
    """Check what briefing needs, and say what to install for each gap.

    Python and packages, Pango for the PDF, HarfBuzz's subsetter, fonts for
    non-Latin scripts, the NLP pipeline, LibreOffice. Exit 0 when everything
    required is there (advice may remain), 1 otherwise.

    Example: briefing doctor
    """
    from briefing.doctor import check_environment

    findings = check_environment()
    width = max(len(finding.what) for finding in findings)
    marks = {"ok": "ok", "missing": "MISSING", "advice": "advice"}
    for finding in findings:
        click.echo(f"{marks[finding.level]:<7} {finding.what:<{width}}  {finding.detail}")
        if finding.fix:
            click.echo(f"{'':<7} {'':<{width}}  -> {finding.fix}")
    missing = [finding.what for finding in findings if finding.level == "missing"]
    if missing:
        click.echo(f"Error: missing {', '.join(missing)}; install what is shown above", err=True)
    sys.exit(ExitCode.FAILED if missing else ExitCode.OK)


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
        if isinstance(exc, (UnknownFormatError, UsageError)):  # the command is wrong: "Try --help" helps
            raise click.UsageError(str(exc))
        if isinstance(exc, (ConfigError, OutputClashError)):  # bad usage, but no "Usage: … Try --help" would help
            error = click.ClickException(str(exc))
            error.exit_code = ExitCode.USAGE
            raise error
        raise click.ClickException(str(exc))


def main() -> None:
    """Run the command line (the ``briefing`` console script)."""
    cli(prog_name="briefing")
