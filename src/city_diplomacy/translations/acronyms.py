"""Acronyms in the English text that a reader is not told the meaning of.

An acronym is a word of two or more capital letters (digits allowed: ``ANMC21``,
``FY2013``). It is explained when the same unit of text (a page's catalog, or one data
row's ``_en`` cells) expands it, ``Long Name (ABC)`` or ``ABC (Long Name)``, or when the
English glossary (``docs/glossary.md``'s catalog) mentions it. Code spans, link targets
and URLs are not text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?![\w-])")
_NOT_TEXT = (
    re.compile(r"`[^`]*`"),  # code spans
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"https?://\S+"),  # URLs
)


@dataclass(frozen=True)
class Unexplained:
    """An acronym and the unit of text (catalog or data row) it is not explained in."""

    acronym: str
    where: str


def prose(text: str) -> str:
    """``text`` without code spans, link targets and URLs."""
    for pattern in _NOT_TEXT:
        text = pattern.sub(" ", text)
    return text


def expanded(acronym: str, text: str) -> bool:
    """Whether ``text`` spells ``acronym`` out beside it: ``Words (ABC)`` or ``ABC (Words``."""
    name = re.escape(acronym)
    return bool(
        re.search(rf"[A-Za-z][\w'-]*[ ,]+[^()]*\({name}[),;]", text)
        or re.search(rf"(?<![\w-]){name} \([A-Z][a-z]", text)
    )


def catalog_units(catalogs: Path) -> Iterator[tuple[str, str]]:
    """(catalog path, its English text) for every ``.po`` under ``catalogs``."""
    for path in sorted(catalogs.rglob("*.po")):
        entries = [e.msgstr for e in polib.pofile(str(path)) if not e.obsolete and e.msgstr]
        yield path.relative_to(catalogs).as_posix(), prose("\n".join(entries))


def data_units(data: Path) -> Iterator[tuple[str, str]]:
    """(``file.csv:line``, the row's English cells) for every row of every CSV."""
    for path in sorted(data.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as stream:
            for line, row in enumerate(csv.DictReader(stream), start=2):
                text = " \n".join(v for k, v in row.items() if k.endswith("_en") and v)
                if text:
                    yield f"{path.name}:{line}", prose(text)


def unexplained(units: Iterable[tuple[str, str]], glossary: str) -> list[Unexplained]:
    """Every acronym of each unit neither expanded in the unit nor in ``glossary``."""
    known = set(ACRONYM.findall(prose(glossary)))
    found: list[Unexplained] = []
    for where, text in units:
        for acronym in dict.fromkeys(ACRONYM.findall(text)):
            if acronym not in known and not expanded(acronym, text):
                found.append(Unexplained(acronym, where))
    return found


def glossary_text(glossary_po: Path) -> str:
    """The English text of the glossary's catalog ('' if there is none)."""
    if not glossary_po.is_file():
        return ""
    return "\n".join(e.msgstr for e in polib.pofile(str(glossary_po)) if not e.obsolete)
