"""briefing: distil a source document into a structured, cited brief."""

from __future__ import annotations

__version__ = "0.1.0"
