"""Write output files atomically: a reader sees the old file or the new one, never half of one.

Every OS error (a missing or read-only folder, a full disk) becomes one
BriefingError naming the path and the reason.
"""

from __future__ import annotations

import errno
import itertools
import os
import tempfile
from pathlib import Path
from typing import Sequence

from briefing.errors import BriefingError

__all__ = ["write_atomic", "write_unique"]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    tmp = _write_temporary(path, data)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise _cannot_write(path, exc) from exc
    except BaseException:
        _discard(tmp)
        raise


def write_unique(stem: Path, outputs: Sequence[tuple[str, bytes]]) -> tuple[Path, ...]:
    """Write each ``(suffix, data)`` as ``<stem><suffix>``, never replacing a file; return the paths written.

    If any of the names is taken, all take the first ``-2``, ``-3``… that is
    free for every one of them, so a brief's formats keep one stem. A name is
    claimed with a hard link, which fails rather than replaces, so two
    processes choosing at once never take the same name.
    """
    for number in itertools.count(1):
        name = stem.name if number == 1 else f"{stem.name}-{number}"
        paths = [stem.with_name(name + suffix) for suffix, _ in outputs]
        if any(os.path.lexists(path) for path in paths):
            continue
        claimed: list[Path] = []
        try:
            for path, (_, data) in zip(paths, outputs):
                _claim(path, data)
                claimed.append(path)
        except FileExistsError:
            for path in claimed:
                _discard(path)
            continue
        except BaseException:
            for path in claimed:
                _discard(path)
            raise
        return tuple(paths)
    raise AssertionError("unreachable")


def _claim(path: Path, data: bytes) -> None:
    """Create ``path`` holding ``data`` whole, or raise FileExistsError if it exists."""
    tmp = _write_temporary(path, data)
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise _cannot_write(path, exc) from exc
        _create_exclusive(path, data)  # a file system without hard links
    finally:
        _discard(tmp)


def _create_exclusive(path: Path, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        _discard(path)
        raise _cannot_write(path, exc) from exc
    except BaseException:
        _discard(path)
        raise


def _write_temporary(path: Path, data: bytes) -> str:
    """Write ``data`` to a synced temporary file beside ``path``; return its name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        _discard(tmp)
        raise _cannot_write(path, exc) from exc
    except BaseException:
        _discard(tmp)
        raise
    return tmp


def _cannot_write(path: Path, exc: OSError) -> BriefingError:
    """Return a BriefingError naming ``path`` and the reason for an OS error."""
    from briefing.errors import printable

    reason = exc.strerror or str(exc) or type(exc).__name__
    return BriefingError(f"{printable(path)}: cannot write: {reason}")


def _discard(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
