"""Tell what kind of document a byte string holds, for inputs that come without a file name."""

from __future__ import annotations

import io
import re
import zipfile

__all__ = ["sniff", "describe_binary", "looks_like"]

# Signatures of common files that are not documents we read: named in errors.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF (WebP, WAV or AVI) file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable program"),
    (b"MZ\x90\x00", "a Windows program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc, .xls or .ppt); save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx or plain text"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_HTML_START = re.compile(
    rb"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title|article)\b",
    re.IGNORECASE | re.DOTALL,
)
_FRONT_MATTER = re.compile(rb"\A---[ \t]*\r?\n")
_MARKDOWN_HEADING = re.compile(rb"\A\s{0,3}#{1,6}\s+\S")


def sniff(data: bytes) -> str | None:
    """Return the suffix of the reader for ``data`` (".pdf", ".docx", ".html", ".md", ".txt"), or None if unknown.

    None means a zip archive that is not a Word document. Anything that is
    not recognised is plain text; the text reader rejects binary data.
    """
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".docx" if _is_docx(data) else None
    text = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(text):
        return ".html"
    if _FRONT_MATTER.match(text) or _MARKDOWN_HEADING.match(text):
        return ".md"
    return ".txt"


def describe_binary(data: bytes) -> str | None:
    """Name the kind of non-text file ``data`` starts like ("a PNG image"), or None."""
    if data.startswith(b"%PDF-"):
        return "a PDF file"
    if data.startswith(b"PK\x03\x04"):
        return "a Word (.docx) file" if _is_docx(data) else "a zip archive"
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def looks_like(data: bytes) -> str:
    """Say what ``data`` looks like, for an error about a file named as something else: "; it looks like …"."""
    kind = describe_binary(data)
    if kind is None:
        from briefing.ingest.encoding import looks_binary

        suffix = sniff(data)
        if suffix == ".txt" and looks_binary(data[:4096].decode("utf-8", errors="replace")):
            return ""  # random bytes are not "plain text"
        kind = {".html": "an HTML page", ".md": "Markdown text", ".txt": "plain text"}.get(suffix or "", "")
    if not kind:
        return ""
    hint = {"a PDF file": " (name it .pdf)", "a Word (.docx) file": " (name it .docx)",
            "an HTML page": " (name it .html)"}.get(kind, "")  # fmt: skip
    return f"; it looks like {kind}{hint}"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):  # damaged or exotic zips
        return False
