"""Tell what kind of document a byte string holds, for inputs that come without a file name."""

from __future__ import annotations

import io
import re
import zipfile

__all__ = ["describe_binary", "is_docx", "is_html", "is_markdown", "is_not_zip", "is_pdf", "is_zip", "looks_like", "sniff"]

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


def is_pdf(data: bytes) -> bool:
    """Tell whether ``data`` holds a PDF (its header within the first kilobyte)."""
    return b"%PDF-" in data[:1024]


def is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def is_not_zip(data: bytes) -> bool:
    return not is_zip(data)


def is_docx(data: bytes) -> bool:
    """Tell whether ``data`` is a zip archive holding a Word document."""
    return is_zip(data) and _is_docx(data)


def is_html(data: bytes) -> bool:
    """Tell whether ``data`` opens like an HTML page (after comments, an XML declaration, a byte order mark)."""
    return _HTML_START.match(data[:2048].lstrip(b"\xef\xbb\xbf")) is not None


def is_markdown(data: bytes) -> bool:
    """Tell whether ``data`` opens with YAML front matter or a Markdown heading."""
    text = data[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(_FRONT_MATTER.match(text) or _MARKDOWN_HEADING.match(text))


def sniff(data: bytes) -> str | None:
    """Return the first suffix of the installed reader for ``data`` (".pdf", ".docx", ".html", ".md", ".txt").

    None means no reader recognises it (a zip archive that is not a Word
    document). Anything the built-in readers do not recognise otherwise is
    plain text; the text reader rejects binary data.
    """
    from briefing.ingest.readers import readers

    reader = readers().sniff(data)
    return reader.suffixes[0] if reader is not None else None


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
