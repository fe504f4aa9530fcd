"""The site's languages, read from the single list in ``locales/languages.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

LANGUAGES_FILE = Path("locales") / "languages.toml"
_VERSION_KEYS = ("versions_label", "newest_label", "old_version_notice", "stable_notice")


class LanguagesError(ValueError):
    """The language list is missing or malformed."""


@dataclass(frozen=True)
class Language:
    """One site language: its code, its own name, and the site strings conf.py cannot translate."""

    code: str
    name: str
    title: str
    description: str
    switcher_label: str = "Languages"
    # Version switcher: its name, the link to the newest version,
    # and the notice on pages of an old version ({version} and {newest} are filled in).
    versions_label: str = "Versions"
    newest_label: str = "the newest version"
    old_version_notice: str = "This page belongs to version {version}. See {newest}."
    # on pages of an old release: which release is stable ({stable}: a link to it)
    stable_notice: str = "The stable release is {stable}."


def load_languages(path: Path) -> list[Language]:
    """Read the language list; the first entry is the source language."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LanguagesError(f"{path}: {exc}") from exc
    entries = data.get("language")
    if not isinstance(entries, list) or not entries:
        raise LanguagesError(f"{path}: needs at least one [[language]] table")
    languages: list[Language] = []
    for number, entry in enumerate(entries, start=1):
        missing = [k for k in ("code", "name", "title", "description") if k not in entry]
        if missing:
            raise LanguagesError(f"{path}: [[language]] #{number} lacks {', '.join(missing)}")
        languages.append(
            Language(
                code=str(entry["code"]),
                name=str(entry["name"]),
                title=str(entry["title"]),
                description=str(entry["description"]),
                switcher_label=str(entry.get("switcher_label", "Languages")),
                **{key: str(entry[key]) for key in _VERSION_KEYS if key in entry},
            )
        )
    codes = [lang.code for lang in languages]
    if len(set(codes)) != len(codes):
        raise LanguagesError(f"{path}: duplicate language code in {codes}")
    return languages
