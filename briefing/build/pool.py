"""Run a batch's documents: one after another in this process, or in a pool of worker processes.

Every worker (and this process, for ``jobs=1``) is a :class:`Worker`: it
loads the renderers and lets the brief maker and each renderer prepare once
(a model, a layout engine), then builds the documents it is handed.
"""

from __future__ import annotations

import signal
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar

from briefing.build.document import Interrupts, build_one
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
    def start(cls, settings: BuildSettings) -> None:
        """Initialise a pool's worker process: let the parent decide about Ctrl-C, prepare once."""
        from briefing.render import get_renderer

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the batch and tells the workers
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
    """Build the documents in ``jobs`` worker processes; return the signal that stopped them, if any.

    A worker that dies is replaced and its document retried once in a fresh
    worker; a document that kills two workers fails, named. Workers die with
    this process (:mod:`briefing.build.workers`).
    """
    import warnings

    from briefing.build.workers import run_in_workers

    interrupts = Interrupts(raise_while_busy=False).install([signal.SIGINT, signal.SIGTERM])
    fingerprints = {task.index: fingerprint for task, fingerprint in todo}
    try:
        with warnings.catch_warnings():  # Python 3.12+ warns about fork() in a process with threads
            warnings.simplefilter("ignore", DeprecationWarning)
            results = run_in_workers([task for task, _ in todo], jobs=jobs, context=_pool_context(),
                                     setup=Worker.start, setup_args=(settings,), work=_run_in_worker,
                                     stop_requested=lambda: interrupts.signum is not None, on_retry=_retrying)
            for task, result in results:
                finished(task, fingerprints[task.index], _outcome(task, result))
    finally:
        interrupts.restore()
    return interrupts.signum


def _retrying(task: Task, reason: str) -> None:
    """Say that a document's worker died and it is being built again (the OOM killer is worth knowing about)."""
    import warnings

    from briefing.errors import BriefingWarning, printable

    warnings.warn(BriefingWarning(f"{printable(task.source)}: the worker building it died ({reason}); "
                                  "building it again in a fresh worker"), stacklevel=2)


def _outcome(task: Task, result: Any) -> Outcome:
    """Return the outcome a worker sent back, or say what became of a task whose worker died or never began it."""
    from briefing.build.workers import NOT_STARTED, WorkerDied

    if result is NOT_STARTED or (isinstance(result, WorkerDied) and result.stopping):
        return Outcome(task.source, status="interrupted")
    if isinstance(result, WorkerDied):
        died = f"the worker building it died {result.attempts} times ({result.reason}); the other documents went on"
        return Outcome(task.source, status="failed", error=str(BriefingError(died, source=task.source)))
    return result


def _pool_context() -> Any:
    """Fork workers on Linux (they start at once, with what this process has loaded); else the default."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
