"""Where catalogs live and the one canonical way they are written."""

from __future__ import annotations

from pathlib import Path

import polib

from city_diplomacy.translations.registry import Language

WRAP_WIDTH = 78
PROJECT_ID = "tokyo-city-diplomacy"
# Header fields written in this order; anything else a tool adds is dropped so that
# re-running `i18n update` (or a PO editor's save) converges on the same bytes.
HEADER_KEYS = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)


def locales_dir(root: Path) -> Path:
    """The ``locales/`` directory of the repository ``root``."""
    return Path(root) / "locales"


def catalog_dir(root: Path, lang: str) -> Path:
    """Directory holding the ``.po`` files of ``lang``."""
    return locales_dir(root) / lang / "LC_MESSAGES"


def catalog_paths(root: Path, lang: str) -> dict[str, Path]:
    """Every catalog of ``lang`` keyed by page (docname such as ``networks/g-nets``)."""
    base = catalog_dir(root, lang)
    return {
        path.relative_to(base).with_suffix("").as_posix(): path
        for path in sorted(base.rglob("*.po"))
    }


def canonical_header(language: Language, previous: dict[str, str] | None = None) -> dict[str, str]:
    """Header of a catalog of ``language``, keeping who last translated it."""
    previous = previous or {}
    return {
        "Project-Id-Version": PROJECT_ID,
        "Report-Msgid-Bugs-To": "",
        "PO-Revision-Date": previous.get("PO-Revision-Date", ""),
        "Last-Translator": previous.get("Last-Translator", ""),
        "Language-Team": previous.get("Language-Team", f"{language.english_name}"),
        "Language": language.code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": language.plural_forms,
    }


def render(po: polib.POFile, language: Language, page: str) -> str:
    """Text of ``po`` in the canonical form: fixed header, entries in source order, width 78.

    Obsolete entries (``#~``) are kept at the end, as msgmerge leaves them, so a message
    that disappears from the source for a while gets its translation back when it returns.
    """
    out = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    out.header = f"{language.english_name} translation of the page '{page}'."
    out.metadata = canonical_header(language, po.metadata)
    out.metadata_is_fuzzy = False
    out.extend(entry for entry in po if not entry.obsolete)
    out.extend(entry for entry in po if entry.obsolete)
    return str(out)
