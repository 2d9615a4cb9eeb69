"""Date resolution: the phrase as written, the publication day, and what it resolves to."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.summarise.extractive.dates import parse_published, resolve_date

TUESDAY = date(2023, 9, 19)  # a Tuesday

# phrase, publication day, future tense, expected (iso, precision, future)
CASES = [
    # explicit dates, with and without a publication date
    ("23 September 2023", TUESDAY, False, ("2023-09-23", "day", True)),
    ("on 16 September 2023", None, False, ("2023-09-16", "day", False)),
    ("September 16, 2023", None, False, ("2023-09-16", "day", False)),
    ("2nd of March 2021", None, False, ("2021-03-02", "day", False)),
    ("in 2017", TUESDAY, False, ("2017", "year", False)),
    ("2017", None, False, ("2017", "year", False)),
    ("in March 2024", TUESDAY, False, ("2024-03", "month", True)),
    ("Sept. 2023", None, False, ("2023-09", "month", False)),
    # month or day without a year: the side of publication the tense points to
    ("March 12", TUESDAY, True, ("2024-03-12", "day", True)),
    ("March 12", TUESDAY, False, ("2023-03-12", "day", False)),
    ("in March", TUESDAY, True, ("2024-03", "month", True)),
    ("in March", TUESDAY, False, ("2023-03", "month", False)),
    ("March 12", None, True, (None, "day", True)),
    ("in March", None, False, (None, "month", False)),
    # weekdays either side of publication
    ("on Saturday", TUESDAY, False, ("2023-09-16", "day", False)),
    ("Monday", TUESDAY, False, ("2023-09-18", "day", False)),
    ("on Tuesday", TUESDAY, False, ("2023-09-12", "day", False)),
    ("on Wednesday", TUESDAY, False, ("2023-09-13", "day", False)),
    ("on Wednesday", TUESDAY, True, ("2023-09-20", "day", True)),
    ("next Monday", TUESDAY, False, ("2023-09-25", "day", True)),
    ("last Friday", TUESDAY, False, ("2023-09-15", "day", False)),
    ("yesterday", TUESDAY, False, ("2023-09-18", "day", False)),
    ("tomorrow", TUESDAY, False, ("2023-09-20", "day", True)),
    # periods
    ("the past week", TUESDAY, False, ("2023-09-12/2023-09-19", "day", False)),
    ("last week", TUESDAY, False, ("2023-09-12/2023-09-19", "day", False)),
    ("next month", TUESDAY, False, ("2023-10", "month", True)),
    ("next month", date(2023, 12, 5), False, ("2024-01", "month", True)),
    ("last year", TUESDAY, False, ("2022", "year", False)),
    ("this week", TUESDAY, False, ("2023-09-18/2023-09-24", "day", False)),
    ("next week", TUESDAY, False, ("2023-09-20/2023-09-26", "day", True)),
    ("this year", TUESDAY, False, ("2023", "year", False)),
    # ranges
    ("2014-2017", None, False, ("2014/2017", "year", False)),
    ("between 2014 and 2017", None, False, ("2014/2017", "year", False)),
    # no publication date: kept as written, unresolved, with the precision written
    ("on Saturday", None, False, (None, "day", False)),
    ("the past week", None, False, (None, "day", False)),
    ("next month", None, False, (None, "month", True)),
    ("last year", None, False, (None, "year", False)),
]


@pytest.mark.parametrize(("phrase", "published", "future_tense", "expected"), CASES)
def test_resolve_date(phrase, published, future_tense, expected):
    resolved = resolve_date(phrase, published, future_tense=future_tense)
    assert resolved is not None
    assert (resolved.iso, resolved.precision, resolved.future) == expected


@pytest.mark.parametrize("phrase", ["recent years", "the 1990s era", "decades", "", "31 February 2023", "the week"])
def test_phrases_that_name_no_datable_time(phrase):
    assert resolve_date(phrase, TUESDAY) is None


def test_unresolved_relative_dates_keep_their_order():
    week = resolve_date("the past week", None)
    saturday = resolve_date("on Saturday", None)
    assert week.offset_days < saturday.offset_days < 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2023-09-19", TUESDAY), ("2023-09-19T08:00:00Z", TUESDAY), ("19/09/2023", None), (None, None), ("2023-02-30", None)],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected
