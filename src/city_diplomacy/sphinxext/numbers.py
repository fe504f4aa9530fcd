"""Numbers written the way the page's language writes them (Babel's CLDR data)."""

from __future__ import annotations

from functools import cache

from babel.core import Locale, UnknownLocaleError
from babel.numbers import format_decimal


@cache
def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def format_count(count: int, language: str) -> str:
    """``1234`` as ``1,234`` (English, Japanese), ``1 234`` (French) …; digits if unknown."""
    locale = _locale(language)
    return str(count) if locale is None else format_decimal(count, locale=locale)
