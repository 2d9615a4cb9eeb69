"""Actors: named parties found from entities and the gazetteer, merged and ranked.

Mentions come from spaCy's entities (reconciled with the gazetteer's matches,
see :mod:`briefing.summarise.extractive.nlp`) and from noun chunks that name a
collective group or an organisation the NER missed. They
are merged into one actor per party: a country with its capital and "the X
government"; a person with their surname and "Mr X"; an organisation with its
acronym. Roles come from :mod:`briefing.summarise.extractive.roles`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from briefing.model import Actor, Evidence
from briefing.summarise.extractive.lexicon import (
    CALENDAR_WORDS,
    EVENT_WORDS,
    FUNCTION_WORDS,
    GATHERING_NOUNS,
    GROUP_NOUNS,
    HONORIFICS,
    INSTRUMENT_NAME_WORDS,
    ORGANISATION_WORDS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    PUBLICATION_WORDS,
    ROLE_NOUNS,
    STATE_NOUNS,
    THING_NAME_WORDS,
    TITLE_WORDS,
)
from briefing.summarise.extractive.nlp import NOT_ACTOR_KINDS
from briefing.summarise.extractive.parsed import Parsed, Sentence
from briefing.summarise.extractive.roles import description_for, role_for

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LONG_DOCUMENT_WORDS = 1500
_ROMAN_NUMERAL = re.compile(r"m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_NAME_PARTICLES = frozenset("da de del della der di do dos das du van von bin ibn al el la le".split())
_QUANTIFIERS = frozenset("any each every all some no other another either neither".split())
_GOVERNMENT_NOUNS = frozenset("administration government regime cabinet".split())
# "Mahmoud Abbas, also known as Abu Mazen", "X (better known as Y)", "X, nicknamed Y": Y is another name of X.
_KNOWN_AS = re.compile(
    r"[,(]\s*(?:also |better |widely |commonly )?(?:known as|nicknamed|dubbed)\s+(?:the\s+)?"
    r"([A-Z][^\s,.;:()]*(?:\s+[A-Z][^\s,.;:()]*)*)"  # the other name: capitalised words
)
_LIST_AFTER = re.compile(r"\s+and\s+[A-Z]")  # "… known as C and D"
_LIST_BEFORE = re.compile(r"\sand\s+\S+(?:\s+\S+)?$")  # "A and B, known as …"
_ACRONYM_DEF = re.compile(r"([A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|the|and|for|de|du|des))*)\s+\(([A-Z][A-Za-z0-9&.-]{1,11})\)")


@dataclass
class Mention:
    surface: str
    kind: str  # person | country | organisation | group | capital | demonym
    key: str
    start: int
    end: int
    sentence: Sentence
    role: str | None = None
    in_place: bool = False  # named as a place: "in Cape Town", "via Walvis Bay"
    in_title: bool = False  # named inside a person's title: "Monetary Affairs Commissioner X"
    honorific: bool = False  # after "Mr", "Dr", "Sir"…: a person, whatever else the NER made of the name


@dataclass
class Candidate:
    kind: str
    key: str
    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None
    description: tuple[str, Sentence] | None = None  # "the prime minister" said of them later

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


@dataclass(frozen=True)
class MentionRef:
    """Where in the text an actor is named: lets quotes find their speaker."""

    start: int
    end: int
    actor: Actor


def extract_actors(
    parsed: Parsed, *, exclude: frozenset[str] = frozenset()
) -> tuple[tuple[Actor, ...], tuple[MentionRef, ...]]:
    """Return the document's actors, most salient first, and every mention of them in order."""
    mentions = list(_mentions(parsed, exclude))
    candidates = _merge(mentions, parsed)
    title = (parsed.document.title or "").casefold()
    scored = sorted(candidates, key=lambda c: (-_salience(c, title, len(parsed.text)), c.first))
    actors: list[Actor] = []
    refs: list[MentionRef] = []
    for cand in scored:
        actor = _actor(cand, parsed)
        actors.append(actor)
        refs.extend(MentionRef(m.start, m.end, actor) for m in cand.mentions)
    return tuple(actors), tuple(sorted(refs, key=lambda r: (r.start, r.end)))


def _mentions(parsed: Parsed, exclude: frozenset[str]):
    excluded = {name.casefold() for name in exclude}
    for sentence in parsed.sentences:
        offset = sentence.offset
        for ent in sentence.span.ents:
            mention = _classify(ent, sentence, offset, excluded)
            if mention is not None:
                yield mention
        yield from _group_mentions(sentence, offset)
        yield from _honorific_mentions(sentence, offset)


def _classify(ent, sentence: Sentence, offset: int, excluded: set[str]) -> Mention | None:
    surface = clean_name(ent.text)
    if not surface or surface.casefold() in excluded or not any(c.isalpha() for c in surface):
        return None
    start = offset + ent.start_char
    end = offset + ent.end_char
    ident = ent.ent_id_
    if ident:
        kind, _, canonical = ident.partition(":")
        if kind in NOT_ACTOR_KINDS:
            return None
        if kind == "country" and ent.label_ == "NORP":
            return _demonym_mention(ent, canonical, sentence, offset)
        role = description_for(ent, country=kind == "country") if kind in ("country", "organisation") else None
        in_place = _after_place_preposition(ent) or (kind in ("country", "capital") and _names_a_gathering(ent))
        return Mention(surface, kind, canonical, start, end, sentence, role, in_place, _posted_to(ent))
    surface = _owned_name(surface)  # "China's Ministry of Public Security" is the ministry
    end = start + ent.text.find(surface) + len(surface) if surface in ent.text else end
    start = end - len(surface)
    words = surface.casefold().split()
    if not words or not _could_be_a_party(words) or _is_publication(ent, surface, words):
        return None
    if ent.root.dep_ == "amod" and all(t.pos_ == "ADJ" or t.is_punct for t in ent):
        return None  # an adjective describing a noun ("Middle-Eastern politics") names no party
    label = ent.label_
    honorific = ent.start > 0 and ent.doc[ent.start - 1].lower_ in HONORIFICS
    if label == "ORG" and honorific and len(words) <= 4:
        label = "PERSON"  # "Mr Johannes Huber": an honorific names a person, whatever the NER thought
    if label == "ORG" and (state := _state_named(words)) is not None:
        return Mention(surface, "country", state, start, end, sentence)  # "the Government of Cuba"
    if label not in ("PERSON", "ORG") or _names_a_place(ent, words) or not any(c.isupper() for c in surface):
        return None  # not a party, a place, or a lower-case phrase ("green hydrogen summit")
    if all(_is_title_word(w) for w in words):
        return None  # a title or rank alone: "Rear Admiral", "Secretary-General"
    if _joins_countries(surface):
        return None  # "U.S.-Japan" (pact), "Russia–Ukraine" (war): two parties, each found on its own
    in_place = _after_place_preposition(ent) or (label != "PERSON" and _names_a_gathering(ent))
    if label == "PERSON" and not any(w in ORGANISATION_WORDS for w in words[1:]):
        title = _leading_title(surface)
        name = surface[len(title) :].lstrip() if title else surface
        if len([w for w in name.split() if w.casefold() not in _NAME_PARTICLES]) > 4:
            return None  # "Luiz Inácio Lula da Silva" has four names
        role = role_for(ent) or (title or None)
        government = _names_a_government(ent)  # "the Trump administration" is a state's, not a person's
        return Mention(name, "person", name, end - len(name), end, sentence, role, in_place, government, honorific)
    if surface.isdigit() or len(words) > 8:
        return None
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    in_title = (following is not None and following.lower_ in ROLE_NOUNS) or _names_a_government(ent)
    return Mention(
        surface, "organisation", surface, start, end, sentence, description_for(ent), in_place=in_place, in_title=in_title
    )


def _owned_name(surface: str) -> str:
    """Return the name after a possessive inside an entity ("China's Ministry of X" → "Ministry of X")."""
    surface = surface.split(";")[0].strip()  # "Council of Ministers; Commission": a list the NER ran together
    for mark in ("'s ", "’s "):
        owner, found, owned = surface.rpartition(mark)
        if found and owner and len(owned.split()) >= 2 and owned[:1].isupper():
            return owned
    words = surface.split()
    while len(words) > 1 and words[0].islower():
        words = words[1:]  # "future Committee for Environmental Protection"
    return " ".join(words)


def _is_publication(ent, surface: str, words: list[str]) -> bool:
    """Say whether a name is a publication, broadcast or programme ("The Times", "BBC Radio 4")."""
    from briefing.summarise.extractive.gazetteer import names_an_outlet

    last = words[-2] if len(words) > 1 and words[-1].isdigit() else words[-1]
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return (
        last in PUBLICATION_WORDS
        or (following is not None and following.is_lower and following.lower_ in PUBLICATION_WORDS)
        or names_an_outlet(surface)
    )


def _joins_countries(surface: str) -> bool:
    """Say whether a name is two or more countries joined by hyphens or dashes: "U.S.-Japan", "India–Pakistan"."""
    from briefing.summarise.extractive.gazetteer import country_named

    countries = [country_named(part) for part in re.split(r"\s*[-\u2010-\u2015]\s*", surface)]
    return len(countries) > 1 and all(countries) and len(set(countries)) > 1  # "Trinidad-Tobago" is one


def _posted_to(ent) -> bool:
    """Say whether a name only says where a title holder is posted: "the Palestinian Ambassador to the Netherlands"."""
    preposition = ent.root.head
    return ent.root.dep_ == "pobj" and preposition.lower_ == "to" and preposition.head.lower_ in ROLE_NOUNS


def _names_a_gathering(ent) -> bool:
    """Say whether a place name only says where a gathering is: "the Hong Kong summit"."""
    return ent.root.dep_ == "compound" and ent.root.head.lower_ in GATHERING_NOUNS


def _names_a_government(ent) -> bool:
    """Say whether a person's name only qualifies a government: "the Trump administration", "Trump's cabinet"."""
    doc = ent.doc
    i = ent.end
    if i < len(doc) and doc[i].tag_ == "POS":
        i += 1
    return i < len(doc) and doc[i].lower_ in _GOVERNMENT_NOUNS


def _is_title_word(word: str) -> bool:
    word = word.strip(".")
    return word in ROLE_NOUNS or word in TITLE_WORDS or word.split("-")[-1] in ROLE_NOUNS


def _leading_title(surface: str) -> str:
    """Return the title words a person's entity starts with ("Chair" in "Chair Mike Gallagher")."""
    words = surface.split()
    count = 0
    while count < len(words) - 1 and _is_title_word(words[count].casefold()):
        count += 1
    if count == 0 and len(words) > 2 and _is_title_word(words[1].casefold()) and words[0].istitle():
        count = 2  # "Crown Prince X", "Grand Ayatollah X": a qualifier the title list lacks
    return " ".join(words[:count])


def _could_be_a_party(words: list[str]) -> bool:
    """Rule out names of days, instruments, events and ideas, Roman numerals, and lone generic nouns."""
    if words[0] in CALENDAR_WORDS or words[-1] in CALENDAR_WORDS:
        return False
    if len(words) == 1 and len(words[0]) > 1 and _ROMAN_NUMERAL.fullmatch(words[0]):
        return False  # "XXV" (a meeting's number)
    if words[0] in _QUANTIFIERS or words[-1] in FUNCTION_WORDS or words[-1] in ("et", "und", "y"):
        return False  # "Any Contracting Party" is no one; "Union Économique et" is a cut name
    if words[-1] in THING_NAME_WORDS and not any(w in ORGANISATION_WORDS for w in words):
        return False  # "the International Monitoring System", "the Entity List"
    organisation = any(w in ORGANISATION_WORDS for w in words)
    if any(w in INSTRUMENT_NAME_WORDS for w in words) and not organisation:
        return False  # "the Liptako-Gourma Charter" is the instrument, not a party
    if words[-1] in EVENT_WORDS or (len(words) == 1 and words[0].endswith("ism")):
        return False  # "the Cuban Missile Crisis", "Pan-Americanism"
    return not (len(words) == 1 and (words[0] in ORGANISATION_WORDS or words[0] in STATE_NOUNS))


def _state_named(words: list[str]) -> str | None:
    """Return the country in "government of X", "X government", if X is one."""
    from briefing.summarise.extractive.gazetteer import country_named, country_of_demonym

    if len(words) >= 3 and words[0] in STATE_NOUNS and words[1] == "of":
        return country_named(" ".join(words[2:]))
    if len(words) >= 2 and words[-1] in STATE_NOUNS:
        named = " ".join(words[:-1])
        return country_named(named) or country_of_demonym(named)  # "the Indian Government"
    return None


def _names_a_place(ent, words: list[str]) -> bool:
    """Say whether an entity is a place: "Walvis Bay", or "Kunene" in "the Kunene region".

    A person's name may end in a place word ("Lena Park"): the NER's PERSON
    needs a place preposition or an article before it too.
    """
    if words[-1] in PLACE_NOUNS and len(words) > 1:
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        if ent.label_ != "PERSON" or _after_place_preposition(ent) or (before is not None and before.lower_ == "the"):
            return True
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return following is not None and following.lower_ in PLACE_NOUNS and following.is_lower


def _after_place_preposition(ent) -> bool:
    token = ent.root
    while token.head.i != token.i and (
        token.dep_ == "conj" or (token.dep_ == "appos" and token.head.ent_type_ in ("GPE", "LOC"))
    ):
        token = token.head  # "to Lüderitz and Boegoebaai", "in Vienna, Austria"
    if token.dep_ != "pobj":
        return False
    preposition = token.head
    return preposition.lower_ in PLACE_PREPOSITIONS or (
        preposition.lower_ == "of" and preposition.head.lower_ in PLACE_NOUNS  # "the city of Hobart"
    )


def _demonym_mention(ent, country: str, sentence: Sentence, offset: int) -> Mention:
    """A demonym names the state in "the Egyptian government"; otherwise it only supports it."""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    start = offset + ent.start_char
    if nxt is not None and nxt.lower_ in STATE_NOUNS:
        surface = ent.doc.text[ent.start_char : nxt.idx + len(nxt)]
        return Mention(surface, "country", country, start, offset + nxt.idx + len(nxt), sentence)
    return Mention(ent.text, "demonym", country, start, offset + ent.end_char, sentence)


def _group_mentions(sentence: Sentence, offset: int):
    """Yield collective parties named by noun chunks the NER left alone.

    "Tuareg armed groups": a capitalised people or creed before a group noun.
    "the Islamic State": proper nouns headed by an organisation word.
    """
    for chunk in sentence.span.noun_chunks:
        root = chunk.root
        if root.ent_type_ and root.ent_type_ not in ("NORP", "PERSON"):
            continue
        if root.lower_ in GROUP_NOUNS and root.tag_ in ("NNS", "NNPS"):
            words = [t for t in chunk if t.i <= root.i and t.pos_ in ("PROPN", "ADJ", "NOUN") and t.ent_type_ != "DATE"]
            named = [t for t in words[:-1] if t.text[:1].isupper() and t.i != sentence.span.start]
            if any(t.ent_id_.startswith("country:") for t in named) and root.lower_ in STATE_NOUNS:
                continue  # "French forces" stand for France: a demonym mention has it
            if named:
                yield _chunk_mention(words, "group", " ".join(t.lower_ for t in named), sentence, offset)
        elif root.lower_ in ORGANISATION_WORDS and root.pos_ == "PROPN" and not any(t.ent_type_ for t in chunk):
            words = [t for t in chunk if t.pos_ == "PROPN"]
            if len(words) >= 2 and words[-1].i == root.i and words[0].i == root.i - len(words) + 1:
                surface = _span_text(words)
                yield _chunk_mention(words, "organisation", surface, sentence, offset)


def _honorific_mentions(sentence: Sentence, offset: int):
    """Yield people the NER missed that an honorific introduces: "was Mr Johannes Huber from the Netherlands"."""
    tokens = list(sentence.span)
    for i, token in enumerate(tokens[:-1]):
        if token.lower_ not in HONORIFICS or token.ent_type_:
            continue
        name = []
        for word in tokens[i + 1 : i + 5]:
            if word.pos_ != "PROPN" or not word.text[:1].isupper() or word.ent_type_:
                break
            name.append(word)
        if name and not all(_is_title_word(w.lower_) for w in name):
            surface = _span_text(name)
            start = offset + name[0].idx
            role = role_for(name[0].doc[name[0].i : name[-1].i + 1])
            yield Mention(surface, "person", surface, start, start + len(surface), sentence, role, honorific=True)


def _chunk_mention(words, kind: str, key: str, sentence: Sentence, offset: int) -> Mention:
    surface = _span_text(words)
    start = offset + words[0].idx
    role = description_for(words[0].doc[words[0].i : words[-1].i + 1])
    return Mention(surface, kind, key, start, start + len(surface), sentence, role)


def _span_text(words) -> str:
    return words[0].doc.text[words[0].idx : words[-1].idx + len(words[-1])]


def clean_name(text: str) -> str:
    """Strip a leading article, a possessive and stray punctuation from an entity's text."""
    text = " ".join(text.split())
    text = _LEADING.sub("", text)
    text = _POSSESSIVE.sub("", text)
    if text.count("(") != text.count(")"):
        text = text.split("(")[0]  # "Union of South American Nations (UNASUR" cut by the NER
    return text.strip(" ,.;:\"“”‘’()[]")


def strip_honorific(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].casefold() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _merge(mentions: list[Mention], parsed: Parsed) -> list[Candidate]:
    by_key: dict[tuple[str, str], Candidate] = {}
    for m in mentions:
        exact = m.kind in ("country", "capital", "demonym")
        key = (m.kind, m.key if exact else _norm(strip_honorific(_without_generic_suffix(m))))
        cand = by_key.setdefault(key, Candidate(m.kind, key[1]))
        cand.mentions.append(m)
        if m.kind == "organisation" and m.key != m.surface:
            cand.canonical = m.key  # the gazetteer's name for it
    _split_run_on_names(by_key)
    cands = list(by_key.values())
    for cand in cands:
        if cand.kind in ("person", "organisation") and all(m.in_place for m in cand.mentions):
            cand.mentions = []  # only ever a place in this story
        if cand.kind in ("organisation", "person") and all(m.in_title for m in cand.mentions):
            cand.mentions = []  # only ever part of someone's title, or of a government's name
    _resolve_metonyms(cands)
    for cand in cands:
        if cand.kind == "country" and all(m.in_place or m.in_title for m in cand.mentions):
            cand.mentions = []  # only ever where something happened ("talks in Vienna, Austria") or a posting
    _merge_people(cands)
    _merge_known_as(cands, parsed.text)
    _merge_acronyms(cands, parsed.text)
    _drop_shadowed(cands)
    _drop_passing_mentions(cands, len(parsed.text.split()))
    _drop_capitalised_words(cands)
    live = [c for c in cands if c.mentions]
    _describe_by_later_titles(live, parsed)
    return live


def _without_generic_suffix(m: Mention) -> str:
    """Drop a lower-case generic word after an organisation's name: "Fianna Fáil party" is "Fianna Fáil"."""
    words = m.key.split()
    if m.kind == "organisation" and len(words) > 1 and words[-1].islower() and words[-1] in ORGANISATION_WORDS:
        return " ".join(words[:-1])
    return m.key


def _split_run_on_names(by_key: dict[tuple[str, str], Candidate]) -> None:
    """Split "National Assembly of Venezuela Juan Guaidó" when the text names "Guaidó" alone too."""
    surnames = {key.split()[-1] for kind, key in by_key if kind == "person"}
    for (kind, key), cand in list(by_key.items()):
        words = cand.mentions[0].surface.split()
        if kind != "organisation" or len(words) < 4 or _norm(words[-1]) not in surnames:
            continue
        if not (words[-2][:1].isupper() and words[-3][:1].isupper()):
            continue
        del by_key[(kind, key)]
        for m in cand.mentions:
            name = " ".join(m.surface.split()[-2:])
            person = Mention(name, "person", name, m.end - len(name), m.end, m.sentence)
            by_key.setdefault(("person", _norm(name)), Candidate("person", _norm(name))).mentions.append(person)
            rest = m.surface[: -len(name)].strip()
            org = Mention(rest, "organisation", rest, m.start, m.start + len(rest), m.sentence)
            by_key.setdefault(("organisation", _norm(rest)), Candidate("organisation", _norm(rest))).mentions.append(org)


def _resolve_metonyms(cands: list[Candidate]) -> None:
    """Fold capitals and demonyms into their country.

    A capital that is the subject of a verb ("Cairo believes") stands for its
    state even when the country is not named; a bare demonym ("Russian news
    agencies") only supports a country that is a party already.
    """
    countries = {c.key: c for c in cands if c.kind == "country"}
    for cand in [c for c in cands if c.kind in ("capital", "demonym")]:
        country = countries.get(cand.key)
        if country is not None:
            country.mentions.extend(cand.mentions)
        elif cand.kind == "capital" and any(_is_subject(m) for m in cand.mentions):
            cand.kind = "country"
            countries[cand.key] = cand
            continue
        cand.mentions = []


def _is_subject(m: Mention) -> bool:
    local = m.start - m.sentence.offset
    span = m.sentence.span.doc.char_span(local, local + (m.end - m.start))
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def _merge_people(cands: list[Candidate]) -> None:
    """Fold "Goita" and "Mr Goita" into "Assimi Goita": same surname, fewer words."""
    people = sorted((c for c in cands if c.kind == "person"), key=lambda c: -len(c.key.split()))
    for i, short in enumerate(people):
        words = short.key.split()
        for full in people[:i]:
            if not full.mentions or full is short:
                continue
            full_words = full.key.split()
            if len(full_words) > len(words) and (
                full_words[-len(words) :] == words
                or (len(words) == 1 and words[0] in full_words)
                or (words[0] == full_words[0] and _is_subsequence(words, full_words))  # "Albert Lluberas"
            ):
                full.mentions.extend(short.mentions)
                short.mentions = []
                break
    _fold_surnames(cands, [c for c in people if c.mentions])
    # A "person" whose name is also an organisation's, country's or group's is a tagging error.
    others = {_norm(n) for c in cands if c.kind != "person" and c.mentions for n in _surfaces(c)}
    others |= {w for c in cands if c.kind == "group" for w in c.key.split()}
    bodies = {c.key: c for c in cands if c.kind == "organisation" and c.mentions}  # "Fianna Fáil party" → "fianna fáil"
    for cand in people:
        body = bodies.get(cand.key)
        if any(m.honorific for m in cand.mentions):  # "Mr Johannes Huber": the body is the tagging error
            if body is not None:
                cand.mentions.extend(replace(m, kind="person") for m in body.mentions)
                body.mentions = []
        elif body is not None:
            body.mentions.extend(replace(m, kind="organisation") for m in cand.mentions)
            cand.mentions = []
        elif cand.key in others:
            cand.mentions = []


def _is_subsequence(short: list[str], full: list[str]) -> bool:
    remaining = iter(full)
    return all(word in remaining for word in short)


def _fold_surnames(cands: list[Candidate], people: list[Candidate]) -> None:
    """Fold a surname the NER typed as an organisation ("Trump", "Mr Dangor") into the one person it ends."""
    for cand in cands:
        if cand.kind != "organisation" or cand.canonical or not cand.mentions:
            continue
        words = _norm(strip_honorific(cand.key)).split()
        if not words or any(w in ORGANISATION_WORDS for w in words):
            continue
        owners = [p for p in people if p.key.split()[-len(words) :] == words and len(p.key.split()) > len(words)]
        if len(owners) != 1:
            continue
        for m in cand.mentions:
            owners[0].mentions.append(Mention(m.surface, "person", m.key, m.start, m.end, m.sentence, _role_at(m)))
        cand.mentions = []


def _role_at(m: Mention) -> str | None:
    """Read the role the text gives the person named by a mention."""
    local = m.start - m.sentence.offset
    span = m.sentence.span.doc.char_span(local, local + (m.end - m.start))
    return role_for(span) if span is not None else None


def _merge_known_as(cands: list[Candidate], text: str) -> None:
    """Merge a party with another name the text gives it: "Mahmoud Abbas, also known as Abu Mazen, …"."""
    for match in _KNOWN_AS.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if _LIST_AFTER.match(text, match.end(1)) or _LIST_BEFORE.search(before):
            continue  # "A and B, dubbed C and D": which is which is the reader's guess, not ours
        span = match.span(1)
        other = next((c for c in cands if c.mentions and any((m.start, m.end) == span for m in c.mentions)), None)
        named = [c for c in cands if c.mentions and c is not other and any(
            m.end == match.start() and (m.start == 0 or text[m.start - 1] not in "-\u2010\u2011")  # not "SSN-AUKUS"
            for m in c.mentions)]  # the whole name just before the comma
        if other is None or len(named) != 1 or named[0].kind != other.kind:
            continue
        named[0].mentions.extend(other.mentions)
        other.mentions = []


def _merge_acronyms(cands: list[Candidate], text: str) -> None:
    """Merge an organisation with its acronym: defined in text as "Long Name (ACR)", or by initials."""
    orgs = [c for c in cands if c.kind in ("organisation", "group")]
    pairs = _ACRONYM_DEF.findall(text)
    defined = {_norm(short): _norm(long) for long, short in pairs}
    for cand in orgs:
        long = next((l for l, s in pairs if _norm(s) == cand.key), None)
        if long is None:
            continue
        words = clean_name(long).casefold().split()
        if not _could_be_a_party(words) or not (
            any(w in ORGANISATION_WORDS for w in words) or any(c.key == _norm(long) for c in orgs if c.mentions)
        ):
            cand.mentions = []  # "TIAR", the acronym of a treaty; "OSI", of an "On-Site Inspection"
    for short in orgs:
        for long in orgs:
            if short is long or not short.mentions or not long.mentions:
                continue
            s, l_ = short.key, long.key
            if defined.get(s) == l_ or (l_.endswith(defined.get(s, "\0"))) or _initials_match(s, l_):
                long.mentions.extend(short.mentions)
                if short.canonical and not long.canonical:
                    long.canonical = short.canonical
                short.mentions = []


def _initials_match(acronym: str, name: str) -> bool:
    if " " in acronym or len(acronym) < 2:
        return False
    words = name.replace("-", " ").split()
    if len(words) < 2:
        return False
    acr = acronym.replace(".", "").casefold()
    every = "".join(w[0] for w in words)
    content = "".join(w[0] for w in words if w not in FUNCTION_WORDS)
    return acr in (every, content)


def _drop_shadowed(cands: list[Candidate]) -> None:
    """Drop an organisation named only inside a longer actor's name ("Sahel" in "G5 Sahel")."""
    live = [c for c in cands if c.mentions]
    for cand in live:
        if cand.kind != "organisation":
            continue
        for other in live:
            if other is cand or not other.mentions:
                continue
            if all(any(o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
                       for o in other.mentions) for m in cand.mentions):
                cand.mentions = []
                break


def _drop_capitalised_words(cands: list[Candidate]) -> None:
    """Drop a word the NER took for a name only because it opens a sentence: "Calmer relations", "Media reports".

    One word, named once, first in its sentence, modifying the common noun after it.
    """
    for cand in cands:
        if cand.kind not in ("person", "organisation") or len(cand.mentions) != 1 or cand.canonical:
            continue
        m = cand.mentions[0]
        span = m.sentence.span
        local = m.start - m.sentence.offset
        first = span[0] if span[0].is_alpha else (span[1] if len(span) > 1 else span[0])
        if len(m.surface.split()) != 1 or first.idx != local or first.i + 1 >= span.end:
            continue
        following = span.doc[first.i + 1]
        if following.is_lower and following.pos_ == "NOUN" and first.head.i == following.i:
            cand.mentions = []


def _drop_passing_mentions(cands: list[Candidate], words: int) -> None:
    """In a long document, leave out people and bodies named once in passing.

    Countries and bodies from the gazetteer stay; so does anyone the text
    gives a role.
    """
    if words < _LONG_DOCUMENT_WORDS:
        return
    for cand in cands:
        if (
            cand.kind in ("person", "organisation")
            and len(cand.mentions) == 1
            and cand.canonical is None
            and not cand.mentions[0].role
        ):
            cand.mentions = []


_DESCRIPTION_SENTENCES = 2  # "the prime minister" refers to a person named this many sentences before, at most


def _describe_by_later_titles(cands: list[Candidate], parsed: Parsed) -> None:
    """Give a person the text names without a role the title a later definite description gives them.

    "Mr Blair refused to be pinned down. … the prime minister claimed …": a
    subject "the (adjectives) <role noun>" with no name of its own refers to
    the person named last, in that sentence or the two before.
    """
    people = sorted(((m.start, c) for c in cands if c.kind == "person" for m in c.mentions), key=lambda p: p[0])
    if not people:
        return
    starts = [p[0] for p in people]
    for sentence in parsed.sentences:
        for token in sentence.span:
            title = _definite_title(token)
            if title is None:
                continue
            position = sentence.offset + token.left_edge.idx
            index = bisect.bisect_left(starts, position) - 1
            if index < 0:
                continue
            cand = people[index][1]
            named_in = next(m.sentence.index for m in cand.mentions if m.start == people[index][0])
            if sentence.index - named_in <= _DESCRIPTION_SENTENCES and not any(m.role for m in cand.mentions):
                cand.description = cand.description or (title, sentence)


def _definite_title(token) -> str | None:
    """Return "prime minister" for a subject "the prime minister" that names no one itself."""
    if token.dep_ not in ("nsubj", "nsubjpass") or token.ent_type_ or token.lower_ not in ROLE_NOUNS:
        return None
    words = [t for t in token.subtree if t.i <= token.i]
    if not words or words[0].lower_ != "the" or any(t.ent_type_ in ("PERSON", "ORG") for t in token.subtree):
        return None
    if any(c.dep_ == "appos" for c in token.children):
        return None  # "the prime minister, X," names X
    title = words[1:]
    if not title or not all(t.pos_ in ("ADJ", "NOUN", "PROPN") or t.ent_type_ in ("NORP", "GPE") for t in title):
        return None
    return token.doc.text[title[0].idx : token.idx + len(token)]


def _salience(cand: Candidate, title: str, length: int) -> float:
    names = {_norm(n) for n in _surfaces(cand)}
    in_title = any(n and n in title for n in names)
    early = 1.0 - cand.first / max(length, 1)
    return len(cand.mentions) + 2.0 * in_title + early


def _surfaces(cand: Candidate) -> list[str]:
    seen: dict[str, None] = {}
    for m in sorted(cand.mentions, key=lambda m: m.start):
        if m.kind != "demonym":
            seen.setdefault(m.surface, None)
    return list(seen)


def _display_name(cand: Candidate) -> str:
    if cand.canonical:
        return cand.canonical
    if cand.kind == "country":
        return cand.key
    surfaces = [strip_honorific(s) for s in _surfaces(cand)]
    return max(surfaces, key=lambda s: (len(s.split()), len(s), -surfaces.index(s)))


def _actor(cand: Candidate, parsed: Parsed) -> Actor:
    name = _display_name(cand)
    kind = cand.kind
    aliases = tuple(s for s in _surfaces(cand) if s != name)
    mentions = sorted(cand.mentions, key=lambda m: m.start)
    role_mention = next((m for m in mentions if m.role), None)
    role = role_mention.role if role_mention else None
    role_sentence = role_mention.sentence if role_mention else None
    if role is None and cand.description is not None:
        role, role_sentence = cand.description
    cited = [mentions[0].sentence]
    if role_sentence is not None and role_sentence is not cited[0]:
        cited.append(role_sentence)
    evidence = tuple(Evidence.of(parsed.text, s.start, s.end) for s in cited)
    return Actor(
        name=name,
        type=kind,  # type: ignore[arg-type]
        role=role,
        aliases=aliases,
        evidence=evidence,
    )


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", "", text.casefold()).split())

