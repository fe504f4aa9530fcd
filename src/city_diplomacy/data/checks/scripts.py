"""What each language column may contain: English in ``_en``, Japanese in ``_ja``.

* An ``_en`` column holds no Japanese script (kana, kanji) except where it quotes an
  original: inside quotation marks (「」, 『』, “”, "", '') or brackets ((), （）, []),
  e.g. ``the Japanese page calls it 「ヒルトン東京ほか」`` or ``Tokyo Metropolis (東京都)``.
  Japanese outside them is a sentence left untranslated, or a quote to mark as one.
* A ``_ja`` column holds some Japanese, except a name kept in Latin script: in a name
  column (``name``, ``title``, ``venue``, ``publisher``, …) a cell without Japanese is
  accepted when it reads as a name (at most :data:`NAME_WORDS` words, not ending like
  a sentence), e.g. ``C40`` or ``Global City Network for Sustainability``. Descriptive
  columns (:data:`DESCRIPTIVE`: ``note``, ``summary``, ``description``) always need
  Japanese: an English note there is an untranslated note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from city_diplomacy.data.checks.tables import Table
from city_diplomacy.data.problems import Problem

#: Kana, CJK ideographs and half-width katakana (not the CJK punctuation: 「」 quote).
JAPANESE = re.compile(
    r"[\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+"
)
#: Spans that quote an original: quotation marks and brackets (innermost first).
QUOTED = re.compile(
    r"「[^「」]*」|『[^『』]*』|“[^“”]*”|\"[^\"]*\"|(?<![A-Za-z])'[^']*'(?![A-Za-z])"
    r"|\([^()]*\)|（[^（）]*）|\[[^\[\]]*\]"
)
#: Stems whose Japanese column must contain Japanese (prose, not names).
DESCRIPTIVE = frozenset({"note", "summary", "description"})
#: The most words a name kept in Latin script may have in a ``_ja`` name column.
NAME_WORDS = 8


def check(tables: list[Table]) -> list[Problem]:
    problems: list[Problem] = []
    for table in tables:
        problems += _table(table)
    return problems


def unquoted_japanese(text: str) -> str | None:
    """The first run of Japanese script outside quotation marks and brackets, if any."""
    previous = None
    while previous != text:
        previous, text = text, QUOTED.sub(" ", text)
    match = JAPANESE.search(text)
    return match.group() if match else None


def _table(table: Table) -> Iterator[Problem]:
    english = [n for n in table.field_names if n.endswith("_en")]
    japanese = [n for n in table.field_names if n.endswith("_ja")]
    for row in table.rows:
        for column in english:
            cell = table.value(row, column)
            found = unquoted_japanese(cell) if cell else None
            if found is not None:
                yield Problem(
                    table.file,
                    row.line,
                    column,
                    f"{column} has Japanese text {found!r} outside quotation marks or "
                    "brackets; translate it, or mark a quoted original as 「…」 or (…)",
                    cell,
                    "language-script",
                )
        for column in japanese:
            cell = table.value(row, column)
            if cell is None or JAPANESE.search(cell):
                continue
            stem = column[:-3]
            if stem in DESCRIPTIVE:
                why = f"a {stem} must be written in Japanese"
            elif len(cell.split()) > NAME_WORDS or cell.rstrip().endswith((".", "!", "?")):
                why = "only a name may stay in Latin script, and this reads as a sentence"
            else:
                continue
            yield Problem(
                table.file,
                row.line,
                column,
                f"{column} has no Japanese: {why}; write the Japanese text",
                cell,
                "language-script",
            )
