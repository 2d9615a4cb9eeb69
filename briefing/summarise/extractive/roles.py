"""Roles of people, read from the parse around a name.

Three constructions carry nearly every role in news copy:
titles before the name ("Mali's junta leader Assimi Goita"), appositions
("Hisham Nazer, Saudi oil minister") and relative clauses ("Rilwanu Lukman,
who is also Nigerian Oil Minister").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.summarise.extractive.lexicon import (
    ABBREVIATED_TITLES,
    GATHERING_NOUNS,
    INSTRUMENT_NOUNS,
    JOINT_UNDERTAKING_NOUNS,
    ORGANISATION_WORDS,
    ROLE_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_MAX_ROLE_WORDS = 10
_NAMING_VERBS = frozenset("name appoint elect choose select install nominate make promote confirm".split())
#: Nouns for something done together, whose partners a "with" names.
JOINT_NOUNS = INSTRUMENT_NOUNS | GATHERING_NOUNS | JOINT_UNDERTAKING_NOUNS
#: Nouns for a body that a name before them may be ("the G5 Sahel alliance", "the ECOWAS bloc").
BODY_NOUNS = ORGANISATION_WORDS | frozenset({"bloc", "body", "grouping", "partnership"})
_SKIP_DEPS = frozenset({"det", "punct", "cc", "predet", "relcl", "acl", "prep", "advmod"})


def role_for(name: Span) -> str | None:
    """Return the role the text gives the person named by ``name``, or None."""
    parts = [p for p in (_title(name), _apposition(name), _relative_clause(name), _copula(name), _named_as(name)) if p]
    if not parts:
        parts = [p for p in (_title_run_before(name), _shared_title(name)) if p]
    unique: list[str] = []
    for part in parts:
        if not any(part.casefold() in u.casefold() for u in unique):
            unique.append(part)
    return "; ".join(unique) or None


def description_for(name: Span, *, country: bool = False) -> str | None:
    """Return what the text says a country, organisation or group is or did to the instrument.

    "the regional bloc, the Economic Community of West African States" gives
    "regional bloc"; "juntas of Mali, Niger and Burkina Faso signed a
    security pact" gives Mali "signed a security pact". A noun after a
    ``country``'s name is never what it is ("U.S. national security", "Mexican
    steel"), as it may be after an organisation's ("the G5 Sahel alliance").
    """
    return (
        _descriptive_apposition(name)
        or _party_to_instrument(name)
        or (None if country else _head_noun_after(name))
        or _participle_after(name)
        or _agent_of(name)
        or _hyphenated_backer(name)
        or _made_by_instrument(name)
        or _linked_party(name)
        or _partner_in(name)
    )


def _first_of_list(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head  # "Chad and Mauritania": Mauritania's place is Chad's
    return token


def _made_by_instrument(name: Span) -> str | None:
    """Read "The Liptako-Gourma Charter will create the Alliance of Sahel States"."""
    from briefing.summarise.extractive.lexicon import INSTRUMENT_NAME_WORDS, INSTRUMENT_NOUNS

    root = _first_of_list(name.root)
    verb = root.head
    if root.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    words = INSTRUMENT_NOUNS | INSTRUMENT_NAME_WORDS
    if not subjects or not any(t.lower_ in words for t in subjects[0].subtree):
        return None
    lemma = verb.lemma_.lower()
    participle = lemma + ("d" if lemma.endswith("e") else "ed")
    future = any(c.lower_ in ("will", "shall", "would") for c in verb.children if c.dep_ == "aux")
    subject = _text(sorted(subjects[0].subtree, key=lambda t: t.i))
    if subject.startswith("The "):
        subject = "the " + subject[4:]
    return f"{'to be ' if future else ''}{participle} by {subject}"


def _linked_party(name: Span) -> str | None:
    """Read "insurgents linked to al-Qaida": al-Qaida has the insurgents linked to it."""
    root = _first_of_list(name.root)
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    participle = prep.head
    if participle.tag_ != "VBN" or participle.dep_ != "acl":
        return None
    tokens = [t for t in participle.head.subtree if t.i <= participle.head.i and t.dep_ not in ("det", "nummod")]
    if not tokens or len(tokens) > 5:
        return None
    return f"{_text(tokens)} {participle.text} {prep.text} it"


def _partner_in(name: Span) -> str | None:
    """Read "a joint force with Chad and Mauritania": a partner in what the noun names.

    Only a noun for something done together (an instrument, a gathering, a
    force or operation): "a surplus with Mexico" makes Mexico no partner.
    """
    root = _first_of_list(name.root)
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "with" or prep.head.pos_ != "NOUN":
        return None
    head = prep.head
    if head.lemma_.lower() not in JOINT_NOUNS and head.lower_ not in JOINT_NOUNS:
        return None
    tokens = [t for t in head.subtree if t.i <= head.i and not t.is_punct and t.dep_ not in ("det", "predet")
              and t.tag_ != "PRP$"]  # "its alliance": the alliance
    if not tokens or len(tokens) > 7:
        return None
    owned = any(t.dep_ == "poss" for t in tokens)  # "President Joe Biden's recent deal" takes no "the"
    return f"partner in {'' if owned else 'the '}{_text(tokens)}"


def _agent_of(name: Span) -> str | None:
    """Read "a resumption of hostilities by Tuareg armed groups": the action a party carries out."""
    root = name.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "by" or prep.head.pos_ != "NOUN":
        return None
    head = prep.head
    while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head  # "hostilities" in "resumption of hostilities" is the resumption's
    tokens = [t for t in head.subtree if t.i < prep.i and t.i >= head.i]
    return f"behind the {_text(tokens)}" if 0 < len(tokens) <= 6 else None  # the party that carries it out


def _hyphenated_backer(name: Span) -> str | None:
    """Read "the France-supported G5 Sahel": the party that supports, backs or leads something."""
    doc = name.doc
    if name.end + 1 >= len(doc) or doc[name.end].text != "-":
        return None
    participle = doc[name.end + 1]
    if participle.tag_ != "VBN" or participle.head.pos_ not in ("NOUN", "PROPN"):
        return None
    head = participle.head
    while head.dep_ in ("compound", "nmod") and head.head.i > head.i:
        head = head.head  # "G5" in "G5 Sahel alliance joint force" modifies "force"
    tokens = [t for t in head.subtree if participle.i < t.i <= head.i]
    if not tokens or len(tokens) > 6:
        return None
    return f"{participle.text} the {_text(tokens)}"


def _head_noun_after(name: Span) -> str | None:
    """Read "the G5 Sahel alliance joint force": the common noun phrase a name modifies, when it names a body."""
    doc = name.doc
    end = name.end
    while end < len(doc) and end - name.end < 5 and doc[end].is_lower and doc[end].pos_ in ("NOUN", "ADJ"):
        end += 1
    words = doc[name.end : end]
    if not words or words[-1].pos_ != "NOUN" or not (name.end <= name.root.head.i < end):
        return None
    if name.root.dep_ not in ("compound", "nmod", "amod"):
        return None
    if words[-1].lower_ not in BODY_NOUNS:
        return None  # "a MITI spokesman", "the AUKUS meeting": someone or something of it, not what it is
    if words[-1].tag_ in ("NNS", "NNPS"):
        return None  # "Nato forces", "EU states": its members or troops; a body is one thing
    return words.text


def _participle_after(name: Span) -> str | None:
    """Read "Islamist insurgents linked to al-Qaida": a past participle modifying the name."""
    for child in name.root.rights:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.i >= name.end:
            tokens = [t for t in child.subtree if not t.is_punct or t.i < child.right_edge.i]
            if len(tokens) <= _MAX_ROLE_WORDS:
                return _text(tokens)
    return None


def _descriptive_apposition(name: Span) -> str | None:
    """Read "the regional bloc, X," or "X, a Washington think tank," (a common-noun phrase)."""
    before = _noun_phrase_before(name)
    if before:
        return before
    root = name.root
    for head in (c for c in root.rights if c.dep_ == "appos" and c.i >= name.end):
        if head.pos_ != "NOUN" or head.ent_type_ or _introduces_next_name(head):
            continue
        tokens = [t for t in _phrase(head) if not t.is_punct]
        if tokens and len(tokens) <= 6 and not any(t.ent_type_ for t in tokens):
            return _text(tokens)
    return None


def _noun_phrase_before(name: Span) -> str | None:
    """Read ", the regional bloc, the X": a determiner, adjectives and a noun, then a comma, then the name."""
    doc = name.doc
    i = name.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].text != ",":
        return None
    end = i
    i -= 1
    while i >= 0 and doc[i].pos_ in ("ADJ", "NOUN") and doc[i].is_lower and not doc[i].ent_type_:
        i -= 1
    words = doc[i + 1 : end]
    if not words or words[-1].pos_ != "NOUN" or i < 0 or doc[i].pos_ != "DET":
        return None
    if doc[i].i != doc[i].sent.start and doc[i - 1].text != ",":
        return None  # the phrase must stand alone: after a comma or at the sentence's start
    return words.text


def _introduces_next_name(head: Token) -> bool:
    """Say whether an appositive is followed by ", (the) Name": it describes that name instead."""
    doc = head.doc
    j = head.right_edge.i + 1
    if j < len(doc) and doc[j].text == ",":
        j += 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        return j < len(doc) and bool(doc[j].ent_type_)
    return False


def _party_to_instrument(name: Span) -> str | None:
    from briefing.summarise.extractive.lexicon import INSTRUMENT_NOUNS

    token = name.root
    for _ in range(6):  # climb lists and "of" phrases up to the clause's subject
        if token.dep_ in ("nsubj", "nsubjpass"):
            break
        if token.dep_ not in ("conj", "pobj", "prep", "compound", "poss", "appos"):
            return None
        token = token.head
    else:
        return None
    verb = token.head
    if verb.pos_ not in ("VERB", "AUX") or token.dep_ != "nsubj":
        return None
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.lemma_.lower() in INSTRUMENT_NOUNS:
            return f"{verb.text} {_text([t for t in obj.subtree if t.i <= obj.i])}"
    return None


def _is_role(tokens: list[Token]) -> bool:
    return any(_is_role_word(t) for t in tokens)


def _is_role_word(token: Token) -> bool:
    """Say whether a word names a role: a role noun ("minister", "MEPs"), an agent noun in -ist
    ("socialist", "ecologist") or an abbreviated title ("Rep.", "Sen.")."""
    word = token.lower_.split("-")[-1]
    if word in ROLE_NOUNS or (word.endswith("s") and word[:-1] in ROLE_NOUNS):
        return True
    if token.pos_ == "NOUN" and len(word) > 5 and word.rstrip("s").endswith("ist") and not word.rstrip("s").endswith("list"):
        return True
    return token.text.endswith(".") and token.text[:1].isupper() and word.rstrip(".") in ABBREVIATED_TITLES


def _title(name: Span) -> str | None:
    """Read a title standing before the name: "Defense Minister", "Mali's junta leader"."""
    tokens: list[Token] = []
    for word in name:  # "First Minister" may hang from "Michelle" in "First Minister Michelle O'Neill"
        for child in word.lefts:
            if child.i >= name.start or child.dep_ in _SKIP_DEPS:
                continue
            tokens.extend(t for t in child.subtree if t.i < name.start)
    tokens = list({t.i: t for t in tokens}.values())
    tokens = _contiguous_before(sorted(tokens, key=lambda t: t.i), name.start)
    if not tokens or not _is_role(tokens) or len(tokens) > _MAX_ROLE_WORDS:
        return None
    return _possessive_last(tokens)


def _title_run_before(name: Span) -> str | None:
    """Read the title words right before a name when the parse missed them.

    "with finance minister Herve Gaymard telling", "Cooperation (Dirco)
    director-general, Zane Dangor": lower-case nouns and adjectives ending in
    a role noun, optionally followed by a comma.
    """
    doc = name.doc
    i = name.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    end = i + 1
    while i >= 0 and end - i <= _MAX_ROLE_WORDS and (
        (doc[i].is_lower and doc[i].pos_ in ("NOUN", "ADJ", "PROPN"))
        or (doc[i].text == "-" and i > 0 and doc[i - 1].is_lower)  # "director-general"
    ):
        i -= 1
    tokens = list(doc[i + 1 : end])
    if not tokens or not _is_role(tokens[-1:]):
        return None
    return _text(tokens)


def _shared_title(name: Span) -> str | None:
    """Read "socialist radicals Mick Wallace and Clare Daly": a plural title is Daly's too."""
    root = name.root
    if root.dep_ != "conj" or root.head.i >= name.start:
        return None
    first = next((e for e in name.doc.ents if e.start <= root.head.i < e.end and e.label_ == "PERSON"), None)
    if first is None:
        return None
    title = _title_run_before(first) or _title(first)
    if not title or not title.split()[-1].endswith("s"):
        return None
    return title


def _contiguous_before(tokens: list[Token], end: int) -> list[Token]:
    """Keep the run of tokens that ends right before the name."""
    run: list[Token] = []
    expected = end - 1
    for token in reversed(tokens):
        if token.i != expected:
            break
        run.append(token)
        expected -= 1
    run.reverse()
    while run and run[0].dep_ in _SKIP_DEPS:
        run = run[1:]
    return run


def _possessive_last(tokens: list[Token]) -> str:
    """Turn "Mali's junta leader" into "junta leader of Mali"; leave other titles as written."""
    for i, token in enumerate(tokens):
        if token.tag_ == "POS" and 0 < i < len(tokens) - 1:
            if all(t.pos_ == "PROPN" for t in tokens[:i]):
                return f"{_text(tokens[i + 1 :])} of {_text(tokens[:i])}"
            break
    return _text(tokens)


def _apposition(name: Span) -> str | None:
    """Read "X, the oil minister," or "the oil minister, X,"."""
    root = name.root
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= name.end and child.ent_type_ != "PERSON":  # not a list of people
            tokens = _phrase(child)
            if _is_role(tokens):
                return _possessive_last(tokens)
            tokens = _coordinated_role(child)
            if tokens:
                return _text(tokens)
    if root.dep_ == "appos" and root.head.i < name.start and not root.head.ent_type_:
        head = root.head  # not "Chief X and …, First Minister Y": X is another person
        tokens = [t for t in _phrase(head) if t.i < name.start and not (t.is_punct and t.i == name.start - 1)]
        if _is_role(tokens):
            return _possessive_last(tokens)
    return None


def _coordinated_role(head: Token) -> list[Token] | None:
    """Read "the finance, economic development and tourism member of the council": a list ending in a role."""
    conjuncts = [c for c in head.subtree if c.dep_ == "conj" and c.head.i >= head.i]
    if not conjuncts or not _is_role_word(conjuncts[-1]):
        return None
    tokens = [t for t in head.subtree if not (t.is_punct and t.i == head.right_edge.i) and t.dep_ not in ("relcl",)]
    while tokens and tokens[0].dep_ in ("det", "predet"):
        tokens = tokens[1:]
    return tokens if len(tokens) <= 2 * _MAX_ROLE_WORDS else None


def _relative_clause(name: Span) -> str | None:
    """Read "X, who is also Nigerian Oil Minister"."""
    for child in name.root.rights:
        if child.dep_ != "relcl" or child.lemma_ != "be":
            continue
        for attr in child.children:
            if attr.dep_ == "attr":
                tokens = _phrase(attr)
                if _is_role(tokens):
                    return _possessive_last(tokens)
    return None


def _copula(name: Span) -> str | None:
    """Read "X is the country's finance minister" and "The first Executive Secretary was X"."""
    root = _first_of_list(name.root)
    if root.dep_ == "attr" and root.head.lemma_ == "be":
        return _role_child(root.head, ("nsubj",), skip=root, before=True)
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return None
    return _role_child(root.head, ("attr",))


def _named_as(name: Span) -> str | None:
    """Read "X was named the new leader of …" and "… appointed X as envoy"."""
    root = _first_of_list(name.root)  # "Daly and Wallace were elected MEPs"
    head = root.head
    if head.lemma_.lower() not in _NAMING_VERBS or root.dep_ not in ("nsubjpass", "dobj"):
        return None
    role = _role_child(head, ("oprd", "attr", "xcomp", "dobj"), skip=root)
    if role:
        return role
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            role = _role_child(prep, ("pobj",))
            if role:
                return role
    return None


def _role_child(head: Token, deps: tuple[str, ...], skip: Token | None = None, before: bool = False) -> str | None:
    for child in head.children:
        if child.dep_ in deps and child is not skip and (before or child.i > head.i) and not child.ent_type_:
            tokens = _phrase(child)
            if _is_role(tokens):
                return _possessive_last(tokens)
    return None


def _phrase(head: Token) -> list[Token]:
    """The noun phrase headed by ``head``, without clauses, commas or a leading article."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "conj", "appos"):
            continue
        if child.dep_ == "prep" and child.i > head.i:
            # keep "of defence" in "minister of defence", not longer modifiers
            tokens.extend(child.subtree)
            continue
        tokens.extend(child.subtree)
    tokens = sorted(set(tokens), key=lambda t: t.i)
    while tokens and tokens[0].dep_ in ("det", "predet", "punct"):
        tokens = tokens[1:]
    if len(tokens) > _MAX_ROLE_WORDS:
        tokens = [t for t in tokens if t.i <= head.i][-_MAX_ROLE_WORDS:]
    return tokens


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])].strip(" ,")
