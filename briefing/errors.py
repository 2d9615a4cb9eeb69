"""Errors a user can act on, and the exit codes they end a command with.

Core code raises these; only :mod:`briefing.cli` turns them into an
``Error: …`` line and the error's ``exit_code``. An error's message never
names the input it concerns: the code that knows the input sets ``source``
(:meth:`BriefingError.about`), and the error shows it first, on one line.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import ClassVar

__all__ = ["BriefFormatError", "BriefingError", "BriefingWarning", "ConfigError", "ExitCode", "InputError",
           "LlmCacheMissError", "LlmError", "ModelError", "OutputClashError", "PluginError", "RenderError",
           "UnknownFormatError", "UnknownSummariserError", "UsageError", "printable"]


class ExitCode(IntEnum):
    """The exit codes of the ``briefing`` command."""

    OK = 0
    FAILED = 1  # an input failed to build or render (the others were still built), or --check found stale briefs
    USAGE = 2  # bad options or arguments, or a bad project file (briefing.toml)
    INTERRUPTED = 130  # SIGINT stopped a batch (SIGTERM: 143, 128 + the signal's number, as shells report)


def printable(name: str | Path) -> str:
    """Return an input's name as an error may show it: on one line, control and invisible characters escaped.

    A file can be called ``"a\\nb.txt"`` or carry a terminal escape sequence;
    printed as it is, its name would break the one-line error or drive the
    user's terminal.
    """
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(name))


class BriefingError(Exception):
    """Base class: something went wrong that the user can understand and fix."""

    exit_code: ClassVar[ExitCode] = ExitCode.FAILED
    shows_usage: ClassVar[bool] = False  # the CLI adds its usage line and "Try --help"

    def __init__(self, message: str, *, source: str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = None if source is None else str(source)

    def about(self, source: str | Path) -> BriefingError:
        """Name the input this error concerns (the name as the user typed it); return the error itself."""
        self.source = str(source)
        return self

    def __str__(self) -> str:
        if self.source is None:
            return self.message
        return f"{printable(self.source)}: {printable(self.message)}"

    def __reduce__(self):  # keep ``source`` when a worker process hands the error back
        return _rebuild, (type(self), self.message, self.source)


def _rebuild(kind: type[BriefingError], message: str, source: str | None) -> BriefingError:
    error = kind(message)
    error.source = source
    return error


class InputError(BriefingError):
    """An input document is missing, unreadable, empty or of the wrong kind."""


class RenderError(BriefingError):
    """A renderer could not produce its output."""


class ModelError(BriefingError):
    """The NLP pipeline is missing or cannot be loaded."""


class PluginError(BriefingError):
    """An installed plugin (a reader, summariser or renderer) failed to load."""


class BriefFormatError(BriefingError):
    """A brief's JSON does not follow the contract."""


class UnknownFormatError(BriefingError):
    """No renderer is installed under the requested name."""

    exit_code = ExitCode.USAGE
    shows_usage = True


class UnknownSummariserError(BriefingError):
    """No summariser is installed under the requested name, or it failed to load."""

    exit_code = ExitCode.USAGE
    shows_usage = True


class ConfigError(BriefingError):
    """Settings that cannot be used: a bad project file, a broken template, or an option no renderer can use."""

    exit_code = ExitCode.USAGE  # no "Usage: … Try --help": the command line is not what is wrong


class OutputClashError(BriefingError):
    """A build would write over one of its inputs, or over a file briefing did not make."""

    exit_code = ExitCode.USAGE  # bad usage, but no other option would help: no "Try --help"


class UsageError(BriefingError):
    """Options or arguments that contradict each other or cannot be used: the command itself is wrong."""

    exit_code = ExitCode.USAGE
    shows_usage = True


class LlmError(BriefingError):
    """A model endpoint could not give a usable answer (unreachable, refused, timed out, malformed)."""


class LlmCacheMissError(LlmError):
    """Building from cached answers only, and the cache holds none for this question (never a fallback)."""


class BriefingWarning(UserWarning):
    """Something a user should know that did not stop the work; the command line prints ``warning: …``."""


class InputWarning(BriefingWarning):
    """Something in an input was repaired or dropped (control characters, say); the brief was still made."""


class CacheWarning(BriefingWarning):
    """The build cache was damaged and is being rebuilt."""
