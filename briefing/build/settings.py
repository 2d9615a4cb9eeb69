"""How a batch builds: formats, where to, the options, and the batch's habits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.build.makers import BriefMaker, Summarise
from briefing.options import DEFAULT_FORMATS, DEFAULT_OUTPUT_DIR, BatchOptions, BriefOptions
from briefing.render import RenderOptions

if TYPE_CHECKING:
    from briefing.config import Config

__all__ = ["BuildSettings", "default_jobs"]


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
    output_dir: Path = DEFAULT_OUTPUT_DIR
    output_file: Path | None = None  # -o brief.pdf: the one brief's one file; Path("-"): standard output
    one_document: str | None = None  # why the batch must be one document (-o FILE, --open), for the error
    render: RenderOptions = field(default_factory=RenderOptions)
    maker: BriefMaker = field(default_factory=Summarise)
    jobs: int = 1
    force: bool = False  # build even what the cache says is current
    prune: bool = False  # remove the outputs recorded for inputs that no longer exist
    cache: bool = True  # read and write the manifest
    shard: tuple[int, int] | None = None  # (i, n): build the i-th (1-based) of n shards

    @classmethod
    def from_config(cls, config: Config, **batch: Any) -> BuildSettings:
        """Return the settings a project file (with the command line's options in it) asks for; ``batch`` overrides."""
        batch_options = config.options(BatchOptions)
        values: dict[str, Any] = {"formats": tuple(dict.fromkeys(batch_options.formats)),
                                  "output_dir": batch_options.output_dir,
                                  "render": config.options(RenderOptions),
                                  "maker": Summarise(config.options(BriefOptions)),
                                  "jobs": config.jobs or default_jobs()}
        return cls(**{**values, **batch})
