"""Make a worker process die with its parent, on every platform, within about a second.

A worker whose parent is killed (``kill -9``, the OOM killer, a cancelled
CI job) must not go on building documents nobody will collect, nor hold the
parent's standard output open so that ``briefing build … | cat`` never
returns. Two watches, both cheap:

- on Linux, ``PR_SET_PDEATHSIG`` asks the kernel to send SIGKILL the moment
  the parent goes;
- everywhere, a daemon thread checks once every ``interval`` seconds that
  the parent still runs (on POSIX: that this process has not been handed to
  another parent; on Windows: that the parent's process handle is not
  signalled), and ends the process at once when it does not.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from typing import Callable

__all__ = ["die_with_parent"]

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int, *, interval: float = 0.5) -> None:
    """Arrange for this process to end as soon as ``parent_pid`` does (call it first thing in a worker)."""
    alive = _watcher(parent_pid)
    if sys.platform.startswith("linux"):
        _ask_the_kernel()
    if not alive():  # the parent died before the watch began
        os._exit(1)
    thread = threading.Thread(target=_watch, args=(alive, interval), name="briefing-lifeline", daemon=True)
    thread.start()


def _watch(alive: Callable[[], bool], interval: float) -> None:
    while alive():
        time.sleep(interval)
    os._exit(1)  # no cleanup: the parent that would collect our work is gone


def _watcher(parent_pid: int) -> Callable[[], bool]:
    """Return a check that says whether the parent still runs."""
    if sys.platform == "win32":
        return _windows_watcher(parent_pid)
    return lambda: os.getppid() == parent_pid  # an orphan is handed to init or a subreaper


def _ask_the_kernel() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the thread's watch still holds


def _windows_watcher(parent_pid: int) -> Callable[[], bool]:  # pragma: no cover - Windows only
    import ctypes

    synchronize, wait_object_0 = 0x00100000, 0
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(synchronize, False, parent_pid)
    if not handle:
        return lambda: False
    return lambda: kernel32.WaitForSingleObject(handle, 0) != wait_object_0
