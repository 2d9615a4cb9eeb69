"""The checkable facts of a phrase: its numbers and its names, and whether a source states them."""

from __future__ import annotations

import re
from typing import Callable, Iterable

#: Return the capitalised words of a phrase that are not names (a tagger's judgement), e.g. an opening "Experts".
CommonWords = Callable[[str], Iterable[str]]

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED = re.compile(r"\b[A-ZÀ-Ý][\w’'-]*")
_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000",
     "million": "1000000", "billion": "1000000000", "dozen": "12", "half": "0.5", "once": "1", "twice": "2"}
# Words written with a capital only because they open a sentence or are function words.
_FUNCTION_WORDS = frozenset(
    "a an the this that these those it its he she they them their his her we our you your i in on at of for "
    "to from by with as and or but if while after before since during under over about against between "
    "according also however meanwhile both all each every some many most other such no not there here "
    "when where which who whose what why how then thus yet still so".split()
)


def numbers_in(text: str) -> set[str]:
    """Return the numbers ``text`` states, as canonical digit strings (``1,200`` and ``1200`` are one)."""
    found = {_canonical(m.group()) for m in _NUMBER.finditer(text)}
    words = re.findall(r"[a-z]+", text.casefold())
    found.update(_NUMBER_WORDS[w] for w in words if w in _NUMBER_WORDS)
    return found


def names_in(text: str) -> set[str]:
    """Return the capitalised words of ``text`` that are not function words, without a possessive 's."""
    names = set()
    for match in _CAPITALISED.finditer(text):
        word = re.sub(r"[’']s?$", "", match.group()).strip("-")
        if word and word.casefold() not in _FUNCTION_WORDS:
            names.add(word)
    return names


def unstated(phrase: str, source: str, *, common: Iterable[str] = ()) -> tuple[set[str], set[str]]:
    """Return the numbers and the names of ``phrase`` that ``source`` does not state.

    ``common`` are capitalised words of the phrase known not to be names
    (a common noun that opens a sentence, as a tagger says).
    """
    numbers = numbers_in(phrase) - numbers_in(source)
    folded = source.casefold()
    words = set(re.findall(r"[\w’'-]+", folded)) | set(re.findall(r"[\w’']+", folded))  # "al-qaida" and "qaida"
    stems = {re.sub(r"[’']s?$", "", w) for w in words}
    names = {n for n in names_in(phrase) - set(common) if n.casefold() not in words and n.casefold() not in stems}
    return numbers, names


def _canonical(number: str) -> str:
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", number):
        number = number.replace(",", "")
    whole, _, fraction = number.replace(",", ".").partition(".")
    whole, fraction = whole.lstrip("0") or "0", fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole
