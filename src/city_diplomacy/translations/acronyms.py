"""Acronyms in a translation that a reader is not told the meaning of.

An acronym is a word of two or more capital letters (digits allowed: ``ANMC21``,
``FY2013``). It is explained when the same unit of text (a page's catalog, or one data
row's cells in that language) expands it, ``Long Name (ABC)`` or ``ABC (Long Name)``, or
when the language's glossary (``docs/glossary.md``'s catalog) mentions it. Code spans,
link targets and URLs are not text.

``i18n check`` reports each one (:func:`acronym_problems`) at the line that first uses it:
the ``msgstr`` in a catalog, the row in a data table. It is an error once the language's
glossary is fully translated (English), a warning before (a language being added).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import polib

from city_diplomacy.data.problems import ERROR, WARNING, Problem

#: Two or more capitals (digits allowed), not part of a longer word or a file name
#: (``CHANGELOG.md`` is a name, not an abbreviation).
ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?![\w-]|\.\w)")
_NOT_TEXT = (
    re.compile(r"`[^`]*`"),  # code spans
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"https?://\S+"),  # URLs
)
#: The catalog of the glossary page, inside a language's ``LC_MESSAGES``.
GLOSSARY_CATALOG = "glossary.po"
CATALOG_FIX = (
    "fix: spell it out where this page first uses it ('Long Name (ABC)'), or explain it in "
    "the glossary (a term in docs/glossary.md, translated in {glossary})"
)
ROW_FIX = (
    "fix: spell it out in this row's {lang} cells ('Long Name (ABC)'), or explain it in the "
    "glossary (a term in docs/glossary.md, translated in {glossary}); an expansion must come "
    "from a source"
)


@dataclass(frozen=True)
class Unit:
    """A unit of text an acronym must be explained in: its file and its lines' text."""

    file: str
    parts: tuple[tuple[int, str], ...]

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.parts)

    def line_of(self, acronym: str) -> int:
        """The line of the first part that uses ``acronym`` (1 if none does)."""
        word = re.compile(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])")
        return next((line for line, text in self.parts if word.search(text)), 1)


@dataclass(frozen=True)
class Unexplained:
    """An acronym, and the file and line of its first use in a unit that does not explain it."""

    acronym: str
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def prose(text: str) -> str:
    """``text`` without code spans, link targets and URLs."""
    for pattern in _NOT_TEXT:
        text = pattern.sub(" ", text)
    return text


def expanded(acronym: str, text: str) -> bool:
    """Whether ``text`` spells ``acronym`` out beside it: ``Words (ABC)`` or ``ABC (Words``.

    The abbreviation in brackets may have several parts: ``licence (CC BY 4.0)``.
    """
    name = re.escape(acronym)
    part = r"[A-Z0-9][\w.-]*"
    return bool(
        re.search(rf"[A-Za-z][\w'-]*[ ,]+[^()]*\({name}[),;]", text)
        or re.search(rf"[A-Za-z][\w'-]* \((?:{part} )*{name}(?: {part})*\)", text)
        or re.search(rf"(?<![\w-]){name} \([A-Z][a-z]", text)
    )


def _msgstr_line(lines: list[str], entry: polib.POEntry) -> int:
    start = entry.linenum or 1
    for i in range(start - 1, len(lines)):
        if lines[i].startswith("msgstr"):
            return i + 1
    return start


def catalog_units(catalogs: Path) -> Iterator[Unit]:
    """One unit per ``.po`` under ``catalogs`` (named relative to it): each translated entry
    at its msgstr line."""
    for path in sorted(catalogs.rglob("*.po")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        parts = tuple(
            (_msgstr_line(lines, e), prose(e.msgstr))
            for e in polib.pofile(str(path))
            if not e.obsolete and e.msgstr and not e.fuzzy
        )
        yield Unit(path.relative_to(catalogs).as_posix(), parts)


def data_units(data: Path, lang: str = "en") -> Iterator[Unit]:
    """One unit per row of every CSV in ``data`` (named by file name): its ``_<lang>`` cells
    at the row's first line."""
    suffix = f"_{lang}"
    for path in sorted(data.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream)
            start = reader.line_num + 1
            for row in reader:
                text = " \n".join(v for k, v in row.items() if k and k.endswith(suffix) and v)
                if text:
                    yield Unit(path.name, ((start, prose(text)),))
                start = reader.line_num + 1


def unexplained(units: Iterable[Unit], glossary: str) -> list[Unexplained]:
    """Every acronym of each unit neither expanded in the unit nor in ``glossary``."""
    known = set(ACRONYM.findall(prose(glossary)))
    found: list[Unexplained] = []
    for unit in units:
        text = unit.text
        for acronym in dict.fromkeys(ACRONYM.findall(text)):
            if acronym not in known and not expanded(acronym, text):
                found.append(Unexplained(acronym, unit.file, unit.line_of(acronym)))
    return found


def glossary_text(glossary_po: Path) -> str:
    """The translated text of the glossary's catalog ('' if there is none)."""
    if not glossary_po.is_file():
        return ""
    return "\n".join(
        e.msgstr for e in polib.pofile(str(glossary_po)) if not e.obsolete and not e.fuzzy
    )


def glossary_complete(glossary_po: Path) -> bool:
    """Whether the glossary's catalog exists with every entry translated (none fuzzy)."""
    if not glossary_po.is_file():
        return False
    entries = [e for e in polib.pofile(str(glossary_po)) if not e.obsolete]
    return all(e.msgstr and not e.fuzzy for e in entries)


def acronym_problems(root: Path, lang: str, catalogs: Path, data: Path | None) -> list[Problem]:
    """The unexplained acronyms of ``lang``'s catalogs and data rows.

    ``catalogs`` is the language's ``LC_MESSAGES``; ``data`` the data tables' folder
    (None or absent: the catalogs only). Each is an error once the language's glossary is
    fully translated, a warning until then (a language being added cannot explain its
    acronyms before its glossary exists). Problems name files by absolute path, like the
    other catalog checks; the glossary is named relative to ``root`` in the fix.
    """
    glossary_po = catalogs / GLOSSARY_CATALOG
    try:
        glossary = glossary_po.relative_to(root).as_posix()
    except ValueError:
        glossary = str(glossary_po)
    units = [(catalogs, CATALOG_FIX.format(glossary=glossary), u) for u in catalog_units(catalogs)]
    if data is not None and data.is_dir():
        fix = ROW_FIX.format(lang=f"_{lang}", glossary=glossary)
        units += [(data, fix, u) for u in data_units(data, lang)]
    placed = [replace(unit, file=(base / unit.file).as_posix()) for base, _, unit in units]
    fixes = {unit.file: fix for unit, (_, fix, _) in zip(placed, units, strict=True)}
    found = unexplained(placed, glossary_text(glossary_po))
    severity = ERROR if glossary_complete(glossary_po) else WARNING
    until = "" if severity == ERROR else f" (a warning until {glossary} is fully translated)"
    return [
        Problem(
            item.file,
            item.line,
            None,
            f"acronym {item.acronym} is not explained{until}; {fixes[item.file]}",
            value=item.acronym,
            check="acronym",
            severity=severity,
        )
        for item in found
    ]
