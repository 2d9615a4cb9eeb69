"""Resolve a date as a source writes it ("23 September 2023", "on Saturday", "the past week").

Explicit dates are read as they are; relative ones are resolved against the
source's publication date when it is known, and otherwise kept as written
with the precision they are written to, marked unresolved. Nothing here
knows about spaCy: it reads a phrase and a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Precision = Literal["day", "month", "year"]

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBREVIATIONS = {name[:3]: number for number, name in enumerate(MONTHS, start=1)} | {"sept": 9}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<month>" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_EXPLICIT = (
    re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$"),  # 23 September 2023
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),  # September 23, 2023
    re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH}$"),  # 23 September
    re.compile(rf"^{_MONTH}\s+{_DAY}$"),  # March 12
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),  # September 2023
    re.compile(rf"^{_MONTH}$"),  # March
    re.compile(rf"^{_YEAR}$"),  # 2017
    re.compile(r"^(?P<year>\d{4})-(?P<monthnum>\d{2})-(?P<day>\d{2})$"),  # 2023-09-16
)
_RANGE = re.compile(rf"^(?:between\s+)?(?P<first>.+?)\s*(?:-|–|—|to|and|until)\s*(?P<second>{_YEAR})$")
_LEADING = re.compile(r"^(?:(?:on|in|at|by|since|from|during|until|till|before|after|as of|early|late|mid-?)\s+)+")
_RELATIVE_DAY = {"today": 0, "yesterday": -1, "tomorrow": 1}
_UNIT_PRECISION: dict[str, Precision] = {"day": "day", "week": "day", "month": "month", "year": "year"}
_PAST = re.compile(r"^(?:the\s+)?(?:past|last|previous|preceding)\s+(?P<unit>week|month|year)$")
_NEXT = re.compile(r"^(?:the\s+)?(?:next|coming|following)\s+(?P<unit>week|month|year)$")
_THIS = re.compile(r"^this\s+(?P<unit>week|month|year)$")
_WEEKDAY = re.compile(r"^(?P<which>last|next|this|coming)?\s*(?P<weekday>" + "|".join(WEEKDAYS) + r")$")


@dataclass(frozen=True)
class ResolvedDate:
    """A date as ISO text (a day, ``2023-09``, ``2017`` or a ``start/end`` range) and its precision.

    ``iso`` is None when the phrase is relative and no publication date
    anchors it; ``offset_days`` then orders it among its neighbours (negative
    is before publication). ``future`` says it lies after publication.
    """

    iso: str | None
    precision: Precision
    future: bool = False
    offset_days: int = 0

    @property
    def resolved(self) -> bool:
        return self.iso is not None

    def sort_key(self) -> str:
        """Return the first day the date covers, for ordering ("" when unresolved)."""
        return (self.iso or "").split("/")[0]


def resolve_date(phrase: str, published: date | None, *, future_tense: bool = False) -> ResolvedDate | None:
    """Resolve ``phrase`` against ``published``; None for a phrase that names no datable time.

    ``future_tense`` says the sentence speaks of what will happen: a weekday
    or month without a year is then the next one after publication, not the
    last one before it.
    """
    text = _LEADING.sub("", " ".join(phrase.casefold().replace("’", "'").split())).strip(" ,.")
    if not text:
        return None
    explicit = _explicit(text, published, future_tense)
    if explicit is not None:
        return explicit
    return _relative(text, published, future_tense)


def parse_published(value: str | None) -> date | None:
    """Return the day of an ISO publication date ("2023-09-19", "2023-09-19T08:00:00Z"), else None."""
    match = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _explicit(text: str, published: date | None, future_tense: bool) -> ResolvedDate | None:
    ranged = _RANGE.match(text)
    if ranged:
        first = _explicit(ranged["first"] + " " + ranged["second"] if not _has_year(ranged["first"]) else ranged["first"],
                          published, future_tense)
        second = _explicit(ranged["second"], published, future_tense)
        if first is not None and second is not None and first.iso and second.iso and first.precision == "year":
            return _dated(f"{first.iso}/{second.iso}", "year", published)
    for pattern in _EXPLICIT:
        match = pattern.match(text)
        if match:
            return _from_parts(match.groupdict(), published, future_tense)
    return None


def _has_year(text: str) -> bool:
    return re.search(_YEAR + "$", text) is not None


def _from_parts(parts: dict[str, str | None], published: date | None, future_tense: bool) -> ResolvedDate | None:
    month = _month_number(parts)
    day = int(parts["day"]) if parts.get("day") else None
    year = int(parts["year"]) if parts.get("year") else None
    if year is None:
        if published is None:
            precision: Precision = "day" if day else "month"
            return ResolvedDate(None, precision, future_tense)
        year = _nearest_year(month or 1, day or 1, published, future_tense)
    try:
        if day is not None:
            return _dated(date(year, month or 1, day).isoformat(), "day", published)
    except ValueError:
        return None
    if month is not None:
        return _dated(f"{year:04d}-{month:02d}", "month", published)
    return _dated(f"{year:04d}", "year", published)


def _month_number(parts: dict[str, str | None]) -> int | None:
    if parts.get("monthnum"):
        number = int(parts["monthnum"])
        return number if 1 <= number <= 12 else None
    name = (parts.get("month") or "").rstrip(".")
    if not name:
        return None
    return MONTHS.index(name) + 1 if name in MONTHS else _MONTH_ABBREVIATIONS.get(name[:4] if name == "sept" else name[:3])


def _nearest_year(month: int, day: int, published: date, future_tense: bool) -> int:
    """Return the year that puts month/day on the side of publication the tense points to."""
    try:
        this_year = date(published.year, month, day)
    except ValueError:
        return published.year
    if future_tense:
        return published.year if this_year >= published else published.year + 1
    return published.year if this_year <= published else published.year - 1


def _dated(iso: str, precision: Precision, published: date | None) -> ResolvedDate:
    future = published is not None and iso.split("/")[0] > _iso_at(published, precision)
    return ResolvedDate(iso, precision, future)


def _iso_at(day: date, precision: Precision) -> str:
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]


def _relative(text: str, published: date | None, future_tense: bool) -> ResolvedDate | None:
    if text in _RELATIVE_DAY:
        return _shifted(published, _RELATIVE_DAY[text], "day")
    weekday = _WEEKDAY.match(text)
    if weekday:
        return _weekday(WEEKDAYS.index(weekday["weekday"]), weekday["which"], published, future_tense)
    for pattern, sign in ((_PAST, -1), (_NEXT, 1)):
        match = pattern.match(text)
        if match:
            return _period(match["unit"], sign, published)
    this = _THIS.match(text)
    if this:
        return _period(this["unit"], 0, published)
    return None


def _shifted(published: date | None, days: int, precision: Precision) -> ResolvedDate:
    if published is None:
        return ResolvedDate(None, precision, days > 0, days)
    return _dated((published + timedelta(days=days)).isoformat(), precision, published)


def _weekday(target: int, which: str | None, published: date | None, future_tense: bool) -> ResolvedDate:
    """Resolve "Saturday": the last one before publication, or the next one if the tense or word says so."""
    ahead = which in ("next", "coming") or (which is None and future_tense)
    if published is None:
        return ResolvedDate(None, "day", ahead, 3 if ahead else -3)
    if ahead:
        days = (target - published.weekday()) % 7 or 7
    else:
        days = -((published.weekday() - target) % 7 or 7)
    return _shifted(published, days, "day")


def _period(unit: str, sign: int, published: date | None) -> ResolvedDate:
    """Resolve "the past week", "next month", "this year" to a range or a month or year."""
    precision = _UNIT_PRECISION[unit]
    if published is None:
        span = {"week": 7, "month": 30, "year": 365}[unit]
        return ResolvedDate(None, precision, sign > 0, sign * span)
    if unit == "week":
        if sign < 0:
            return _dated(f"{(published - timedelta(days=7)).isoformat()}/{published.isoformat()}", "day", published)
        start = published + timedelta(days=1) if sign > 0 else published - timedelta(days=published.weekday())
        return _dated(f"{start.isoformat()}/{(start + timedelta(days=6)).isoformat()}", "day", published)
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + sign
        return _dated(f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month", published)
    return _dated(f"{published.year + sign:04d}", "year", published)
