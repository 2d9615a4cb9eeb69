"""Find and load plugins (readers, summarisers, renderers) through their entry point groups.

The built-in ones are declared in ``pyproject.toml`` exactly as a third
party's would be. An unknown name is refused with the list of installed
ones; a plugin that fails to import is reported as such, and the others
still load.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from typing import Any, Callable

from briefing.errors import BriefingError, PluginError

__all__ = ["installed", "load_plugin"]


def installed(group: str) -> dict[str, EntryPoint]:
    """Return the entry points of ``group`` by name, sorted by name."""
    return dict(sorted({ep.name: ep for ep in entry_points(group=group)}.items()))


def load_plugin(group: str, name: str, *, kind: str, unknown: Callable[[str], BriefingError],
                broken: type[BriefingError] = PluginError) -> Any:
    """Return the object the entry point ``name`` of ``group`` names.

    ``unknown`` makes the error for a name nothing is installed under, from
    the installed names; a plugin that fails to import raises ``broken``,
    naming the ``kind`` of plugin and where it lives.
    """
    found = installed(group)
    ep = found.get(name)
    if ep is None:
        raise unknown(", ".join(found) or "none")
    try:
        return ep.load()
    except Exception as exc:  # a broken plugin must not take the others down
        raise broken(f"the {name!r} {kind} ({ep.value}) failed to load: {exc}") from exc
