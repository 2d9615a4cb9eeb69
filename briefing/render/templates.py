"""Find the built-in templates and build the Jinja environment that renders them.

A user's ``--template-dir`` comes first, then the built-ins; the built-ins
are also reachable as ``default:NAME`` so a user template can
``{% extends "default:brief.html" %}`` and override only some blocks.
"""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from briefing.errors import RenderError
from briefing.package import package_dir
from briefing.render.common import format_date, one_line, quoted, text_direction, xml_safe

__all__ = [
    "TEMPLATE_FILES",
    "builtin_template_dir",
    "export_templates",
    "render_template",
    "template_dirs",
    "template_environment",
]

_MARKER = "brief.html"

#: The built-in templates a user may override, in the order ``templates export`` lists them.
TEMPLATE_FILES: tuple[str, ...] = ("brief.html", "figure.html", "figures.md", "brief.css", "print.css", "brief.md", "reference.docx")

# Markdown that text could start wherever it stands: emphasis, code, table cells.
_ALWAYS = re.compile(r"([`*|])")
# A backslash that would escape what follows it, or end a line as a hard break.
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
# "_" that can open or close emphasis: not between two letters or digits (snake_case is inert).
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# "[" that could begin a link, an image, a footnote reference or a reference definition: one
# before "^", one closed by a "]" that a "(", "[" or ":" follows, and one not closed on its line.
_BRACKET = re.compile(r"!?\[(?=\^|[^\]]*\](?:[(\[:])|[^\]]*$)")
# "$" that could begin TeX maths (a currency amount, "$6.9", cannot).
_DOLLAR = re.compile(r"\$(?![0-9])")
# "~" only matters when another "~" could close a strike-through.
_TILDE = re.compile(r"~")
# "&" that would be read as an entity, "<" that would open a tag or an autolink.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_TAG = re.compile(r"<(?=[A-Za-z/!?])")
# What would open a list, a heading, a quotation or a thematic break at the start of a list item or cell.
_LEADING_MARKER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-+=#>])")


def builtin_template_dir() -> Path:
    """Return the built-in templates: inside the package in a wheel, at the repo root in a checkout."""
    package = package_dir()
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / _MARKER).is_file():
            return candidate
    raise RenderError(
        f"briefing's built-in templates are missing (looked in {package / 'templates'} "
        f"and {package.parent / 'templates'}); reinstall briefing"
    )


def template_dirs(template_dir: Path | None = None) -> list[Path]:
    """Return the template folders in lookup order: the user's, if any, then the built-ins."""
    dirs = [builtin_template_dir()]
    if template_dir is not None:
        user = Path(template_dir)
        if not user.is_dir():
            raise RenderError(f"template directory {str(user)!r} does not exist or is not a folder")
        dirs.insert(0, user.resolve())
    return dirs


def escape_markdown(value: Any) -> str:
    """Make text inert in Markdown, on one line, escaping only what would change how it renders.

    Prose stays readable: "(ECOWAS)", "US $6.9 billion" and "So far, so
    good!" are left alone; "*", "`" and "|" are always escaped, and "_",
    "[", "$", "~", "&", "<" and a leading list or heading marker only where
    they could start emphasis, a link or footnote, maths, a strike-through,
    an entity or a tag, a list or a heading.
    """
    text = one_line(xml_safe(str(value)))  # first: a control character dropped later would unmask a marker
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _BRACKET.sub(lambda m: m[0].replace("[", "\\["), text)
    text = _DOLLAR.sub(r"\\$", text)
    if text.count("~") > 1:
        text = _TILDE.sub(r"\\~", text)
    text = _TAG.sub("&lt;", _ENTITY.sub("&amp;", text))
    return _LEADING_MARKER.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text, count=1)


def yaml_string(value: Any) -> str:
    """Quote a value as a YAML double-quoted scalar, or ``null`` for None."""
    if value is None:
        return "null"
    out = ['"']
    for char in str(value):
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def direction(value: Any) -> str:
    """Return an HTML ``dir`` value for ``value``: ``ltr``, ``rtl``, or ``auto`` for text with no letters.

    ``auto`` alone would do for browsers, but WeasyPrint honours only an
    explicit direction, and a left-to-right line in a right-to-left brief
    needs one too.
    """
    return text_direction(str(value))


def capitalize_first(value: Any) -> str:
    """Upper-case the first letter only ("page 2, paragraph 3" -> "Page 2, paragraph 3")."""
    text = str(value)
    return text[:1].upper() + text[1:]


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return xml_safe(value)
    return value


def template_environment(template_dir: Path | None = None) -> jinja2.Environment:
    """Return the Jinja environment over the user's templates, then the built-ins.

    One environment per set of folders is kept, so templates compile once
    per process; Jinja still notices a template file that changes.
    """
    return _environment(tuple(str(folder) for folder in template_dirs(template_dir)))


@functools.lru_cache(maxsize=32)
def _environment(dirs: tuple[str, ...]) -> jinja2.Environment:
    builtin = jinja2.FileSystemLoader(dirs[-1])
    loaders: list[jinja2.BaseLoader] = []
    if len(dirs) > 1:
        loaders.append(jinja2.FileSystemLoader(dirs[0]))
    loaders += [jinja2.PrefixLoader({"default": builtin}, delimiter=":"), builtin]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "htm", "xml"), default_for_string=False, default=False
        ),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
    )
    env.filters["md"] = escape_markdown
    env.filters["yaml"] = yaml_string
    env.filters["one_line"] = one_line
    env.filters["direction"] = direction
    env.filters["date"] = format_date
    env.filters["quoted"] = quoted
    env.filters["capitalize_first"] = capitalize_first
    return env


def render_template(name: str, context: dict[str, Any], template_dir: Path | None = None) -> str:
    """Render the template called ``name``, turning template mistakes into RenderError."""
    env = template_environment(template_dir)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template {exc.name!r} not found in {_where(template_dir)}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"template {exc.filename or name}, line {exc.lineno}: {exc.message}") from exc
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:  # raised while filling it
        message = exc.message if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
        raise RenderError(f"template {_where_raised(exc, name)}: {message}") from exc


def _where_raised(exc: BaseException, name: str) -> str:
    """Return ``"FILE, line N"`` for the template line a rendering error came from, else the template's name."""
    import traceback

    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(TEMPLATE_FILES) or "<template>" in frame.filename:
            found = frame
    return f"{found.filename}, line {found.lineno}" if found else repr(name)


def export_templates(destination: Path, *, overwrite: bool = False) -> list[Path]:
    """Copy the built-in templates into ``destination`` for a user to edit; return the files written.

    Existing files are left alone, and reported as a RenderError, unless
    ``overwrite`` is true.
    """
    destination = Path(destination)
    if destination.exists() and not destination.is_dir():
        raise RenderError(f"{str(destination)!r} exists and is not a folder")
    source = builtin_template_dir()
    targets = [destination / name for name in TEMPLATE_FILES]
    existing = [str(path) for path in targets if path.exists()]
    if existing and not overwrite:
        raise RenderError(f"not overwriting {', '.join(existing)}; pass --force to replace them")
    destination.mkdir(parents=True, exist_ok=True)
    for name, target in zip(TEMPLATE_FILES, targets):
        shutil.copyfile(source / name, target)
    return targets


def _where(template_dir: Path | None) -> str:
    return " or ".join(repr(str(d)) for d in template_dirs(template_dir))
