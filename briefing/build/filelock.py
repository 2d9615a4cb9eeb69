"""Serialise writers of one file across processes with a lock file beside it, waiting a bounded time.

The lock is the operating system's (``flock`` on POSIX, ``msvcrt.locking``
on Windows), held on an open lock file: a process that dies releases it, so
a lock file left on disk never blocks anyone. The file itself stays (removing
it would let two writers lock two different files).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import IO

from briefing.errors import BriefingError

__all__ = ["LockTimeout", "locked"]

DEFAULT_WAIT = 60.0


class LockTimeout(BriefingError):
    """Another process held the lock for longer than we wait."""


class locked:
    """Hold the lock file ``path`` for the ``with`` block, waiting up to ``wait`` seconds for it."""

    def __init__(self, path: Path, *, wait: float = DEFAULT_WAIT, what: str = "") -> None:
        self.path = Path(path)
        self.wait = wait
        self.what = what or f"{self.path.parent}"
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> locked:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")
        deadline = time.monotonic() + self.wait
        pause = 0.01
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                handle.close()
                raise LockTimeout(
                    f"{self.path}: another build has held this lock for over {self.wait:g} seconds while writing "
                    f"to {self.what}; wait for it to finish, or build into another folder")
            time.sleep(pause)
            pause = min(pause * 2, 0.2)
        self._handle = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None


if sys.platform == "win32":  # pragma: no cover - Windows only
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
