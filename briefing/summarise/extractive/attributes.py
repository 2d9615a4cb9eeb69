"""Find the attribute ruler's matches by looking each token up, not with spaCy's Matcher.

spaCy's English pipelines map each fine-grained tag to its part of speech
and morphology, and fix a few words ("a", "an", "i" as a subject, "gon na"),
with an ``attribute_ruler`` of about 180 patterns. Its Matcher is a tenth of
the small pipeline's time on a news article, most of it in the patterns with
IN, NOT_IN or REGEX, which it tests by calling Python at every token. Here
each token's TAG, LOWER, DEP, ORTH and IS_SPACE are read in one array; a
pattern is tried only where its first token's value is one it asks for (a
dictionary lookup), or everywhere when its first token asks for none; a
regular expression is run once per distinct word. A pattern this cannot
read (an operator such as "+", another attribute) stays in a Matcher of its
own. The ruler then sets the attributes as it always does, the later pattern
winning, so every token comes out exactly as before
(``tests/test_attributes.py`` compares them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The token attributes read (one array per document), in its columns' order.
COLUMNS = ("TAG", "LOWER", "DEP", "ORTH", "IS_SPACE")
ALIASES = {"TEXT": "ORTH"}
SET_OPERATORS = {"IN": "in", "NOT_IN": "not in"}

Check = tuple[int, str, Any]  # (column, "==" | "in" | "not in" | "regex", value)
Pattern = tuple[int, list[list[Check]]]  # (rule number, each token's checks)


def speed_up_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's attribute ruler (if it has spaCy's) the lookup in place of its Matcher."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not hasattr(ruler, "match") or not hasattr(ruler, "patterns"):
        return  # not spaCy's AttributeRuler: leave it be
    ruler.match = LookupMatcher(nlp.vocab, ruler.patterns)


class LookupMatcher:
    """The matches of an attribute ruler's patterns, as ``AttributeRuler.match`` returns them.

    ``patterns`` are the ruler's, in order: entry number i sets attributes
    number i, and a later number overrides an earlier one.
    """

    def __init__(self, vocab, patterns: list[dict[str, Any]]):
        from spacy.matcher import Matcher

        self._strings = vocab.strings
        self._ids: list[int] = []
        # One-token patterns of equalities only: their columns' values -> the patterns asking for them.
        lookups: dict[tuple[int, ...], dict[Any, list[int]]] = defaultdict(lambda: defaultdict(list))
        # Other patterns: a value their first token may have (its column) -> the patterns; or tried anywhere.
        by_first: dict[int, dict[int, list[Pattern]]] = defaultdict(lambda: defaultdict(list))
        self._anywhere: list[Pattern] = []
        self._rest = Matcher(vocab)
        for number, entry in enumerate(patterns):
            self._ids.append(vocab.strings.add(str(number)))
            left = []
            for pattern in entry["patterns"]:
                specs = [_checks(spec, vocab.strings) for spec in pattern]
                if not specs or any(spec is None for spec in specs):
                    left.append(pattern)
                elif len(specs) == 1 and all(operator == "==" for _, operator, _ in specs[0]):
                    columns = tuple(column for column, _, _ in specs[0])
                    values = tuple(value for _, _, value in specs[0])
                    lookups[columns][values if len(values) > 1 else values[0]].append(number)
                else:
                    first = _index_values(specs[0])
                    if first is None:
                        self._anywhere.append((number, specs))
                    for value in (first[1] if first else ()):
                        by_first[first[0]][value].append((number, specs))
            if left:
                self._rest.add(str(number), left)
        self._lookups = [(itemgetter(*columns), dict(table)) for columns, table in lookups.items()]
        self._first = [(column, dict(table)) for column, table in by_first.items()]
        self._regex_results: dict[tuple[int, int], bool] = {}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """Return ``(rule number, match id, start, end)`` for every match, sorted as the ruler applies them."""
        rows = doc.to_array(list(COLUMNS)).tolist()
        ids = self._ids
        matches: set[tuple[int, int, int, int]] = set()
        for i, row in enumerate(rows):
            for read, table in self._lookups:
                numbers = table.get(read(row))
                if numbers:
                    matches.update((number, ids[number], i, i + 1) for number in numbers)
            for column, table in self._first:
                candidates = table.get(row[column])
                if candidates:
                    self._try(candidates, rows, i, matches)
        for number, specs in self._anywhere:
            self._try_where_first_holds(number, specs, rows, matches)
        if len(self._rest):
            for match_id, start, end in self._rest(doc, allow_missing=True, as_spans=False):
                matches.add((int(self._strings[match_id]), match_id, start, end))
        return sorted(matches)

    def _try(self, patterns: list[Pattern], rows: list[list[int]], i: int, matches: set) -> None:
        """Add the ``patterns`` that match at token ``i`` to ``matches``."""
        for number, specs in patterns:
            end = i + len(specs)
            if end > len(rows):
                continue
            if all(self._holds(spec, rows[i + k]) for k, spec in enumerate(specs)):
                matches.add((number, self._ids[number], i, end))

    def _try_where_first_holds(self, number: int, specs: list[list[Check]], rows: list[list[int]],
                               matches: set) -> None:
        """Try a pattern whose first token asks for no value, where that token passes its checks.

        When the first token's checks read one column, each distinct value of
        that column in the document is tested once, not each token.
        """
        columns = {column for column, _, _ in specs[0]}
        if len(columns) == 1:
            column = columns.pop()
            passing = {value for value in {row[column] for row in rows} if self._holds(specs[0], {column: value})}
            starts = [i for i, row in enumerate(rows) if row[column] in passing]
        else:
            starts = range(len(rows))
        for i in starts:
            self._try([(number, specs)], rows, i, matches)

    def _holds(self, checks: list[Check], row) -> bool:
        """Tell whether a token's ``row`` of values (a list, or a column -> value mapping) passes ``checks``."""
        for column, operator, value in checks:
            have = row[column]
            if operator == "==":
                if have != value:
                    return False
            elif operator == "regex":
                if not self._searched(value, have):
                    return False
            elif (have in value) != (operator == "in"):
                return False
        return True

    def _searched(self, pattern: re.Pattern, value: int) -> bool:
        """Tell whether ``pattern`` is found in the string ``value`` hashes, each word tested once per process."""
        key = (id(pattern), value)
        found = self._regex_results.get(key)
        if found is None:
            found = self._regex_results[key] = bool(pattern.search(self._strings[value]))
        return found


def _index_values(checks: list[Check]) -> tuple[int, frozenset[int]] | None:
    """Return a column and the values a token must have there to pass ``checks`` (an equality or IN), if any."""
    for column, operator, value in checks:
        if operator == "==":
            return column, frozenset((value,))
        if operator == "in":
            return column, value
    return None


def _checks(spec: dict[str, Any], strings) -> list[Check] | None:
    """Return one token's spec as checks on its row of values, or None if only the Matcher can read it."""
    if not spec:
        return None
    checks: list[Check] = []
    for key, value in sorted(spec.items()):
        name = ALIASES.get(key, key)
        if name not in COLUMNS:
            return None  # another attribute, or an operator ("OP")
        column = COLUMNS.index(name)
        if name == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            checks.append((column, "==", int(value)))
        elif isinstance(value, str):
            checks.append((column, "==", strings[value]))
        elif isinstance(value, dict) and len(value) == 1:
            (operator, argument), = value.items()
            if operator in SET_OPERATORS and all(isinstance(word, str) for word in argument):
                checks.append((column, SET_OPERATORS[operator], frozenset(strings[word] for word in argument)))
            elif operator == "REGEX" and isinstance(argument, str):
                checks.append((column, "regex", re.compile(argument)))
            else:
                return None
        else:
            return None
    if len({column for column, _, _ in checks}) != len(checks):
        return None  # the same attribute twice (ORTH and TEXT): leave it to the Matcher
    return checks
