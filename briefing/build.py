"""Many inputs to many outputs: expand the inputs, skip what is current, build the rest in parallel.

``build`` reads, summarises and renders every input in every format and
writes each output atomically. A failed input is reported and the others go
on. With ``jobs`` > 1 the documents are built in worker processes, each of
which loads the NLP pipeline once; every document is built the same way
whichever worker builds it, so the outputs are those of ``jobs=1``, and the
outcomes are reported in input order. A manifest in the output folder
(:mod:`briefing.cache`) lets a rebuild skip documents that are current.

SIGINT or SIGTERM stops a batch: the documents being built are abandoned
(atomic writes leave no partial file), the manifest records the finished
ones, and the report says the batch was interrupted; a rerun builds the rest.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal, Protocol, Sequence

from briefing.errors import BriefingError, InputError
from briefing.ingest import printable
from briefing.ingest.url import is_url
from briefing.inputs import STDIN, Source, expand_inputs, output_stems, shard_of
from briefing.output import write_atomic
from briefing.render import RenderOptions, check_options, get_renderer
from briefing.summarise.budget import DEFAULT_LENGTH

if TYPE_CHECKING:
    from briefing.cache import Fingerprint, Manifest
    from briefing.config import Config
    from briefing.model import Brief
    from briefing.render import Renderer

__all__ = [
    "DEFAULT_FORMATS",
    "BuildReport",
    "BuildSettings",
    "LoadBrief",
    "Outcome",
    "Summarise",
    "build",
    "check",
    "default_jobs",
]

DEFAULT_FORMATS = ("md", "docx", "pdf")

Status = Literal["built", "cached", "failed", "interrupted", "current", "stale", "missing", "unchecked"]


# ---------------------------------------------------------------------------
# What to build, and with what


@dataclass(frozen=True)
class Summarise:
    """Make a brief by reading and summarising a source (the ``build`` command)."""

    summary_sentences: int = 3
    model: str | None = None
    max_bytes: int | None = None
    length: str = DEFAULT_LENGTH
    lang: str | None = None

    @classmethod
    def from_config(cls, config: Config) -> Summarise:
        """Return the maker a project file (with the command line's options in it) asks for."""
        return cls(summary_sentences=config.summary_sentences or 3, model=config.model, max_bytes=config.max_bytes,
                   length=config.length or DEFAULT_LENGTH, lang=config.lang)

    def prepare(self) -> None:
        """Load the NLP pipeline now, once per process, so no document pays for it."""
        from briefing.summarise.extractive.nlp import load_pipeline

        try:
            load_pipeline(self.model)
        except BriefingError:
            pass  # every document will then fail with this error, and say so

    def fingerprint(self) -> dict[str, Any]:
        return {"maker": "summarise", "summary_sentences": self.summary_sentences, "model": self.model,
                "length": self.length, "lang": self.lang}

    def suffixes(self) -> tuple[str, ...]:
        from briefing.inputs import known_suffixes

        return known_suffixes()

    def __call__(self, source: str, data: bytes | None = None) -> Brief:
        from briefing import read_document, summarise_document

        if data is not None:  # standard input, read by the parent process
            from briefing.ingest import DEFAULT_MAX_BYTES, read_stdin

            document = read_stdin(max_bytes=self.max_bytes or DEFAULT_MAX_BYTES, stream=io.BytesIO(data))
        else:
            document = read_document(source, max_bytes=self.max_bytes)
        try:
            return summarise_document(document, summary_sentences=self.summary_sentences, model=self.model,
                                      length=self.length, language=self.lang)
        except BriefingError as exc:  # the summariser knows the file's name only: name the input as typed
            raise named(exc, source, document.name) from exc


@dataclass(frozen=True)
class LoadBrief:
    """Make a brief by loading its JSON (the ``render`` command: re-render an edited brief)."""

    def prepare(self) -> None:
        pass

    def fingerprint(self) -> dict[str, Any]:
        return {"maker": "load"}

    def suffixes(self) -> tuple[str, ...]:
        return (".json",)

    def __call__(self, source: str, data: bytes | None = None) -> Brief:
        import json

        from briefing.errors import BriefFormatError
        from briefing.model import Brief

        try:
            text = data.decode("utf-8") if data is not None else Path(source).read_text(encoding="utf-8")
            loaded = json.loads(text)
        except FileNotFoundError as exc:
            raise InputError(f"{printable(source)}: no such file") from exc
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(f"{printable(source)}: not a readable JSON brief: {exc}") from exc
        try:
            return Brief.from_dict(loaded)
        except BriefFormatError as exc:
            raise named(exc, source) from exc


class BriefMaker(Protocol):
    """Turn one source into a Brief; picklable, so worker processes can be handed one."""

    def prepare(self) -> None: ...  # load what every brief needs, once per process
    def fingerprint(self) -> dict[str, Any]: ...  # what about it shapes a brief, for the cache's key
    def suffixes(self) -> tuple[str, ...]: ...  # the files a folder or pattern yields
    def __call__(self, source: str, data: bytes | None = None) -> Brief: ...


def named(error: BriefingError, source: str, *aliases: str) -> BriefingError:
    """Return ``error`` with its message naming the input as typed, in place of any name it opens with."""
    shown, message = printable(source), str(error)
    for name in (shown, *(printable(alias) for alias in aliases)):
        if message.startswith(f"{name}: "):
            message = message[len(name) + 2:]
            break
    return type(error)(f"{shown}: {printable(message)}")


def default_jobs() -> int:
    """Return the number of CPUs this process may use."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


@dataclass(frozen=True, kw_only=True)
class BuildSettings:
    """How to build: formats, where to, the options, and the batch's habits."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    output_dir: Path = Path("briefs")
    render: RenderOptions = field(default_factory=RenderOptions)
    maker: BriefMaker = field(default_factory=Summarise)
    jobs: int = 1
    force: bool = False  # build even what the cache says is current
    cache: bool = True  # read and write the manifest
    shard: tuple[int, int] | None = None  # (i, n): build the i-th (1-based) of n shards

    @classmethod
    def from_config(cls, config: Config, **batch: Any) -> BuildSettings:
        """Return the settings a project file (with the command line's options in it) asks for; ``batch`` overrides."""
        render = RenderOptions(template_dir=config.template_dir, marking=config.marking, paper=config.paper,
                               organisation=config.organisation, logo=config.logo,
                               reference_docx=config.reference_docx, pdf_variant=config.pdf_variant)
        maker = Summarise.from_config(config)
        values: dict[str, Any] = {"formats": tuple(dict.fromkeys(config.formats)) or DEFAULT_FORMATS,
                                  "output_dir": config.output_dir or Path("briefs"), "render": render,
                                  "maker": maker, "jobs": config.jobs or default_jobs()}
        return cls(**{**values, **batch})


# ---------------------------------------------------------------------------
# What happened


@dataclass(frozen=True)
class Outcome:
    """What happened to one input."""

    input: str
    outputs: tuple[Path, ...] = ()
    error: str | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the CPU time the building process spent on it (less than seconds on a busy machine)
    status: Status = "built"
    reason: str | None = None  # why --check found it stale or missing
    stages: tuple[tuple[str, float], ...] = ()  # seconds: "brief" (read and summarise), each format, "write"
    worker: int | None = None  # the process that built it
    peak_rss: int | None = None  # that process's peak resident memory so far, in bytes
    traceback: str | None = None  # for an error that is a bug, not a bad input

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "input": self.input,
            "status": self.status,
            "outputs": [str(p) for p in self.outputs],
            "seconds": round(self.seconds, 4),
            "cpu_seconds": round(self.cpu_seconds, 4),
            "error": self.error,
        }
        if self.reason is not None:
            data["reason"] = self.reason
        if self.stages:
            data["stages"] = {name: round(seconds, 4) for name, seconds in self.stages}
        if self.traceback is not None:
            data["traceback"] = self.traceback
        return data


@dataclass
class BuildReport:
    """Every input's outcome, in input order, and how the batch went."""

    outcomes: list[Outcome] = field(default_factory=list)
    jobs: int = 1
    seconds: float = 0.0
    shard: tuple[int, int] | None = None
    interrupted: int | None = None  # the signal that stopped the batch
    check: bool = False

    def with_status(self, *statuses: Status) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in statuses]

    @property
    def failed(self) -> list[Outcome]:
        return self.with_status("failed")

    @property
    def stale(self) -> list[Outcome]:
        return self.with_status("stale", "missing")

    def workers(self) -> list[dict[str, Any]]:
        """Return each worker process's pid, documents built and peak resident memory."""
        seen: dict[int, dict[str, Any]] = {}
        for outcome in self.outcomes:
            if outcome.worker is None:
                continue
            worker = seen.setdefault(outcome.worker, {"pid": outcome.worker, "documents": 0, "peak_rss_mb": 0.0})
            worker["documents"] += 1
            worker["peak_rss_mb"] = max(worker["peak_rss_mb"], round((outcome.peak_rss or 0) / 2**20, 1))
        return list(seen.values())

    def counts(self) -> dict[str, int]:
        names = ("current", "stale", "missing", "unchecked") if self.check else ("built", "cached", "failed",
                                                                                 "interrupted")
        return {name: len(self.with_status(name)) for name in names}

    def to_dict(self) -> dict[str, Any]:
        from briefing import __version__

        return {
            "briefing_version": __version__,
            "mode": "check" if self.check else "build",
            "jobs": self.jobs,
            "shard": f"{self.shard[0]}/{self.shard[1]}" if self.shard else None,
            "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted is not None,
            "counts": self.counts(),
            "documents": [o.to_dict() for o in self.outcomes],
            "workers": self.workers(),
        }


class Observer(Protocol):
    """Told how big the batch is, then each outcome in input order."""

    def planned(self, total: int, to_build: int) -> None: ...
    def finished(self, outcome: Outcome) -> None: ...


# ---------------------------------------------------------------------------
# The plan


@dataclass(frozen=True)
class Task:
    """One document to build: its place in the batch, its source and its output paths."""

    index: int
    source: str
    outputs: tuple[Path, ...]
    data: bytes | None = None  # standard input, read by the parent process


def _plan(inputs: Sequence[str], settings: BuildSettings, renderers: list[Renderer]) -> list[Source | Task]:
    """Expand the inputs, name their outputs over the whole collection, then keep this shard's."""
    sources = expand_inputs(inputs, suffixes=settings.maker.suffixes(), exclude=[settings.output_dir])
    names = [s.name for s in sources if s.problem is None]
    stems = dict(zip(names, output_stems(names)))  # before sharding: names stay unique across shards
    planned: list[Source | Task] = []
    for source in sources:
        if settings.shard and shard_of(source.name, settings.shard[1]) != settings.shard[0]:
            continue
        if source.problem is not None:
            planned.append(source)
        else:
            stem = stems[source.name]
            outputs = tuple(settings.output_dir / f"{stem}{r.suffix}" for r in renderers)
            planned.append(Task(len(planned), source.name, outputs))
    return planned


# ---------------------------------------------------------------------------
# The cache


class _Fingerprints:
    """Compute each input's fingerprint: its bytes' hash plus the hashes shared by the whole batch."""

    def __init__(self, settings: BuildSettings) -> None:
        from briefing import __version__
        from briefing.cache import sha256_file, sha256_json, sha256_tree
        from briefing.render.templates import template_dirs

        render = settings.render

        def content(path: Path | None) -> str | None:
            return sha256_file(path) if path is not None else None

        options = {
            "formats": sorted(settings.formats),
            "brief": settings.maker.fingerprint(),
            "marking": render.marking,
            "paper": render.paper,
            "organisation": render.organisation,
            "pdf_variant": render.pdf_variant,
            "logo": content(render.logo),
            "reference_docx": content(render.reference_docx),
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        }
        self.options = sha256_json(options)
        self.templates = sha256_tree(template_dirs(render.template_dir))
        self.version = __version__
        self._hash = sha256_file

    def of(self, source: str) -> Fingerprint | None:
        """Return the fingerprint of a file input; None for a URL or standard input, or an unreadable file."""
        from briefing.cache import Fingerprint

        if source == STDIN or is_url(source):
            return None
        try:
            digest = self._hash(Path(source))
        except OSError:
            return None
        return Fingerprint(digest, self.options, self.templates, self.version)


def _manifest(settings: BuildSettings) -> Manifest:
    from briefing.cache import MANIFEST, Manifest

    name = MANIFEST
    if settings.shard:
        name = MANIFEST.replace(".json", f".shard-{settings.shard[0]}-of-{settings.shard[1]}.json")
    return Manifest(settings.output_dir, name)


def _why_uncacheable(source: str) -> str:
    if source == STDIN:
        return "standard input is built on every run, never checked"
    if is_url(source):
        return "a URL is fetched and built on every run, never checked"
    return "no such file" if not os.path.exists(source) else "the input cannot be read"


# ---------------------------------------------------------------------------
# Building one document (in this process or a worker)


class BuildInterrupted(BaseException):
    """A signal asked the batch to stop while this document was being built."""


class _Interrupts:
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

    def install(self, signals: Iterable[int]) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            for signum in signals:
                self._previous[signum] = signal.signal(signum, self.handle)
            self._hook = sys.unraisablehook
            sys.unraisablehook = self._unraisable
        return self

    def _unraisable(self, unraisable: Any) -> None:
        # A signal that lands in a finaliser (__del__) raises there, where Python only reports it;
        # the document then stops at its next stage instead (see _build_one), so say nothing.
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


def _build_one(task: Task, maker: BriefMaker, renderers: list[Renderer], options: RenderOptions,
               interrupts: _Interrupts) -> Outcome:
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
        for path, data in rendered:
            write_atomic(path, data)
        interrupts.busy = False  # every output is written: the document is built, whatever comes now
        stages.append(("write", time.perf_counter() - mark))
        outcome = Outcome(task.source, task.outputs, status="built")
    except BriefingError as exc:  # a renderer's error too: every line names the input
        outcome = Outcome(task.source, error=str(named(exc, task.source)), status="failed")
    except BuildInterrupted:
        outcome = Outcome(task.source, status="interrupted")
    except Exception as exc:  # a bug, not a bad input: this document fails, the batch goes on
        import traceback

        error = f"{printable(task.source)}: unexpected error: {type(exc).__name__}: {printable(str(exc))}"
        outcome = Outcome(task.source, error=error, status="failed", traceback=traceback.format_exc())
    finally:
        interrupts.busy = False
    return replace(outcome, seconds=time.perf_counter() - started, cpu_seconds=time.process_time() - cpu_started,
                   stages=tuple(stages), worker=os.getpid(), peak_rss=_peak_rss())


# In a worker process: what the initializer loaded, used by every task it runs.
_worker: dict[str, Any] = {}


def _start_worker(settings: BuildSettings) -> None:
    """Initialise a worker: let the parent decide about Ctrl-C, load the renderers and the NLP pipeline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the batch and tells the workers
    interrupts = _Interrupts(raise_while_busy=True).install([signal.SIGTERM])
    _worker.update(interrupts=interrupts, renderers=[get_renderer(name) for name in settings.formats])
    settings.maker.prepare()
    if "pdf" in settings.formats:
        try:
            import weasyprint  # noqa: F401  (loading Pango once per worker, not in the first document)
        except (ImportError, OSError):
            pass  # the PDF renderer will say how to install it


def _run_in_worker(task: Task, settings: BuildSettings) -> Outcome:
    return _build_one(task, settings.maker, _worker["renderers"], settings.render, _worker["interrupts"])


# ---------------------------------------------------------------------------
# The batch


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
    renderers = _renderers_for(settings)
    planned = _plan(inputs, settings, renderers)
    manifest = _manifest(settings) if settings.cache else None
    fingerprints = _Fingerprints(settings) if settings.cache else None

    results: dict[int, Outcome] = {}
    todo: list[tuple[Task, Fingerprint | None]] = []
    for index, item in enumerate(planned):
        if isinstance(item, Source):
            results[index] = Outcome(item.name, error=f"{printable(item.name)}: {item.problem}", status="failed")
            continue
        fingerprint = fingerprints.of(item.source) if fingerprints else None
        if manifest is not None and fingerprint is not None and not settings.force:
            if manifest.staleness(item.source, fingerprint, item.outputs) is None:
                results[index] = Outcome(item.source, item.outputs, status="cached")
                continue
        if item.source == STDIN:
            item = replace(item, data=_read_stdin(settings))
        todo.append((item, fingerprint))

    jobs = max(1, min(settings.jobs, len(todo)))
    report = BuildReport(jobs=jobs, shard=settings.shard)
    emitter = _InOrder(len(planned), observer)
    if observer is not None:
        observer.planned(len(planned), len(todo))
    for index, outcome in sorted(results.items()):
        emitter.add(index, outcome)

    saver = _Saver(manifest)

    def finished(task: Task, fingerprint: Fingerprint | None, outcome: Outcome) -> None:
        if outcome.status == "built" and manifest is not None and fingerprint is not None:
            manifest.record(task.source, fingerprint, task.outputs)
            saver.maybe_save()
        emitter.add(task.index, outcome)

    try:
        run = _run_here if jobs == 1 else _run_in_pool
        report.interrupted = run(todo, settings, renderers, jobs, finished)
    finally:
        saver.save()
    report.outcomes = emitter.outcomes()
    report.seconds = time.perf_counter() - started
    return report


def check(inputs: Sequence[str], settings: BuildSettings | None = None) -> BuildReport:
    """Say, building nothing, which inputs' outputs are current, stale or missing."""
    settings = settings or BuildSettings()
    started = time.perf_counter()
    renderers = _renderers_for(settings)
    manifest = _manifest(settings)
    fingerprints = _Fingerprints(settings)
    report = BuildReport(shard=settings.shard, check=True, jobs=0)
    for item in _plan(inputs, settings, renderers):
        if isinstance(item, Source):
            report.outcomes.append(Outcome(item.name, status="missing", reason=item.problem))
            continue
        fingerprint = fingerprints.of(item.source)
        if fingerprint is None:  # a URL or standard input cannot be checked without fetching it; a file, unread
            status: Status = "unchecked" if item.source == STDIN or is_url(item.source) else "missing"
            report.outcomes.append(Outcome(item.source, item.outputs, status=status,
                                           reason=_why_uncacheable(item.source)))
            continue
        staleness = manifest.staleness(item.source, fingerprint, item.outputs)
        if staleness is None:
            report.outcomes.append(Outcome(item.source, item.outputs, status="current"))
        else:
            report.outcomes.append(Outcome(item.source, item.outputs, status=staleness.kind,
                                           reason=staleness.reason))
    report.seconds = time.perf_counter() - started
    return report


def _renderers_for(settings: BuildSettings) -> list[Renderer]:
    """Load the renderers and check the options before any work; an unusable option is a ConfigError."""
    from briefing.config import ConfigError
    from briefing.errors import RenderError

    renderers = [get_renderer(name) for name in settings.formats]  # UnknownFormatError lists what is installed
    try:
        check_options(settings.render)  # a missing logo, template folder or reference document
    except RenderError as exc:
        raise ConfigError(str(exc)) from exc
    return renderers


def _read_stdin(settings: BuildSettings) -> bytes:
    """Read standard input in this process, so a worker can build it: as much as the size limit allows, +1."""
    from briefing.ingest import DEFAULT_MAX_BYTES

    limit = getattr(settings.maker, "max_bytes", None) or DEFAULT_MAX_BYTES
    stream = getattr(sys.stdin, "buffer", None)
    return stream.read(limit + 1) if stream is not None else b""


Finished = Callable[[Task, "Fingerprint | None", Outcome], None]


def _run_here(todo: list[tuple[Task, Fingerprint | None]], settings: BuildSettings, renderers: list[Renderer],
              jobs: int, finished: Finished) -> int | None:
    """Build the documents one after another in this process; return the signal that stopped them, if any."""
    if not todo:
        return None
    interrupts = _Interrupts(raise_while_busy=True).install([signal.SIGINT, signal.SIGTERM])
    try:
        settings.maker.prepare()  # as a worker does: the first document's time is its own
        for task, fingerprint in todo:
            finished(task, fingerprint, _build_one(task, settings.maker, renderers, settings.render, interrupts))
    finally:
        interrupts.restore()
    return interrupts.signum


def _run_in_pool(todo: list[tuple[Task, Fingerprint | None]], settings: BuildSettings, renderers: list[Renderer],
                 jobs: int, finished: Finished) -> int | None:
    """Build the documents in ``jobs`` worker processes; return the signal that stopped them, if any."""
    import warnings
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    interrupts = _Interrupts(raise_while_busy=False).install([signal.SIGINT, signal.SIGTERM])
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context(), initializer=_start_worker,
                                   initargs=(settings,))
    futures = {}
    try:
        with warnings.catch_warnings():  # Python 3.12+ warns about fork() in a process with threads
            warnings.simplefilter("ignore", DeprecationWarning)
            for task, fingerprint in todo:
                futures[executor.submit(_run_in_worker, task, settings)] = (task, fingerprint)
        pending = set(futures)
        stopping = False
        while pending:
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: futures[f][0].index):
                task, fingerprint = futures[future]
                try:
                    outcome = future.result()
                except BrokenProcessPool as exc:
                    died = f"{printable(task.source)}: a worker died ({exc})"
                    outcome = Outcome(task.source, status="interrupted" if interrupts.signum else "failed",
                                      error=None if interrupts.signum else died)
                except BaseException as exc:  # noqa: BLE001 - a worker's unexpected error fails its document only
                    error = f"{printable(task.source)}: unexpected error: {type(exc).__name__}: {exc}"
                    outcome = Outcome(task.source, status="failed", error=error)
                finished(task, fingerprint, outcome)
            if interrupts.signum is not None and not stopping:
                stopping = True
                for future in pending:
                    future.cancel()
                _stop_workers(executor)
            pending = {f for f in pending if not f.cancelled()}
        for future, (task, fingerprint) in futures.items():
            if future.cancelled():
                finished(task, fingerprint, Outcome(task.source, status="interrupted"))
    finally:
        if interrupts.signum is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        else:
            executor.shutdown(wait=True)
        interrupts.restore()
    return interrupts.signum


def _pool_context() -> Any:
    """Fork workers on Linux (they start at once, with what this process has loaded); else the default."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _stop_workers(executor: Any) -> None:
    """Ask every worker to abandon its document: SIGTERM, which a worker turns into BuildInterrupted."""
    for process in list(getattr(executor, "_processes", {}).values()):
        try:
            if process.is_alive():
                os.kill(process.pid, signal.SIGTERM)
        except (OSError, ValueError, AttributeError):
            pass


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

    def maybe_save(self) -> None:
        if self._manifest is not None and time.monotonic() - self._last >= self._every:
            self.save()

    def save(self) -> None:
        if self._manifest is not None:
            self._manifest.save()
            self._last = time.monotonic()
