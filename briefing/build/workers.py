"""Run tasks in worker processes that may die: a dead worker is replaced and its task retried once.

Each worker builds one task at a time, handed to it over its own pipe, so
the parent always knows which task a worker holds. When a worker dies (the
OOM killer, ``kill -9``, a crash in a native library), its task is retried
in a fresh worker; a task that kills a second worker is given up, named,
and the others go on. Workers die with the parent (:mod:`briefing.build.lifeline`).

A stop request (the parent caught SIGINT or SIGTERM) sends SIGTERM to the
busy workers, which abandon their task and answer; the tasks not started
are handed back as such.
"""

from __future__ import annotations

import os
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterator, Sequence

__all__ = ["NOT_STARTED", "WorkerDied", "run_in_workers"]

#: The result of a task the batch was stopped before.
NOT_STARTED = object()

_POLL = 0.2
_STOP_GRACE = 10.0  # seconds a stopped worker has to answer before it is killed


@dataclass(frozen=True)
class WorkerDied:
    """The result of a task whose worker died while building it, ``attempts`` times."""

    reason: str  # "killed by SIGKILL", "exited with code 3"
    attempts: int
    stopping: bool = False  # it died while the batch was being stopped


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: int | None = None  # the index of the task it is building


@dataclass
class _Pool:
    context: Any
    setup: Callable[..., None]
    setup_args: tuple[Any, ...]
    work: Callable[[Any], Any]
    tasks: Sequence[Any]
    on_retry: Callable[[Any, str], None] | None = None  # told of a task being retried, and why
    workers: list[_Worker] = field(default_factory=list)

    def assign(self, worker: _Worker, index: int) -> None:
        worker.task = index
        worker.conn.send(self.tasks[index])

    def spawn(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_worker_main, daemon=True, name="briefing-worker",
                                       args=(theirs, os.getpid(), self.setup, self.setup_args, self.work))
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self.workers.append(worker)
        return worker

    def retire(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        worker.conn.close()
        worker.process.join(1)

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers.clear()


def run_in_workers(tasks: Sequence[Any], *, jobs: int, context: Any, setup: Callable[..., None],
                   setup_args: tuple[Any, ...], work: Callable[[Any], Any],
                   stop_requested: Callable[[], bool], on_retry: Callable[[Any, str], None] | None = None
                   ) -> Iterator[tuple[Any, Any]]:
    """Yield ``(task, result)`` for every task, in the order they finish.

    ``work(task)`` runs in a worker after ``setup(*setup_args)`` ran there
    once; both must be picklable where workers are spawned rather than
    forked. A result is what ``work`` returned, a :class:`WorkerDied`, or
    :data:`NOT_STARTED`. ``on_retry(task, reason)`` is told of each task
    retried after its worker died.
    """
    pool = _Pool(context, setup, setup_args, work, tasks, on_retry)
    pending: deque[int] = deque(range(len(tasks)))
    deaths: dict[int, int] = {}
    stopping_since: float | None = None
    try:
        for _ in range(min(jobs, len(tasks))):
            pool.spawn()
        while pending or any(w.task is not None for w in pool.workers):
            if stopping_since is None and stop_requested():
                stopping_since = time.monotonic()
                _stop(pool)
                while pending:
                    yield tasks[pending.popleft()], NOT_STARTED
                continue
            if stopping_since is not None and time.monotonic() - stopping_since > _STOP_GRACE:
                for worker in pool.workers:
                    worker.process.kill()  # did not answer the stop: its task is reported as not built
            _dispatch(pool, pending)
            for index, result in _collect(pool, pending, deaths, stopping=stopping_since is not None):
                yield tasks[index], result
    finally:
        pool.close()


def _dispatch(pool: _Pool, pending: deque[int]) -> None:
    """Give each idle worker a task."""
    for worker in pool.workers:
        if worker.task is None and pending:
            pool.assign(worker, pending.popleft())


def _collect(pool: _Pool, pending: deque[int], deaths: dict[int, int], *, stopping: bool
             ) -> Iterator[tuple[int, Any]]:
    """Wait a moment for results and deaths; yield the results; replace the dead workers."""
    waiting = [w.conn for w in pool.workers if w.task is not None] + [w.process.sentinel for w in pool.workers]
    ready = set(wait(waiting, timeout=_POLL)) if waiting else set()
    for worker in list(pool.workers):
        if worker.task is not None and worker.conn in ready:
            try:
                result = worker.conn.recv()
            except (EOFError, OSError):
                result = None  # it died mid-answer: its sentinel says so below
            else:
                index, worker.task = worker.task, None
                yield index, result
                continue
        if worker.process.sentinel in ready or not worker.process.is_alive():
            yield from _bury(pool, worker, pending, deaths, stopping=stopping)


def _bury(pool: _Pool, worker: _Worker, pending: deque[int], deaths: dict[int, int], *, stopping: bool
          ) -> Iterator[tuple[int, Any]]:
    """Handle a dead worker: retry its task once in a fresh worker, or give the task up."""
    worker.process.join(1)
    reason = _cause(worker.process.exitcode)
    task = worker.task
    pool.retire(worker)
    if task is None:
        if pending and not stopping:
            pool.spawn()
        return
    deaths[task] = deaths.get(task, 0) + 1
    if stopping or deaths[task] >= 2:
        yield task, WorkerDied(reason, deaths[task], stopping)
        if pending and not stopping:
            pool.spawn()
        return
    if pool.on_retry is not None:
        pool.on_retry(pool.tasks[task], reason)
    pool.assign(pool.spawn(), task)  # a fresh worker: the old one may have died of what it had built before


def _stop(pool: _Pool) -> None:
    """Ask the busy workers to abandon their task (SIGTERM, which they turn into an answer)."""
    for worker in pool.workers:
        if worker.task is not None and worker.process.is_alive():
            try:
                os.kill(worker.process.pid, signal.SIGTERM)
            except OSError:
                pass


def _cause(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory? the OOM killer sends it)" if name == "SIGKILL" else ""
        return f"killed by {name}{hint}"
    return f"exited with code {exitcode}"


def _worker_main(conn: Connection, parent_pid: int, setup: Callable[..., None], setup_args: tuple[Any, ...],
                 work: Callable[[Any], Any]) -> None:
    """Serve tasks from the parent until it sends None or goes away."""
    from briefing.build.lifeline import die_with_parent

    die_with_parent(parent_pid)
    setup(*setup_args)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(work(task))
