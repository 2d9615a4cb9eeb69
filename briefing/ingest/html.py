"""HTML: a saved web page's article text and metadata, found by trafilatura.

trafilatura separates the article from navigation, adverts, comments and
cookie banners, and reads the title, date, author, site name and canonical
URL from the page's meta tags and structured data. Its XML output keeps the
article's structure (headings, paragraphs, lists, tables, quotations), which
becomes the Document's blocks.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

from briefing.errors import InputError
from briefing.ingest.text import Block, assemble, clean_line, decode
from briefing.model import Document

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)""", re.IGNORECASE)
_SCRIPT_OPEN = re.compile(r"<script", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script>", re.IGNORECASE)
_JSON_LD_TYPE = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.IGNORECASE)
_BLOCK_TAGS = frozenset({"p", "head", "list", "item", "quote", "table", "code", "graphic"})
_TITLE_SEPARATORS = (" | ", " - ", " -- ", " — ", " – ", " :: ", " · ")

# Use the page's schema.org articleBody when trafilatura found less than this
# share of its words: the page builds its text with JavaScript.
_ARTICLE_BODY_SHARE = 0.5
_ARTICLE_BODY_MIN_WORDS = 50


def parse(data: bytes, name: str) -> Document:
    """Read a web page's main article, with its metadata, into a Document."""
    html = decode_html(data)
    check_parser_limits(html)
    meta, blocks = extract(html)
    fallback = article_body(html)
    if fallback and len(fallback.split()) >= _ARTICLE_BODY_MIN_WORDS:
        if sum(len(b.text.split()) for b in blocks) < _ARTICLE_BODY_SHARE * len(fallback.split()):
            blocks = [Block(line) for line in map(clean_line, fallback.splitlines()) if line]
    if not blocks:
        raise InputError(
            "no article text found in this HTML page (it may be an index, login or consent page, "
            "or build its text with JavaScript)"
        )
    title = _strip_site_name(meta.get("title"), meta.get("sitename"))
    if title and blocks and blocks[0].text.casefold() == title.casefold():
        blocks = blocks[1:]
    language = _HTML_LANG.search(html[:8192])
    extras = [(key, meta[key]) for key in ("description", "tags", "categories", "license") if meta.get(key)]
    try:
        return assemble(
            blocks,
            name,
            title=title,
            published=meta.get("date"),
            publisher=meta.get("sitename") or meta.get("hostname"),
            url=meta.get("url"),
            author=meta.get("author"),
            language=language.group(1).replace("_", "-") if language else None,
            metadata=extras,
        )
    except InputError as exc:
        raise InputError(f"no article text found in this HTML page: {exc}") from exc


def decode_html(data: bytes) -> str:
    """Decode a page: a byte-order mark, then UTF-8, then the page's own meta charset, then detection."""
    declared = _META_CHARSET.search(data[:4096])
    return decode(data, declared=declared.group(1).decode("ascii") if declared else None)


def check_parser_limits(html: str) -> None:
    """Refuse a page that lxml (and so trafilatura) would read only in part.

    libxml2 stops at elements nested 256 deep and at a run of text over
    10 MB, and drops what follows; a brief of the rest would silently lack
    the article. This parse takes a fraction of trafilatura's time.
    """
    from lxml import etree

    parser = etree.HTMLParser()
    try:
        etree.fromstring(html, parser)
    except (etree.LxmlError, ValueError):
        return  # trafilatura, which cleans the page first, may still read it
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            if "depth" in entry.message:
                reason = "its elements are nested more than 255 deep"
            else:
                reason = f"it is beyond the HTML parser's limits ({entry.message.strip()})"
            raise InputError(f"cannot be read whole: {reason}, and the text past that point would be lost")


def extract(html: str) -> tuple[dict[str, str], list[Block]]:
    """Return the page's metadata and its article's blocks, as trafilatura finds them."""
    import trafilatura
    from lxml import etree

    try:
        xml = trafilatura.extract(
            html,
            output_format="xml",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
        if not xml:
            return {}, []
        root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception as exc:  # trafilatura and lxml raise many kinds on a page they cannot take apart
        raise InputError(f"the article could not be extracted from this HTML page: {exc or type(exc).__name__}") from exc
    meta = {key: clean_line(value) for key, value in root.attrib.items() if clean_line(value)}
    main = root.find("main")
    blocks = list(_blocks(main)) if main is not None else []
    return meta, blocks


def _blocks(main) -> Iterator[Block]:
    for element in main:
        tag = element.tag
        if tag == "head":
            if text := clean_line(" ".join(element.itertext())):
                rend = element.get("rend", "")
                yield Block(text, "heading", int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 0)
        elif tag == "list":
            for item in element.iter("item"):
                yield from _lines(item)
        elif tag == "table":
            for row in element.iter("row"):
                cells = [clean_line(" ".join(cell.itertext())) for cell in row.iter("cell")]
                if line := "; ".join(c for c in cells if c):
                    yield Block(line)
        elif tag == "graphic":
            continue
        else:  # p, quote, code, and anything newer
            yield from _lines(element)


def _lines(element) -> Iterator[Block]:
    """Yield an element's text as paragraphs, split where the page put a line break or a nested block."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("")
        elif child.tag in _BLOCK_TAGS:
            yield from _paragraphs(parts)
            yield from _blocks([child])
            parts = [""]
        else:  # inline markup: hi, ref, del
            parts[-1] += "".join(child.itertext())
        parts[-1] += child.tail or ""
    yield from _paragraphs(parts)


def _paragraphs(parts: list[str]) -> Iterator[Block]:
    for part in parts:
        if text := clean_line(part):
            yield Block(text)


def article_body(html: str) -> str | None:
    """Return the longest schema.org ``articleBody`` in the page's JSON-LD, if any."""
    best: str | None = None
    for script in json_ld_scripts(html):
        try:
            data = json.loads(script, strict=False)
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested past Python's limit
            continue
        for body in _article_bodies(data):
            if best is None or len(body) > len(best):
                best = body
    return best


def json_ld_scripts(html: str) -> Iterator[str]:
    """Yield the content of each ``<script type="application/ld+json">`` element, in linear time.

    A regular expression doing this (``<script[^>]+type=…>(.*?)</script>``)
    takes quadratic time on a page of unclosed ``<script`` tags.
    """
    position = 0
    while (opening := _SCRIPT_OPEN.search(html, position)) is not None:
        start = opening.end()
        end_of_tag = html.find(">", start)
        if end_of_tag == -1:
            return
        if not _JSON_LD_TYPE.search(html, start + 1, end_of_tag):
            position = end_of_tag  # a later "<script" before this ">" shares the tag's end: no type either
            continue
        closing = _SCRIPT_CLOSE.search(html, end_of_tag + 1)
        if closing is None:
            return  # no later script is closed either
        yield html[end_of_tag + 1 : closing.start()]
        position = closing.end()


def _article_bodies(data: Any) -> Iterator[str]:
    """Yield every articleBody in a JSON-LD value, depth first, without recursion (the value may nest deeply)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            body = item.get("articleBody")
            if isinstance(body, str) and body.strip():
                yield body
            stack.extend(item.get(key) for key in reversed(("@graph", "mainEntity", "mainEntityOfPage", "hasPart")))


def _strip_site_name(title: str | None, site: str | None) -> str | None:
    """Drop a trailing or leading " | Site Name" from a page title."""
    if not title or not site:
        return title
    for sep in _TITLE_SEPARATORS:
        if title.endswith(sep + site):
            return title[: -len(sep + site)].strip() or title
        if title.startswith(site + sep):
            return title[len(site + sep) :].strip() or title
    return title
