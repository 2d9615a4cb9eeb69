"""Read a project's settings: ``briefing.toml``, or ``[tool.briefing]`` in ``pyproject.toml``.

The file holds what a team would otherwise type on every ``briefing build``:
inputs, output folder, formats, summary length and every rendering option.
Command-line options override it. Keys are spelt as the options are
(``output-dir``, ``summary-sentences``); paths are relative to the file.
A mistake is a ConfigError naming the file, the line and the key.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from briefing.errors import BriefingError, ConfigError
from briefing.options import BatchOptions, BriefOptions, Kind, declared, parse_size

__all__ = ["CONFIG_NAME", "Config", "ConfigError", "STARTER", "find_config", "load_config", "parse_size",
           "create_project", "write_starter"]

CONFIG_NAME = "briefing.toml"
PYPROJECT = "pyproject.toml"
T = TypeVar("T")


class Config:
    """The options a project file sets, with the command line's in their place; None where neither says anything.

    Its attributes are the fields of the option groups (``BatchOptions``,
    ``BriefOptions``, ``RenderOptions``); :meth:`options` makes one group.
    """

    __slots__ = ("path", "_values")

    def __init__(self, path: Path | None = None, **values: Any) -> None:
        unknown = set(values) - set(_fields())
        if unknown:
            raise TypeError(f"Config has no option {', '.join(sorted(unknown))}")
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "_values", {k: v for k, v in values.items() if v is not None and v != ()})

    def __getattr__(self, name: str) -> Any:
        if name in _fields():
            return self._values.get(name)
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Config is immutable; use overridden()")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and (self.path, self._values) == (other.path, other._values)

    def __hash__(self) -> int:
        return hash((self.path, tuple(sorted(self._values))))

    def __repr__(self) -> str:
        return f"Config(path={self.path!r}, {', '.join(f'{k}={v!r}' for k, v in self._values.items())})"

    def overridden(self, **values: Any) -> Config:
        """Return this config with every value given (not None, not empty) in place of its own."""
        return Config(self.path, **{**self._values, **{k: v for k, v in values.items() if v is not None and v != ()}})

    def options(self, group: type[T]) -> T:
        """Return the option group ``group`` (e.g. RenderOptions) with what this config sets, defaults elsewhere."""
        return group(**{item.name: self._values[item.name] for item, _ in declared(group) if item.name in self._values})


def option_groups() -> tuple[type, ...]:
    """Return the dataclasses that declare the user's options, in the order the project file lists them."""
    from briefing.render import RenderOptions

    return (BatchOptions, BriefOptions, RenderOptions)


def _fields() -> dict[str, Any]:
    """Return every declared option by field name: ``(field, Option)``."""
    global _FIELDS
    if _FIELDS is None:
        _FIELDS = {item.name: (item, declaration) for item, declaration in declared(*option_groups())}
    return _FIELDS


_FIELDS: dict[str, Any] | None = None


def find_config(start: Path | None = None) -> Path | None:
    """Return the project file that applies in ``start`` (default: the current folder), or None.

    Looks in ``start`` and its parents: ``briefing.toml`` first, then a
    ``pyproject.toml`` with a ``[tool.briefing]`` table. The search stops at
    the project's root, the first folder with a ``pyproject.toml`` or ``.git``.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            return pyproject if re.search(r"^\s*\[\s*tool\.briefing\s*\]", text, re.MULTILINE) else None
        if (folder / ".git").exists():
            return None
    return None


def load_config(path: Path | None = None, *, search_from: Path | None = None) -> Config:
    """Read the project file at ``path`` (or the one :func:`find_config` finds); an empty Config if none."""
    if path is None:
        path = find_config(search_from)
        if path is None:
            return Config()
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    table_name = None
    if path.name == PYPROJECT:
        table_name = "tool.briefing"
        table = data.get("tool", {}).get("briefing")
        if table is None:
            raise ConfigError(f"{path}: has no [tool.briefing] table")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}, line {_line_of(text, None, 'tool')}: tool.briefing must be a table")
    else:
        table = data
    return _parse(table, path, text, table_name)


def _keys(table: str | None) -> dict[str, tuple[str, Kind]]:
    """Return the project file's keys in ``table`` (None: the top level): key → (field name, kind)."""
    return {declaration.key(name): (name, declaration.kind)
            for name, (_, declaration) in _fields().items() if declaration.table == table}


def _tables() -> set[str]:
    return {declaration.table for _, declaration in _fields().values() if declaration.table}


def _parse(table: dict[str, Any], path: Path, text: str, table_name: str | None,
           option_table: str | None = None, values: dict[str, Any] | None = None) -> Config:
    values = {} if values is None else values
    keys = _keys(option_table)
    where = f" in [{table_name}]" if table_name else ""
    for key, value in table.items():
        if option_table is None and key in _tables() and isinstance(value, dict):
            inner = f"{table_name}.{key}" if table_name else key
            _parse(value, path, text, inner, key, values)
            continue
        line = _line_of(text, table_name, key)
        at = f"{path}, line {line}" if line else str(path)
        spelt = key.replace("_", "-")
        if spelt not in keys:
            close = difflib.get_close_matches(spelt, keys, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(keys)}"
            raise ConfigError(f"{at}: unknown key {key!r}{where}{hint}")
        name, kind = keys[spelt]
        if name in values:
            raise ConfigError(f"{at}: {key!r} is set twice (as {spelt!r} and with underscores)")
        try:
            values[name] = kind.parse(value, path.absolute().parent)
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"{at}: {key!r} {exc}") from exc
    return Config(path=path, **values)


def _line_of(text: str, table_name: str | None, key: str) -> int | None:
    """Return the 1-based line where ``key`` is set in the table ``table_name`` (None: the root table)."""
    key_line = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*[=.]""")
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
    table_line = re.compile(rf"^\s*\[\s*{re.escape(key)}\s*\]")
    current: str | None = None
    fallback = None
    for number, line in enumerate(text.splitlines(), 1):
        found = header.match(line)
        if found:
            current = found.group(1).replace(" ", "").replace('"', "")
            if table_name is None and table_line.match(line):
                return number
            if table_name is not None and current == f"{table_name}.{key}":
                return number
            continue
        if key_line.match(line):
            if current == table_name:
                return number
            fallback = fallback or number
    return fallback


STARTER = '''\
# briefing.toml: the settings `briefing build` uses in this folder.
# Options given on the command line override them. Paths are relative to
# this file. The same keys also work as a [tool.briefing] table in
# pyproject.toml.

# What to build: files, folders (searched recursively for .txt, .md, .html,
# .pdf and .docx), glob patterns ("sources/**/*.md") and http(s) URLs.
inputs = ["sources/"]

# Where the briefs go: sources/eu/a.md becomes briefs/eu/a.pdf (README: how briefs are named).
output-dir = "briefs"

# Output formats; `briefing formats` lists the installed ones.
formats = ["md", "docx", "pdf"]

# How many key points the summary holds.
# summary-sentences = 3

# How much the brief says: "short", "standard" (one A4 page for a source
# under 800 words, else two) or "full" (every item found).
# length = "standard"

# The sources' language, in place of detecting it (a source in another
# language than the pipeline's is refused).
# lang = "en"

# A handling marking on every page and in each format's metadata.
# marking = "TLP:AMBER"

# Branding of the title block and the documents' author.
# organisation = "Sahel Analysis Unit"
# logo = "logo.svg"

# Paper size of the PDF and DOCX: "a4" or "letter".
# paper = "a4"

# Your own templates (start from `briefing templates export my-templates`).
# template-dir = "my-templates"

# A Word file whose styles, page size and margins the DOCX takes.
# reference-docx = "house-style.docx"

# A PDF variant, e.g. "pdf/ua-1" for a tagged, accessible PDF.
# pdf-variant = "pdf/ua-1"

# The timeline and the actor map; false leaves them out (--no-figures).
# figures = true

# Refuse an input larger than this (file, download or standard input).
# max-bytes = "20MiB"

# Fetch URLs (and redirects) that lead to loopback, private or link-local
# addresses: only for links you trust, never for links others submit.
# allow-private-urls = true

# Worker processes; the default is the number of CPUs.
# jobs = 2

# The summariser: "extractive", or an installed plugin's name.
# summariser = "extractive"

# The spaCy pipeline (default: en_core_web_sm, else its re-upload).
# model = "en_core_web_sm"

# The llm summariser (summariser = "llm"; pip install 'briefing[llm]'): an
# OpenAI-compatible chat-completions endpoint and the model it serves. The
# API key is read from the environment variable api-key-env names, never
# from this file.
[llm]
# base-url = "http://127.0.0.1:8080/v1"
# model = "qwen2.5-3b-instruct"
# api-key-env = "OPENAI_API_KEY"
# context-tokens = 8192
# cache-dir = ".briefing-llm-cache"
'''


SOURCES_FOLDER = "sources"
SOURCES_README = "README"  # no suffix: a build does not read it as a document
SOURCES_NOTE = ("Put the documents to brief here (.txt, .md, .html, .pdf, .docx, or any of them .gz); "
                "`briefing build` writes their briefs to briefs/.\n")


def create_project(path: Path, *, overwrite: bool = False) -> list[Path]:
    """Write the starter ``briefing.toml`` and the ``sources/`` folder it names (with a README); return what was made.

    An existing ``sources/`` folder and README are kept as they are.
    """
    made = [write_starter(path, overwrite=overwrite)]
    sources = Path(path).parent / SOURCES_FOLDER
    if sources.exists() and not sources.is_dir():
        raise ConfigError(f"{sources} exists and is not a folder; move it, or edit inputs in {path}")
    if not sources.is_dir():
        sources.mkdir(parents=True)
        made.append(sources)
    readme = sources / SOURCES_README
    if not readme.exists():
        from briefing.output import write_atomic

        write_atomic(readme, SOURCES_NOTE.encode("utf-8"))
        made.append(readme)
    return made


def write_starter(path: Path, *, overwrite: bool = False) -> Path:
    """Write the commented starter ``briefing.toml`` at ``path``; refuse to replace a file unless asked."""
    from briefing.output import write_atomic

    path = Path(path)
    if path.exists() and not overwrite:
        raise BriefingError(f"not overwriting {path}, which exists; pass --force to replace it")
    write_atomic(path, STARTER.encode("utf-8"))
    return path
