"""The agreed term translations ``locales/glossary.json`` used by ``i18n check``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from city_diplomacy.translations.errors import I18nError

GLOSSARY = Path("locales") / "glossary.json"


@dataclass(frozen=True)
class Term:
    """A Japanese term and its accepted translations per language (any one may be used)."""

    ja: str
    translations: dict[str, tuple[str, ...]]
    note: str = ""

    def accepted(self, lang: str) -> tuple[str, ...]:
        """Accepted translations in ``lang`` (empty: the glossary says nothing)."""
        return self.translations.get(lang, ())


def load_glossary(root: Path) -> list[Term]:
    """Terms of the glossary (an absent file is an empty glossary)."""
    path = Path(root) / GLOSSARY
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise I18nError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
    terms = []
    for i, raw in enumerate(data.get("terms", []) if isinstance(data, dict) else []):
        where = f"{path}: terms[{i}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("ja"), str) or not raw["ja"]:
            raise I18nError(f"{where}: each term needs a non-empty 'ja'")
        translations: dict[str, tuple[str, ...]] = {}
        for lang, value in raw.items():
            if lang in ("ja", "note"):
                continue
            values = [value] if isinstance(value, str) else value
            if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
                raise I18nError(f"{where}: '{lang}' must be a string or a list of strings")
            translations[lang] = tuple(values)
        terms.append(Term(raw["ja"], translations, str(raw.get("note", ""))))
    return terms


def _fold(text: str) -> str:
    # "infectious-disease control" uses the agreed "infectious disease".
    return " ".join(text.casefold().replace("-", " ").split())


def missing_terms(terms: list[Term], lang: str, msgid: str, msgstr: str) -> list[Term]:
    """Terms used in ``msgid`` whose agreed translation does not appear in ``msgstr``.

    A term inside a longer glossary term (感染症 in 新型コロナウイルス感染症) is judged
    only where it stands on its own.
    """
    folded = _fold(msgstr)
    missing = []
    for term in terms:
        accepted = term.accepted(lang)
        if not accepted:
            continue
        text = msgid
        for longer in terms:
            if term.ja in longer.ja and longer.ja != term.ja:
                text = text.replace(longer.ja, "")
        if term.ja in text and not any(_fold(t) in folded for t in accepted):
            missing.append(term)
    return missing
