"""Where ``-o`` sends a build: a folder, one file named with its format's suffix, or standard output.

As pandoc does: ``-o brief.pdf`` (a known suffix, one input) writes that file
in the format its suffix names; ``-o -`` writes one format to standard
output; any other path is the folder the briefs go in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from briefing.errors import UsageError

__all__ = ["STDOUT", "Destination", "destination"]

STDOUT = "-"
DEFAULT_FOLDER = Path("briefs")
STDOUT_FORMAT = "md"


@dataclass(frozen=True)
class Destination:
    """A folder for every brief, or one file (``file``), or standard output (``stdout``), and the formats."""

    folder: Path
    formats: tuple[str, ...]
    file: Path | None = None
    stdout: bool = False

    @property
    def single(self) -> bool:
        """Say whether the destination holds one brief only (a file or standard output)."""
        return self.file is not None or self.stdout


def destination(output: str | Path | None, formats: Sequence[str], suffixes: Mapping[str, str],
                default_formats: Sequence[str]) -> Destination:
    """Return where ``-o output`` sends the briefs, in which formats; UsageError for a contradiction.

    ``suffixes`` maps each installed format's suffix (".pdf") to its name;
    ``formats`` are those asked for (empty: ``default_formats``).
    """
    if output is None:
        return Destination(DEFAULT_FOLDER, tuple(formats) or tuple(default_formats))
    if str(output) == STDOUT:
        chosen = tuple(formats) or (STDOUT_FORMAT,)
        if len(chosen) != 1:
            raise UsageError(f"-o - writes one format to standard output, not {len(chosen)} ({', '.join(chosen)}); "
                             "choose one with -f")
        return Destination(Path("."), chosen, stdout=True)
    path = Path(output)
    named = suffixes.get(path.suffix.lower())
    if named is None or path.is_dir():
        return Destination(path, tuple(formats) or tuple(default_formats))
    if formats and tuple(formats) != (named,):
        raise UsageError(f"-o {path} writes {named} (its suffix says so), but -f asks for {', '.join(formats)}; "
                         f"drop -f, or give a folder to -o for several formats")
    return Destination(path.parent, (named,), file=path)
