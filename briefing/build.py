"""Many inputs to many outputs: read, summarise once, render every format, write atomically."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from briefing.errors import BriefingError
from briefing.ingest.url import is_url, url_stem
from briefing.model import Brief
from briefing.output import write_atomic
from briefing.render import RenderOptions, check_options, get_renderer

DEFAULT_FORMATS = ("md", "docx", "pdf")


@dataclass(frozen=True)
class Outcome:
    """What happened to one input."""

    input: str
    outputs: tuple[Path, ...] = ()
    error: str | None = None
    seconds: float = 0.0


@dataclass
class BuildReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error is not None]


def output_stems(inputs: Sequence[str]) -> list[str]:
    """Return one output stem per input, unique even when two inputs share a file stem."""
    stems: list[str] = []
    used: set[str] = set()
    for item in inputs:
        base = "stdin" if item == "-" else url_stem(item) if is_url(item) else Path(item).stem
        stem, n = base, 2
        while stem in used:
            stem, n = f"{base}-{n}", n + 1
        used.add(stem)
        stems.append(stem)
    return stems


def build(
    inputs: Sequence[str],
    *,
    formats: Sequence[str] = DEFAULT_FORMATS,
    output_dir: Path = Path("briefs"),
    make_brief: Callable[[str], Brief],
    options: RenderOptions | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BuildReport:
    """Build every input in every format; a failed input is reported and the rest go on."""
    renderers = [get_renderer(name) for name in formats]  # unknown formats fail before any work
    options = options or RenderOptions()
    check_options(options)  # so do a missing logo or reference document
    report = BuildReport()
    for item, stem in zip(inputs, output_stems(inputs)):
        started = time.perf_counter()
        try:
            brief = make_brief(item)
            rendered = [(output_dir / f"{stem}{r.suffix}", r.render(brief, options=options)) for r in renderers]
            for path, data in rendered:
                write_atomic(path, data)
            outcome = Outcome(item, tuple(p for p, _ in rendered), seconds=time.perf_counter() - started)
        except BriefingError as exc:
            outcome = Outcome(item, error=str(exc), seconds=time.perf_counter() - started)
        report.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return report
