"""Summarisers: Document in, Brief out, found through the ``briefing.summarisers`` entry points."""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Protocol

from briefing.errors import BriefingError
from briefing.model import Brief, Document

GROUP = "briefing.summarisers"


class Summariser(Protocol):
    name: str

    def summarise(
        self, document: Document, *, summary_sentences: int = 3, length: str = "standard", language: str | None = None
    ) -> Brief: ...


def available_summarisers() -> list[str]:
    """Return the names of the installed summarisers, sorted."""
    return sorted(ep.name for ep in entry_points(group=GROUP))


def get_summariser(name: str = "extractive", *, model: str | None = None) -> Summariser:
    """Instantiate the summariser called ``name``."""
    found = {ep.name: ep for ep in entry_points(group=GROUP)}
    if name not in found:
        raise BriefingError(f"unknown summariser {name!r}; installed: {', '.join(sorted(found)) or 'none'}")
    return found[name].load()(model=model)
