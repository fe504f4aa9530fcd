"""The language registry ``locales/languages.json``: which languages exist and when they show."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .errors import I18nError, UsageError

REGISTRY = Path("locales") / "languages.json"
DEFAULT_THRESHOLD = 80.0
DEFAULT_NOTICE = "Parts of this page are not yet translated and are shown in Japanese."
LANG_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2}|_[A-Z][a-z]{3})?$")


@dataclass(frozen=True)
class Language:
    """One language of the site.

    ``threshold`` is the percentage of translated messages (0-100) above which the
    language is offered in the switcher; ``notice`` is the sentence shown, in that
    language, on pages where some paragraphs fall back to Japanese.
    """

    code: str
    name: str
    english_name: str
    threshold: float = DEFAULT_THRESHOLD
    plural_forms: str = "nplurals=2; plural=(n != 1);"
    notice: str = DEFAULT_NOTICE
    source: bool = False


def nplurals(plural_forms: str) -> int | None:
    """The ``nplurals`` of a ``Plural-Forms`` header value (None when it has none)."""
    match = re.search(r"nplurals\s*=\s*(\d+)\s*;", plural_forms)
    return int(match.group(1)) if match else None


def registry_path(root: Path) -> Path:
    """Path of the registry file under the repository ``root``."""
    return Path(root) / REGISTRY


def _language(raw: Any, where: str) -> Language:
    if not isinstance(raw, dict):
        raise I18nError(f"{where}: each language must be an object")
    unknown = set(raw) - set(Language.__dataclass_fields__)
    if unknown:
        raise I18nError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("code", "name", "english_name"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise I18nError(f"{where}: '{key}' is required and must be a non-empty string")
    if not LANG_CODE.match(raw["code"]):
        raise I18nError(f"{where}: code {raw['code']!r} is not a language code such as 'en'")
    threshold = raw.get("threshold", DEFAULT_THRESHOLD)
    if not isinstance(threshold, int | float) or not 0 <= threshold <= 100:
        raise I18nError(f"{where}: threshold must be a number from 0 to 100")
    return Language(**{**raw, "threshold": float(threshold)})


def languages(root: Path) -> list[Language]:
    """Every language of the site, the source language (Japanese) first, in registry order."""
    path = registry_path(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise I18nError(f"{path}: language registry not found") from exc
    except json.JSONDecodeError as exc:
        raise I18nError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
    items = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise I18nError(f"{path}: expected an object with a non-empty 'languages' list")
    result = [_language(raw, f"{path}: languages[{i}]") for i, raw in enumerate(items)]
    codes = [lang.code for lang in result]
    if len(set(codes)) != len(codes):
        raise I18nError(f"{path}: duplicate language codes in {codes}")
    sources = [lang for lang in result if lang.source]
    if len(sources) != 1:
        raise I18nError(f'{path}: exactly one language must have "source": true')
    return sources + [lang for lang in result if not lang.source]


def source_language(root: Path) -> Language:
    """The language the docs are written in."""
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


def register(root: Path, language: Language) -> None:
    """Append ``language`` to the registry (it must not be registered yet)."""
    path = registry_path(root)
    if any(lang.code == language.code for lang in languages(root)):
        raise UsageError(f"language {language.code!r} is already registered in {path}")
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = {k: v for k, v in asdict(language).items() if k != "source" or v}
    data["languages"].append(entry)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
