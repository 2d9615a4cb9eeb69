"""What happened: each input's Outcome, the batch's BuildReport, and the Observer told of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from briefing.build.cache import Orphan

__all__ = ["BuildReport", "Observer", "Outcome", "Status"]

Status = Literal["built", "cached", "failed", "interrupted", "current", "stale", "missing", "unchecked"]


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
    digests: tuple[str, ...] = ()  # the SHA-256 of each output's bytes, as written
    summariser: dict[str, Any] | None = None  # the summariser's account of it (a model's requests, tokens)
    warning: str | None = None  # built, but not as asked (the model failed and the extractive summariser stood in)

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
        if self.summariser is not None:
            data["summariser"] = self.summariser
        if self.warning is not None:
            data["warning"] = self.warning
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
    orphans: list[Orphan] = field(default_factory=list)  # --check: outputs of inputs that no longer exist
    pruned: list[Path] = field(default_factory=list)  # --prune: the outputs removed
    problems: list[str] = field(default_factory=list)  # the batch's own failures (the manifest could not be saved)

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
        from briefing.package import version

        return {
            "briefing_version": version(),
            "mode": "check" if self.check else "build",
            "jobs": self.jobs,
            "shard": f"{self.shard[0]}/{self.shard[1]}" if self.shard else None,
            "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted is not None,
            "counts": self.counts(),
            "documents": [o.to_dict() for o in self.outcomes],
            "workers": self.workers(),
            "orphans": [{"input": o.input, "outputs": [str(p) for p in o.outputs]} for o in self.orphans],
            "pruned": [str(p) for p in self.pruned],
            "problems": list(self.problems),
        }


class Observer(Protocol):
    """Told how big the batch is, then each outcome in input order."""

    def planned(self, total: int, to_build: int) -> None: ...
    def finished(self, outcome: Outcome) -> None: ...
