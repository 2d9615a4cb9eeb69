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
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Callable

from briefing.errors import BriefingError

__all__ = ["CONFIG_NAME", "Config", "ConfigError", "STARTER", "find_config", "load_config", "parse_size",
           "write_starter"]

CONFIG_NAME = "briefing.toml"
PYPROJECT = "pyproject.toml"
PAPER_SIZES = ("a4", "letter")
MAX_SUMMARY_SENTENCES = 50


class ConfigError(BriefingError):
    """Settings that cannot be used: a bad project file, or an option no renderer can use."""


@dataclass(frozen=True)
class Config:
    """The settings a project file holds; None (or empty) where it says nothing."""

    path: Path | None = None
    inputs: tuple[str, ...] = ()
    output_dir: Path | None = None
    formats: tuple[str, ...] = ()
    summary_sentences: int | None = None
    length: str | None = None
    lang: str | None = None
    model: str | None = None
    max_bytes: int | None = None
    jobs: int | None = None
    template_dir: Path | None = None
    marking: str | None = None
    paper: str | None = None
    organisation: str | None = None
    logo: Path | None = None
    reference_docx: Path | None = None
    pdf_variant: str | None = None

    def overridden(self, **values: Any) -> Config:
        """Return this config with every value given (not None, not empty) in place of its own."""
        return replace(self, **{key: value for key, value in values.items() if value is not None and value != ()})


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


# key → (Config field, converter). A converter gets the value and the config's folder.
def _string(value: Any, base: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("must be a non-empty string")
    return value


def _near(path: Path) -> Path:
    """Return ``path`` relative to the current folder when it lies inside it (shorter in messages)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _path(value: Any, base: Path) -> Path:
    return _near(base / _string(value, base))


def _strings(value: Any, base: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Bad("must be a string or a list of strings")
    return tuple(value)


def _inputs(value: Any, base: Path) -> tuple[str, ...]:
    from briefing.ingest.url import is_url

    return tuple(v if v == "-" or is_url(v) else str(_near(base / v)) for v in _strings(value, base))


def _whole(low: int, high: int | None = None) -> Callable[[Any, Path], int]:
    def convert(value: Any, base: Path) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (high and value > high):
            span = f"from {low} to {high}" if high else f"of at least {low}"
            raise _Bad(f"must be a whole number {span}, not {value!r}")
        return value

    return convert


def _size(value: Any, base: Path) -> int:
    try:
        return parse_size(value)
    except (ValueError, TypeError) as exc:
        raise _Bad(str(exc)) from exc


def _length(value: Any, base: Path) -> str:
    from briefing.summarise.budget import LENGTHS

    if value not in LENGTHS:
        raise _Bad(f"must be one of {', '.join(LENGTHS)}, not {value!r}")
    return value


def _paper(value: Any, base: Path) -> str:
    if not isinstance(value, str) or value.lower() not in PAPER_SIZES:
        raise _Bad(f"must be one of {', '.join(PAPER_SIZES)}, not {value!r}")
    return value.lower()


_KEYS: dict[str, tuple[str, Callable[[Any, Path], Any]]] = {
    "inputs": ("inputs", _inputs),
    "output-dir": ("output_dir", _path),
    "formats": ("formats", _strings),
    "summary-sentences": ("summary_sentences", _whole(1, MAX_SUMMARY_SENTENCES)),
    "length": ("length", _length),
    "lang": ("lang", _string),
    "model": ("model", _string),
    "max-bytes": ("max_bytes", _size),
    "jobs": ("jobs", _whole(1)),
    "template-dir": ("template_dir", _path),
    "marking": ("marking", _string),
    "paper": ("paper", _paper),
    "organisation": ("organisation", _string),
    "logo": ("logo", _path),
    "reference-docx": ("reference_docx", _path),
    "pdf-variant": ("pdf_variant", _string),
}
assert {f for f, _ in _KEYS.values()} == {f.name for f in fields(Config)} - {"path"}


class _Bad(ValueError):
    """A value of the wrong type or range; the caller adds the file, line and key."""


def _parse(table: dict[str, Any], path: Path, text: str, table_name: str | None) -> Config:
    values: dict[str, Any] = {}
    where = f" in [{table_name}]" if table_name else ""
    for key, value in table.items():
        line = _line_of(text, table_name, key)
        at = f"{path}, line {line}" if line else str(path)
        spelt = key.replace("_", "-")
        if spelt not in _KEYS:
            close = difflib.get_close_matches(spelt, _KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(_KEYS)}"
            raise ConfigError(f"{at}: unknown key {key!r}{where}{hint}")
        name, convert = _KEYS[spelt]
        if name in values:
            raise ConfigError(f"{at}: {key!r} is set twice (as {spelt!r} and with underscores)")
        try:
            values[name] = convert(value, path.absolute().parent)
        except _Bad as exc:
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

# Where the briefs go, named <input stem>.<suffix>.
output-dir = "briefs"

# Output formats; `briefing formats` lists the installed ones.
formats = ["md", "docx", "pdf"]

# How many key points the summary holds.
# summary-sentences = 3

# How much the brief says: "short", "standard" (one A4 page for a source
# under 800 words, else two) or "full" (every item found).
# length = "standard"

# The sources' language, instead of detecting it (a source in another
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

# Refuse an input larger than this (file, download or standard input).
# max-bytes = "20MiB"

# Worker processes; the default is the number of CPUs.
# jobs = 2

# The spaCy pipeline (default: en_core_web_sm, else its re-upload).
# model = "en_core_web_sm"
'''


def write_starter(path: Path, *, overwrite: bool = False) -> Path:
    """Write the commented starter ``briefing.toml`` at ``path``; refuse to replace a file unless asked."""
    from briefing.output import write_atomic

    path = Path(path)
    if path.exists() and not overwrite:
        raise BriefingError(f"not overwriting {path}, which exists; pass --force to replace it")
    write_atomic(path, STARTER.encode("utf-8"))
    return path
