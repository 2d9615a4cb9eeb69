"""Dates every renderer shows: the build time (SOURCE_DATE_EPOCH or now) and dates written out in words."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timezone

from briefing.errors import RenderError

__all__ = ["MONTHS", "as_of", "format_date", "source_date"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def source_date() -> datetime:
    """Return the build time: ``SOURCE_DATE_EPOCH`` if set, else now, in UTC to the second."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(raw), timezone.utc)
    except (ValueError, OverflowError, OSError) as exc:
        raise RenderError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {raw!r}"
        ) from exc


def as_of() -> date:
    """Return the day the brief is "as of": SOURCE_DATE_EPOCH's day if set, else today, in UTC."""
    return source_date().date()


def format_date(value: date | str | None) -> str | None:
    """Write a date as "16 September 2023"; text that is not an ISO date is returned unchanged."""
    if value is None or isinstance(value, date):
        day = value
    else:
        match = _ISO_DATE.match(value.strip())
        try:
            day = date(int(match[1]), int(match[2]), int(match[3])) if match else None
        except ValueError:
            day = None
        if day is None:
            return value
    return None if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"
