"""Remember what each brief was built from, so an unchanged document is not built again.

A document is current when the hash of its input bytes, of the options that
shape its outputs, of the templates' contents and briefing's version all
match what was recorded when it was last built, and every output it was
built into still exists. The record is a small JSON manifest in the output
folder (``.briefing-cache.json``; a shard writes its own), keyed by the
input's path relative to that folder, so a manifest committed with the
briefs holds on any machine that checks out the same tree.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable, Literal

__all__ = ["MANIFEST", "Fingerprint", "Manifest", "Staleness", "sha256_file", "sha256_json", "sha256_tree"]

MANIFEST = ".briefing-cache.json"
_GLOB = ".briefing-cache*.json"
_FORMAT = 1


def sha256_file(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_json(value: Any) -> str:
    """Return the SHA-256 of a JSON-able value, written canonically."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_tree(folders: Iterable[Path]) -> str:
    """Return one SHA-256 over every file in ``folders`` (names and bytes), in a stable order."""
    digest = hashlib.sha256()
    for number, folder in enumerate(folders):
        folder = Path(folder)
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                path = Path(root) / name
                digest.update(f"{number}:{path.relative_to(folder).as_posix()}\0".encode("utf-8"))
                digest.update(sha256_file(path).encode("ascii"))
    return digest.hexdigest()


@dataclass(frozen=True)
class Fingerprint:
    """What a brief's outputs depend on, each part a hash (or briefing's version)."""

    input: str
    options: str
    templates: str
    version: str

    def changes_from(self, recorded: Fingerprint) -> list[str]:
        """Say, in words, which parts differ from ``recorded``."""
        said = {
            "input": "the input changed",
            "options": "the options changed",
            "templates": "the templates changed",
            "version": f"built by briefing {recorded.version}, this is {self.version}",
        }
        return [words for part, words in said.items() if getattr(self, part) != getattr(recorded, part)]


@dataclass(frozen=True)
class Staleness:
    """Why a document's outputs are not current: ``missing`` (never built, or an output gone) or ``stale``."""

    kind: Literal["missing", "stale"]
    reason: str


@dataclass(frozen=True)
class Entry:
    fingerprint: Fingerprint
    outputs: tuple[str, ...]  # file names, relative to the output folder


class Manifest:
    """The records of one output folder: read from every manifest there, written to this run's own."""

    def __init__(self, output_dir: Path, name: str = MANIFEST) -> None:
        self.output_dir = Path(output_dir)
        self.path = self.output_dir / name
        self._own: dict[str, Entry] = {}
        self._others: dict[str, Entry] = {}
        self._changed = False
        for path in sorted(self.output_dir.glob(_GLOB)):
            entries = _read(path)
            if path.name == name:
                self._own = entries
            else:
                self._others.update(entries)

    def key(self, source: str) -> str:
        """Return the manifest's key for an input path: relative to the output folder, with ``/``."""
        return Path(os.path.relpath(os.path.abspath(source), os.path.abspath(self.output_dir))).as_posix()

    def staleness(self, source: str, fingerprint: Fingerprint, outputs: Iterable[Path]) -> Staleness | None:
        """Say why the input's outputs are not current (missing, or stale), or return None when they are."""
        entry = self._own.get(self.key(source)) or self._others.get(self.key(source))
        if entry is None:
            return Staleness("missing", "never built here")
        changes = fingerprint.changes_from(entry.fingerprint)
        if changes:
            return Staleness("stale", "; ".join(changes))
        for path in outputs:
            if path.name not in entry.outputs:
                return Staleness("missing", f"{path} was not built with it")
            if not path.is_file():
                return Staleness("missing", f"{path} is missing")
        return None

    def lists(self, path: Path) -> bool:
        """Say whether some build recorded ``path`` (a file in the output folder) as one of its outputs."""
        if Path(os.path.abspath(path)).parent != Path(os.path.abspath(self.output_dir)):
            return False
        return any(path.name in entry.outputs for entries in (self._own, self._others) for entry in entries.values())

    def record(self, source: str, fingerprint: Fingerprint, outputs: Iterable[Path]) -> None:
        """Note that ``source`` was built into ``outputs`` with ``fingerprint``."""
        self._own[self.key(source)] = Entry(fingerprint, tuple(sorted(p.name for p in outputs)))
        self._changed = True

    def save(self) -> None:
        """Write this run's manifest, atomically, if anything was recorded since the last save."""
        from briefing.output import write_atomic

        if not self._changed:
            return
        data = {
            "format": _FORMAT,
            "documents": {
                key: {"fingerprint": asdict(entry.fingerprint), "outputs": list(entry.outputs)}
                for key, entry in sorted(self._own.items())
            },
        }
        write_atomic(self.path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
        self._changed = False


def _read(path: Path) -> dict[str, Entry]:
    """Read one manifest; a damaged or foreign one counts as empty (everything is rebuilt)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != _FORMAT:
            return {}
        return {
            key: Entry(Fingerprint(**value["fingerprint"]), tuple(value["outputs"]))
            for key, value in data["documents"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
