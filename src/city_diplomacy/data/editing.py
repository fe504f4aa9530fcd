"""Add one row to a table of the data package, safely: validated first, written atomically.

:func:`add_row` is generic over the table's schema (the columns and their order come
from ``datapackage.json``), so new columns need no code: a required column without a
value is refused with the option to give (``--set column=value``). The new row is
written to a copy of the package, the whole copy is validated, and only when it has
no error is the real file replaced (``os.replace``), so a refused row leaves every
file byte for byte as it was. The row is placed after the last row whose key sorts
before it when the table is kept sorted by its key, else at the end; it is quoted
like the rest of the file (only where needed, the file's own line ending), so a diff
shows one added line.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from city_diplomacy.data.checks.report import Report
from city_diplomacy.data.problems import Problem
from city_diplomacy.data.validate import validate

#: Columns that record when the editor looked at something: filled with today's date.
TODAY_FIELDS = frozenset({"accessed", "accessed_on", "retrieved", "checked_on"})


class EditError(Exception):
    """The row cannot be added; ``problems`` say where and what to fix."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class Added:
    """What :func:`add_row` wrote: the file, its line, the row, and the package's warnings."""

    file: Path
    line: int
    row: dict[str, str]
    report: Report


def slug(text: str) -> str:
    """An id from a name: ASCII lower case, words joined by ``-`` ("Ulan Bator" -> "ulan-bator")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def parse_settings(settings: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``column=value`` pairs of ``--set`` into a dict (the last one of a column wins)."""
    values: dict[str, str] = {}
    for setting in settings:
        column, sep, value = setting.partition("=")
        if not sep or not column.strip():
            raise EditError(f"--set {setting!r}: write it as column=value")
        values[column.strip()] = value
    return values


def resource_of(descriptor: Path, table: str) -> dict[str, Any]:
    """The resource named ``table`` in the descriptor (an :class:`EditError` if none)."""
    try:
        data = json.loads(descriptor.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise EditError(f"{descriptor}: cannot read the descriptor ({error})") from error
    for resource in data.get("resources", []):
        if isinstance(resource, dict) and resource.get("name") == table:
            return resource
    names = ", ".join(str(r.get("name")) for r in data.get("resources", []))
    raise EditError(f"{descriptor}: no table {table!r} (tables: {names})")


def columns_of(resource: Mapping[str, Any]) -> list[str]:
    return [str(f["name"]) for f in resource["schema"]["fields"]]


def required_of(resource: Mapping[str, Any]) -> list[str]:
    schema = resource["schema"]
    key = schema.get("primaryKey") or []
    key = [key] if isinstance(key, str) else key
    return [
        str(f["name"])
        for f in schema["fields"]
        if (f.get("constraints") or {}).get("required") or f["name"] in key
    ]


def build_row(
    resource: Mapping[str, Any], values: Mapping[str, str], today: date | None = None
) -> dict[str, str]:
    """The full row in column order; unknown or missing required columns are refused."""
    columns = columns_of(resource)
    unknown = [c for c in values if c not in columns]
    name = resource["name"]
    if unknown:
        raise EditError(
            f"{name}: no column {', '.join(map(repr, unknown))} (columns: {', '.join(columns)})"
        )
    row = {c: values.get(c, "") for c in columns}
    for column in TODAY_FIELDS & set(columns):
        if not row[column]:
            row[column] = (today or date.today()).isoformat()
    missing = [c for c in required_of(resource) if not row[c]]
    if missing:
        raise EditError(
            f"{name}: required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} without a value (give "
            + " ".join(f"--set {c}=VALUE" for c in missing)
            + ")"
        )
    return row


def add_row(
    descriptor: Path, table: str, values: Mapping[str, str], *, today: date | None = None
) -> Added:
    """Add one row to ``table``; validate the whole package first; write nothing on errors."""
    resource = resource_of(descriptor, table)
    row = build_row(resource, values, today)
    target = descriptor.parent / str(resource["path"])
    try:
        old = target.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EditError(f"{target}: cannot read the table ({error})") from error
    new, line = _insert(old, row, _key_names(resource))
    with tempfile.TemporaryDirectory(prefix="cd-add-") as temp:
        copy = Path(temp) / "package"
        shutil.copytree(descriptor.parent, copy)
        (copy / str(resource["path"])).write_bytes(new.encode("utf-8"))
        report = validate(copy / descriptor.name)
        report = _relocate(report, copy, descriptor.parent)
    if not report.valid:
        raise EditError(
            f"{target}: not added, the package would be invalid "
            f"({len(report.errors)} problem{'s' if len(report.errors) != 1 else ''})",
            report.errors,
        )
    _replace(target, new.encode("utf-8"))
    return Added(target, line, row, report)


def _key_names(resource: Mapping[str, Any]) -> list[str]:
    key = resource["schema"].get("primaryKey") or []
    return [key] if isinstance(key, str) else [str(k) for k in key]


def _line_ending(text: str) -> str:
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _record(row: Mapping[str, str], ending: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=ending, quoting=csv.QUOTE_MINIMAL).writerow(row.values())
    return out.getvalue()


def _insert(text: str, row: Mapping[str, str], key: list[str]) -> tuple[str, int]:
    """The file with ``row`` placed; and the physical line it starts on."""
    ending = _line_ending(text)
    if text and not text.endswith("\n"):
        text += ending
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    records: list[tuple[int, tuple[str, ...]]] = []  # (physical start line, key)
    for cells in reader:
        start = reader.line_num - sum(c.count("\n") for c in cells)
        values = dict(zip(header, cells, strict=False))
        records.append((start, tuple(values.get(k, "") for k in key)))
    new_key = tuple(row.get(k, "") for k in key)
    keys = [k for _, k in records]
    lines = re.findall(r"[^\n]*\n", text)  # physical lines only (not str.splitlines)
    position = len(lines)
    if key and keys and keys == sorted(keys):
        after = [start for start, k in records if k > new_key]
        if after:
            position = after[0] - 1
    lines.insert(position, _record(row, ending))
    return "".join(lines), position + 1


def _relocate(report: Report, copy: Path, real: Path) -> Report:
    """Problems found in the copy, named by the real files (the same lines)."""
    before, after = copy.as_posix(), real.as_posix()
    problems = [replace(p, file=p.file.replace(before, after, 1)) for p in report.problems]
    files = [f.replace(before, after, 1) for f in report.files]
    return Report.build(report.descriptor.replace(before, after, 1), problems, files, report.rows)


def _replace(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(name, target.stat().st_mode & 0o7777)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
