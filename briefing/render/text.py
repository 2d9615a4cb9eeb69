"""Text helpers every renderer shares: XML-safe text, one-line text, quotation, direction, cleaned options."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["OPENING_QUOTES", "clean_option", "inner_quotes", "is_rtl", "one_line", "quoted", "text_direction",
           "xml_safe"]

# Everything outside XML 1.0's Char production: C0 controls but tab, LF and
# CR; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Drop the characters XML 1.0 forbids, so any text can go into HTML, DOCX or PDF."""
    return _NOT_XML_CHAR.sub("", text)


def one_line(text: str) -> str:
    """Collapse every run of whitespace, newlines included, to one space."""
    return " ".join(text.split())


#: Marks a quoted span may already open with.
OPENING_QUOTES = frozenset("\"“‘«»„‚‹›「『")


def quoted(text: str) -> str:
    """Put a verbatim span on one line in “…”, unless it opens with a quotation mark of its own.

    A span like ``“This alliance…,” Diop said.`` is shown as it is, not as
    ``““This alliance…,” Diop said.”``. Quotation marks inside the span
    alternate with the outer ones: “… ‘collective defence’ …”.
    """
    text = one_line(text)
    return text if text[:1] in OPENING_QUOTES else f"“{inner_quotes(text)}”"


_STRAIGHT_PAIR = re.compile(r'(^|[\s(\[{—–-])"([^"]+)"')


def inner_quotes(text: str) -> str:
    """Turn a span's double quotation marks into single ones, for a span set inside double ones."""
    text = _STRAIGHT_PAIR.sub(lambda m: f"{m[1]}‘{m[2]}’", text)
    return text.replace("“", "‘").replace("”", "’")


def text_direction(text: str) -> str:
    """Return ``ltr`` or ``rtl`` from the first strongly directional character of ``text``, else ``auto``."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return "ltr"
        if direction in ("R", "AL"):
            return "rtl"
    return "auto"


def is_rtl(text: str) -> bool:
    """Tell whether the first strongly directional character of ``text`` is right-to-left."""
    return text_direction(text) == "rtl"


def clean_option(value: str | None) -> str | None:
    """Return a user's text option on one line, XML-safe, or None if it is blank."""
    if value is None:
        return None
    text = one_line(xml_safe(value))
    return text or None
