"""The default summariser: extractive, offline, on spaCy; its parts live beside it in this package."""

from briefing.summarise.extractive.summariser import ExtractiveSummariser

__all__ = ["ExtractiveSummariser"]
