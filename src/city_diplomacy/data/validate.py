"""Validate the data package: frictionless plus the checks frictionless 5.x skips.

:func:`validate` returns a :class:`Report` and prints nothing; the CLI prints it.
Cheapest first: the descriptor (JSON, the Data Package 2.0 profile, misplaced keys),
then each file's bytes and quoting (read once), then categories, foreign keys and the
dataset's domain rules on those rows, and last one frictionless run over the whole
package, whose errors are dropped where a stricter check already explained the same
cell, or where a malformed row would only give shifted-cell noise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from city_diplomacy.data.checks import (
    categories,
    descriptor,
    domain,
    evidence,
    frictionless_run,
    numbers,
    orphans,
    references,
    scripts,
    series,
    uniqueness,
)
from city_diplomacy.data.checks.jsonlines import property_lines
from city_diplomacy.data.checks.report import Report
from city_diplomacy.data.checks.tables import load_tables
from city_diplomacy.data.load import resolve_descriptor
from city_diplomacy.data.problems import Problem

__all__ = ["Problem", "Report", "validate"]


def validate(descriptor_path: str | Path) -> Report:
    """Check the package described by ``descriptor_path`` (a file or its folder)."""
    path = resolve_descriptor(descriptor_path)
    file = path.as_posix()
    try:
        data = descriptor.read(path, file)
    except descriptor.DescriptorError as error:
        return Report.build(file, [error.problem], [file])
    pending = frictionless_run.Pending(data, path.parent)  # overlaps with the checks below
    problems = descriptor.check_profile(data, file)
    problems += descriptor.check_placement(data, file)
    base = path.parent.as_posix()
    tables, table_problems = load_tables(data, path.parent, base, file)
    problems += table_problems
    problems += categories.check(tables)
    problems += references.check_key_fields(tables, file)
    problems += references.check(tables, file)
    problems += domain.check(tables)
    problems += uniqueness.check(tables)
    problems += series.check(tables)
    problems += scripts.check(tables)
    problems += numbers.check(tables)
    problems += evidence.check(tables)
    problems += orphans.check(tables)
    found = frictionless_run.translate(pending.result(), file, tables)
    problems += _new(found, problems)
    files = [file, *(t.file for t in tables)]
    problems = _locate(problems, path, file)
    return Report.build(file, problems, files, sum(len(t.rows) for t in tables))


def _locate(problems: list[Problem], path: Path, file: str) -> list[Problem]:
    """Give descriptor problems the line of the property they name (only when there are any)."""
    if not any(p.file == file and p.line is None and p.field for p in problems):
        return problems
    lines = property_lines(path.read_text(encoding="utf-8"))
    return [
        replace(p, line=lines.get(p.field)) if p.file == file and p.line is None and p.field else p
        for p in problems
    ]


def _new(found: Iterable[Problem], known: Iterable[Problem]) -> list[Problem]:
    """Frictionless problems not already reported for the same cell (or whole file)."""
    seen = {(p.file, p.line, p.field) for p in known}
    return [p for p in found if (p.file, p.line, p.field) not in seen]
