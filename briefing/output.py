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

__all__ = ["remove_stale_parts", "write_atomic"]

_PART = re.compile(r"^\.briefing-(\d+)-[A-Za-z0-9_]+\.part$")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".briefing-{os.getpid()}-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise BriefingError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise


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
