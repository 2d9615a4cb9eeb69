"""The cache's side of a batch: each input's fingerprint, the output folder's manifest, and why an input has none."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.ingest import STDIN
from briefing.ingest.url import is_url
from briefing.options import BatchOptions, fingerprint

if TYPE_CHECKING:
    from briefing.build.cache import Fingerprint, Manifest
    from briefing.build.settings import BuildSettings

__all__ = ["Fingerprints", "manifest_for", "why_uncacheable"]


class Fingerprints:
    """Compute each input's fingerprint: its bytes' hash plus the hashes shared by the whole batch."""

    def __init__(self, settings: BuildSettings) -> None:
        from briefing.build.cache import sha256_file, sha256_json, sha256_tree
        from briefing.package import package_dir, version
        from briefing.render.templates import template_dirs

        options = {  # every output-shaping option but the formats: each output's freshness is its own (cache.py)
            **fingerprint(BatchOptions(formats=settings.formats), settings.render),
            "brief": settings.maker.fingerprint(),
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        }
        self.options = sha256_json(options)
        self.templates = sha256_tree(template_dirs(settings.render.template_dir))
        # The code and its data (the section model, the gazetteer) as well as the version number:
        # a development build or a retrained model must not call an old brief current.
        self.version = f"{version()}+code.{sha256_tree([package_dir()])[:12]}"
        self._hash = sha256_file
        self._max_bytes = settings.maker.max_bytes

    def of(self, source: str) -> Fingerprint | None:
        """Return the fingerprint of a file input; None for a URL or standard input, or an unreadable file.

        Raises InputError, before reading a byte, for a special file or one over the size limit.
        """
        from briefing.build.cache import Fingerprint

        if source == STDIN or is_url(source):
            return None
        try:
            digest = self._hash(Path(source), max_bytes=self._max_bytes)  # a FIFO or a huge file: not read
        except OSError:
            return None
        return Fingerprint(digest, self.options, self.templates, self.version)


def manifest_for(settings: BuildSettings) -> Manifest:
    from briefing.build.cache import MANIFEST, Manifest

    name = MANIFEST
    if settings.shard:
        name = MANIFEST.replace(".json", f".shard-{settings.shard[0]}-of-{settings.shard[1]}.json")
    return Manifest(settings.output_dir, name)


def why_uncacheable(source: str) -> str:
    if source == STDIN:
        return "standard input is built on every run, never checked"
    if is_url(source):
        return "a URL is fetched and built on every run, never checked"
    return "no such file" if not os.path.exists(source) else "the input cannot be read"
