"""Markdown: front matter becomes metadata, markup is reduced to plain prose."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from briefing.errors import InputError
from briefing.ingest.text import Block, assemble, clean_line, decode, split_lines
from briefing.ingest.txt import join_wrapped
from briefing.model import Document

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE_MARK = re.compile(r"^\s*(>\s?)+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

# Inline markup, removed in this order.
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<[a-zA-Z/!][^>]*>"), ""),  # raw HTML tags
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"\[(?:\d{1,3}|[a-z][a-z ]{0,30}\??)\]"), ""),  # wiki-style tags: [1], [citation needed]
    (re.compile(r"\s+([,.;:!?)])"), r"\1"),  # space left before punctuation
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),  # backslash escapes
)

_KEYS = {
    "title": ("title", "headline"),
    "published": ("date", "published", "pubdate", "publication_date", "datePublished"),
    "publisher": ("publisher", "site", "site_name", "source"),
    "url": ("url", "canonical_url", "canonical", "link"),
    "author": ("author", "authors", "byline"),
    "language": ("lang", "language"),
}


def parse(data: bytes, name: str) -> Document:
    """Read Markdown, with optional YAML front matter, into a Document."""
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    meta, body = front_matter(text)
    fields = {field: _first(meta, keys) for field, keys in _KEYS.items()}
    extras = tuple(
        (str(key), _scalar(value))
        for key, value in meta.items()
        if _scalar(value) is not None and not any(key in keys for keys in _KEYS.values())
    )
    blocks = list(blocks_of(split_lines(body)))
    if fields["title"] is None and blocks and blocks[0].kind == "heading":
        fields["title"], blocks = blocks[0].text, blocks[1:]
    return assemble(blocks, name, metadata=extras, **fields)


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter from the body; an empty dict when there is none."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(f"malformed YAML front matter{where}") from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError("front matter must be a YAML mapping of keys to values")
    return meta, text[match.end() :]


def blocks_of(lines: list[str]):
    """Yield the headings and paragraphs of a Markdown body as plain-text blocks."""
    para: list[str] = []
    fence: str | None = None

    def flush():
        if para:
            text = inline_to_text(join_wrapped(para))
            para.clear()
            if text:
                yield Block(text)

    for index, line in enumerate(lines):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        if m := _FENCE.match(line):
            yield from flush()
            fence = m.group(1)
            continue
        if not line.strip() or _THEMATIC_BREAK.match(line) or _TABLE_RULE.match(line):
            yield from flush()
            continue
        if m := _ATX_HEADING.match(line):
            yield from flush()
            if heading := inline_to_text(clean_line(m.group(2))):
                yield Block(heading, "heading")
            continue
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if not para and _SETEXT_RULE.match(nxt) and nxt.strip() and line.strip():
            if heading := inline_to_text(clean_line(line)):
                yield Block(heading, "heading")
            continue
        if _SETEXT_RULE.match(line) and not para:
            continue  # the underline of a setext heading already yielded
        if _LIST_ITEM.match(line) or line.lstrip().startswith("|"):
            yield from flush()
        line = _QUOTE_MARK.sub("", _LIST_ITEM.sub("", line, count=1), count=1)
        if line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            line = "; ".join(c for c in cells if c)
        para.append(line)
    yield from flush()


def inline_to_text(text: str) -> str:
    """Strip inline Markdown (links, emphasis, code, images, HTML) to plain text."""
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return clean_line(text)


def _first(meta: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = _scalar(meta.get(key))
        if value:
            return value
    return None


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float)):
        return clean_line(str(value)) or None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(clean_line(v) for v in value) or None
    return None
