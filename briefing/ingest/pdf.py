"""PDF: the text layer in reading order, read with pdfminer.six.

pdfminer's layout analysis groups characters into lines and lines into
boxes, and orders the boxes column by column, so two- and three-column
pages read as a person reads them. (pypdf and pypdfium2 return text in the
order it was drawn, which on such pages interleaves the columns: see the
benchmark notes in ``benchmarks/ingest.py``.) On top of that this module
removes running headers, footers and page numbers (lines that repeat at the
top or bottom of the pages), joins paragraphs broken across columns and
pages, and repairs words hyphenated at line ends.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING, Iterable, Iterator

from briefing.errors import InputError
from briefing.ingest import pdf_limits
from briefing.ingest.text import Block, assemble, clean_line
from briefing.model import Document

if TYPE_CHECKING:
    from briefing.ingest.excerpt import PageRange

__all__ = ["parse", "Line", "read_lines"]

# pdfminer logs its complaints about damaged files; with no handler of its
# own they would reach stderr through logging's last resort, beside our
# one-line errors. Applications that configure logging still get them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})  # fmt: skip
_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|pg\.?)?\s*[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?(?:\s*(?:/|of)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")
_BULLET = re.compile(r"^(?:[•●▪■◦‣∙·\-–—*]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s")
_JUNK_TITLE = re.compile(r"^(?:untitled|microsoft \w+ - |document\d*$)|^\S+\.[a-z0-9]{2,4}$", re.IGNORECASE)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")

# How many lines at the top and at the bottom of a page may be running
# headers or footers, and on what share of the pages a line must recur.
_MARGIN_LINES = 3
_RECUR_SHARE = 0.3
_MARGIN_BOX_LINES = 3  # a running line's box holds at most this many lines
_SAME_HEIGHT = 6.0  # points: how far a running line may drift between pages
_HEADING_SIZE = 1.15  # a heading's type is this much larger than the body's
_TITLE_SIZE = 1.25  # and a title's, when the metadata has none
_TITLE_SHOWN = 0.6  # the share of a metadata title's words that the first page must show
_TITLE_MAX_WORDS = 25

# Bounds on the work one PDF may cost (README, "Limits and hostile input"). pdfminer
# reads about 80,000 characters a second and interprets about 0.4 MB of drawing
# instructions a second: each bound alone costs at most about 20 s.
MAX_PAGES = 1_000
MAX_CHARACTERS = 1_000_000  # about 170,000 words, over three times what the summariser reads
MAX_DECODED_BYTES = 128 * 1024 * 1024  # all streams, unpacked
MAX_CONTENT_BYTES = 8 * 1024 * 1024  # drawing instructions interpreted, forms each time they are drawn


@dataclass(frozen=True)
class Line:
    """One line of text on a page, with its box (PDF units, origin bottom left) and type size."""

    text: str
    page: int
    box: int  # index of pdfminer's text box on the page: lines of one box belong together
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool


def parse(data: bytes, name: str, *, pages: PageRange | None = None) -> Document:
    """Read a PDF's text layer (only ``pages``, if given) into a Document; title, author, date and language too."""
    info, pages_read = read_lines(data, pages=pages)
    pages = pages_read
    if not any(pages):
        count = len(pages)
        raise InputError(
            f"has no text layer: its {count} page{'s' if count != 1 else ''} are images, as in a scanned "
            "document; run OCR on it first (for example with ocrmypdf) and try again"
            if count
            else "has no pages (a damaged or truncated PDF?)"
        )
    first_page = next(page for page in pages if page)
    pages = drop_running_lines(pages)
    lines = [line for page in pages for line in page]
    words = vocabulary(lines)
    blocks = list(paragraphs(lines, words))
    title = choose_title(info.get("title"), first_page, _body_size(lines), words)
    if title and blocks and blocks[0].text.casefold() == title.casefold():
        blocks = blocks[1:]
    return assemble(
        blocks,
        name,
        title=title,
        published=info.get("published"),
        author=info.get("author"),
        language=info.get("language"),
        metadata=[(k, v) for k, v in info.items() if k in ("subject", "keywords")],
    )


def read_lines(data: bytes, *, pages: PageRange | None = None) -> tuple[dict[str, str], list[list[Line]]]:
    """Return the PDF's metadata and, per page, its text lines in reading order.

    The work is bounded (see :mod:`briefing.ingest.pdf_limits`): at most
    MAX_PAGES pages and MAX_CHARACTERS characters are read, streams may
    unpack to MAX_DECODED_BYTES in all and pages may hold MAX_CONTENT_BYTES
    of drawing instructions; past any of these the PDF is refused. With
    ``pages``, the other pages are not read at all.
    """
    if b"%PDF-" not in data[:1024]:
        from briefing.ingest.sniff import looks_like

        raise InputError(f"is not a PDF file (it has no %PDF- header){looks_like(data)}")
    with pdf_limits.limits(decoded_bytes=MAX_DECODED_BYTES, content_bytes=MAX_CONTENT_BYTES):
        return _read_lines(data, pages)


def _read_lines(data: bytes, wanted: PageRange | None) -> tuple[dict[str, str], list[list[Line]]]:
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except PDFPasswordIncorrect as exc:
        raise InputError("is encrypted: it needs a password to open; save an unprotected copy and try again") from exc
    except PDFEncryptionError as exc:
        raise InputError(f"is encrypted in a way that cannot be read ({exc}); save an unprotected copy") from exc
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise InputError(f"is not a readable PDF (damaged or truncated): {_reason(exc)}") from exc
    try:
        info = _metadata(document)
    except InputError:
        raise
    except Exception:  # a damaged document information dictionary: no metadata
        info = {}
    if wanted is None:
        _check_page_count(document)
    manager = PDFResourceManager(caching=True)
    device = _aggregator(manager, LAParams())
    interpreter = pdf_limits.interpreter_class()(manager, device)
    pages: list[list[Line]] = []
    number = 0
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if wanted is not None and number not in wanted:
                if wanted.last is not None and number > wanted.last:
                    break
                continue
            if len(pages) >= MAX_PAGES:
                raise InputError(f"has more than {MAX_PAGES:,} pages, more than briefing reads from one PDF")
            try:
                interpreter.process_page(page)
            except InputError:
                raise
            except Exception as exc:
                raise InputError(f"page {number} cannot be read (damaged PDF): {_reason(exc)}") from exc
            layout = device.get_result()
            lines: list[Line] = []
            boxes = [item for item in layout if isinstance(item, LTTextBox)]
            for index, box in enumerate(boxes):
                for item in box:
                    if isinstance(item, LTTextLine) and (line := _line(item, number, index)) is not None:
                        lines.append(line)
            pages.append(lines)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"is not a readable PDF (damaged or truncated): {_reason(exc)}") from exc
    if wanted is not None and not pages:
        raise InputError(f"has {number:,} page{'s' if number != 1 else ''}; --pages {wanted} selects none of them")
    return info, pages


def _check_page_count(document) -> None:
    """Refuse a PDF whose page tree says it has more than MAX_PAGES pages, before reading any."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(document.catalog["Pages"])["Count"])
    except Exception:  # no usable count: the pages are counted as they are read
        return
    if isinstance(count, int) and count > MAX_PAGES:
        raise InputError(f"has {count:,} pages, more than the {MAX_PAGES:,} briefing reads from one PDF")


def _aggregator(manager, laparams):
    """Build a page aggregator that keeps characters only, and no more than MAX_CHARACTERS of them.

    Characters inside Form XObjects stay on the page (not in a figure of
    their own), so they take part in the page's layout analysis and reading
    order; images and vector paths are skipped, which also saves time.
    """
    from pdfminer.converter import PDFPageAggregator

    class TextAggregator(PDFPageAggregator):
        characters = 0

        def begin_page(self, page, ctm) -> None:
            super().begin_page(page, ctm)
            pdf_limits.bounded_layout(self.cur_item)

        def render_char(self, *args, **kwargs):
            self.characters += 1
            if self.characters > MAX_CHARACTERS:
                raise InputError(
                    f"has more than {MAX_CHARACTERS:,} characters of text, more than briefing reads from one PDF"
                )
            return super().render_char(*args, **kwargs)

        def begin_figure(self, name, bbox, matrix) -> None:
            pass

        def end_figure(self, name) -> None:
            pass

        def render_image(self, name, stream) -> None:
            pass

        def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
            pass

    return TextAggregator(manager, laparams=laparams)


def _line(item, page: int, box: int) -> Line | None:
    from pdfminer.layout import LTChar

    text = clean_line(item.get_text().translate(_LIGATURES))
    if not text:
        return None
    chars = [c for c in item if isinstance(c, LTChar) and c.get_text().strip()]
    if chars and not any(c.upright for c in chars):
        return None  # rotated text: a margin note or a printer's slug, read letter by letter
    size = median(c.size for c in chars) if chars else 0.0
    bold = bool(chars) and all("bold" in (c.fontname or "").lower() for c in chars)
    return Line(text, page, box, item.x0, item.y0, item.x1, item.y1, round(size, 1), bold)


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove running headers, footers and page numbers.

    A running line sits at the top or bottom of the page in a box of its
    own (or nearly), and recurs, digits aside, at the same height on many
    pages; a bare page number ("7", "- 7 -", "Page 7 of 30") there goes
    whether it recurs or not.
    """
    margins = [_margin_lines(page) for page in pages]
    heights: dict[str, list[tuple[int, float]]] = {}
    for number, margin in enumerate(margins):
        for line in margin:
            heights.setdefault(_running_key(line), []).append((number, line.y0))
    threshold = max(2, math.ceil(_RECUR_SHARE * sum(1 for page in pages if page)))

    def recurs(line: Line) -> bool:
        near = {number for number, y in heights[_running_key(line)] if abs(y - line.y0) <= _SAME_HEIGHT}
        return len(near) >= threshold

    result = []
    for page, margin in zip(pages, margins):
        drop = {id(line) for line in margin if _PAGE_NUMBER.match(line.text) or recurs(line)}
        result.append([line for line in page if id(line) not in drop])
    return result


def _running_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.casefold())


def _margin_lines(page: list[Line]) -> list[Line]:
    """Return the lines that may be running heads or feet: the top and bottom few, in small boxes."""
    box_sizes = Counter(line.box for line in page)
    # stray glyphs (a rotated crop mark's letters) do not count as lines here
    lines = [line for line in page if sum(ch.isalnum() for ch in line.text) > 1 or _PAGE_NUMBER.match(line.text)]
    by_height = sorted(lines, key=lambda line: -line.y1)
    ends = by_height if len(by_height) <= 2 * _MARGIN_LINES else by_height[:_MARGIN_LINES] + by_height[-_MARGIN_LINES:]
    return [line for line in ends if box_sizes[line.box] <= _MARGIN_BOX_LINES]


def choose_title(meta_title: str | None, first_page: list[Line], body_size: float, words: Counter[str]) -> str | None:
    """Pick the title: the metadata's when the first page shows it, else the first page's largest type.

    Metadata titles are often left over from a template or name a file, so
    one counts only when most of its words are on the first page.
    """
    page_words = {w.casefold() for line in first_page for w in re.findall(r"\w+", line.text)}
    if meta_title:
        title_words = [w.casefold() for w in re.findall(r"\w+", meta_title)]
        if title_words and sum(w in page_words for w in title_words) >= _TITLE_SHOWN * len(title_words):
            return meta_title
    lettered = [line for line in first_page if re.search(r"\b[^\W\d_]{3,}", line.text)]
    if not lettered:
        return None
    size = max(line.size for line in lettered)
    if size < body_size * _TITLE_SIZE:
        return None
    parts: list[str] = []
    for line in first_page:
        if line.size == size and line in lettered:
            parts.append(line.text)
        elif parts:
            break
    title = join_lines(parts, words)
    return title if len(title.split()) <= _TITLE_MAX_WORDS else None


def vocabulary(lines: list[Line]) -> Counter[str]:
    """Count the words of the lines (lower case, hyphenated compounds kept whole) for hyphen repair."""
    return vocabulary_of(line.text for line in lines)


def vocabulary_of(texts: Iterable[str]) -> Counter[str]:
    """Count the words of some texts (lower case, hyphenated compounds kept whole)."""
    return Counter(w.casefold() for text in texts for w in re.findall(r"\w+(?:-\w+)*", text))


def paragraphs(lines: list[Line], words: Counter[str]) -> Iterator[Block]:
    """Join lines into paragraphs and headings, across boxes, columns and pages where a sentence runs on."""
    body_size = _body_size(lines)
    pending: _Joiner | None = None  # the last paragraph, held back in case the next group continues it
    last: Line | None = None  # that paragraph's last line
    page = 0  # the page that paragraph starts on

    for group in _line_groups(lines):
        text = join_lines([line.text for line in group], words)
        if pending is not None and last is not None and _runs_on(pending.tail, last, text, group[0]):
            pending.add(text)
            last = group[-1]
            continue
        if not any(ch.isalpha() for ch in text):
            continue  # a footnote mark, a bullet glyph, a column of figures
        if _is_heading(group, text, body_size):
            if pending is not None:
                yield Block(pending.text(), page=page)
            pending = last = None
            yield Block(text, "heading", page=group[0].page)
            continue
        if pending is not None:
            yield Block(pending.text(), page=page)
        pending, last, page = _Joiner(words).add(text), group[-1], group[0].page
    if pending is not None:
        yield Block(pending.text(), page=page)


def _line_groups(lines: list[Line]) -> Iterator[list[Line]]:
    """Split lines into groups: one per pdfminer box, split again at a bullet or an indented first line."""
    group: list[Line] = []
    for line in lines:
        if group and (line.page, line.box) != (group[-1].page, group[-1].box):
            yield group
            group = []
        elif group and _starts_paragraph(line, group):
            yield group
            group = []
        group.append(line)
    if group:
        yield group


def _starts_paragraph(line: Line, group: list[Line]) -> bool:
    previous = group[-1]
    if _BULLET.match(line.text):
        return True
    left = min(item.x0 for item in group)
    indent = line.x0 - left
    em = line.size or 10
    if em * 0.8 < indent < em * 6 and _SENTENCE_END.search(previous.text):
        return True
    spacing = [a.y0 - b.y0 for a, b in zip(group, group[1:])]
    gap = previous.y0 - line.y0
    return bool(spacing) and gap > 1.6 * median(spacing) and _SENTENCE_END.search(previous.text) is not None


def _is_heading(group: list[Line], text: str, body_size: float) -> bool:
    if len(group) > 2 or len(text.split()) > 15 or _SENTENCE_END.search(text) or text.endswith(","):
        return False
    size = max(line.size for line in group)
    return size >= body_size * _HEADING_SIZE or (all(line.bold for line in group) and size >= body_size * 0.95)


def _body_size(lines: list[Line]) -> float:
    sizes = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _runs_on(previous: str, last: Line, following: str, first: Line) -> bool:
    """Say whether ``following`` continues the sentence ``previous`` broke off.

    Directly below in the same column, any unfinished sentence runs on;
    across a column or page break, only into a word in lower case.
    """
    if _SENTENCE_END.search(previous):
        return False
    below = (
        first.page == last.page
        and first.x0 < last.x1
        and last.x0 < first.x1
        and 0 <= last.y0 - first.y1 < max(last.y1 - last.y0, first.y1 - first.y0)
    )
    return below or previous.endswith("-") or following[:1].islower()


def join_lines(lines: list[str], words: Counter[str]) -> str:
    """Join wrapped lines, repairing words hyphenated at the line end.

    ``infor-`` + ``mation`` becomes ``information``; a hyphen stays where the
    compound is written with one elsewhere in the document
    (``semi-`` + ``automatic`` when ``semi-automatic`` occurs), and before a
    capital or a digit (``COVID-`` + ``19``, ``Franco-`` + ``German``).
    """
    joiner = _Joiner(words)
    for line in lines:
        joiner.add(line)
    return joiner.text()


class _Joiner:
    """Text built line by line as :func:`join_lines` joins it, in linear time.

    Every decision looks only at the end of the text so far, so only its
    last ``_TAIL`` characters are kept at hand and the pieces are joined
    once: a paragraph that runs on across thousands of boxes and pages no
    longer takes quadratic time. (A hyphenated compound longer than
    ``_TAIL`` characters is judged by its end.)
    """

    _TAIL = 1000

    def __init__(self, words: Counter[str]) -> None:
        self.words = words
        self.pieces: list[str] = []
        self.tail = ""  # the text's last _TAIL characters

    def add(self, line: str) -> _Joiner:
        tail = self.tail
        if not self.pieces:
            piece = line
        elif re.search(r"\w-$", tail[-2:]) and not tail.endswith("--"):
            piece = line
            if not _keeps_hyphen(tail, line, self.words):  # the word was only broken at the line end
                self.pieces[-1] = self.pieces[-1][:-1]
                tail = tail[:-1]
        elif re.search(r"(?:\w[–/]|://)$", tail[-3:]) and line[:1].isalnum():
            piece = line  # a number range (2018–23–51) or a URL broken at the line end
        else:
            piece = f" {line}"
        self.pieces.append(piece)
        self.tail = (tail + piece)[-self._TAIL :]
        return self

    def text(self) -> str:
        return "".join(self.pieces)


def _keeps_hyphen(text: str, line: str, words: Counter[str]) -> bool:
    """Say whether the hyphen ending ``text`` stays when ``line`` follows it."""
    head = re.search(r"(\w+(?:-\w+)*)-$", text)
    tail = re.match(r"\w+", line)
    if head is None or tail is None or not tail.group(0)[0].islower():
        return True
    left, right = head.group(1).casefold(), tail.group(0).casefold()
    joined, compound = left.replace("-", "") + right, f"{left}-{right}"
    return words[compound] > words[joined]


def _metadata(document) -> dict[str, str]:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    def text(value) -> str | None:
        value = resolve1(value)
        if isinstance(value, bytes):
            value = decode_text(value)
        elif isinstance(value, PSLiteral):
            value = value.name
        if not isinstance(value, str):
            return None
        return clean_line(value) or None

    info: dict[str, str] = {}
    raw = {}
    for entry in document.info or ():
        if isinstance(entry, dict):
            raw.update(entry)
    if (title := text(raw.get("Title"))) and not _JUNK_TITLE.search(title):
        info["title"] = title
    if author := text(raw.get("Author")):
        info["author"] = author
    for key in ("Subject", "Keywords"):
        if value := text(raw.get(key)):
            info[key.lower()] = value
    date = text(raw.get("CreationDate")) or text(raw.get("ModDate"))
    if date and (published := _pdf_date(date)):
        info["published"] = published
    try:
        language = text(document.catalog.get("Lang"))
    except Exception:  # a damaged catalog entry: no language
        language = None
    if language:
        info["language"] = language
    return info


def _pdf_date(value: str) -> str | None:
    """Turn a PDF date (``D:20071206074800-05'00'``) into ISO form, as precise as it is: 2007-12-06."""
    import datetime as dt

    match = _PDF_DATE.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if not 1900 <= int(year) <= 2200:
        return None
    return "-".join(part for part in (year, month, day) if part)


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__
