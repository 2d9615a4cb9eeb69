"""Plan a batch: load the renderers and check every option, expand the inputs, name the outputs, refuse clashes."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import briefing.render as renderers_group
from briefing.errors import ConfigError, RenderError
from briefing.inputs import Source, expand_inputs, output_stems, shard_of

if TYPE_CHECKING:
    from briefing.build.cache import Manifest
    from briefing.build.settings import BuildSettings
    from briefing.render import Renderer

__all__ = ["Task", "plan", "read_stdin", "refuse_clashes", "renderers_for"]


@dataclass(frozen=True)
class Task:
    """One document to build: its place in the batch, its source and its output paths."""

    index: int
    source: str
    outputs: tuple[Path, ...]
    data: bytes | None = None  # standard input, read by the parent process


def plan(inputs: Sequence[str], settings: BuildSettings, renderers: list[Renderer]) -> list[Source | Task]:
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


def refuse_clashes(inputs: Sequence[str], planned: list[Source | Task], settings: BuildSettings,
                   manifest: Manifest | None) -> None:
    """Raise OutputClashError, before any work, if an output would destroy a file or feed the next build."""
    from briefing.clash import check_outputs

    tasks = [item for item in planned if isinstance(item, Task)]
    check_outputs(
        [path for task in tasks for path in task.outputs], inputs, [task.source for task in tasks],
        output_dir=settings.output_dir, recorded=manifest.lists if manifest is not None else lambda path: False,
        readable=settings.maker.suffixes(),
    )


def renderers_for(settings: BuildSettings) -> list[Renderer]:
    """Load the renderers and check every option before any work; an unusable option is a ConfigError.

    An unknown format is an UnknownFormatError and an unknown summariser an
    UnknownSummariserError, each listing what is installed.
    """
    renderers = [renderers_group.get_renderer(name) for name in settings.formats]
    settings.maker.check()
    try:
        renderers_group.check_options(settings.render, renderers)  # a missing logo, template folder, …
    except RenderError as exc:
        raise ConfigError(exc.message) from exc
    return renderers


def read_stdin(settings: BuildSettings) -> bytes:
    """Read standard input in this process, so a worker can build it: as much as the size limit allows, +1."""
    limit = settings.maker.max_bytes
    stream = getattr(sys.stdin, "buffer", None)
    return stream.read(limit + 1) if stream is not None else b""
