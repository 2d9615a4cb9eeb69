"""Errors a user can act on.

Core code raises these; only :mod:`briefing.cli` turns them into an
``Error: …`` line and an exit code.
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base class: something went wrong that the user can understand and fix."""


class InputError(BriefingError):
    """An input document is missing, unreadable, empty or of the wrong kind."""


class RenderError(BriefingError):
    """A renderer could not produce its output."""


class UnknownFormatError(BriefingError):
    """No renderer is installed under the requested name."""


class ModelError(BriefingError):
    """The NLP pipeline is missing or cannot be loaded."""


class BriefFormatError(BriefingError):
    """A brief's JSON does not follow the contract."""


class LlmError(BriefingError):
    """A model endpoint could not give a usable answer (unreachable, refused, timed out, malformed)."""
