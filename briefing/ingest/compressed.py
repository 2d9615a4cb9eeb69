"""Gzip-compressed inputs (``page.html.gz``, ``article.txt.gz``): unpacked within a Word file's bounds.

A gzip stream can claim to unpack to gigabytes (a "gzip bomb"), so it is
unpacked in steps and refused past the limits a Word file's zip archive has:
256 MiB in all, and 100:1 once over 1 MiB.
"""

from __future__ import annotations

import zlib

from briefing.errors import InputError
from briefing.ingest.docx import MAX_RATIO, MAX_UNZIPPED_BYTES, RATIO_FLOOR

__all__ = ["COMPRESSED_SUFFIX", "GZIP_MAGIC", "gunzip", "inner_name"]

COMPRESSED_SUFFIX = ".gz"
GZIP_MAGIC = b"\x1f\x8b"
_STEP = 1024 * 1024


def inner_name(name: str) -> str:
    """Return the name a compressed file stands for: ``page.html.gz`` → ``page.html``; others unchanged."""
    if name.lower().endswith(COMPRESSED_SUFFIX):
        return name[: -len(COMPRESSED_SUFFIX)]
    return name


def gunzip(data: bytes) -> bytes:
    """Return ``data`` unpacked; InputError if it is not gzip, is damaged, or unpacks past the bounds."""
    if not data.startswith(GZIP_MAGIC):
        raise InputError("is named .gz but is not a gzip file")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    parts: list[bytes] = []
    size = 0
    pending = data
    try:
        while True:
            part = inflater.decompress(pending, _STEP)
            parts.append(part)
            size += len(part)
            _check_bounds(size, len(data))
            pending = inflater.unconsumed_tail
            if inflater.eof or (not pending and not part):
                break
    except zlib.error as exc:
        raise InputError(f"is a damaged gzip file: {exc}") from exc
    if not inflater.eof:
        raise InputError("is a truncated gzip file")
    return b"".join(parts)


def _check_bounds(size: int, packed: int) -> None:
    if size > MAX_UNZIPPED_BYTES:
        raise InputError(f"unpacks to more than {MAX_UNZIPPED_BYTES:,} bytes (a gzip bomb?); not read")
    if size > RATIO_FLOOR and size > MAX_RATIO * max(packed, 1):
        raise InputError(f"unpacks to more than {MAX_RATIO}:1 of its {packed:,} bytes (a gzip bomb?); not read")
