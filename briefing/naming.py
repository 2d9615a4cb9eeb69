"""Name each brief from its input's path alone, never from the rest of the batch.

The rule, a pure function of the input's path and its folder's listing:

- a file is briefed as ``<stem><suffix>``: ``a.md`` → ``a.pdf``, ``page.html.gz`` → ``page.pdf``;
- when the file's folder holds another document with the same stem
  (``a.txt`` beside ``a.md``), each keeps its whole name: ``a.txt.pdf``,
  ``a.md.pdf``; so building ``a.md`` alone writes what the whole folder's
  build writes, and never over ``a.txt``'s brief;
- a file found in a folder input or by a pattern keeps its place below that
  folder (the pattern's part before the first wildcard):
  ``sources/eu/a.md`` → ``briefs/eu/a.pdf``;
- standard input and URLs are named from the source's title, slugified
  (``"EU and Mali sign pact"`` → ``eu-and-mali-sign-pact.pdf``), else
  ``stdin`` or the URL's last segment; as these change from one build to the
  next, such a brief never replaces a file: a taken name gets ``-2``, ``-3``….

Characters that cannot be in a file name (control characters, ``/``) become ``-``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path, PurePath
from typing import Sequence

__all__ = ["OutputNamer", "slugify", "title_stem"]

_MAX_SLUG = 60


class OutputNamer:
    """Name the briefs of file inputs; remembers each folder's listing for the batch."""

    def __init__(self, suffixes: Sequence[str]) -> None:
        self._suffixes = tuple(suffixes)
        self._stems: dict[str, dict[str, int]] = {}

    def relative_stem(self, name: str, root: str | None = None) -> PurePath:
        """Return the brief's path below the output folder, without suffix: ``eu/a`` for ``sources/eu/a.md``."""
        folder, filename = os.path.split(name)
        stem = _stem(filename)
        if self._namesakes(folder, stem) > 1:
            stem = filename
        below = _below(folder, root) if root is not None else ()
        return PurePath(*(safe_part(part) for part in below), safe_part(stem))

    def _namesakes(self, folder: str, stem: str) -> int:
        """Count the documents in ``folder`` whose stem is ``stem`` (compared as a case-blind file system does)."""
        key = os.path.realpath(folder or os.curdir)
        counts = self._stems.get(key)
        if counts is None:
            from briefing.inputs import is_document

            counts = {}
            try:
                names = os.listdir(folder or os.curdir)
            except OSError:
                names = []
            for entry in names:
                if is_document(entry, self._suffixes):
                    folded = _stem(entry).casefold()
                    counts[folded] = counts.get(folded, 0) + 1
            self._stems[key] = counts
        return counts.get(stem.casefold(), 1)


def _stem(filename: str) -> str:
    from briefing.ingest.compressed import inner_name

    return Path(inner_name(filename)).stem or filename


def _below(folder: str, root: str) -> tuple[str, ...]:
    relative = os.path.relpath(folder or os.curdir, root or os.curdir)
    parts = Path(relative).parts
    if relative == os.curdir or any(part == os.pardir for part in parts):
        return ()
    return parts


def safe_part(text: str) -> str:
    """Return ``text`` as one file name: control characters and separators replaced by ``-``."""
    cleaned = "".join("-" if not ch.isprintable() or ch in "/\\" else ch for ch in text)
    return cleaned if cleaned not in ("", ".", "..") else cleaned.replace(".", "-") or "-"


def slugify(title: str | None) -> str:
    """Return a title as a file-name stem: lower case, words joined by ``-``, at most 60 characters."""
    if not title:
        return ""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = re.sub(r"['’`]", "", text)
    slug = re.sub(r"[^\w]+", "-", text).strip("-_")
    if len(slug) > _MAX_SLUG:
        cut = slug[:_MAX_SLUG]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[_MAX_SLUG // 2:] else cut
    return slug.strip("-_")


def title_stem(title: str | None, fallback: str) -> str:
    """Return the stem of a brief from standard input or a URL: its title's slug, else ``fallback``."""
    return safe_part(slugify(title) or fallback)
