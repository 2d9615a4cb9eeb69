"""Remember what each brief was built from, so an unchanged document is not built again.

Freshness is recorded per output: an output is current when the hash of
its input's bytes, of the options that shape it, of the templates' contents
and briefing's version all match what was recorded when it was written, and
the file still holds the bytes written then (its SHA-256 is recorded too, so
a file another build or a person wrote over is never called current).
Building ``-f md`` then ``-f pdf`` keeps both records.

The record is a small JSON manifest in the output folder
(``.briefing-cache.json``; a shard writes its own), keyed by the input's
path relative to that folder, so a manifest committed with the briefs holds
on any machine that checks out the same tree. Builds that share a folder
take turns on it: a lock file beside it (``.briefing-cache.json.lock``)
serialises a read-merge-write of the entries, so none is lost. A damaged
manifest is reported in one warning and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping

from briefing.errors import CacheWarning

__all__ = ["MANIFEST", "Fingerprint", "Manifest", "Orphan", "Staleness", "sha256_file", "sha256_json",
           "sha256_tree"]

MANIFEST = ".briefing-cache.json"
_GLOB = ".briefing-cache*.json"
_FORMAT = 2
_LOCK_SUFFIX = ".lock"


def sha256_file(path: Path, *, max_bytes: int | None = None) -> str:
    """Return the SHA-256 of a regular file's bytes.

    A special file (a FIFO, ``/dev/zero``) or one over ``max_bytes`` raises
    InputError before a byte is read.
    """
    from briefing.ingest.files import open_regular

    digest = hashlib.sha256()
    with open_regular(path, max_bytes=max_bytes if max_bytes is not None else 2**63) as handle:
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
class Written:
    """One output as it was written: what it was built from, and the SHA-256 of its bytes."""

    fingerprint: Fingerprint
    sha256: str


@dataclass(frozen=True)
class Orphan:
    """Outputs recorded for an input that no longer exists (renamed or deleted)."""

    input: str  # the manifest's key: the input's path relative to the output folder
    outputs: tuple[Path, ...]


@dataclass
class _Entries:
    """The records of one manifest file: input key -> output name -> Written."""

    documents: dict[str, dict[str, Written]] = field(default_factory=dict)

    def outputs_of(self, key: str) -> dict[str, Written]:
        return self.documents.get(key, {})


class Manifest:
    """The records of one output folder: read from every manifest there, written to this run's own."""

    def __init__(self, output_dir: Path, name: str = MANIFEST) -> None:
        self.output_dir = Path(output_dir)
        self.path = self.output_dir / name
        self.lock_path = self.output_dir / (name + _LOCK_SUFFIX)
        self._own = _Entries()
        self._others = _Entries()
        self._recorded: dict[str, dict[str, Written]] = {}  # since the last save
        self._forgotten: set[str] = set()
        for path in sorted(self.output_dir.glob(_GLOB)):
            entries = _read(path, warn=True)
            if path.name == name:
                self._own = entries
            else:
                self._others.documents.update(entries.documents)

    def key(self, source: str) -> str:
        """Return the manifest's key for an input path: relative to the output folder, with ``/``."""
        return Path(os.path.relpath(os.path.abspath(source), os.path.abspath(self.output_dir))).as_posix()

    def _written(self, key: str, name: str) -> Written | None:
        return self._own.outputs_of(key).get(name) or self._others.outputs_of(key).get(name)

    def staleness(self, source: str, fingerprint: Fingerprint, outputs: Iterable[Path]) -> Staleness | None:
        """Say why the input's outputs are not current (missing, or stale), or return None when they are."""
        key = self.key(source)
        if not self._own.outputs_of(key) and not self._others.outputs_of(key):
            return Staleness("missing", "never built here")
        for path in outputs:
            written = self._written(key, path.name)
            if written is None:
                return Staleness("missing", f"{path} was never built here")
            changes = fingerprint.changes_from(written.fingerprint)
            if changes:
                return Staleness("stale", "; ".join(changes))
            if not path.is_file():
                return Staleness("missing", f"{path} is missing")
            try:
                digest = sha256_file(path)
            except OSError:
                return Staleness("missing", f"{path} cannot be read")
            if digest != written.sha256:
                return Staleness("stale", f"{path} was changed since it was built (by another build, or by hand)")
        return None

    def lists(self, path: Path) -> bool:
        """Say whether some build recorded ``path`` (a file in the output folder) as one of its outputs."""
        if Path(os.path.abspath(path)).parent != Path(os.path.abspath(self.output_dir)):
            return False
        return any(path.name in outputs for entries in (self._own, self._others)
                   for outputs in entries.documents.values())

    def record(self, source: str, fingerprint: Fingerprint, outputs: Mapping[Path, str]) -> None:
        """Note that ``source`` was built into ``outputs`` (each path with its bytes' SHA-256) with ``fingerprint``."""
        key = self.key(source)
        written = {path.name: Written(fingerprint, digest) for path, digest in outputs.items()}
        self._own.documents.setdefault(key, {}).update(written)
        self._recorded.setdefault(key, {}).update(written)
        self._forgotten.discard(key)

    def orphans(self) -> list[Orphan]:
        """Return the recorded inputs that no longer exist, with their outputs, in key order."""
        found = []
        for entries in (self._own, self._others):
            for key, outputs in sorted(entries.documents.items()):
                if not os.path.exists(self.output_dir / key):
                    found.append(Orphan(key, tuple(self.output_dir / name for name in sorted(outputs))))
        return found

    def prune(self) -> list[Path]:
        """Remove the outputs this run's manifest recorded for inputs that no longer exist; return them.

        Only files the manifest names, inside the output folder, are removed;
        the entries go from the manifest, which is saved.
        """
        removed: list[Path] = []
        with self._lock():
            self._own = _read(self.path, warn=False)
            for key, outputs in sorted(self._own.documents.items()):
                if os.path.exists(self.output_dir / key):
                    continue
                for name in sorted(outputs):
                    path = self.output_dir / name
                    if path.parent == self.output_dir and os.path.isfile(path) and not os.path.islink(path):
                        os.unlink(path)
                        removed.append(path)
                self._forgotten.add(key)
            self._write_merged()
        return removed

    def save(self) -> None:
        """Merge what this run recorded into the manifest on disk, under its lock, and write it atomically."""
        if not self._recorded and not self._forgotten:
            return
        with self._lock():
            self._own = _read(self.path, warn=False)
            self._write_merged()

    def _lock(self):
        from briefing.build.filelock import locked

        return locked(self.lock_path, what=str(self.output_dir))

    def _write_merged(self) -> None:
        """Write the entries on disk (in ``self._own``) with this run's records over them; hold the lock."""
        from briefing.output import write_atomic

        for key in self._forgotten:
            self._own.documents.pop(key, None)
        for key, written in self._recorded.items():
            self._own.documents.setdefault(key, {}).update(written)
        data = {
            "format": _FORMAT,
            "documents": {
                key: {name: {"fingerprint": _fingerprint_dict(w.fingerprint), "sha256": w.sha256}
                      for name, w in sorted(outputs.items())}
                for key, outputs in sorted(self._own.documents.items())
            },
        }
        write_atomic(self.path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
        self._recorded.clear()
        self._forgotten.clear()


def _fingerprint_dict(fingerprint: Fingerprint) -> dict[str, str]:
    return {"input": fingerprint.input, "options": fingerprint.options, "templates": fingerprint.templates,
            "version": fingerprint.version}


class _Damaged(ValueError):
    """A manifest that is not what briefing writes."""


def _read(path: Path, *, warn: bool) -> _Entries:
    """Read one manifest; a damaged one is reported once (if ``warn``) and counts as empty, so it is rebuilt."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _Entries()
    except (OSError, UnicodeDecodeError) as exc:
        return _damaged(path, f"cannot be read: {exc}", warn)
    try:
        data = json.loads(text)
    except RecursionError:
        return _damaged(path, "nested too deeply", warn)
    except ValueError as exc:
        return _damaged(path, f"not valid JSON: {exc}", warn)
    try:
        return _entries(data)
    except _Damaged as exc:
        return _damaged(path, str(exc), warn)


def _damaged(path: Path, why: str, warn: bool) -> _Entries:
    if warn:
        warnings.warn(CacheWarning(f"{path}: the build cache is damaged ({why}); rebuilding what it recorded"),
                      stacklevel=4)
    return _Entries()


def _entries(data: Any) -> _Entries:
    """Check a manifest's structure and return its entries; an older format counts as empty."""
    if not isinstance(data, dict) or not isinstance(data.get("format"), int):
        raise _Damaged("no format number")
    if data["format"] != _FORMAT:
        return _Entries()  # written by another version of briefing: rebuilt, nothing wrong with it
    documents = data.get("documents")
    if not isinstance(documents, dict):
        raise _Damaged("'documents' is not a table")
    entries = _Entries()
    for key, outputs in documents.items():
        if not isinstance(outputs, dict):
            raise _Damaged(f"the entry for {key!r} is not a table")
        entries.documents[key] = {name: _written(key, name, value) for name, value in outputs.items()}
    return entries


def _written(key: str, name: str, value: Any) -> Written:
    fingerprint = value.get("fingerprint") if isinstance(value, dict) else None
    parts = ("input", "options", "templates", "version")
    if (not isinstance(fingerprint, dict) or not isinstance(value.get("sha256"), str)
            or not all(isinstance(fingerprint.get(part), str) for part in parts)):
        raise _Damaged(f"the record of {name!r} for {key!r} is not what briefing writes")
    return Written(Fingerprint(*(fingerprint[part] for part in parts)), value["sha256"])
