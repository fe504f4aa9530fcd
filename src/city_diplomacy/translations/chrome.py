"""The site chrome's strings in the catalogs: ``locales/<lang>/LC_MESSAGES/_chrome.po``.

The strings a page shows around its text (site title, description, the untranslated-text
notice, the switchers' labels, the old-version notice) cannot go through a page's catalog:
``conf.py`` and the templates are not pages. Their source text is the source language's
entry of ``locales/languages.toml``; ``i18n update`` writes it to one more catalog per
language, ``_chrome.po`` (``msgctxt`` is the registry field), so they are translated,
counted and checked like every other message. The site build resolves them per language
(:func:`site_strings`) and hands the result to Sphinx.

The theme (Furo) writes a few strings of its own into every page: the skip link, the
sidebar toggles' accessible names, the icons' titles, the footer. They are in the same
catalog (:data:`THEME`, ``msgctxt`` ``theme.<key>``, the source text Japanese like every
other message), so a page's chrome is never English by accident; :func:`theme_strings`
resolves them per language for the extension :mod:`city_diplomacy.sphinxext.themestrings`.
"""

from __future__ import annotations

from dataclasses import dataclass
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
}


@dataclass(frozen=True)
class ThemeString:
    """A string the theme writes into pages: Furo's English text and our source text."""

    key: str
    #: the English text the templates look it up by: Furo's own (``{title}`` is a page
    #: title), or ours for the footer (``{sphinx}``, ``{furo}``, ``{year}``, ``{licence}``)
    theme: str
    #: the source language's text, the catalog's msgid
    source: str
    #: where it appears, for the translator
    what: str


#: Furo's strings shown to readers (text or accessible names), in the order of a page.
THEME = (
    ThemeString(
        "skip", "Skip to content", "本文へ移動", "link to skip the menus, first on the page"
    ),
    ThemeString(
        "nav_toggle",
        "Toggle site navigation sidebar",
        "サイトのメニューを開く・閉じる",
        "name of the button that opens the site menu on small screens",
    ),
    ThemeString(
        "toc_toggle",
        "Toggle table of contents sidebar",
        "ページの目次を開く・閉じる",
        "name of the button that opens the page's contents on small screens",
    ),
    ThemeString(
        "colour_toggle",
        "Toggle Light / Dark / Auto color theme",
        "配色の切り替え（明るい・暗い・自動）",
        "name of the button that switches light, dark and automatic colours",
    ),
    ThemeString(
        "subnav_toggle",
        "Toggle navigation of {title}",
        "「{title}」の下のページを表示・非表示",
        "name of the arrow that opens a section of the site menu; keep {title}",
    ),
    ThemeString("icon_contents", "Contents", "目次", "title of the contents icon"),
    ThemeString("icon_menu", "Menu", "メニュー", "title of the menu icon"),
    ThemeString("icon_expand", "Expand", "開く", "title of the arrow icon of the menu"),
    ThemeString("icon_light", "Light mode", "明るい配色", "title of the sun icon"),
    ThemeString("icon_dark", "Dark mode", "暗い配色", "title of the moon icon"),
    ThemeString(
        "icon_auto_light",
        "Auto light/dark, in light mode",
        "自動（いまは明るい配色）",
        "title of the icon of automatic colours, now light",
    ),
    ThemeString(
        "icon_auto_dark",
        "Auto light/dark, in dark mode",
        "自動（いまは暗い配色）",
        "title of the icon of automatic colours, now dark",
    ),
    ThemeString("back_to_top", "Back to top", "ページの先頭へ", "link shown when scrolling up"),
    ThemeString("previous", "Previous", "前へ", "above the link to the previous page"),
    ThemeString("next", "Next", "次へ", "above the link to the next page"),
    ThemeString("home", "Home", "ホーム", "the previous page's name when it is the home page"),
    ThemeString(
        "on_this_page", "On this page", "このページの内容", "heading of the page's contents"
    ),
    ThemeString("search", "Search", "検索", "search box and search page"),
    ThemeString(
        "made_with",
        "Made with {sphinx} and {furo}",
        "{sphinx} と {furo} で作成しました",
        "footer; keep {sphinx} and {furo} (links to the tools)",
    ),
    ThemeString(
        "copyright",
        "© {year} contributors; text under {licence}",
        "© {year} 本サイトの貢献者。本文のライセンスは {licence}",
        "footer; keep {year} and {licence} (a link to the licence)",
    ),
)
_THEME_CONTEXT = "theme."


def _theme_entries() -> list[polib.POEntry]:
    return [
        polib.POEntry(
            msgctxt=_THEME_CONTEXT + item.key,
            msgid=item.source,
            msgstr="",
            comment=f"Site chrome, theme: {item.what}.",
            occurrences=[("docs/_templates/page.html", "")],
        )
        for item in THEME
    ]


def theme_strings(root: Path, code: str) -> dict[str, str]:
    """The theme's strings in language ``code``, by Furo's text: the chrome catalog's
    translation, else the source language's text, else (source language) the source text.

    Only translated entries of ``code`` and the source language's text are given; where a
    language has no translation the value is ``""`` so the extension can try Sphinx's own
    catalog for that language (which has e.g. "Next" in many languages) before falling back
    to the source text (:func:`theme_source`).
    """
    known = languages(root)
    if known[0].code == code:
        return {item.theme: item.source for item in THEME}
    path = catalog_dir(root, code) / f"{CHROME}.po"
    found: dict[str, str] = {}
    if path.is_file():
        try:
            po = polib.pofile(str(path))
        except (OSError, ValueError):
            po = polib.POFile()  # `i18n check` reports the broken file
        found = {
            entry.msgctxt: entry.msgstr
            for entry in po
            if entry.msgctxt and entry.translated() and not entry.obsolete
        }
    return {item.theme: found.get(_THEME_CONTEXT + item.key, "") for item in THEME}


def theme_source() -> dict[str, str]:
    """The source language's text of each theme string, by Furo's text."""
    return {item.theme: item.source for item in THEME}


def template(source: Language) -> polib.POFile:
    """The chrome catalog's template: one entry per site string of the source language,
    then the theme's strings (:data:`THEME`)."""
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
    for entry in _theme_entries():
        po.append(entry)
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
