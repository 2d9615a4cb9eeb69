"""Write output files atomically: a reader sees the old file or the new one, never half of one.

The temporary file is ``.briefing-<pid>-<random>.part`` in the target's
folder: short, whatever the target's name (a name near the file-name limit
still fits), and naming the process that writes it, so a later build can
tell the part a killed process left behind (its process is gone) from one a
running build is writing, and remove only the first.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from briefing.errors import BriefingError

__all__ = ["remove_stale_parts", "write_all_atomic", "write_atomic", "writable_folder"]

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
