"""Declare every user option once: its default, kind, help, and whether it shapes outputs.

An option is a field of one of the option dataclasses (``BatchOptions``
and ``BriefOptions`` here, ``RenderOptions`` in :mod:`briefing.render`)
made with :func:`option`. Everything else is derived from that one
declaration: the command line's flag and ``--help`` (:mod:`briefing.cli`),
the project file's key (:mod:`briefing.config`), and, for an option that
shapes outputs, its part of the cache fingerprint (:func:`fingerprint`).

To add an option, add a field with :func:`option` to the dataclass of the
stage that uses it, then use it there. An option in ``table="llm"`` is
``--llm-<name>`` on the command line and ``<name>`` in the project file's
``[llm]`` table.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, Field, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

if TYPE_CHECKING:
    from briefing.ingest.excerpt import PageRange

__all__ = ["BatchOptions", "BriefOptions", "Choice", "DEFAULT_FORMATS", "DEFAULT_LENGTH", "DEFAULT_OUTPUT_DIR",
           "DEFAULT_SUMMARISER", "DEFAULT_SUMMARY_SENTENCES", "File", "Flag", "Folder", "Formats", "Inputs", "Kind",
           "LENGTHS", "MAX_SUMMARY_SENTENCES", "Number", "Option", "Output", "Pages", "Size", "Strings", "Text",
           "Whole", "declared", "fingerprint", "option", "parse_size"]

#: The summariser that makes a brief unless the user names another.
DEFAULT_SUMMARISER = "extractive"
#: How many key points a summary holds unless the user says otherwise.
DEFAULT_SUMMARY_SENTENCES = 3
#: The length budgets a brief may be cut to (briefing.summarise.budget), and the one used unless the user says.
LENGTHS: tuple[str, ...] = ("short", "standard", "full")
DEFAULT_LENGTH = "standard"
MAX_SUMMARY_SENTENCES = 50
#: The formats a build writes unless the user says otherwise.
DEFAULT_FORMATS: tuple[str, ...] = ("md", "docx", "pdf")
#: Where a build writes unless the user says otherwise.
DEFAULT_OUTPUT_DIR = Path("briefs")
#: Refuse an input (file, download or standard input) larger than this unless the user says otherwise.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: The llm summariser's endpoint (llama.cpp's llama-server on this machine) and habits, unless the user says otherwise.
DEFAULT_LLM_BASE_URL = "http://127.0.0.1:8080/v1"
DEFAULT_LLM_API_KEY_ENV = "OPENAI_API_KEY"
DEFAULT_LLM_TIMEOUT = 120.0
DEFAULT_LLM_MAX_CONCURRENCY = 2
DEFAULT_LLM_CONTEXT_TOKENS = 8192


# ---------------------------------------------------------------------------
# Kinds of value: how a project file's value is checked; the CLI maps each to a click type


class Kind:
    """A kind of option value; ``parse`` checks a project file's value (paths relative to ``base``)."""

    metavar: str = "TEXT"

    def parse(self, value: Any, base: Path) -> Any:
        if not isinstance(value, str) or not value.strip():
            raise ValueError("must be a non-empty string")
        return value

    def fingerprint(self, value: Any) -> Any:
        """Return what of ``value`` the cache key holds (a file's content hash, for a file)."""
        return value


class Text(Kind):
    """Any non-empty text."""


@dataclass(frozen=True)
class Whole(Kind):
    """A whole number from ``low`` to ``high`` (no upper bound if None)."""

    low: int
    high: int | None = None
    metavar = "N"

    def parse(self, value: Any, base: Path) -> int:
        high = self.high
        if isinstance(value, bool) or not isinstance(value, int) or value < self.low or (high and value > high):
            span = f"from {self.low} to {high}" if high else f"of at least {self.low}"
            raise ValueError(f"must be a whole number {span}, not {value!r}")
        return value


@dataclass(frozen=True)
class Number(Kind):
    """A number (a decimal point allowed) from ``low`` to ``high``; above ``low`` when ``open_low``."""

    low: float
    high: float | None = None
    open_low: bool = False
    metavar = "NUMBER"

    def parse(self, value: Any, base: Path) -> float:
        high = self.high
        low_ok = isinstance(value, (int, float)) and not isinstance(value, bool) and (
            value > self.low if self.open_low else value >= self.low)
        if not low_ok or (high is not None and value > high):
            span = f"above {self.low:g}" if self.open_low else f"of at least {self.low:g}"
            span = f"from {self.low:g} to {high:g}" if high is not None else span
            raise ValueError(f"must be a number {span}, not {value!r}")
        return float(value)


@dataclass(frozen=True)
class Choice(Kind):
    """One of ``choices``, in any case; the value is lower-cased."""

    choices: tuple[str, ...]

    def parse(self, value: Any, base: Path) -> str:
        if not isinstance(value, str) or value.lower() not in self.choices:
            from briefing.suggest import did_you_mean

            hint = did_you_mean(value, self.choices) if isinstance(value, str) else ""
            raise ValueError(f"must be one of {', '.join(self.choices)}, not {value!r}{hint}")
        return value.lower()


class Flag(Kind):
    """On or off: a flag on the command line, true or false in the project file."""

    def parse(self, value: Any, base: Path) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, not {value!r}")
        return value


class Size(Kind):
    """A size in bytes, with an optional unit: 5000000, 500kB, 20MB, 1GiB."""

    metavar = "SIZE"

    def parse(self, value: Any, base: Path) -> int:
        return parse_size(value)


class _Path(Kind):
    """A path, relative to the project file."""

    def parse(self, value: Any, base: Path) -> Path:
        return _near(base / super().parse(value, base))


@dataclass(frozen=True)
class File(_Path):
    """A file; the cache key holds its content's hash."""

    metavar = "FILE"
    exists: bool = True

    def fingerprint(self, value: Any) -> Any:
        from briefing.build.cache import sha256_file

        return sha256_file(Path(value)) if value is not None else None


@dataclass(frozen=True)
class Folder(_Path):
    """A folder; the cache key holds its files' hash when it shapes outputs."""

    metavar = "DIRECTORY"
    exists: bool = True

    def fingerprint(self, value: Any) -> Any:
        from briefing.build.cache import sha256_tree

        return sha256_tree([Path(value)]) if value is not None else None


class Strings(Kind):
    """One string or a list of strings (repeat the flag on the command line)."""

    def parse(self, value: Any, base: Path) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError("must be a string or a list of strings")
        return tuple(value)

    def fingerprint(self, value: Any) -> Any:
        return sorted(value)


class Inputs(Strings):
    """Files, folders, patterns (relative to the project file), URLs and ``-``."""

    def parse(self, value: Any, base: Path) -> tuple[str, ...]:
        from briefing.ingest import STDIN
        from briefing.ingest.url import is_url

        return tuple(v if v == STDIN or is_url(v) else str(_near(base / v)) for v in super().parse(value, base))


class Formats(Strings):
    """Names of installed output formats; an unknown one says which was likely meant."""

    metavar = "FORMAT"

    def parse(self, value: Any, base: Path) -> tuple[str, ...]:
        from briefing.render import available_renderers, unknown_format

        formats = super().parse(value, base)
        for name in formats:
            if name not in available_renderers():
                raise ValueError(f"names an {unknown_format(name)}")
        return formats

    def choices(self) -> list[str]:
        """Return what may be given (for shell completion)."""
        from briefing.render import available_renderers

        return list(available_renderers())


@dataclass(frozen=True)
class Output(Folder):
    """Where briefs go: a folder in the project file; on the command line also one file (x.pdf) or - (stdout)."""

    metavar = "PATH"
    exists: bool = False


class Pages(Kind):
    """Pages of a PDF: 1-20, 5, 3- or 1-3,7."""

    metavar = "RANGE"

    def parse(self, value: Any, base: Path) -> Any:
        from briefing.ingest.excerpt import PageRange, parse_pages

        if isinstance(value, PageRange):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return parse_pages(super().parse(value, base))

    def fingerprint(self, value: Any) -> Any:
        return None if value is None else str(value)


_SIZE_UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "kib": 2**10, "m": 10**6, "mb": 10**6, "mib": 2**20,
               "g": 10**9, "gb": 10**9, "gib": 2**30}  # fmt: skip


def parse_size(value: str | int) -> int:
    """Return a size in bytes from ``20000000``, ``"500kB"``, ``"20MB"`` or ``"1GiB"``; ValueError otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    else:
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", str(value))
        unit = match.group(2).lower() if match else None
        size = int(float(match.group(1)) * _SIZE_UNITS[unit]) if match and unit in _SIZE_UNITS else 0
    if size < 1:
        raise ValueError(f"{value!r} is not a size in bytes (for example 20000000, 500kB or 20MB)")
    return size


def _near(path: Path) -> Path:
    """Return ``path`` relative to the current folder when it lies inside it (shorter in messages)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


# ---------------------------------------------------------------------------
# The declaration


@dataclass(frozen=True)
class Option:
    """What the command line, the project file and the cache need to know about one option."""

    help: str
    kind: Kind = field(default_factory=Text)
    shapes_output: bool = False  # part of the cache key: a change rebuilds every brief
    cache_part: str = "options"  # the part of the cache key it counts in ("templates": hashed with the built-ins;
    # "outputs": not in the key, recorded per output)
    default_text: str | None = None  # how --help words the default, when not the default value itself
    metavar: str | None = None  # the command line's name for the value, when not the kind's
    flags: tuple[str, ...] = ()  # the command line's spelling, when not --<key> (e.g. ("-f", "--format"))
    table: str | None = None  # the project file's table; the flag is then --<table>-<key>
    check: str | None = None  # "module:function" that raises BriefingError for a value no renderer can use
    on_command_line: bool = True

    def help_text(self, default: Any) -> str:
        """Return the --help text: the help, then the default when there is one."""
        shown = self.default_text or (", ".join(default) if isinstance(default, tuple) else default)
        return f"{self.help} Default: {shown}." if shown not in (None, "") else self.help

    def key(self, name: str) -> str:
        """Return the project file's key for the field ``name``: ``summary_sentences`` → ``summary-sentences``.

        A field of a table is named with the table first (``llm_base_url``), so
        that it is unique among all options; its key leaves that out (``base-url``).
        """
        if self.table and name.startswith(f"{self.table}_"):
            name = name[len(self.table) + 1:]
        return name.replace("_", "-")

    def cli_flags(self, name: str) -> tuple[str, ...]:
        """Return the command line's flags for the field ``name``."""
        if self.flags:
            return self.flags
        return (f"--{self.table}-{self.key(name)}" if self.table else f"--{self.key(name)}",)


def option(default: Any = None, **declaration: Any) -> Any:
    """Declare a dataclass field as a user option (see :class:`Option` for what it takes)."""
    return field(default=default, metadata={"option": Option(**declaration)})


def declared(*classes: type) -> Iterator[tuple[Field, Option]]:
    """Yield every option field of ``classes`` with its declaration, in declaration order."""
    for cls in classes:
        for item in fields(cls):
            if "option" in item.metadata:
                yield item, item.metadata["option"]


def default_of(item: Field) -> Any:
    """Return a field's default value (None if it has none)."""
    return None if item.default is MISSING else item.default


def fingerprint(*groups: Any, part: str = "options") -> dict[str, Any]:
    """Return, for every option that shapes outputs in the option objects ``groups``, what the cache key holds."""
    found: dict[str, Any] = {}
    for group in groups:
        for item, declaration in declared(type(group)):
            if declaration.shapes_output and declaration.cache_part == part:
                found[item.name] = declaration.kind.fingerprint(getattr(group, item.name))
    return found


def values_for(cls: type, values: Any, names: Sequence[str] | None = None) -> dict[str, Any]:
    """Return the values in the mapping ``values`` that ``cls`` declares (None and empty left out)."""
    return {item.name: values[item.name] for item, _ in declared(cls)
            if values.get(item.name) not in (None, ()) and (names is None or item.name in names)}


# ---------------------------------------------------------------------------
# The options of the batch, and of making a brief (reading and summarising)


@dataclass(frozen=True, kw_only=True)
class BatchOptions:
    """What to build, and where to: the project file's and ``briefing build``'s batch options."""

    inputs: tuple[str, ...] = option((), kind=Inputs(), on_command_line=False,
                                     help="Files, folders, glob patterns, http(s) URLs or - for standard input.")
    formats: tuple[str, ...] = option(
        DEFAULT_FORMATS, kind=Formats(), flags=("-f", "--format"), shapes_output=True,
        cache_part="outputs",  # not in the options' key: each output's freshness is recorded on its own
        check="briefing.render:check_format", help="Output format, repeatable.")
    output_dir: Path = option(
        DEFAULT_OUTPUT_DIR, kind=Output(), flags=("-o", "--output"),
        help="Folder, x.pdf or - (stdout).")
    jobs: int | None = option(kind=Whole(1), flags=("-j", "--jobs"), default_text="one per CPU",
                              help="Worker processes.")


@dataclass(frozen=True, kw_only=True)
class BriefOptions:
    """How a source is read and summarised into a brief."""

    summariser: str = option(DEFAULT_SUMMARISER, shapes_output=True, metavar="NAME",
                             help="Summariser to use.")
    max_bytes: int = option(DEFAULT_MAX_BYTES, kind=Size(), default_text="20MiB",
                            help="Refuse an input larger than this.")
    allow_private_urls: bool = option(
        False, kind=Flag(), default_text="refused",
        help="Fetch URLs at private addresses.")
    summary_sentences: int = option(DEFAULT_SUMMARY_SENTENCES, kind=Whole(1, MAX_SUMMARY_SENTENCES), metavar="N",
                                    shapes_output=True, help="Key points in the summary.")
    length: str = option(
        DEFAULT_LENGTH, kind=Choice(LENGTHS), shapes_output=True, metavar="LENGTH",
        help="short, standard or full.")
    lang: str | None = option(
        kind=Text(), shapes_output=True, metavar="LANG", default_text="detected",
        help="Source language (e.g. en).")
    model: str | None = option(
        kind=Text(), shapes_output=True, metavar="PIPELINE", default_text="en_core_web_sm",
        help="spaCy pipeline.")
    # Part of a long document (past 50,000 words the summariser refuses it)
    pages: PageRange | None = option(kind=Pages(), shapes_output=True,
                                     help="Brief only these pages of a PDF: 1-20, 5, 3-.")
    section: str | None = option(shapes_output=True, metavar="HEADING",
                                 help="Brief only the section under this heading.")
    words: int | None = option(kind=Whole(1), shapes_output=True, metavar="N", help="Brief only the first N words.")
    # The llm summariser's (--summariser llm): --llm-* on the command line, the [llm] table of the project file.
    llm_base_url: str = option(DEFAULT_LLM_BASE_URL, table="llm", shapes_output=True, metavar="URL",
                               help="The llm summariser's OpenAI-compatible chat-completions endpoint.")
    llm_model: str | None = option(kind=Text(), table="llm", shapes_output=True, metavar="NAME",
                                   help="The model the llm summariser asks (needed with --summariser llm).")
    llm_api_key_env: str = option(DEFAULT_LLM_API_KEY_ENV, table="llm", metavar="VARIABLE",
                                  help="The environment variable holding the endpoint's API key (never the key).")
    llm_temperature: float = option(0.0, kind=Number(0, 2), table="llm", shapes_output=True,
                                    help="The model's sampling temperature.")
    llm_seed: int | None = option(kind=Whole(0), table="llm", shapes_output=True,
                                  help="The model's sampling seed, for endpoints that take one.")
    llm_timeout: float = option(DEFAULT_LLM_TIMEOUT, kind=Number(0, open_low=True), table="llm", metavar="SECONDS",
                                help="Seconds to wait for one answer before asking again.")
    llm_max_concurrency: int = option(DEFAULT_LLM_MAX_CONCURRENCY, kind=Whole(1, 64), table="llm",
                                      help="Requests one document may have in flight (a long document's parts).")
    llm_context_tokens: int = option(DEFAULT_LLM_CONTEXT_TOKENS, kind=Whole(2048), table="llm",
                                     shapes_output=True,
                                     help="The model's context size; a longer document is briefed part by part.")
    llm_full_text: bool = option(False, kind=Flag(), table="llm", shapes_output=True,
                                 help="Show the model every sentence, not only the extractive pass's candidates.")
    llm_cache_dir: Path | None = option(kind=Folder(exists=False), table="llm", default_text="~/.cache/briefing/llm",
                                        help="The folder of the model's cached answers.")
    llm_cache_only: bool = option(False, kind=Flag(), table="llm",
                                  help="Build from cached answers only; a document with none fails.")
    llm_no_fallback: bool = option(False, kind=Flag(), table="llm", flags=("--no-fallback",),
                                   help="Fail a document the model cannot brief, instead of building it with the "
                                        "extractive summariser (with a warning).")
