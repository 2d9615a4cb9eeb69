"""Look-ups into the gazetteer by name, for rules that need to know what a name is."""

from __future__ import annotations

import functools

from briefing.data import load_gazetteer


@functools.cache
def _countries_by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in load_gazetteer()["countries"]:
        for name in (country["name"], *country.get("aliases", ())):
            names[name.casefold()] = country["name"]
    return names


def country_named(name: str) -> str | None:
    """Return the canonical country for a name or alias ("the U.S." → "United States")."""
    key = name.casefold().strip()
    if key.startswith("the "):
        key = key[4:]
    return _countries_by_name().get(key)


@functools.cache
def _countries_by_demonym() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in load_gazetteer()["countries"]:
        for demonym in country.get("demonyms", ()):
            names.setdefault(demonym.casefold(), country["name"])
    return names


def country_of_demonym(demonym: str) -> str | None:
    """Return the country of a demonym ("Indian" → "India"), or None."""
    return _countries_by_demonym().get(demonym.casefold().strip())


@functools.cache
def _outlet_names() -> frozenset[str]:
    gaz = load_gazetteer()
    names: set[str] = set()
    for section in ("news_agencies", "platforms"):
        for entry in gaz.get(section, ()):
            entry = {"name": entry} if isinstance(entry, str) else entry
            names.update(n.casefold() for n in (entry["name"], *entry.get("aliases", ())))
    return frozenset(names)


def names_an_outlet(name: str) -> bool:
    """Say whether a name starts with a news outlet's or platform's ("BBC Radio 4", "CNN International")."""
    words = name.casefold().split()
    return any(" ".join(words[:n]) in _outlet_names() for n in range(1, len(words)))


@functools.cache
def _organisation_kinds() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for body in load_gazetteer()["organisations"]:
        for name in (body["name"], *body.get("aliases", ())):
            kinds.setdefault(name.casefold(), body["kind"])
    return kinds


def organisation_nouns(name: str) -> frozenset[str]:
    """Return the nouns that say what an international body is, from its gazetteer kind.

    "North Atlantic Treaty Organization" (kind ``alliance``) is an alliance,
    the "European Union" (``bloc``) a bloc, the "International Court of
    Justice" (``court``) a court; a name the gazetteer does not hold gives none.
    """
    kind = _organisation_kinds().get(name.casefold().strip(), "")
    return frozenset(kind.split("_")) - {"", "other", "un", "eu", "au"}
