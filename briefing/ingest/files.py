"""Open input files safely: only regular files, only up to the size limit, checked before reading a byte.

A named pipe, a device (``/dev/zero``), a socket, or a symbolic link to one
would block or never end when read; a sparse file can claim gigabytes. Each
is refused by its kind and size, which come from the file system, not from
reading it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from briefing.errors import InputError

__all__ = ["open_regular", "special_kind"]

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def special_kind(mode: int) -> str | None:
    """Name what a file of ``mode`` is when it is not a regular file ("a named pipe (FIFO)"), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def refusal(path: str | Path, mode: int) -> str | None:
    """Return why ``path`` cannot be a document because of its kind, or None for a regular file."""
    kind = special_kind(mode)
    if kind is None:
        return None
    if kind == "a directory":
        return "is a directory, not a document"
    return f"is {kind}, not a regular file; refused (it could block or never end when read)"


def open_regular(path: str | Path, *, max_bytes: int) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file of at most ``max_bytes`` bytes.

    Raises InputError (without the path: the caller names the input) for a
    special file or one over the limit, and OSError when it cannot be opened.
    The kind is checked before opening (opening a device can have effects)
    and again on the opened file, which is opened without blocking.
    """
    problem = refusal(path, os.stat(path).st_mode)
    if problem is not None:
        raise InputError(problem)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        problem = refusal(path, info.st_mode)  # swapped for something else between the two looks
        if problem is not None:
            raise InputError(problem)
        if info.st_size > max_bytes:
            raise InputError(f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,} bytes (see --max-bytes)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
