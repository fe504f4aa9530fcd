"""``i18n stats``: translated / fuzzy / untranslated counts per language and page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from city_diplomacy.translations.catalogs import catalog_paths
from city_diplomacy.translations.chrome import untranslated_fields
from city_diplomacy.translations.errors import I18nError
from city_diplomacy.translations.registry import Language, languages, target_languages


@dataclass(frozen=True)
class Counts:
    """Message counts of one catalog or one language."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    @property
    def total(self) -> int:
        """All live (non-obsolete) messages."""
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Share of translated messages, 0-100 (an empty catalog counts as complete)."""
        return 100.0 if self.total == 0 else round(100.0 * self.translated / self.total, 1)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.translated + other.translated,
            self.fuzzy + other.fuzzy,
            self.untranslated + other.untranslated,
        )


@dataclass(frozen=True)
class PageStats:
    """Counts of one page's catalog."""

    page: str
    path: Path
    counts: Counts


@dataclass(frozen=True)
class LanguageStats:
    """Counts of one language, in total and per page."""

    language: Language
    pages: list[PageStats] = field(default_factory=list)
    #: ``needs_translation`` fields of the registry not yet translated in ``_chrome.po``
    pending_fields: list[str] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        """Sum over the pages."""
        total = Counts()
        for page in self.pages:
            total = total + page.counts
        return total

    @property
    def pages_left(self) -> list[str]:
        """Pages with at least one fuzzy or untranslated message."""
        return [p.page for p in self.pages if p.counts.translated < p.counts.total]

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form (used by ``stats --json``)."""

        def row(c: Counts) -> dict[str, object]:
            return {
                "translated": c.translated,
                "fuzzy": c.fuzzy,
                "untranslated": c.untranslated,
                "total": c.total,
                "percent": c.percent,
            }

        return {
            "language": self.language.code,
            **row(self.counts),
            "threshold": self.language.threshold,
            "needs_translation": list(self.pending_fields),
            "pages": [{"page": p.page, **row(p.counts)} for p in self.pages],
        }


def count(po: polib.POFile) -> Counts:
    """Counts of a parsed catalog (obsolete entries ignored)."""
    translated = fuzzy = untranslated = 0
    for entry in po:
        if entry.obsolete:
            continue
        if entry.fuzzy:
            fuzzy += 1
        elif entry.translated():
            translated += 1
        else:
            untranslated += 1
    return Counts(translated, fuzzy, untranslated)


def language_stats(root: Path, language: Language) -> LanguageStats:
    """Counts of every catalog of ``language``."""
    pages = []
    for page, path in catalog_paths(root, language.code).items():
        try:
            po = polib.pofile(str(path))
        except (OSError, ValueError) as exc:
            raise I18nError(f"{path}: cannot read catalog: {exc}") from exc
        pages.append(PageStats(page, path, count(po)))
    return LanguageStats(language, pages, untranslated_fields(root, language))


def stats(root: Path, lang: str | None = None) -> list[LanguageStats]:
    """Statistics of every target language (or only ``lang``)."""
    return [language_stats(root, language) for language in target_languages(root, lang)]


def switcher_languages(root: Path) -> list[Language]:
    """Languages offered in the switcher: the source and those at or above their threshold."""
    shown = []
    for language in languages(root):
        if language.source:
            shown.append(language)
            continue
        lang_stats = language_stats(root, language)
        if lang_stats.pages and lang_stats.counts.percent >= language.threshold:
            shown.append(language)
    return shown
