"""Write output files atomically: a reader sees the old file or the new one, never half of one.

The temporary file is ``.briefing-<pid>-<random>.part`` in the target's
folder: short, whatever the target's name (a name near the file-name limit
still fits), and naming the process that writes it, so a later build can
tell the part a killed process left behind (its process is gone) from one a
running build is writing, and remove only the first.

Every OS error (a missing or read-only folder, a full disk) becomes one
BriefingError naming the path and the reason.
"""

from __future__ import annotations

import errno
import itertools
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from briefing.errors import BriefingError

__all__ = ["remove_stale_parts", "write_all_atomic", "write_atomic", "write_unique", "writable_folder"]

_PART = re.compile(r"^\.briefing-(\d+)-[A-Za-z0-9_]+\.part$")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    write_all_atomic([(path, data)])


def write_all_atomic(files: list[tuple[Path, bytes]]) -> None:
    """Write every file or none: all to temporary files first, then each renamed into place.

    A full disk or any other failure while writing leaves every target as it
    was (one document's Markdown is not left new beside its old PDF) and no
    temporary file behind.
    """
    parts: list[tuple[str, Path]] = []
    current = files[0][0] if files else Path(".")
    try:
        for path, data in files:
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".briefing-{os.getpid()}-", suffix=".part", dir=path.parent)
            parts.append((tmp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
        while parts:
            tmp, current = parts[0]
            os.replace(tmp, current)
            parts.pop(0)
    except BaseException as exc:
        for tmp, _ in parts:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        if isinstance(exc, OSError):
            raise BriefingError(f"{current}: cannot write: {exc.strerror or exc}") from exc
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
            _discard_all(claimed)
            continue
        except BaseException:
            _discard_all(claimed)
            raise
        return tuple(paths)
    raise AssertionError("unreachable")


def _claim(path: Path, data: bytes) -> None:
    """Create ``path`` holding ``data`` whole, or raise FileExistsError if it exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".briefing-{os.getpid()}-", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise BriefingError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            _create_exclusive(path, data)  # a file system without hard links
    except FileExistsError:
        raise
    except OSError as exc:
        raise BriefingError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    finally:
        _discard_all([Path(tmp)])


def _create_exclusive(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        _discard_all([path])
        raise


def _discard_all(paths: Sequence[Path]) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except OSError:
            pass


def writable_folder(folder: Path) -> str | None:
    """Say why files cannot be written in ``folder`` (creating it if need be), or return None if they can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".briefing-{os.getpid()}-", suffix=".part", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def remove_stale_parts(folder: Path) -> list[Path]:
    """Remove the temporary files of our own naming whose writing process is gone; return them.

    Only files named as :func:`write_atomic` names them are considered, and
    only those whose process no longer runs: a part a running build is
    writing stays.
    """
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _PART.match(name)
        if match is None or _running(int(match.group(1))):
            continue
        try:
            os.unlink(folder / name)
            removed.append(folder / name)
        except OSError:
            pass
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid() or sys.platform == "win32":  # Windows' os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's process, or cannot tell: leave its part alone
    return True
