"""The ``briefing`` command line: parse options, call the library, report.

No logic lives here. Core code raises BriefingError; this module turns it
into ``Error: …`` on stderr and an exit code (see ExitCode). ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable

import click

from briefing import __version__
from briefing.errors import BriefingError, ExitCode, printable

__all__ = ["ExitCode", "cli", "main"]


_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Project file to read. Default: briefing.toml, else [tool.briefing] in pyproject.toml, "
    "in this folder or the nearest parent.",
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
    if isinstance(kind, o.Choice):
        return {"type": click.Choice(kind.choices, case_sensitive=False)}
    if isinstance(kind, o.Size):
        return {"type": _ByteSize()}
    if isinstance(kind, o.Flag):
        return {"is_flag": True, "default": None}  # None when not given: the project file's value stands
    if isinstance(kind, o.File):
        return {"type": click.Path(exists=kind.exists, dir_okay=False, path_type=Path)}
    if isinstance(kind, o.Folder):
        return {"type": click.Path(exists=kind.exists, file_okay=False, path_type=Path)}
    if isinstance(kind, o.Strings):
        return {"multiple": True}
    return {}


def _checked(check: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """Return a click callback that runs the option's check ("module:function") on a value given."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        from importlib import import_module

        if value is not None:
            module, _, function = check.partition(":")
            try:
                getattr(import_module(module), function)(value)
            except BriefingError as exc:
                raise click.BadParameter(str(exc)) from exc
        return value

    return callback


def _declared_options(*groups: str, only: tuple[str, ...] | None = None) -> Callable[[Callable[..., Any]], Any]:
    """Add the options the groups ("batch", "brief", "render") declare (or ``only`` those) to a command.

    Each arrives as a keyword argument named as its field; None when not given.
    """

    def add(command: Callable[..., Any]) -> Callable[..., Any]:
        from briefing.config import option_groups
        from briefing.options import declared, default_of

        classes = dict(zip(("batch", "brief", "render"), option_groups()))
        chosen = [(item, declaration) for item, declaration in declared(*(classes[g] for g in groups))
                  if declaration.on_command_line and (only is None or item.name in only)]
        for item, declaration in reversed(chosen):
            settings = _click_type(declaration.kind)
            if declaration.metavar:
                settings["metavar"] = declaration.metavar
            if declaration.check:
                settings["callback"] = _checked(declaration.check)
            command = click.option(*declaration.cli_flags(item.name), item.name,
                                   help=declaration.help_text(default_of(item)), **settings)(command)
        return command

    return add


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
@_config_option
@_declared_options("batch", only=("jobs",))
@click.option("--force", is_flag=True, help="Build every document, even those whose briefs are current.")
@click.option("--check", is_flag=True,
              help="Build nothing: list the briefs that are stale, missing or orphaned, and exit 1 if there are any.")
@click.option("--prune", is_flag=True,
              help="Remove the briefs the cache recorded for inputs that no longer exist (nothing else).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write a JSON report of every document (input, outputs, seconds, status, error) to FILE.")
@click.option("--shard", type=_Shard(), help="Build only the I-th of N stable shards of the inputs (a CI matrix).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and what failed.")
@click.option("-v", "--verbose", is_flag=True, help="Print a line per document, with its timings, even on a terminal.")
@_declared_options("brief", "render")
@click.pass_obj
def build(obj: _Context, inputs: tuple[str, ...], config_path: Path | None, force: bool, check: bool, prune: bool,
          report_path: Path | None, shard: tuple[int, int] | None, quiet: bool, verbose: bool,
          **options: Any) -> None:
    """Build a brief of each INPUT in each format.

    INPUTs are files, folders (searched recursively for .txt, .md, .html,
    .pdf and .docx), glob patterns, http(s) URLs or - for standard input;
    without any, the inputs of briefing.toml (or [tool.briefing] in
    pyproject.toml), which also sets any option given here. A document whose
    input, options, templates and briefing (version, code, data) are unchanged since its
    briefs were built, and whose briefs still exist, is skipped.

    Exit codes: 0 all built, 1 some failed (the others were still built) or
    --check found stale briefs, 2 bad usage or project file.

    Example: briefing build article.txt sources/ -f pdf -f docx -o briefs/ --marking "TLP:AMBER"
    """
    from briefing.build import BuildSettings, build as build_all, check as check_all

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
    with _errors(obj):
        config = _config(config_path, inputs=inputs, **options)
        if not config.inputs:
            raise click.UsageError("no inputs: name files, folders or patterns, or set inputs in briefing.toml")
        settings = BuildSettings.from_config(config, force=force, shard=shard, prune=prune)
        if check and prune:
            raise click.UsageError("--check builds and removes nothing; use --prune without it")
        if check:
            report = check_all(list(config.inputs), settings)
        else:
            observer = _Progress(quiet=quiet, verbose=verbose, debug=obj.debug)
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
    sys.exit(_summarise_report(report, quiet=quiet))


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
@_declared_options("brief")
@click.pass_obj
def summarise(obj: _Context, input: str, config_path: Path | None, **options: Any) -> None:
    """Print the brief of INPUT as JSON on stdout.

    Example: briefing summarise article.txt > brief.json
    """
    from briefing.build import Summarise
    from briefing.options import BriefOptions

    with _errors(obj):
        config = _config(config_path, **options)
        brief = Summarise(config.options(BriefOptions))(input)
    click.echo(json.dumps(brief.to_dict(), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("input", metavar="INPUT")
@_config_option
@_declared_options("brief", only=("max_bytes", "allow_private_urls"))
@click.option("--json", "as_json", is_flag=True, help="Print the whole Document as JSON: metadata, text, spans.")
@click.pass_obj
def text(obj: _Context, input: str, config_path: Path | None, max_bytes: int | None,
         allow_private_urls: bool | None, as_json: bool) -> None:
    """Print the plain text ingest extracted from INPUT: exactly what the summariser reads.

    INPUT is a .txt, .md, .html, .pdf or .docx file, an http(s) URL, or - for
    standard input.

    Example: briefing text statement.pdf | less
    """
    import dataclasses

    from briefing import read_document
    from briefing.options import BriefOptions

    with _errors(obj):
        config = _config(config_path, max_bytes=max_bytes, allow_private_urls=allow_private_urls)
        options = config.options(BriefOptions)
        document = read_document(input, max_bytes=options.max_bytes, allow_private_urls=options.allow_private_urls)
    if as_json:
        data = {**dataclasses.asdict(document), "words": document.words, "metadata": dict(document.metadata)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(document.text)


@cli.command()
@click.argument("brief_json", metavar="BRIEF.json", type=click.Path(dir_okay=False, path_type=Path))
@_declared_options("batch", only=("formats", "output_dir"))
@_config_option
@_declared_options("render")
@click.pass_obj
def render(obj: _Context, brief_json: Path, config_path: Path | None, **options: Any) -> None:
    """Render a brief's JSON (for example, one a person edited) without summarising again.

    Example: briefing render briefs/article.json -f pdf -o briefs/
    """
    from briefing.build import BuildSettings, LoadBrief, build as build_all

    with _errors(obj):
        config = _config(config_path, **options)
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
