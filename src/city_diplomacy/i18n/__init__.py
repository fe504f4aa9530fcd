"""Translator workflow: catalog update, statistics, checks, adding a language.

The library returns data; ``city_diplomacy.cli_i18n`` prints it.
"""

from __future__ import annotations

from .errors import I18nError, UsageError
from .registry import Language, languages, source_language, target_languages

__all__ = [
    "I18nError",
    "Language",
    "UsageError",
    "languages",
    "source_language",
    "target_languages",
]
