"""Bound the work pdfminer.six does on one PDF: what it decompresses, interprets and lays out.

pdfminer trusts the file. A few kilobytes of nested Flate streams unpack to
gigabytes; one content stream shared by ten thousand pages, or a form
drawn ten thousand times, is interpreted every time (about two seconds per
megabyte); a page of thousands of scattered words sends its layout
analysis into cubic time. Inside ``limits(...)``:

- every stream pdfminer decodes (Flate, LZW, run-length) counts against a
  budget of decoded bytes for the whole document, checked while decoding,
  so a bomb stops at the budget instead of exhausting memory;
- the interpreter from ``interpreter_class()`` counts the bytes of every content stream it is
  about to interpret, forms included, against a second budget;
- ``bounded_layout`` makes a page with more text boxes than
  ``MAX_GROUPED_BOXES``, and every page once the document has spent its
  ``GROUPING_BUDGET``, read top to bottom, left to right, instead of
  grouping its boxes hierarchically.

Exceeding a budget raises LimitExceeded, an InputError. pdfminer's own
decoders are replaced in ``pdfminer.pdftypes`` by ones that behave exactly
as before outside ``limits(...)``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import zlib
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Iterator

from briefing.errors import InputError

__all__ = ["LimitExceeded", "Budget", "limits", "interpreter_class", "bounded_layout", "install"]

# pdfminer's grouping of a page's text boxes takes about n**2.5 time: 0.03 s for 100
# boxes, 0.3 s for 300, 18 s for 1,000, two minutes for 2,000. A page groups at most
# MAX_GROUPED_BOXES; a document spends at most GROUPING_BUDGET in boxes squared
# (about 7 s; a 500-page report of 50 boxes a page spends a quarter of it), then
# orders the rest of its pages simply.
MAX_GROUPED_BOXES = 300
GROUPING_BUDGET = 2_000_000


class LimitExceeded(InputError):
    """A PDF needs more work than briefing allows for one document."""


@dataclass
class Budget:
    """What one document may still decode and interpret."""

    decoded_bytes: int
    content_bytes: int
    grouping: int = GROUPING_BUDGET
    exceeded: LimitExceeded | None = None

    def decode(self, size: int) -> None:
        self.decoded_bytes -= size
        if self.decoded_bytes < 0:
            self._fail(LimitExceeded("its compressed streams unpack to more than briefing reads from one PDF "
                                     "(a decompression bomb?)"))  # fmt: skip

    def interpret(self, size: int) -> None:
        self.content_bytes -= size
        if self.content_bytes < 0:
            self._fail(LimitExceeded(
                "its pages hold more drawing instructions than briefing reads from one PDF; "
                "extract its text with another tool (for example pdftotext) and brief the text file"
            ))  # fmt: skip

    def group(self, boxes: int) -> bool:
        """Say whether a page of ``boxes`` text boxes may still be grouped, and charge for it if so."""
        if boxes > MAX_GROUPED_BOXES or boxes * boxes > self.grouping:
            return False
        self.grouping -= boxes * boxes
        return True

    def _fail(self, error: LimitExceeded) -> None:
        self.exceeded = self.exceeded or error  # kept, in case pdfminer swallows the exception somewhere
        raise self.exceeded


_BUDGET: ContextVar[Budget | None] = ContextVar("briefing_pdf_budget", default=None)


@contextlib.contextmanager
def limits(*, decoded_bytes: int, content_bytes: int) -> Iterator[Budget]:
    """Read a PDF within these budgets; raise the LimitExceeded pdfminer may have swallowed on the way out."""
    install()
    budget = Budget(decoded_bytes, content_bytes)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)
    if budget.exceeded is not None:
        raise budget.exceeded


def _room() -> int:
    """Return how many more bytes the current budget allows one decoder to produce (0: no budget, no limit)."""
    budget = _BUDGET.get()
    return max(budget.decoded_bytes, 0) + 1 if budget is not None else 0


def _count(size: int) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.decode(size)


class _Inflater:
    """zlib's decompressobj, counting what it produces against the budget."""

    def __init__(self, *args: Any) -> None:
        self._inflater = zlib.decompressobj(*args)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = _room()
        limit = min(max_length, room) if max_length and room else max_length or room
        out = self._inflater.decompress(data, limit)
        _count(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inflater, name)


class _BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, *args: Any) -> bytes:
        if _BUDGET.get() is None:
            return zlib.decompress(data, *args)
        inflater = zlib.decompressobj(*args[:1])  # zlib.decompress(data, wbits, bufsize)
        out = inflater.decompress(data, _room())
        _count(len(out))
        if not inflater.eof:  # as zlib.decompress says of a stream cut short
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    @staticmethod
    def decompressobj(*args: Any) -> _Inflater:
        return _Inflater(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _decompress_corrupted(data: bytes) -> bytes:
    """Inflate a stream whose checksum is damaged, as pdfminer does, in linear time and within the budget.

    pdfminer's own feeds the stream one byte at a time into a growing bytes
    object (quadratic) and tolerates an error only in the last three bytes.
    """
    inflater = _Inflater()
    head, tail = data[:-3], data[-3:]
    out = [inflater.decompress(head)]  # an error here is a real one, as before
    for byte in tail:
        try:
            out.append(inflater.decompress(bytes([byte])))
        except zlib.error:
            break
    return b"".join(out)


def _lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    chunks = []
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        _count(len(chunk))
        chunks.append(chunk)
    return b"".join(chunks)


def _rldecode(data: bytes) -> bytes:
    """Decode RunLengthDecode data (PDF 1.7, 7.4.5) into bytes, counting against the budget."""
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        i += 1
        if length == 128:  # end of data
            break
        if length < 128:
            chunk = data[i : i + length + 1]
            i += length + 1
        elif i < n:
            chunk = data[i : i + 1] * (257 - length)
            i += 1
        else:
            break
        _count(len(chunk))
        out += chunk
    return bytes(out)


def install() -> None:
    """Put the bounded decoders into pdfminer.pdftypes (once; they pass through when no budget is set)."""
    from pdfminer import pdftypes

    if isinstance(getattr(pdftypes, "zlib", None), _BoundedZlib):
        return
    pdftypes.zlib = _BoundedZlib()
    pdftypes.decompress_corrupted = _decompress_corrupted
    pdftypes.lzwdecode = _lzwdecode
    pdftypes.rldecode = _rldecode


@functools.cache
def interpreter_class() -> type:
    """Return a PDFPageInterpreter that counts the content it interprets against the budget.

    Forms are interpreted by sub-interpreters of the same class, so a form
    drawn ten thousand times counts ten thousand times.
    """
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import PDFStream, stream_value

    class BoundedInterpreter(PDFPageInterpreter):
        def execute(self, streams) -> None:
            budget = _BUDGET.get()
            if budget is not None:
                for item in streams:
                    stream = stream_value(item)
                    if isinstance(stream, PDFStream):
                        budget.interpret(len(stream.get_data()))
            super().execute(streams)

    return BoundedInterpreter


def bounded_layout(page: Any) -> None:
    """Make ``page`` (an LTPage) order its text boxes simply when it has too many to group.

    pdfminer groups a page's text boxes pairwise by distance, which takes
    cubic time in their number; reading order matters little on a page of
    that many scattered fragments (a chart's labels, a scattered word
    list), so past MAX_GROUPED_BOXES, or once the document's grouping
    budget is spent, they go top to bottom, left to right.
    """
    from pdfminer.layout import LTTextGroupLRTB

    grouping = page.group_textboxes

    def group_textboxes(laparams, boxes):
        budget = _BUDGET.get()
        allowed = budget.group(len(boxes)) if budget is not None else len(boxes) <= MAX_GROUPED_BOXES
        return grouping(laparams, boxes) if allowed else [LTTextGroupLRTB(boxes)]

    page.group_textboxes = group_textboxes
