"""Markdown: front matter becomes metadata, markup is reduced to plain prose."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Any

from briefing.errors import InputError
from briefing.ingest.text import Block, assemble, clean_line, decode, split_lines
from briefing.ingest.txt import join_wrapped
from briefing.model import Document

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
MAX_FRONT_MATTER = 64 * 1024  # characters; PyYAML is pure Python and aliases multiply what it builds
_MAX_VALUE_CHARS = 4096  # a metadata value longer than this is ignored
_MAX_LIST_ITEMS = 64
_MAX_EXTRAS = 64
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")  # the closing #s are stripped without a regex
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE_MARK = re.compile(r"^\s*(>\s?)+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

# Wikipedia's inline notes, which a page shows as superscript links: apparatus, not prose.
# A bracket holding anything else is the author's ("reaffirm[ed]", "[for not] set[ting]") and stays.
WIKI_TAGS = (
    r"citation needed", r"update", r"needs update", r"(?:when|which|who|whom|where|why|how)\?",
    r"clarification needed", r"dubious", r"vague", r"failed verification", r"verification needed",
    r"according to whom\?", r"by whom\?", r"original research\?", r"page needed", r"better source needed",
    r"full citation needed", r"dead link", r"permanent dead link", r"not in citation given", r"specify",
    r"examples needed", r"quantify", r"unreliable source\?", r"non-primary source needed",
    r"third-party source needed", r"disputed", r"neutrality is disputed", r"further explanation needed",
)
# Inline markup, removed in this order. No pattern may scan past the next
# place another match could start (an opening bracket, parenthesis, angle
# bracket or emphasis mark): a paragraph of "[a [a [a …" or "**a **a …"
# would otherwise take quadratic time, hours for a few megabytes.
# A pronunciation guide in parentheses, IPA (a letter of its block) between slashes first: "(/ˈɔːkəs/ _AW-kəs_)".
_PRONUNCIATION = re.compile(r" ?\(/[^/()\n]{0,40}[\u0250-\u02ff][^/()\n]{0,40}/[^()\n]{0,60}\)")
_DESTINATION = r"\((?:[^()]|\([^()]*\))*\)"  # a link's (url "title"), one level of parentheses inside
_INLINE = (
    (_PRONUNCIATION, ""),  # "AUKUS (/ˈɔːkəs/ AW-kəs), also …": how to say the name, not prose
    (re.compile(r"!\[[^\[\]]*\]" + _DESTINATION), ""),  # images
    (re.compile(r"\[\^[^\[\]]+\]"), ""),  # footnote references
    (re.compile(r"\[([^\[\]]+)\]" + _DESTINATION), r"\1"),  # inline links
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<[a-zA-Z/!][^<>]*>"), ""),  # raw HTML tags
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"\[_[^\[\]_\n]{1,40}_\]"), ""),  # wiki maintenance tags, set in italics: [_citation needed_]
    ("strong", None),  # **strong**, __strong__: see _unwrap
    ("emphasis", None),  # *emphasis*, _emphasis_
    (re.compile(r"\[(?:\d{1,3}|" + "|".join(WIKI_TAGS) + r")\]"), ""),  # wiki notes: [1], [citation needed]
    (re.compile(r'\s\[(?!sic\])[a-z]{2,3}\](?=[\s.,;:!?)"”’]|$)'), ""),  # a link to another language's page: "Diamond [ja]"
    (re.compile(r"(?<!\s)\s+([,.;:!?)])"), r"\1"),  # space left before punctuation
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
        for key, value in list(meta.items())[:_MAX_EXTRAS]
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
    if len(match.group(1)) > MAX_FRONT_MATTER:
        raise InputError(
            f"its YAML front matter is {len(match.group(1)):,} characters, over the limit of {MAX_FRONT_MATTER:,}"
        )
    import yaml

    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(f"malformed YAML front matter{where}") from exc
    except RecursionError as exc:
        raise InputError("malformed YAML front matter: nested too deeply") from exc
    except (ValueError, OverflowError) as exc:  # a date like 2023-02-30, a number too long to convert
        raise InputError(f"malformed YAML front matter: {exc}") from exc
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
            if heading := inline_to_text(clean_line(m.group(2).rstrip().rstrip("#"))):
                yield Block(heading, "heading", len(m.group(1)))
            continue
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if not para and _SETEXT_RULE.match(nxt) and nxt.strip() and line.strip():
            if heading := inline_to_text(clean_line(line)):
                yield Block(heading, "heading", 1 if nxt.strip().startswith("=") else 2)
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
        if pattern == "strong":
            text = _unwrap(text, ("**", "__"), _opens_strong, _closes_strong)
        elif pattern == "emphasis":
            text = _unwrap(text, ("*", "_"), _opens_emphasis, _closes_emphasis)
        else:
            text = pattern.sub(repl, text)
    return clean_line(text)


def _unwrap(text: str, marks: tuple[str, ...], opens, closes) -> str:
    """Replace each span between an opening and a closing mark with its content, in linear time.

    The spans are the ones ``re.sub`` would find with a lazy pattern (the
    leftmost opening mark, then the nearest closing mark after at least one
    character), so the result is exactly that of
    ``(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1`` for strong and
    ``(?<![\\w*])([*_])(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*])`` for emphasis; but
    those patterns take quadratic time on a paragraph of unclosed marks
    ("**a **a **a …"), hours for a few megabytes. ``text`` is one line.
    """
    width = len(marks[0])
    positions = [i for i in range(len(text) - width + 1) if text.startswith(marks, i)]
    if len(positions) < 2:
        return text
    closers = {mark: [j for j in positions if text.startswith(mark, j) and closes(text, j, width)] for mark in marks}
    pieces: list[str] = []
    done = 0  # text[:done] is written
    for i in positions:
        if i < done or not opens(text, i, width):
            continue
        ends = closers[text[i : i + width]]
        k = bisect.bisect_left(ends, i + width + 1)  # the content is one character or more
        if k == len(ends):
            continue
        j = ends[k]
        pieces += [text[done:i], text[i + width : j]]
        done = j + width
    return "".join(pieces) + text[done:] if pieces else text


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # re's \w


def _opens_strong(text: str, i: int, width: int) -> bool:
    return i + width < len(text) and not text[i + width].isspace()


def _closes_strong(text: str, j: int, width: int) -> bool:
    return j > 0 and not text[j - 1].isspace()


def _opens_emphasis(text: str, i: int, width: int) -> bool:
    before_ok = i == 0 or not (_is_word(text[i - 1]) or text[i - 1] == "*")
    return before_ok and _opens_strong(text, i, width)


def _closes_emphasis(text: str, j: int, width: int) -> bool:
    after_ok = j + width >= len(text) or not (_is_word(text[j + width]) or text[j + width] == "*")
    return after_ok and _closes_strong(text, j, width)


def _first(meta: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = _scalar(meta.get(key))
        if value:
            return value
    return None


def _scalar(value: Any) -> str | None:
    """Return a metadata value as one line of text; None for what is not text or too long to be metadata.

    The length checks come first: YAML aliases let a few bytes name the
    same long string thousands of times.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        value = str(value)
    if isinstance(value, str):
        if len(value) > _MAX_VALUE_CHARS:
            return None
        return clean_line(value) or None
    if isinstance(value, list) and len(value) <= _MAX_LIST_ITEMS and all(isinstance(v, str) for v in value):
        if sum(len(v) for v in value) > _MAX_VALUE_CHARS:
            return None
        return ", ".join(clean_line(v) for v in value) or None
    return None
