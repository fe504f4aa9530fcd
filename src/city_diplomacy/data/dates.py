"""Partial dates: a date known to the year, the month or the day, never padded."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PartialDateError(ValueError):
    """Raised for a string that is not a real YYYY, YYYY-MM or YYYY-MM-DD date."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date with the precision its source gives.

    Ordering compares the known parts first and treats a missing month or day as
    earlier than any known one, so ``2001 < 2001-10 < 2001-10-19``.
    """

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise PartialDateError otherwise."""
        match = _PATTERN.match(text)
        if match is None:
            raise PartialDateError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match.group(1))
        month = int(match.group(2) or 0)
        day = int(match.group(3) or 0)
        if match.group(2) is not None and not 1 <= month <= 12:
            raise PartialDateError(f"{text!r} has no month {month}")
        if match.group(3) is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise PartialDateError(
                    f"{text!r} is not a real day ({year}-{month:02d} has {last} days)"
                )
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day:
            return "day"
        if self.month:
            return "month"
        return "year"

    def isoformat(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.isoformat()

    def format(self, language: str) -> str:
        """Readable form: ``2001年10月`` in Japanese, ``October 2001`` in English, and in
        any other language the form CLDR gives it (Babel: ``octobre 2001`` in French); a
        language CLDR does not know gets the Japanese form (the source language's), never
        the English one by accident."""
        if language not in ("ja", "en"):
            locale = _locale(language)
            if locale is not None:
                skeleton = "yMMMMd" if self.day else "yMMMM" if self.month else "y"
                when = datetime.date(self.year, self.month or 1, self.day or 1)
                return str(format_skeleton(skeleton, when, locale=locale))
            language = "ja"
        if language == "ja":
            text = f"{self.year}年"
            if self.month:
                text += f"{self.month}月"
            if self.day:
                text += f"{self.day}日"
            return text
        if self.day:
            return f"{self.day} {calendar.month_name[self.month]} {self.year}"
        if self.month:
            return f"{calendar.month_name[self.month]} {self.year}"
        return str(self.year)

    def covers_or_precedes(self, other: PartialDate) -> bool:
        """True if this date is not after ``other`` at the precision both share."""
        return self._key(other) <= other._key(self)

    def _key(self, other: PartialDate) -> tuple[int, ...]:
        parts = [self.year]
        if self.month and other.month:
            parts.append(self.month)
            if self.day and other.day:
                parts.append(self.day)
        return tuple(parts)


@cache
def _locale(language: str) -> Locale | None:
    """CLDR data of ``language`` (``fr``, ``pt_BR``), or None when CLDR has none."""
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return None


def parse_optional(text: str | None) -> PartialDate | None:
    """Parse a cell that may be empty."""
    if text is None or text == "":
        return None
    return PartialDate.parse(text)


def format_range(
    start: PartialDate, end: PartialDate | None, language: str, *, compact: bool = False
) -> str:
    """Format a start and optional end date as one range.

    ``compact`` writes what both ends share once, for day-precise ends in one year:
    ``2004年11月21日〜24日`` / ``21–24 November 2004``.
    """
    if end is None or end == start:
        return start.format(language)
    separator = "〜" if language == "ja" else " – "
    if compact and start.precision == end.precision == "day" and start.year == end.year:
        same_month = start.month == end.month
        if language == "ja":
            tail = f"{end.day}日" if same_month else f"{end.month}月{end.day}日"
            return f"{start.format(language)}〜{tail}"
        if language == "en":
            end_text = end.format(language)
            if same_month:
                return f"{start.day}–{end_text}"
            return f"{start.day} {calendar.month_name[start.month]} – {end_text}"
    return f"{start.format(language)}{separator}{end.format(language)}"


def _without_year(when: PartialDate, language: str) -> str:
    """Day and month only (a date known to the year alone keeps its year)."""
    if not when.month:
        return when.format(language)
    month = f"{when.month}月" if language == "ja" else calendar.month_name[when.month]
    if not when.day:
        return month
    return f"{month}{when.day}日" if language == "ja" else f"{when.day} {month}"


def format_in_year(start: PartialDate, end: PartialDate | None, language: str) -> str:
    """A range under a heading that gives its year: ``10月13日〜14日``, ``13–14 October``.

    Only Japanese and English have a short form; a range into another year, and every
    other language, is written in full (:func:`format_range`).
    """
    if language not in ("ja", "en") or (end is not None and end.year != start.year):
        return format_range(start, end, language, compact=True)
    if end is None or end == start:
        return _without_year(start, language)
    if start.precision == end.precision == "day" and start.month == end.month:
        if language == "ja":
            return f"{start.month}月{start.day}日〜{end.day}日"
        return f"{start.day}–{end.day} {calendar.month_name[start.month]}"
    separator = "〜" if language == "ja" else " – "
    return f"{_without_year(start, language)}{separator}{_without_year(end, language)}"
