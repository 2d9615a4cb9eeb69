"""Summarisers: Document in, Brief out, found through the ``briefing.summarisers`` entry points.

A summariser is a class made with the user's :class:`~briefing.options.BriefOptions`
(each uses what applies to it). The batch calls ``check_options()`` before
any document is read, ``prepare()`` once per worker process (load a model),
then ``summarise(document)`` for each document.
"""

from __future__ import annotations

import functools
from typing import ClassVar, Protocol

from briefing.errors import UnknownSummariserError
from briefing.model import Brief, Document
from briefing.options import DEFAULT_SUMMARY_SENTENCES, BriefOptions
from briefing.plugins import installed, load_plugin

__all__ = ["DEFAULT_SUMMARY_SENTENCES", "GROUP", "Summariser", "available_summarisers", "get_summariser"]

GROUP = "briefing.summarisers"


class Summariser(Protocol):
    """The contract every summariser, built-in or third-party, fulfils."""

    name: ClassVar[str]

    def __init__(self, options: BriefOptions) -> None: ...

    def check_options(self) -> None:
        """Raise ConfigError for an option this summariser cannot use; before any document is read."""

    def prepare(self) -> None:
        """Load what every document needs (a model), once per process; BriefingError if it cannot."""

    def summarise(self, document: Document) -> Brief:
        """Distil ``document`` into a Brief whose every item cites the document's text.

        The brief says each thing once and holds what the length budget
        (``options.length``) keeps: :func:`briefing.summarise.dedup.deduplicate`
        and :func:`briefing.summarise.budget.apply_budget` do both for any
        summariser whose sections are ranked.
        """

    # Optional: ``report() -> dict | None``, what summarising the last document in this process cost or
    # warned of (a model's requests and tokens; a fallback's "warning"), for the build report.


def available_summarisers() -> list[str]:
    """Return the names of the installed summarisers, sorted."""
    return list(installed(GROUP))


@functools.lru_cache(maxsize=8)
def get_summariser(name: str = "extractive", options: BriefOptions | None = None) -> Summariser:
    """Return the summariser called ``name``, made with ``options`` (the same one for the same arguments).

    Raises UnknownSummariserError (a usage error), listing what is
    installed, for an unknown name, and PluginError for a summariser whose
    package fails to import.
    """
    cls = load_plugin(GROUP, name, kind="summariser",
                      unknown=lambda choices: UnknownSummariserError(f"unknown summariser {name!r}; installed: {choices}"))
    return cls(options or BriefOptions())
