"""Which language a page's data is shown in, and that language's punctuation.

The records hold their text in ``<column>_<lang>`` columns (``name_ja``, ``name_en``):
the page's language is used when the records have columns for it and its punctuation
is in :data:`PUNCTUATION`. Any other language (a third site language before its data
columns exist) falls back to the source language, Japanese, with a warning and the
shown text marked ``lang="ja"``; never silently to English.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from city_diplomacy.data.records import City

#: The language the data and the pages are written in.
SOURCE_LANGUAGE = "ja"


@dataclass(frozen=True)
class Punctuation:
    """How a language writes the small joins between values."""

    #: between the items of a list in running text
    list_separator: str
    #: between names inside parentheses (a city's networks, an event's hosts)
    enumeration: str
    open_paren: str
    close_paren: str
    #: between a label and its value
    label_colon: str


PUNCTUATION: dict[str, Punctuation] = {
    "ja": Punctuation("、", "・", "（", "）", "："),
    "en": Punctuation(", ", ", ", " (", ")", ": "),
}


def base_code(language: str | None) -> str:
    """``en`` for ``en_GB``; the source language when none is set."""
    return (language or SOURCE_LANGUAGE).split("_")[0].split("-")[0]


def data_languages() -> frozenset[str]:
    """Languages the records have text columns for (from ``name_<lang>`` of a city)."""
    return frozenset(
        item.name.removeprefix("name_") for item in fields(City) if item.name.startswith("name_")
    )


def content_language(page_language: str | None) -> str:
    """The language the data is shown in on a page of ``page_language`` (see the module)."""
    code = base_code(page_language)
    if code in PUNCTUATION and code in data_languages():
        return code
    return SOURCE_LANGUAGE


def punctuation(language: str) -> Punctuation:
    """The punctuation of ``language``, the source language's if it has none listed."""
    return PUNCTUATION.get(language, PUNCTUATION[SOURCE_LANGUAGE])
