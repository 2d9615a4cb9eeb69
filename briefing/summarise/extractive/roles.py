"""Roles of people, read from the parse around a name.

Three constructions carry nearly every role in news copy:
titles before the name ("Mali's junta leader Assimi Goita"), appositions
("Hisham Nazer, Saudi oil minister") and relative clauses ("Rilwanu Lukman,
who is also Nigerian Oil Minister").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.summarise.extractive.lexicon import ROLE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_MAX_ROLE_WORDS = 10
_NAMING_VERBS = frozenset("name appoint elect choose select install nominate make promote confirm".split())
_SKIP_DEPS = frozenset({"det", "punct", "cc", "predet", "relcl", "acl", "prep", "advmod"})


def role_for(name: Span) -> str | None:
    """Return the role the text gives the person named by ``name``, or None."""
    parts = [p for p in (_title(name), _apposition(name), _relative_clause(name), _copula(name), _named_as(name)) if p]
    unique: list[str] = []
    for part in parts:
        if not any(part.casefold() in u.casefold() for u in unique):
            unique.append(part)
    return "; ".join(unique) or None


def _is_role(tokens: list[Token]) -> bool:
    return any(t.lower_ in ROLE_NOUNS or t.lower_.split("-")[-1] in ROLE_NOUNS for t in tokens)


def _title(name: Span) -> str | None:
    """Read a title standing before the name: "Defense Minister", "Mali's junta leader"."""
    root = name.root
    tokens: list[Token] = []
    for child in root.lefts:
        if child.i >= name.start or child.dep_ in _SKIP_DEPS:
            continue
        tokens.extend(t for t in child.subtree if t.i < name.start)
    tokens = _contiguous_before(sorted(tokens, key=lambda t: t.i), name.start)
    if not tokens or not _is_role(tokens) or len(tokens) > _MAX_ROLE_WORDS:
        return None
    return _possessive_last(tokens)


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
        if child.dep_ == "appos" and child.i >= name.end:
            tokens = _phrase(child)
            if _is_role(tokens):
                return _possessive_last(tokens)
    if root.dep_ == "appos" and root.head.i < name.start:
        head = root.head
        tokens = [t for t in _phrase(head) if t.i < name.start and not (t.is_punct and t.i == name.start - 1)]
        if _is_role(tokens):
            return _possessive_last(tokens)
    return None


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
    """Read "X is the country's finance minister" (the subject of "be" and its attribute)."""
    root = name.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return None
    return _role_child(root.head, ("attr",))


def _named_as(name: Span) -> str | None:
    """Read "X was named the new leader of …" and "… appointed X as envoy"."""
    root = name.root
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


def _role_child(head: Token, deps: tuple[str, ...], skip: Token | None = None) -> str | None:
    for child in head.children:
        if child.dep_ in deps and child is not skip and child.i > head.i:
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
