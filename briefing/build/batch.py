"""Run a batch: plan it, skip what is current, build the rest, and report every input's outcome in input order."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from briefing.build.fingerprints import Fingerprints, manifest_for, why_uncacheable
from briefing.build.plan import Task, plan, read_stdin, refuse_clashes, renderers_for
from briefing.build.pool import run_here, run_in_pool
from briefing.build.report import BuildReport, Observer, Outcome, Status
from briefing.build.settings import BuildSettings
from briefing.errors import BriefingError, ConfigError, InputError
from briefing.ingest import STDIN
from briefing.ingest.url import is_url
from briefing.inputs import Source
from briefing.output import remove_stale_parts

if TYPE_CHECKING:
    from briefing.build.cache import Fingerprint, Manifest

__all__ = ["build", "check"]


def build(
    inputs: Sequence[str],
    settings: BuildSettings | None = None,
    *,
    observer: Observer | None = None,
) -> BuildReport:
    """Build every input in every format; a failed input is reported and the rest go on.

    Raises UnknownFormatError or RenderError before any work for an unknown
    format or an unusable option.
    """
    settings = settings or BuildSettings()
    started = time.perf_counter()
    renderers = renderers_for(settings)
    planned = plan(inputs, settings, renderers)
    manifest = manifest_for(settings) if settings.cache else None
    refuse_clashes(inputs, planned, settings, manifest)
    fingerprints = Fingerprints(settings) if settings.cache else None

    results: dict[int, Outcome] = {}
    todo: list[tuple[Task, Fingerprint | None]] = []
    for index, item in enumerate(planned):
        if isinstance(item, Source):
            results[index] = Outcome(item.name, error=str(InputError(item.problem, source=item.name)),
                                     status="failed")
            continue
        try:
            fingerprint = fingerprints.of(item.source) if fingerprints else None
        except InputError as exc:  # refused by its kind or size: no need to build it to know
            results[index] = Outcome(item.source, error=str(exc.about(item.source)), status="failed")
            continue
        if manifest is not None and fingerprint is not None and not settings.force:
            if manifest.staleness(item.source, fingerprint, item.outputs) is None:
                results[index] = Outcome(item.source, item.outputs, status="cached")
                continue
        if item.source == STDIN:
            item = replace(item, data=read_stdin(settings))
        todo.append((item, fingerprint))

    if todo or settings.prune:
        _check_writable(settings)
        remove_stale_parts(settings.output_dir)  # what a killed worker left
    jobs = max(1, min(settings.jobs, len(todo)))
    report = BuildReport(jobs=jobs, shard=settings.shard)
    emitter = _InOrder(len(planned), observer)
    if observer is not None:
        observer.planned(len(planned), len(todo))
    for index, outcome in sorted(results.items()):
        emitter.add(index, outcome)

    saver = _Saver(manifest)

    def finished(task: Task, fingerprint: Fingerprint | None, outcome: Outcome) -> None:
        # a brief built with a warning (a stand-in summariser) is not recorded: the next build tries again
        if outcome.status == "built" and outcome.warning is None and manifest is not None and fingerprint is not None:
            manifest.record(task.source, fingerprint, dict(zip(task.outputs, outcome.digests)))
            saver.maybe_save(report)
        emitter.add(task.index, outcome)

    try:
        run = run_here if jobs == 1 else run_in_pool
        report.interrupted = run(todo, settings, renderers, jobs, finished)
    finally:
        saver.save(report)
    if settings.prune and manifest is not None and report.interrupted is None:
        try:
            report.pruned = manifest.prune()
        except (BriefingError, OSError) as exc:
            report.problems.append(f"cannot prune: {exc}")
    report.outcomes = emitter.outcomes()
    report.seconds = time.perf_counter() - started
    return report


def check(inputs: Sequence[str], settings: BuildSettings | None = None) -> BuildReport:
    """Say, building nothing, which inputs' outputs are current, stale or missing."""
    settings = settings or BuildSettings()
    started = time.perf_counter()
    renderers = renderers_for(settings)
    manifest = manifest_for(settings)
    fingerprints = Fingerprints(settings)
    report = BuildReport(shard=settings.shard, check=True, jobs=0)
    for item in plan(inputs, settings, renderers):
        if isinstance(item, Source):
            report.outcomes.append(Outcome(item.name, status="missing", reason=item.problem))
            continue
        try:
            fingerprint = fingerprints.of(item.source)
        except InputError as exc:
            report.outcomes.append(Outcome(item.source, item.outputs, status="missing", reason=exc.message))
            continue
        if fingerprint is None:  # a URL or standard input cannot be checked without fetching it; a file, unread
            status: Status = "unchecked" if item.source == STDIN or is_url(item.source) else "missing"
            report.outcomes.append(Outcome(item.source, item.outputs, status=status,
                                           reason=why_uncacheable(item.source)))
            continue
        staleness = manifest.staleness(item.source, fingerprint, item.outputs)
        if staleness is None:
            report.outcomes.append(Outcome(item.source, item.outputs, status="current"))
        else:
            report.outcomes.append(Outcome(item.source, item.outputs, status=staleness.kind,
                                           reason=staleness.reason))
    report.orphans = manifest.orphans()
    report.seconds = time.perf_counter() - started
    return report


def _check_writable(settings: BuildSettings) -> None:
    """Raise ConfigError (exit 2, before any work) if the output folder cannot be written in."""
    from briefing.output import writable_folder

    problem = writable_folder(settings.output_dir)
    if problem is not None:
        raise ConfigError(f"{settings.output_dir}: the output folder cannot be written in: {problem}")


class _InOrder:
    """Hand outcomes to the observer in input order, whatever order they finish in."""

    def __init__(self, total: int, observer: Observer | None) -> None:
        self._done: dict[int, Outcome] = {}
        self._next = 0
        self._total = total
        self._observer = observer

    def add(self, index: int, outcome: Outcome) -> None:
        self._done[index] = outcome
        while self._next in self._done:
            if self._observer is not None:
                self._observer.finished(self._done[self._next])
            self._next += 1

    def outcomes(self) -> list[Outcome]:
        return [self._done[i] for i in sorted(self._done)]


class _Saver:
    """Save the manifest now and then during a batch (a killed batch keeps most of its records) and at the end."""

    def __init__(self, manifest: Manifest | None, every: float = 2.0) -> None:
        self._manifest = manifest
        self._every = every
        self._last = time.monotonic()

    def maybe_save(self, report: BuildReport) -> None:
        if self._manifest is not None and time.monotonic() - self._last >= self._every:
            self.save(report)

    def save(self, report: BuildReport) -> None:
        """Save; a failure (a full disk, a lock held too long) goes into the report, never past it."""
        if self._manifest is None:
            return
        try:
            self._manifest.save()
        except (BriefingError, OSError) as exc:
            problem = f"the build cache could not be saved: {exc} (the next build rebuilds what it would have held)"
            if problem not in report.problems:
                report.problems.append(problem)
        self._last = time.monotonic()
