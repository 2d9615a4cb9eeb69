"""Build one document: read and summarise it, render every format, write every output; and stop on a signal."""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Iterable

from briefing.build.report import Outcome
from briefing.errors import BriefingError
from briefing.output import write_all_atomic

if TYPE_CHECKING:
    from briefing.build.makers import BriefMaker
    from briefing.build.plan import Task
    from briefing.render import Renderer, RenderOptions

__all__ = ["BuildInterrupted", "Interrupts", "build_one", "unexpected"]


class BuildInterrupted(BaseException):
    """A signal asked the batch to stop while this document was being built."""


class Interrupts:
    """Turn SIGINT and SIGTERM into a stop: raise while a document is being built, else just note it."""

    def __init__(self, *, raise_while_busy: bool) -> None:
        self.signum: int | None = None
        self.busy = False
        self.raise_while_busy = raise_while_busy
        self._previous: dict[int, Any] = {}
        self._hook = sys.unraisablehook

    def handle(self, signum: int, frame: Any) -> None:
        self.signum = self.signum or signum
        if self.busy and self.raise_while_busy:
            self.busy = False
            raise BuildInterrupted(signum)

    def install(self, signals: Iterable[int]) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            for signum in signals:
                self._previous[signum] = signal.signal(signum, self.handle)
            self._hook = sys.unraisablehook
            sys.unraisablehook = self._unraisable
        return self

    def _unraisable(self, unraisable: Any) -> None:
        # A signal that lands in a finaliser (__del__) raises there, where Python only reports it;
        # the document then stops at its next stage instead (see build_one), so say nothing.
        if not isinstance(unraisable.exc_value, BuildInterrupted):
            self._hook(unraisable)

    def restore(self) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        if self._previous:
            sys.unraisablehook = self._hook
        self._previous.clear()


def _peak_rss() -> int | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def build_one(task: Task, maker: BriefMaker, renderers: list[Renderer], options: RenderOptions,
               interrupts: Interrupts) -> Outcome:
    """Read, summarise, render every format and write every output of one document."""
    if interrupts.signum is not None:
        return Outcome(task.source, status="interrupted", worker=os.getpid())
    started, cpu_started = time.perf_counter(), time.process_time()
    stages: list[tuple[str, float]] = []

    def stage(name: str, since: float) -> float:
        now = time.perf_counter()
        stages.append((name, now - since))
        if interrupts.signum is not None:  # in case the signal's exception was swallowed on the way
            raise BuildInterrupted(interrupts.signum)
        return now

    interrupts.busy = True
    try:
        brief = maker(task.source, task.data)
        mark = stage("brief", started)
        rendered = []
        for path, renderer in zip(task.outputs, renderers):
            rendered.append((path, renderer.render(brief, options=options)))
            mark = stage(renderer.name, mark)
        write_all_atomic(rendered)  # every format or none: a full disk leaves no one format new
        interrupts.busy = False  # every output is written: the document is built, whatever comes now
        stages.append(("write", time.perf_counter() - mark))
        digests = tuple(hashlib.sha256(data).hexdigest() for _, data in rendered)  # what the cache records
        outcome = Outcome(task.source, task.outputs, status="built", digests=digests)
    except BriefingError as exc:  # a renderer's error too: every line names the input
        outcome = Outcome(task.source, error=str(exc.about(task.source)), status="failed")
    except BuildInterrupted:
        outcome = Outcome(task.source, status="interrupted")
    except Exception as exc:  # a bug, not a bad input: this document fails, the batch goes on
        import traceback

        outcome = Outcome(task.source, error=unexpected(task.source, exc), status="failed",
                          traceback=traceback.format_exc())
    finally:
        interrupts.busy = False
    account = maker.report() if outcome.status != "interrupted" else None
    warning = account.get("warning") if account and outcome.status == "built" else None
    return replace(outcome, seconds=time.perf_counter() - started, cpu_seconds=time.process_time() - cpu_started,
                   stages=tuple(stages), worker=os.getpid(), peak_rss=_peak_rss(), summariser=account,
                   warning=warning)


def unexpected(source: str, exc: BaseException) -> str:
    """Say that building ``source`` hit a bug (an exception that is not a BriefingError)."""
    return str(BriefingError(f"unexpected error: {type(exc).__name__}: {exc}", source=source))
