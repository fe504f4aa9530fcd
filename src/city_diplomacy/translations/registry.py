"""The language registry ``locales/languages.toml``: the site's languages, read in one place.

Every part of the project reads the file through this module: the site builder (codes,
names, titles and the site strings, see :mod:`city_diplomacy.translations.chrome`) and the
translator workflow (``english_name``, ``threshold``, ``plural_forms``, ``notice``). The
first entry is the source language.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from city_diplomacy.translations.errors import I18nError, UsageError

REGISTRY = Path("locales") / "languages.toml"
#: The registry's place under a project root (``LANGUAGES_FILE`` is the older name).
LANGUAGES_FILE = REGISTRY
DEFAULT_THRESHOLD = 80.0
DEFAULT_NOTICE = "Parts of this page are not yet translated and are shown in Japanese."
LANG_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2}|_[A-Z][a-z]{3})?$")
#: Keys every ``[[language]]`` table must have.
REQUIRED = ("code", "name", "title", "description")
#: Optional string keys (with the defaults of :class:`Language`).
OPTIONAL_STRINGS = (
    "english_name",
    "plural_forms",
    "notice",
    "switcher_label",
    "versions_label",
    "newest_label",
    "old_version_notice",
    "stable_notice",
    "stable_release_notice",
    "development_label",
)
#: The strings the site shows per language that ``conf.py`` cannot translate (the chrome;
#: translated in each language's ``_chrome.po``, see :mod:`city_diplomacy.translations.chrome`).
SITE_STRINGS = (
    "title",
    "description",
    "notice",
    "switcher_label",
    "versions_label",
    "newest_label",
    "old_version_notice",
    "stable_notice",
    "stable_release_notice",
    "development_label",
)


class LanguagesError(I18nError):
    """The language registry is missing or malformed (the message names the file)."""


@dataclass(frozen=True)
class Language:
    """One language of the site.

    ``title`` and ``description`` replace the strings of ``conf.py`` (which cannot go
    through the catalogs); ``switcher_label`` names the language switcher for screen
    readers; ``versions_label`` names the version switcher, ``old_version_notice`` is shown
    on the pages of an old version (``{version}`` and ``{newest}``, a link whose text is
    ``newest_label``, are filled in). ``threshold`` is the percentage of translated messages
    (0-100) from which the language is offered in the switcher; ``notice`` is the sentence
    shown, in that language, on pages where some paragraphs fall back to Japanese.
    """

    code: str
    name: str
    title: str = ""
    description: str = ""
    english_name: str = ""
    threshold: float = DEFAULT_THRESHOLD
    plural_forms: str = "nplurals=2; plural=(n != 1);"
    notice: str = DEFAULT_NOTICE
    source: bool = False
    switcher_label: str = "Languages"
    versions_label: str = "Versions"
    newest_label: str = "the newest version"
    old_version_notice: str = "This page belongs to version {version}. See {newest}."
    #: on pages of releases older than the stable one: ``{stable}`` is a link to it
    stable_notice: str = "The stable release is {stable}."
    #: replaces the old-version notice on the pages of the stable release (its numbered
    #: tree and its ``stable`` copy): ``{version}`` is its number, ``{latest}`` a link to
    #: the development version (``latest``) whose text is ``development_label``
    stable_release_notice: str = (
        "This page belongs to {version}, the stable release. Changes not yet released are "
        "in {latest}."
    )
    development_label: str = "the development version (latest)"
    #: Site strings (:data:`SITE_STRINGS`) that still hold the source language's text:
    #: ``i18n add`` lists them all, ``i18n stats`` reports them until each is translated
    #: (in ``_chrome.po``, or here with the field's name taken off the list).
    needs_translation: tuple[str, ...] = ()


def registry_path(root: Path) -> Path:
    """Path of the registry file under the repository ``root``."""
    return Path(root) / REGISTRY


def nplurals(plural_forms: str) -> int | None:
    """The ``nplurals`` of a ``Plural-Forms`` header value (None when it has none)."""
    match = re.search(r"nplurals\s*=\s*(\d+)\s*;", plural_forms)
    return int(match.group(1)) if match else None


def _language(raw: Any, where: str, source: bool) -> Language:
    if not isinstance(raw, dict):
        raise LanguagesError(f"{where}: each [[language]] must be a table")
    missing = [key for key in REQUIRED if key not in raw]
    if missing:
        raise LanguagesError(f"{where} lacks {', '.join(missing)}")
    for key in REQUIRED:
        if not isinstance(raw[key], str) or not raw[key]:
            raise LanguagesError(f"{where}: '{key}' is required and must be a non-empty string")
    if not LANG_CODE.match(raw["code"]):
        raise LanguagesError(f"{where}: code {raw['code']!r} is not a language code such as 'en'")
    threshold = raw.get("threshold", 0 if source else DEFAULT_THRESHOLD)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise LanguagesError(f"{where}: threshold must be a number from 0 to 100")
    if not 0 <= threshold <= 100:
        raise LanguagesError(f"{where}: threshold must be a number from 0 to 100")
    strings: dict[str, str] = {}
    for key in OPTIONAL_STRINGS:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise LanguagesError(f"{where}: '{key}' must be a string")
        if value is not None:
            strings[key] = value
    strings.setdefault("english_name", raw["name"])
    if "plural_forms" in strings and nplurals(strings["plural_forms"]) is None:
        raise LanguagesError(f"{where}: plural_forms must look like 'nplurals=2; plural=(n != 1);'")
    pending = raw.get("needs_translation", [])
    if not isinstance(pending, list) or any(item not in SITE_STRINGS for item in pending):
        raise LanguagesError(
            f"{where}: needs_translation must be a list of field names out of "
            f"{', '.join(SITE_STRINGS)}"
        )
    return Language(
        code=raw["code"],
        name=raw["name"],
        title=raw["title"],
        description=raw["description"],
        threshold=float(threshold),
        source=source,
        needs_translation=tuple(pending),
        **strings,
    )


def load_languages(path: Path) -> list[Language]:
    """The languages listed in the registry file ``path``, the source language first."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LanguagesError(f"{path}: language registry not found") from exc
    except OSError as exc:
        raise LanguagesError(f"{path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise LanguagesError(f"{path}: invalid TOML: {exc}") from exc
    items = data.get("language")
    if not isinstance(items, list) or not items:
        raise LanguagesError(f"{path}: needs at least one [[language]] table")
    result = [
        _language(raw, f"{path}: [[language]] #{i}", source=i == 1)
        for i, raw in enumerate(items, start=1)
    ]
    codes = [lang.code for lang in result]
    if len(set(codes)) != len(codes):
        raise LanguagesError(f"{path}: duplicate language code in {codes}")
    return result


def languages(root: Path) -> list[Language]:
    """Every language of the project at ``root``, the source language first, in registry order."""
    return load_languages(registry_path(root))


def source_language(root: Path) -> Language:
    """The language the docs are written in (the registry's first entry)."""
    return languages(root)[0]


def target_languages(root: Path, only: str | None = None) -> list[Language]:
    """Languages translated from the source; ``only`` picks one (unknown code: UsageError)."""
    targets = languages(root)[1:]
    if only is None:
        return targets
    picked = [lang for lang in targets if lang.code == only]
    if not picked:
        known = ", ".join(lang.code for lang in targets) or "none"
        raise UsageError(f"unknown language {only!r} (registered: {known})")
    return picked


def _toml_string(value: str) -> str:
    # A JSON string with non-ASCII kept is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def register(root: Path, language: Language) -> None:
    """Append ``language`` as a ``[[language]]`` table (it must not be registered yet)."""
    path = registry_path(root)
    if any(lang.code == language.code for lang in languages(root)):
        raise UsageError(f"language {language.code!r} is already registered in {path}")
    threshold = int(language.threshold) if language.threshold.is_integer() else language.threshold
    lines = [
        "",
        "[[language]]",
        f"code = {_toml_string(language.code)}",
        f"name = {_toml_string(language.name)}",
        f"english_name = {_toml_string(language.english_name)}",
        f"threshold = {threshold}",
        f"plural_forms = {_toml_string(language.plural_forms)}",
    ]
    if language.needs_translation:
        lines += [
            "# The fields below hold the source language's text until translated: translate",
            "# them in locales/<code>/LC_MESSAGES/_chrome.po (like every other message), or",
            "# here, then take the field's name off needs_translation (`i18n stats` lists them).",
            "needs_translation = ["
            + ", ".join(map(_toml_string, language.needs_translation))
            + "]",
        ]
    lines += [f"{key} = {_toml_string(getattr(language, key))}" for key in SITE_STRINGS]
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
