"""A small brief with every section filled, to try templates on before any document is summarised.

A template mistake (a syntax error, a misspelt variable, a filter that does
not exist) then stops a build at once, with the template's file and line,
instead of once per input after each has been read and summarised.
"""

from __future__ import annotations

import functools

from briefing.model import Actor, Brief, Evidence, Generator, Point, Quote, Source

__all__ = ["sample_brief"]

_TEXT = (
    "Two neighbouring states signed a water-sharing treaty on Monday. "
    "Each must release 40 percent of the river's flow within 30 days. "
    "\u201cThis treaty ends a decade of dispute,\u201d said Ana Costa, the foreign minister. "
    "Observers expect new talks on fishing rights next year."
)


@functools.lru_cache(maxsize=1)
def sample_brief() -> Brief:
    """Return a brief whose every list holds an item, every item its evidence."""
    from briefing.package import version

    signed = _span("Two neighbouring states signed a water-sharing treaty on Monday.")
    release = _span("Each must release 40 percent of the river's flow within 30 days.")
    quote = _span("This treaty ends a decade of dispute,")
    outlook = _span("Observers expect new talks on fishing rights next year.")
    return Brief(
        title="Neighbours sign a water-sharing treaty",
        source=Source(name="sample.txt", title="Neighbours sign a water-sharing treaty", published="2024-01-15",
                      publisher="Example News", url="https://example.org/treaty", sha256="0" * 64,
                      words=len(_TEXT.split()), language="en"),
        generator=Generator(name="briefing", version=version(), summariser="extractive"),
        summary=(Point("Two neighbouring states signed a water-sharing treaty.", (signed,)),),
        background=(Point("The states had disputed the river for a decade.", (quote,)),),
        actors=(Actor("Ana Costa", "person", "Foreign minister", ("Costa",), (quote,)),
                Actor("Example Basin Commission", "organisation", None, (), (signed,))),
        terms=(Point("Each state must release 40 percent of the flow within 30 days.", (release,)),),
        implications=(Point("New talks on fishing rights are expected next year.", (outlook,)),),
        quotes=(Quote("This treaty ends a decade of dispute,", "Ana Costa", (quote,)),),
    )


def _span(fragment: str) -> Evidence:
    start = _TEXT.index(fragment)
    return Evidence.of(_TEXT, start, start + len(fragment))
