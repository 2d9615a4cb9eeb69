"""Run a batch's documents: one after another in this process, or in a pool of worker processes.

Every worker (and this process, for ``jobs=1``) is a :class:`Worker`: it
loads the renderers and lets the brief maker and each renderer prepare once
(a model, a layout engine), then builds the documents it is handed.
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar

from briefing.build.document import Interrupts, build_one, unexpected
from briefing.build.report import Outcome
from briefing.errors import BriefingError

if TYPE_CHECKING:
    from briefing.build.cache import Fingerprint
    from briefing.build.plan import Task
    from briefing.build.settings import BuildSettings
    from briefing.render import Renderer

__all__ = ["Finished", "Worker", "run_here", "run_in_pool"]

Finished = Callable[["Task", "Fingerprint | None", Outcome], None]


@dataclass
class Worker:
    """What one process loaded once and uses for every document it builds."""

    settings: BuildSettings
    renderers: list[Renderer]
    interrupts: Interrupts

    #: This process's worker, in a pool's worker process (set by :meth:`start`).
    current: ClassVar[Worker | None] = None

    def prepare(self) -> None:
        """Let the brief maker and each renderer load what every document needs, before the first one."""
        from briefing.render import prepare

        self.settings.maker.prepare()
        try:
            prepare(self.renderers)
        except BriefingError:
            pass  # every document will then fail with this error, and say so

    def build(self, task: Task) -> Outcome:
        return build_one(task, self.settings.maker, self.renderers, self.settings.render, self.interrupts)

    @classmethod
    def start(cls, settings: BuildSettings, pids: Any) -> None:
        """Initialise a pool's worker process: tell the parent its pid, let the parent decide about Ctrl-C."""
        from briefing.render import get_renderer

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the batch and tells the workers
        pids.put(os.getpid())
        interrupts = Interrupts(raise_while_busy=True).install([signal.SIGTERM])
        cls.current = cls(settings, [get_renderer(name) for name in settings.formats], interrupts)
        cls.current.prepare()


def _run_in_worker(task: Task) -> Outcome:
    assert Worker.current is not None, "Worker.start runs first in every worker process"
    return Worker.current.build(task)


def run_here(todo: list[tuple[Task, Fingerprint | None]], settings: BuildSettings, renderers: list[Renderer],
             jobs: int, finished: Finished) -> int | None:
    """Build the documents one after another in this process; return the signal that stopped them, if any."""
    if not todo:
        return None
    interrupts = Interrupts(raise_while_busy=True).install([signal.SIGINT, signal.SIGTERM])
    try:
        worker = Worker(settings, renderers, interrupts)
        worker.prepare()  # as a pool's worker does: the first document's time is its own
        for task, fingerprint in todo:
            finished(task, fingerprint, worker.build(task))
    finally:
        interrupts.restore()
    return interrupts.signum


def run_in_pool(todo: list[tuple[Task, Fingerprint | None]], settings: BuildSettings, renderers: list[Renderer],
                jobs: int, finished: Finished) -> int | None:
    """Build the documents in ``jobs`` worker processes; return the signal that stopped them, if any."""
    import warnings
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = _pool_context()
    workers = _WorkerPids(context)
    interrupts = Interrupts(raise_while_busy=False).install([signal.SIGINT, signal.SIGTERM])
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=Worker.start,
                                   initargs=(settings, workers.queue))
    futures = {}
    try:
        with warnings.catch_warnings():  # Python 3.12+ warns about fork() in a process with threads
            warnings.simplefilter("ignore", DeprecationWarning)
            for task, fingerprint in todo:
                futures[executor.submit(_run_in_worker, task)] = (task, fingerprint)
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: futures[f][0].index):
                task, fingerprint = futures[future]
                finished(task, fingerprint, _outcome(future, task, interrupts))
            if interrupts.signum is not None:
                for future in pending:
                    future.cancel()
                workers.stop()  # again on every turn: a worker may start after the first
            pending = {f for f in pending if not f.cancelled()}
        for future, (task, fingerprint) in futures.items():
            if future.cancelled():
                finished(task, fingerprint, Outcome(task.source, status="interrupted"))
    finally:
        executor.shutdown(wait=True, cancel_futures=interrupts.signum is not None)
        interrupts.restore()
    return interrupts.signum


def _outcome(future: Any, task: Task, interrupts: Interrupts) -> Outcome:
    """Return the outcome a worker sent back, or say how the worker failed."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool as exc:
        died = str(BriefingError(f"a worker died ({exc})", source=task.source))
        return Outcome(task.source, status="interrupted" if interrupts.signum else "failed",
                       error=None if interrupts.signum else died)
    except BaseException as exc:  # noqa: BLE001 - a worker's unexpected error fails its document only
        return Outcome(task.source, status="failed", error=unexpected(task.source, exc))


def _pool_context() -> Any:
    """Fork workers on Linux (they start at once, with what this process has loaded); else the default."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class _WorkerPids:
    """The pids of the pool's workers, which each sends as it starts, so a stop can reach them."""

    def __init__(self, context: Any) -> None:
        self.queue = context.SimpleQueue()
        self._pids: set[int] = set()
        self._stopped: set[int] = set()

    def stop(self) -> None:
        """Ask every worker to abandon its document: SIGTERM, which a worker turns into BuildInterrupted."""
        while not self.queue.empty():
            self._pids.add(self.queue.get())
        for pid in self._pids - self._stopped:
            self._stopped.add(pid)
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:  # it has ended already
                pass
