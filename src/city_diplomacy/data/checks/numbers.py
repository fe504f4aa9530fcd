"""The numbers of a row's Japanese and English text must agree.

A translation that changes a year, a count or a day is wrong in one language. For
each ``<stem>_ja``/``<stem>_en`` pair of a row (and, for sources, the original
``title`` against its translations ``title_ja``/``title_en``), the numbers each text
mentions are compared as sets. Before comparing, both sides are read alike:

* full-width digits become ASCII (Unicode NFKC), ``1,234`` becomes ``1234``;
* source ids (``tmg-u20-en-2018``) and names with digits in them (``C40``, ``G20``,
  ``U-14``, ``COVID-19``, ``ANMC21``) are dropped: they are labels, not numbers;
* Japanese: ``2023年5月3日`` gives 2023, 5, 3 like any digits; ``平成17年``/``令和2年``
  become 2005/2020; ``3万5千`` becomes 35000; kanji numerals two to ten before a
  counter (``三つ``, ``五都市``) and ``第一`` count;
* English: month names (``May 2023`` gives 5, 2023), number words two to twelve and
  ordinals second to tenth (not "third party"), ``Heisei 17`` (2005), and clock times
  (``2:00 pm`` is 14).

A number written in one language and not the other is reported; 0 and 1 may go unsaid
("one of", "a", "the first" are words, and catching them would mostly catch style).
:data:`ALLOWED` lists phrases whose numbers one language carries and the other
legitimately leaves out (e.g. a bureau whose English name contains "2020").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Set
from functools import cache, lru_cache

from city_diplomacy.data.checks.tables import Table
from city_diplomacy.data.problems import Problem

#: Phrases dropped before comparing, with why one language may have them alone.
ALLOWED: dict[str, str] = {
    "Bureau of Tokyo 2020 Olympic and Paralympic Games Preparation": (
        "the official English name of オリンピック・パラリンピック準備局 names the 2020 Games"
    ),
}
#: Names with digits that are labels, not numbers.
LABELS = re.compile(r"COVID-19|U-?\d\d\b|U20|Urban ?20|G20|C40|ANMC ?21|FY(?=\d)", re.IGNORECASE)
_HALF = ("january", "february", "march", "april", "may", "june")
_MONTHS = (*_HALF, "july", "august", "september", "october", "november", "december")
MONTHS = {name: number for number, name in enumerate(_MONTHS, 1)}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
WORDS = {word: number for number, word in enumerate((*_WORDS, "twelve"), 2)}
WORDS.update({"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7})
WORDS.update({"eighth": 8, "ninth": 9, "tenth": 10})
KANJI = {k: n for n, k in enumerate("二三四五六七八九十", 2)}
_KANJI_COUNT = re.compile(r"([二三四五六七八九十])(?=[つ人都市回か層日年])")
_ERA = {"平成": 1988, "令和": 2018, "Heisei": 1988, "Reiwa": 2018}


def check(tables: list[Table]) -> list[Problem]:
    ids = _source_ids(tables)
    problems: list[Problem] = []
    for table in tables:
        problems += _table(table, ids)
    return problems


def _source_ids(tables: list[Table]) -> re.Pattern[str] | None:
    ids = sorted(
        (v for t in tables if t.name == "sources" for r in t.key_rows if (v := t.value(r, "id"))),
        key=len,
        reverse=True,
    )
    if not ids:
        return None
    alternatives = "|".join(re.escape(i) for i in ids)
    return re.compile(rf"(?<![A-Za-z0-9-])(?:{alternatives})(?![A-Za-z0-9-])")


def _pairs(table: Table) -> Iterator[tuple[str, str, str | None]]:
    """(first column, second column, language of the first when not given by its name)."""
    names = set(table.field_names)
    for name in sorted(names):
        if name.endswith("_ja") and f"{name[:-3]}_en" in names:
            yield name, f"{name[:-3]}_en", None
    if {"title", "language"} <= names:
        for lang in ("ja", "en"):
            if f"title_{lang}" in names:
                yield "title", f"title_{lang}", "language"


def _table(table: Table, ids: re.Pattern[str] | None) -> Iterator[Problem]:
    pairs = list(_pairs(table))
    for row in table.rows:
        for first, second, language_column in pairs:
            a, b = table.value(row, first), table.value(row, second)
            if a is None or b is None:
                continue
            lang_a = (table.value(row, language_column) or "") if language_column else "ja"
            lang_b = second.rsplit("_", 1)[1]
            in_a, in_b = numbers(a, lang_a, ids), numbers(b, lang_b, ids)
            only_a, only_b = in_a - in_b - {0, 1}, in_b - in_a - {0, 1}
            if only_a or only_b:
                yield Problem(
                    table.file,
                    row.line,
                    second,
                    f"the numbers differ from {first}: {_listing(only_a, first, only_b, second)}"
                    "; make both languages give the same years, dates and counts (if the "
                    "difference is right, add the phrase to ALLOWED in "
                    "city_diplomacy/data/checks/numbers.py)",
                    None,
                    "bilingual-numbers",
                )


def _listing(only_a: Set[int], first: str, only_b: Set[int], second: str) -> str:
    parts = [f"{_join(only_a)} only in {first}" if only_a else ""]
    parts.append(f"{_join(only_b)} only in {second}" if only_b else "")
    return ", ".join(p for p in parts if p)


def _join(values: Iterable[int]) -> str:
    return ", ".join(str(v) for v in sorted(values))


def numbers(text: str, language: str, ids: re.Pattern[str] | None = None) -> frozenset[int]:
    """The numbers ``text`` mentions, read as described in the module docstring."""
    return _numbers(text, "ja" if language == "ja" else "en", ids)


@cache
def _allowed() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for p in ALLOWED))


_ERAS = re.compile(r"(平成|令和|Heisei|Reiwa) ?(\d+)")
_MAN_SEN = re.compile(r"(\d+)万(\d+)千")
_MAN = re.compile(r"(\d+)万")
_PM_RANGE = re.compile(r"(\d{1,2}):00(?=[–-]\d{1,2}:00 ?pm)")
_CLOCK = re.compile(r"(\d{1,2}):(\d\d) ?([ap])\.?m\.?", re.IGNORECASE)
_TIME = re.compile(r"(\d{1,2}):(\d\d)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_DIGITS = re.compile(r"\d+")
_NOT_A_NUMBER = re.compile(r"third[- ]part(?:y|ies)", re.IGNORECASE)
_WORD = re.compile(
    r"\b(?:" + "|".join(sorted({*MONTHS, *WORDS}, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def _numbers(text: str, language: str, ids: re.Pattern[str] | None) -> frozenset[int]:
    text = unicodedata.normalize("NFKC", text)
    if ids is not None:
        text = ids.sub(" ", text)
    text = LABELS.sub(" ", _allowed().sub(" ", text))
    found: list[int] = []

    def era(match: re.Match[str]) -> str:
        found.append(_ERA[match[1]] + int(match[2]))
        return " "

    text = _ERAS.sub(era, text)
    text = _MAN_SEN.sub(lambda m: str(int(m[1]) * 10000 + int(m[2]) * 1000), text)
    text = _MAN.sub(lambda m: str(int(m[1]) * 10000), text).replace("第一", "第1")
    text = _PM_RANGE.sub(lambda m: _clock(m, "p"), text)
    text = _TIME.sub(r"\1 \2", _CLOCK.sub(_clock, text))
    found += [int(x) for x in _DIGITS.findall(_THOUSANDS.sub("", text))]
    if language == "ja":
        found += [KANJI[k] for k in _KANJI_COUNT.findall(text)]
    else:
        for word in _WORD.findall(_NOT_A_NUMBER.sub(" ", text)):
            lower = word.lower()
            if lower in MONTHS and word[0].isupper():
                found.append(MONTHS[lower])
            elif lower in WORDS:
                found.append(WORDS[lower])
    return frozenset(found)


def _clock(match: re.Match[str], half: str | None = None) -> str:
    """A 12-hour time as its 24-hour hour (and minutes, when not on the hour)."""
    hour, minutes = int(match[1]), match[2] if match.lastindex and match.lastindex >= 2 else "00"
    half = half or match[3].lower()
    if half == "p" and hour < 12:
        hour += 12
    return f"{hour} {minutes}" if minutes != "00" else str(hour)
