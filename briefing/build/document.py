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
from briefing.output import write_all_atomic, write_unique

if TYPE_CHECKING:
    from pathlib import Path

    from briefing.build.makers import BriefMaker
    from briefing.model import Brief
    from briefing.build.plan import Task
    from briefing.render import Renderer, RenderOptions

__all__ = ["BuildInterrupted", "Interrupts", "build_one", "unexpected", "write_outputs"]


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
        for renderer in renderers:
            rendered.append((renderer.suffix, renderer.render(brief, options=options)))
            mark = stage(renderer.name, mark)
        written = write_outputs(task, brief, rendered)
        interrupts.busy = False  # every output is written: the document is built, whatever comes now
        stages.append(("write", time.perf_counter() - mark))
        digests = tuple(hashlib.sha256(data).hexdigest() for _, data in rendered)  # what the cache records
        outcome = Outcome(task.source, written, status="built", digests=digests)
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


def write_outputs(task: Task, brief: Brief, rendered: list[tuple[str, bytes]]) -> tuple[Path, ...]:
    """Write a document's rendered formats where its task says; return the paths written."""
    from briefing.build.plan import STDOUT_PATH
    from briefing.naming import title_stem

    if task.title_stem is not None:  # standard input or a URL: named by its title, so it never replaces a file
        stem = task.title_stem.with_name(title_stem(brief.source.title, task.title_stem.name))
        return write_unique(stem, rendered)
    if task.outputs == (STDOUT_PATH,):
        ((_, data),) = rendered
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()
        return task.outputs
    write_all_atomic([(path, data) for path, (_, data) in zip(task.outputs, rendered)])  # every format or none
    return task.outputs


def unexpected(source: str, exc: BaseException) -> str:
    """Say that building ``source`` hit a bug (an exception that is not a BriefingError)."""
    return str(BriefingError(f"unexpected error: {type(exc).__name__}: {exc}", source=source))
