"""Translator workflow: catalog update, statistics, checks, adding a language.

The library returns data; ``city_diplomacy.cli.i18n`` prints it. Entry points for other
parts of the project:

* ``languages(root)``: every language in ``locales/languages.toml`` (source first), with
  ``load_languages(path)`` for a registry file elsewhere; ``chrome.site_strings(root, code)``
  gives the strings the site chrome shows in a language;
* ``switcher_languages(root)``: those to offer in the language switcher (threshold met);
* ``stats(root, lang=None)``: per-language, per-page message counts.
"""

from __future__ import annotations

from city_diplomacy.translations.errors import I18nError, UsageError
from city_diplomacy.translations.registry import (
    Language,
    LanguagesError,
    languages,
    load_languages,
    source_language,
    target_languages,
)
from city_diplomacy.translations.stats import LanguageStats, stats, switcher_languages

__all__ = [
    "I18nError",
    "Language",
    "LanguageStats",
    "LanguagesError",
    "UsageError",
    "languages",
    "load_languages",
    "source_language",
    "stats",
    "switcher_languages",
    "target_languages",
]
