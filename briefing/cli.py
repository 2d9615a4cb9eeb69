"""The ``briefing`` command line: parse options, call the library, report.

No logic lives here. Core code raises BriefingError; this module turns it
into ``Error: …`` on stderr and an exit code (see ExitCode). ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import functools
import json
import os
import shlex
import sys
import warnings
from pathlib import Path
from typing import Any, Callable

import click

from briefing import __version__
from briefing.errors import BriefingError, BriefingWarning, ExitCode, printable

__all__ = ["ExitCode", "cli", "main"]


_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Project file. Default: the nearest briefing.toml.",
)


class _ByteSize(click.ParamType):
    """A size in bytes, with an optional unit: 5000000, 500kB, 20MB, 1GiB."""

    name = "SIZE"

    def convert(self, value, param, ctx) -> int:
        from briefing.options import parse_size

        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


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


def _click_type(kind: Any) -> dict[str, Any]:
    """Return the click settings for a kind of option value (see briefing.options)."""
    from briefing import options as o

    if isinstance(kind, o.Whole):
        return {"type": click.IntRange(kind.low, kind.high)}
    if isinstance(kind, o.Number):
        return {"type": click.FloatRange(kind.low, kind.high, min_open=kind.open_low)}
    if isinstance(kind, o.Choice):
        return {"type": click.Choice(kind.choices, case_sensitive=False)}
    if isinstance(kind, o.Size):
        return {"type": _ByteSize()}
    if isinstance(kind, o.Flag):
        return {"is_flag": True, "default": None}  # None when not given: the project file's value stands
    if isinstance(kind, o.File):
        return {"type": click.Path(exists=kind.exists, dir_okay=False, path_type=Path)}
    if isinstance(kind, o.Output):
        return {}  # a folder, one file (x.pdf) or -: see briefing.destination
    if isinstance(kind, o.Folder):
        return {"type": click.Path(exists=kind.exists, file_okay=False, path_type=Path)}
    if isinstance(kind, o.Pages):
        return {"type": _Pages()}
    if isinstance(kind, o.Formats):
        return {"multiple": True, "shell_complete": _complete(kind)}
    if isinstance(kind, o.Strings):
        return {"multiple": True}
    return {}


def _complete(kind: Any) -> Callable[[click.Context, click.Parameter, str], list[str]]:
    """Return a shell-completion callback offering what ``kind`` accepts (the installed formats)."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        return [choice for choice in kind.choices() if choice.startswith(incomplete)]

    return complete


class _Pages(click.ParamType):
    """Pages of a PDF: 1-20, 5, 3- or 1-3,7."""

    name = "RANGE"

    def convert(self, value, param, ctx):
        from briefing.options import Pages

        try:
            return Pages().parse(value, Path.cwd())
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def _checked(check: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """Return a click callback that runs the option's check ("module:function") on a value given."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        from importlib import import_module

        if value is not None:
            module, _, function = check.partition(":")
            try:
                for one in value if isinstance(value, tuple) else (value,):
                    getattr(import_module(module), function)(one)
            except BriefingError as exc:
                raise click.BadParameter(exc.message) from exc
        return value

    return callback


def _declared_options(*groups: str, only: tuple[str, ...] | None = None,
                      table: str | None = None) -> Callable[[Callable[..., Any]], Any]:
    """Add the options the groups ("batch", "brief", "render") declare (or ``only`` those) to a command.

    Each arrives as a keyword argument named as its field; None when not given.
    With ``table`` (e.g. "llm"), only the options of that project-file table
    are added, and hidden from ``--help``: ``--help-<table>`` lists them.
    """

    def add(command: Callable[..., Any]) -> Callable[..., Any]:
        from briefing.config import option_groups
        from briefing.options import declared, default_of

        classes = dict(zip(("batch", "brief", "render"), option_groups()))
        chosen = [(item, declaration) for item, declaration in declared(*(classes[g] for g in groups))
                  if declaration.on_command_line and (only is None or item.name in only)
                  and (table is None or declaration.table == table)]
        if only is not None:  # in the order asked for: the order a user reaches for them in --help
            chosen.sort(key=lambda pair: only.index(pair[0].name))
        for item, declaration in reversed(chosen):
            settings = _click_type(declaration.kind)
            metavar = declaration.metavar or (declaration.kind.metavar if declaration.kind.metavar != "TEXT" else None)
            if metavar and not settings.get("is_flag"):
                settings["metavar"] = metavar
            if declaration.check:
                settings["callback"] = _checked(declaration.check)
            command = click.option(*declaration.cli_flags(item.name), item.name, hidden=table is not None,
                                   help=declaration.help_text(default_of(item)), **settings)(command)
        if table is not None:
            command = click.option(f"--help-{table}", is_flag=True, expose_value=False, is_eager=True,
                                   callback=_table_help(table), hidden=True)(command)  # the docstring names it
        return command

    return add


def _table_help(table: str) -> Callable[[click.Context, click.Parameter, bool], None]:
    """Return a callback that prints the hidden options of one project-file table (``--help-llm``) and exits."""

    def show(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if not value or ctx.resilient_parsing:
            return
        from briefing.config import option_groups
        from briefing.options import declared

        names = {item.name for item, declaration in declared(*option_groups()) if declaration.table == table}
        formatter = ctx.make_formatter()
        records = [(" / ".join(p.opts + p.secondary_opts), p.help or "") for p in ctx.command.params
                   if isinstance(p, click.Option) and p.name in names]
        with formatter.section(f"Options of --summariser {table} (project file: the [{table}] table)"):
            formatter.write_dl(records)
        click.echo(formatter.getvalue().rstrip("\n"))
        ctx.exit()

    return show


# The rendering options in the order a user reaches for them (their declaration's order is RenderOptions').
_RENDER_ORDER = ("marking", "organisation", "logo", "paper", "figures", "template_dir", "reference_docx",
                 "pdf_variant")
# -o's first long name, still accepted; not shown.
_output_dir_alias = click.option("--output-dir", "output_dir_alias", type=click.Path(path_type=Path), hidden=True)


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
    _show_input_warnings()


def _show_input_warnings() -> None:
    """Print what ingest repaired in an input as one ``warning: <input>: …`` line, not Python's warning format."""
    import warnings

    from briefing.errors import BriefingWarning

    shown = warnings.showwarning
    if getattr(shown, "briefing", False):
        return

    def show(message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ANN001 - warnings' API
        if issubclass(category, BriefingWarning):
            click.echo(f"warning: {message}", err=True)
        else:
            shown(message, category, filename, lineno, file, line)

    show.briefing = True  # type: ignore[attr-defined]
    warnings.showwarning = show


@cli.command()
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@_declared_options("batch", only=("formats", "output_dir"))
@click.option("--open", "open_brief", is_flag=True, help="Open the brief in the system's viewer.")
@_declared_options("brief", only=("length", "pages", "section", "words", "summary_sentences"))
@_declared_options("render", only=_RENDER_ORDER)
@_config_option
@_declared_options("batch", only=("jobs",))
@click.option("--force", is_flag=True, help="Rebuild briefs that are current.")
@click.option("--check", is_flag=True, help="List stale or orphaned briefs; build nothing.")
@click.option("--prune", is_flag=True, help="Remove the briefs of inputs that no longer exist.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write a JSON report of every document to FILE.")
@click.option("--shard", type=_Shard(), help="Build the I-th of N stable shards (a CI matrix).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print a line per document, with timings.")
@_declared_options("brief", only=("max_bytes", "allow_private_urls", "lang", "model", "summariser"))
@_declared_options("brief", table="llm")
@_output_dir_alias
@click.pass_obj
def build(obj: _Context, inputs: tuple[str, ...], open_brief: bool, config_path: Path | None, force: bool,
          check: bool, prune: bool, report_path: Path | None, shard: tuple[int, int] | None, quiet: bool,
          verbose: bool, output_dir_alias: Path | None, **options: Any) -> None:
    """Build a brief of each INPUT in each format.

    \b
    INPUTs: files, folders, globs, URLs or - (stdin); else briefing.toml's.
    Current briefs are skipped; exit 1 if one fails. --help-llm: llm options.
    Example: briefing build article.txt sources/ -f pdf -o briefs/
    """
    from briefing.build import BuildSettings, build as build_all, check as check_all

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
    with _errors(obj):
        options["output_dir"] = options.get("output_dir") or output_dir_alias
        config = _config(config_path, inputs=inputs, **options)
        if not config.inputs:
            raise click.UsageError("no inputs: name files, folders or patterns, or set inputs in briefing.toml")
        if check and prune:
            raise click.UsageError("--check builds and removes nothing; use --prune without it")
        where = _destination(config, options.get("formats") or (), open_brief=open_brief)
        settings = BuildSettings.from_config(config, force=force, shard=shard, prune=prune, **where)
        if check:
            report = check_all(list(config.inputs), settings)
        else:
            observer = _Progress(quiet=quiet, verbose=verbose, debug=obj.debug,
                                 before_work=functools.partial(_warn_about_pdf_fonts, settings.formats, quiet=quiet))
            try:
                report = build_all(list(config.inputs), settings, observer=observer)
            finally:
                observer.close()
    if report_path is not None:  # before the summary line, and whatever else failed
        from briefing.output import write_atomic

        try:
            write_atomic(report_path, (json.dumps(report.to_dict(), indent=2) + "\n").encode("utf-8"))
        except BriefingError as exc:
            report.problems.append(f"the report could not be written: {exc}")
    code = _summarise_report(report, quiet=quiet)
    if not report.check and not quiet and _interactive() and where.get("output_file") != Path("-"):
        _list_written(report)
    if open_brief and code == ExitCode.OK:
        _open(report)
    sys.exit(code)


def _destination(config, formats: tuple[str, ...], *, open_brief: bool) -> dict[str, Any]:
    """Return the BuildSettings fields for ``-o``: a folder, one file, or standard output; and for ``--open``."""
    from briefing.build.plan import STDOUT_PATH
    from briefing.destination import destination
    from briefing.options import BatchOptions
    from briefing.render import available_renderers, get_renderer

    suffixes = {get_renderer(name).suffix: name for name in available_renderers()}
    output = config.output_dir
    chosen = destination(output, formats, suffixes, config.options(BatchOptions).formats)
    fields: dict[str, Any] = {"output_dir": chosen.folder, "formats": tuple(dict.fromkeys(chosen.formats))}
    if chosen.single:
        fields.update(output_file=STDOUT_PATH if chosen.stdout else chosen.file, cache=False,
                      one_document=f"-o {output} writes one brief")
    if chosen.stdout:
        fields["jobs"] = 1
        if open_brief:
            raise click.UsageError("--open needs a file to open; -o - writes to standard output")
        media_type = get_renderer(chosen.formats[0]).media_type
        if _stdout_is_terminal() and not media_type.startswith(("text/", "application/json")):
            raise click.UsageError(f"-o - would write {chosen.formats[0]} bytes to the terminal; "
                                   f"redirect it (> brief{get_renderer(chosen.formats[0]).suffix}) or give -o a file")
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


def _stdout_is_terminal() -> bool:
    """Say whether standard output is a terminal (where a PDF's bytes would be garbage)."""
    return sys.stdout.isatty()


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


def _config(config_path: Path | None, **values: Any):
    """Return the project file's settings with every option given on the command line in their place."""
    from briefing.config import load_config

    return load_config(config_path).overridden(**values)


def _summarise_report(report, *, quiet: bool) -> int:
    """Print the batch's last lines; return its exit code."""
    import signal

    counts = report.counts()
    if report.check:
        for outcome in report.with_status("stale", "missing", "unchecked"):
            click.echo(f"{outcome.status:<9} {_shown(outcome.input)}: {_shown(outcome.reason or '')}")
        for orphan in report.orphans:
            outputs = ", ".join(_shown(str(p)) for p in orphan.outputs)
            click.echo(f"orphaned  {outputs}: its input {_shown(orphan.input)} no longer exists")
        if report.orphans:
            click.echo(f"Error: {len(report.orphans)} recorded inputs no longer exist; "
                       "run briefing build --prune to remove their briefs", err=True)
        if report.stale:
            click.echo(f"Error: {len(report.stale)} of {len(report.outcomes)} inputs have stale or missing briefs; "
                       "run briefing build", err=True)
        if report.stale or report.orphans:
            return ExitCode.FAILED
        if not quiet:
            click.echo(f"All {len(report.outcomes)} inputs' briefs are current.", err=True)
        return ExitCode.OK
    for path in report.pruned:
        click.echo(f"pruned {_shown(str(path))}", err=True)
    for problem in report.problems:
        click.echo(f"Error: {problem}", err=True)
    if report.interrupted is not None:
        name = signal.Signals(report.interrupted).name
        click.echo(f"Interrupted by {name}: {counts['built']} built, {counts['interrupted']} not built; "
                   "run the same command again to build the rest.", err=True)
        return 128 + report.interrupted
    if report.failed or report.problems:
        done = counts["built"] + counts["cached"]
        click.echo(f"Error: {len(report.failed)} of {len(report.outcomes)} inputs failed ({done} built)", err=True)
        return ExitCode.FAILED
    if not quiet:
        workers = f" ({report.jobs} workers)" if report.jobs > 1 else ""
        click.echo(f"{counts['built']} built, {counts['cached']} current in {report.seconds:.1f}s{workers}", err=True)
    return ExitCode.OK


def _shown(name: str) -> str:
    """Return an input's name on one line, its control characters escaped."""
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
        if outcome.warning is not None:  # built, but not as asked: said even with --quiet
            self._echo(f"warning: {_shown(outcome.input)}: {_shown(outcome.warning)}")
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
              help="Write the JSON to FILE. Default: standard output.")
@_declared_options("brief", only=("length", "pages", "section", "words", "summary_sentences"))
@_config_option
@_declared_options("brief", only=("max_bytes", "allow_private_urls", "lang", "model", "summariser"))
@_declared_options("brief", table="llm")
@click.pass_obj
def summarise(obj: _Context, input: str, output: Path | None, config_path: Path | None, **options: Any) -> None:
    """Print the brief of INPUT as JSON (the contract other tools read).

    Example: briefing summarise article.txt -o brief.json
    """
    from briefing.build import Summarise
    from briefing.options import BriefOptions

    with _errors(obj):
        config = _config(config_path, **options)
        to_file = output is not None and str(output) != "-"
        if to_file:
            _refuse_summary_output(output, input)
        maker = Summarise(config.options(BriefOptions))
        maker.check()
        brief = maker(input)
        warning = (maker.report() or {}).get("warning")
        if warning:
            click.echo(f"warning: {_shown(input)}: {_shown(warning)}", err=True)
        data = json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if not to_file:
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
        raise click.UsageError(f"summarise writes the brief's JSON; for {output} run: "
                               f"briefing build {shlex.quote(source)} -o {shlex.quote(str(output))}")
    check_outputs([output], [source], [source], output_dir=output.parent, recorded=lambda path: False, readable=())


@cli.command()
@click.argument("input", metavar="INPUT")
@click.option("--json", "as_json", is_flag=True, help="Print the whole Document as JSON: metadata, text, spans.")
@_declared_options("brief", only=("pages", "section", "words"))
@_config_option
@_declared_options("brief", only=("max_bytes", "allow_private_urls"))
@click.pass_obj
def text(obj: _Context, input: str, as_json: bool, config_path: Path | None, **options: Any) -> None:
    """Print the plain text ingest extracted from INPUT: exactly what the summariser reads.

    INPUT is a .txt, .md, .html, .pdf or .docx file (or one of them .gz), an
    http(s) URL, or - for standard input.

    Example: briefing text statement.pdf --pages 1-3 | less
    """
    import dataclasses

    from briefing.build import Summarise
    from briefing.options import BriefOptions

    with _errors(obj):
        config = _config(config_path, **options)
        document = Summarise(config.options(BriefOptions)).read(input)
    if as_json:
        data = {**dataclasses.asdict(document), "words": document.words, "metadata": dict(document.metadata)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(document.text)


@cli.command()
@click.argument("brief_json", metavar="BRIEF.json", type=click.Path(dir_okay=False, path_type=Path))
@_declared_options("batch", only=("formats", "output_dir"))
@_declared_options("render", only=_RENDER_ORDER)
@_config_option
@_output_dir_alias
@click.pass_obj
def render(obj: _Context, brief_json: Path, config_path: Path | None, output_dir_alias: Path | None,
           **options: Any) -> None:
    """Render a brief's JSON (for example, one a person edited) without summarising again.

    Example: briefing render briefs/article.json -o article.pdf
    """
    from briefing.build import BuildSettings, LoadBrief, build as build_all

    with _errors(obj):
        options["output_dir"] = options.get("output_dir") or output_dir_alias
        config = _config(config_path, **options)
        where = _destination(config, options.get("formats") or (), open_brief=False)
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
        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.simplefilter("always", BriefingWarning)  # shown as one line (see _show_input_warnings), never raised

    def __exit__(self, kind, exc, tb) -> bool:
        self._warnings.__exit__(None, None, None)
        if exc is None or self.debug or not isinstance(exc, BriefingError):
            return False
        if exc.exit_code == ExitCode.USAGE and exc.shows_usage:
            raise click.UsageError(str(exc))
        error = click.ClickException(str(exc))  # exit 2 without "Try --help" when no option would help
        error.exit_code = exc.exit_code
        raise error


def main() -> None:
    """Run the command line (the ``briefing`` console script)."""
    cli(prog_name="briefing")
