"""Where the catalogs and the language registry of a Sphinx project are."""

from __future__ import annotations

from pathlib import Path

from sphinx.config import Config

from city_diplomacy.translations import I18nError, languages


def i18n_root(confdir: str | Path, config: Config) -> Path | None:
    """Repository root holding ``locales/`` (the parent of the first ``locale_dirs``)."""
    dirs: list[str] = list(config.locale_dirs or [])
    if not dirs:
        return None
    return (Path(confdir) / str(dirs[0])).resolve().parent


def source_code(root: Path | None) -> str:
    """Source language of the project (``ja`` when there is no readable registry)."""
    if root is None:
        return "ja"
    try:
        return languages(root)[0].code
    except I18nError:
        return "ja"
