"""Plan a batch: load the renderers and check every option, expand the inputs, name the outputs, refuse clashes."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import briefing.render as renderers_group
from briefing.clash import check_distinct
from briefing.errors import ConfigError, RenderError, UsageError
from briefing.ingest import STDIN
from briefing.ingest.url import is_url, url_stem
from briefing.inputs import Source, expand_inputs, shard_of
from briefing.naming import OutputNamer, safe_part

if TYPE_CHECKING:
    from briefing.build.cache import Manifest
    from briefing.build.settings import BuildSettings
    from briefing.render import Renderer

__all__ = ["STDOUT_PATH", "Task", "plan", "read_stdin", "refuse_clashes", "renderers_for"]


#: An output_file that means standard output (-o -).
STDOUT_PATH = Path("-")


@dataclass(frozen=True)
class Task:
    """One document to build: its place in the batch, its source and its output paths."""

    index: int
    source: str
    outputs: tuple[Path, ...]  # empty when named by title
    data: bytes | None = None  # standard input, read by the parent process
    title_stem: Path | None = None  # standard input or a URL: named from its title, else this stem


def plan(inputs: Sequence[str], settings: BuildSettings, renderers: list[Renderer]) -> list[Source | Task]:
    """Expand the inputs, name each one's outputs from its path alone (see briefing.naming), keep this shard's."""
    exclude = [settings.output_dir] if settings.output_file is None else []  # -o x.pdf: its folder may hold inputs
    sources = expand_inputs(inputs, suffixes=settings.maker.suffixes(), exclude=exclude)
    documents = [source for source in sources if source.problem is None]
    if settings.one_document and len(documents) != 1:
        raise UsageError(f"{settings.one_document}, but the inputs are {len(documents)} documents; "
                         "give a folder to -o, or one input")
    namer = OutputNamer(settings.maker.suffixes())
    named = {source.name: _outputs_of(source, settings, renderers, namer) for source in documents}
    check_distinct([(name, path) for name, (outputs, _) in named.items() for path in outputs])  # every shard's
    planned: list[Source | Task] = []
    for source in sources:
        if settings.shard and shard_of(source.name, settings.shard[1]) != settings.shard[0]:
            continue
        if source.problem is not None:
            planned.append(source)
        else:
            outputs, title_stem = named[source.name]
            planned.append(Task(len(planned), source.name, outputs, title_stem=title_stem))
    return planned


def _outputs_of(source: Source, settings: BuildSettings, renderers: list[Renderer],
                namer: OutputNamer) -> tuple[tuple[Path, ...], Path | None]:
    """Return a document's output paths, or (for standard input and URLs) the stem to name them by title."""
    if settings.output_file is not None:
        return (settings.output_file,), None
    if source.name == STDIN or is_url(source.name):
        fallback = "stdin" if source.name == STDIN else url_stem(source.name)
        return (), settings.output_dir / safe_part(fallback)
    stem = namer.relative_stem(source.name, source.root)
    folder = settings.output_dir.joinpath(*stem.parent.parts)
    return tuple(folder / f"{stem.name}{renderer.suffix}" for renderer in renderers), None


def refuse_clashes(inputs: Sequence[str], planned: list[Source | Task], settings: BuildSettings,
                   manifest: Manifest | None) -> None:
    """Raise OutputClashError, before any work, if an output would destroy a file or feed the next build."""
    from briefing.clash import check_outputs

    tasks = [item for item in planned if isinstance(item, Task)]
    check_outputs(
        [path for task in tasks for path in task.outputs if path != STDOUT_PATH], inputs,
        [task.source for task in tasks],
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
