"""Open a brief in the system's viewer (``briefing build … --open``).

``$BRIEFING_OPENER`` names the command to use (it gets the file as its last
argument); otherwise macOS's ``open``, Windows' default handler, or
``xdg-open`` elsewhere.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Sequence

from briefing.errors import BriefingError

__all__ = ["OPENER_VARIABLE", "open_in_viewer", "preferred"]

OPENER_VARIABLE = "BRIEFING_OPENER"
# Which of a brief's formats to open, most readable first.
_PREFERENCE = (".pdf", ".html", ".docx", ".md", ".json")


def preferred(paths: Sequence[Path]) -> Path:
    """Return the output a person would rather read: the PDF, else the HTML, the DOCX, …"""
    ranked = sorted(paths, key=lambda p: _PREFERENCE.index(p.suffix) if p.suffix in _PREFERENCE else len(_PREFERENCE))
    return ranked[0]


def open_in_viewer(path: Path) -> None:
    """Start the system's viewer on ``path`` without waiting for it; BriefingError if there is none."""
    command = _opener()
    if command is None:
        if sys.platform == "win32":
            os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606
            return
        raise BriefingError(f"cannot open {path}: no xdg-open here; set {OPENER_VARIABLE} to a viewer command")
    try:
        viewer = subprocess.Popen([*command, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise BriefingError(f"cannot open {path} with {command[0]}: {exc.strerror or exc}") from exc
    threading.Thread(target=viewer.wait, daemon=True).start()  # reap it, without making briefing wait


def _opener() -> list[str] | None:
    chosen = os.environ.get(OPENER_VARIABLE, "").strip()
    if chosen:
        return shlex.split(chosen)
    if sys.platform == "darwin":
        return ["open"]
    if sys.platform == "win32":
        return None
    found = shutil.which("xdg-open")
    return [found] if found else None
