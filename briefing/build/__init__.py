"""Many inputs to many outputs: expand the inputs, skip what is current, build the rest in parallel.

``build`` reads, summarises and renders every input in every format and
writes each output atomically. A failed input is reported and the others go
on. With ``jobs`` > 1 the documents are built in worker processes, each of
which prepares the summariser and the renderers once; every document is
built the same way whichever worker builds it, so the outputs are those of
``jobs=1``, and the outcomes are reported in input order. A manifest in the
output folder (:mod:`briefing.build.cache`) lets a rebuild skip documents
that are current.

SIGINT or SIGTERM stops a batch: the documents being built are abandoned
(atomic writes leave no partial file), the manifest records the finished
ones, and the report says the batch was interrupted; a rerun builds the rest.

The package's modules, in the order a batch uses them: ``settings`` (how
to build), ``makers`` (what turns a source into a brief), ``plan`` (check
options, expand inputs, name outputs), ``fingerprints`` and ``cache``
(skip what is current; ``filelock`` lets builds that share a folder take
turns on its manifest), ``pool`` and ``document`` (build; ``workers`` runs
the worker processes, replacing one that dies, and ``lifeline`` makes them
die with their parent), ``report`` (what happened), ``batch`` (all of
it). None of them names a summariser or a renderer: they are found through
their entry points.
"""

from __future__ import annotations

from briefing.build.batch import build, check
from briefing.build.makers import BriefMaker, LoadBrief, Summarise
from briefing.build.report import BuildReport, Observer, Outcome
from briefing.build.settings import BuildSettings, default_jobs
from briefing.options import DEFAULT_FORMATS

__all__ = [
    "DEFAULT_FORMATS",
    "BriefMaker",
    "BuildReport",
    "BuildSettings",
    "LoadBrief",
    "Observer",
    "Outcome",
    "Summarise",
    "build",
    "check",
    "default_jobs",
]
