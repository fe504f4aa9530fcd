"""The site chrome's strings in the catalogs: ``locales/<lang>/LC_MESSAGES/_chrome.po``.

The strings a page shows around its text (site title, description, the untranslated-text
notice, the switchers' labels, the old-version notice) cannot go through a page's catalog:
``conf.py`` and the templates are not pages. Their source text is the source language's
entry of ``locales/languages.toml``; ``i18n update`` writes it to one more catalog per
language, ``_chrome.po`` (``msgctxt`` is the registry field), so they are translated,
counted and checked like every other message. The site build resolves them per language
(:func:`site_strings`) and hands the result to Sphinx.
"""

from __future__ import annotations

from pathlib import Path

import polib

from city_diplomacy.translations.catalogs import catalog_dir
from city_diplomacy.translations.registry import SITE_STRINGS, Language, languages

#: The page key of the chrome catalog (no docs page starts with ``_``).
CHROME = "_chrome"
_WHAT = {
    "title": "the site's title (page header, browser tab, root page)",
    "description": "the site's description (search engines, root page)",
    "notice": "note at the top of a page whose untranslated paragraphs show in Japanese",
    "switcher_label": "name of the language switcher, read by screen readers",
    "versions_label": "name of the version switcher and its link to the list of versions",
    "newest_label": "text of the link to the newest version, inside old_version_notice",
    "old_version_notice": "note on pages of an old version; keep {version} and {newest}",
    "stable_notice": "note on pages of releases older than the stable one; keep {stable} "
    "(a link whose text is that release's number)",
    "stable_release_notice": "note on pages of the stable release (the newest one, not old), "
    "instead of old_version_notice; keep {version} and {latest}",
    "development_label": "text of the link to the development version (latest), inside "
    "stable_release_notice",
}


def template(source: Language) -> polib.POFile:
    """The chrome catalog's template: one entry per site string of the source language."""
    po = polib.POFile(wrapwidth=0)
    for key in SITE_STRINGS:
        text = getattr(source, key)
        if text:
            po.append(
                polib.POEntry(
                    msgctxt=key,
                    msgid=text,
                    msgstr="",
                    comment=f"Site chrome, {key}: {_WHAT[key]}.",
                    occurrences=[("locales/languages.toml", "")],
                )
            )
    return po


def translations(root: Path, code: str) -> dict[str, str]:
    """The translated (not fuzzy, not empty) chrome strings of ``code``, by registry field."""
    path = catalog_dir(root, code) / f"{CHROME}.po"
    if not path.is_file():
        return {}
    try:
        po = polib.pofile(str(path))
    except (OSError, ValueError):
        return {}  # `i18n check` reports the broken file
    return {
        entry.msgctxt: entry.msgstr
        for entry in po
        if entry.msgctxt in SITE_STRINGS and entry.translated() and not entry.obsolete
    }


def site_strings(root: Path, code: str) -> dict[str, str]:
    """Every site string of language ``code``, each from the first place that has it.

    The chrome catalog's translation; else the registry's value unless the field is listed
    in ``needs_translation``; else the source language's text (never English by accident).
    """
    known = languages(root)
    source = known[0]
    language = next(lang for lang in known if lang.code == code)
    found = {} if language.source else translations(root, code)
    result = {}
    for key in SITE_STRINGS:
        own = getattr(language, key)
        if key in found:
            result[key] = found[key]
        elif own and key not in language.needs_translation and not language.source:
            result[key] = own
        else:
            result[key] = getattr(source, key)
    return result


def fallbacks(root: Path, code: str) -> list[str]:
    """Fields whose text for ``code`` is still the source language's (shown with its lang)."""
    known = languages(root)
    if known[0].code == code:
        return []
    source = known[0]
    strings = site_strings(root, code)
    return [key for key in SITE_STRINGS if strings[key] == getattr(source, key)]


def untranslated_fields(root: Path, language: Language) -> list[str]:
    """Fields of ``needs_translation`` that the chrome catalog does not translate yet."""
    done = translations(root, language.code)
    return [key for key in language.needs_translation if key not in done]
