"""``i18n add``: register a new language and create its catalogs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from city_diplomacy.translations.errors import UsageError
from city_diplomacy.translations.registry import (
    DEFAULT_THRESHOLD,
    LANG_CODE,
    SITE_STRINGS,
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
    )


def add_language(root: Path, code: str, threshold: float = DEFAULT_THRESHOLD) -> UpdateResult:
    """Register ``code`` in ``locales/languages.toml`` and create its empty catalogs.

    Every field is written. The site strings start as the source language's text (what the
    site shows until they are translated, never another translation's) and are all listed
    in ``needs_translation``; the catalog ``_chrome.po`` holds them as messages.
    """
    source = languages(root)[0]
    strings = {key: getattr(source, key) for key in SITE_STRINGS}
    language = replace(describe(code, threshold), needs_translation=SITE_STRINGS, **strings)
    register(root, language)
    result = update(root, lang=code)
    readme = write_rules(root, language)
    if readme is not None:
        result.created.append(readme)
    return result


def rules_readme(language: Language) -> str:
    """The skeleton of ``locales/<code>/README.md``: the language's own translation rules."""
    return f"""# Translating into {language.english_name} ({language.code})

The rules for this language, kept out of the translated pages (docs/translators.md has
the rules every language shares). Agreed terms go into `locales/glossary.json`.

- Spelling and punctuation:
- Headings:
- Tokyo Metropolitan Government: how to name it at first use on a page, and after.
- Names of people:
"""


def write_rules(root: Path, language: Language) -> Path | None:
    """Create ``locales/<code>/README.md`` unless it exists; its path relative to ``root``."""
    path = Path(root) / "locales" / language.code / "README.md"
    if path.exists():
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(rules_readme(language), encoding="utf-8")
    return path.relative_to(root)
