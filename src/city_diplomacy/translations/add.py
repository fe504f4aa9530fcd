"""``i18n add``: register a new language and create its catalogs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from city_diplomacy.translations.errors import UsageError
from city_diplomacy.translations.registry import (
    DEFAULT_NOTICE,
    DEFAULT_THRESHOLD,
    LANG_CODE,
    Language,
    languages,
    register,
)
from city_diplomacy.translations.update import UpdateResult, update


def describe(code: str, threshold: float = DEFAULT_THRESHOLD) -> Language:
    """A registry entry for ``code`` with names and plural forms from CLDR (via Babel)."""
    if not LANG_CODE.match(code):
        raise UsageError(f"{code!r} is not a language code such as 'fr' or 'pt_BR'")
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError) as exc:
        raise UsageError(f"{code!r} is not a language known to CLDR") from exc
    plural = get_plural(code)
    return Language(
        code=code,
        name=locale.get_display_name(code) or code,
        english_name=locale.get_display_name("en") or code,
        threshold=threshold,
        plural_forms=f"nplurals={plural.num_plurals}; plural={plural.plural_expr};",
        notice=DEFAULT_NOTICE,
    )


def add_language(root: Path, code: str, threshold: float = DEFAULT_THRESHOLD) -> UpdateResult:
    """Register ``code`` in ``locales/languages.toml`` and create its empty catalogs.

    The site title and description start as copies of the first translation's (English),
    for the translator to replace.
    """
    known = languages(root)
    model = known[1] if len(known) > 1 else known[0]
    language = replace(describe(code, threshold), title=model.title, description=model.description)
    register(root, language)
    return update(root, lang=code)
