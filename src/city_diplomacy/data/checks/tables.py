"""Resolve each resource of the descriptor to its file, schema and strictly read rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from city_diplomacy.data.checks import descriptor, integrity
from city_diplomacy.data.checks.csvfile import Dialect, ParsedCsv, read_csv
from city_diplomacy.data.problems import Problem


@dataclass(frozen=True)
class Row:
    """A well-formed data row: its physical line and its cells by column name."""

    line: int
    cells: Mapping[str, str]


@dataclass
class Table:
    """A tabular resource as the checks see it."""

    name: str
    file: str
    where: str  # the resource in the descriptor, e.g. ``resources[4]``
    schema: Mapping[str, Any]
    parsed: ParsedCsv
    rows: list[Row] = field(default_factory=list)
    #: Also the rows with a quoting or encoding defect but the right number of cells:
    #: their keys still count as existing, so one bad row does not cascade into
    #: "not found" errors in every table that refers to it.
    key_rows: list[Row] = field(default_factory=list)
    missing_values: frozenset[str] = frozenset({""})

    @property
    def fields(self) -> list[Mapping[str, Any]]:
        fields = self.schema.get("fields")
        return [f for f in fields if isinstance(f, Mapping)] if isinstance(fields, list) else []

    @property
    def field_names(self) -> list[str]:
        return [str(f.get("name", "")) for f in self.fields]

    def value(self, row: Row, name: str) -> str | None:
        """The cell, or None when it is missing or one of the schema's missing values."""
        cell = row.cells.get(name)
        return None if cell is None or cell in self.missing_values else cell


def load_tables(
    descriptor: Mapping[str, Any], root: Path, base: str, descriptor_file: str
) -> tuple[list[Table], list[Problem]]:
    """Read every CSV resource; ``base`` is the descriptor's folder as shown in messages."""
    tables: list[Table] = []
    problems: list[Problem] = []
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return tables, problems
    for index, resource in enumerate(resources):
        if not isinstance(resource, Mapping):
            continue
        name, path = resource.get("name"), resource.get("path")
        if not isinstance(name, str) or not isinstance(path, str):
            continue  # the profile check reports it
        file = _join(base, path)
        where = f"resources[{index}]"
        if PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts:
            problems.append(
                Problem(
                    descriptor_file,
                    None,
                    f"{where}.path",
                    "must be a relative path inside the package (no '/' start, no '..')",
                    path,
                    "resource",
                )
            )
            continue
        try:
            raw = (root / path).read_bytes()
        except OSError:
            problems.append(
                Problem(
                    file,
                    None,
                    None,
                    f"file not found (resource {name!r}; fix {where}.path or add the file)",
                    path,
                    "resource",
                )
            )
            continue
        problems.extend(integrity.check(resource, raw, file))
        encoding = resource.get("encoding", "utf-8")
        if not isinstance(encoding, str) or encoding.lower().replace("_", "-") not in (
            "utf-8",
            "utf8",
        ):
            problems.append(
                Problem(
                    descriptor_file,
                    None,
                    f"{where}.encoding",
                    "the data files are UTF-8: declare encoding utf-8",
                    str(encoding),
                    "resource",
                )
            )
        if not _is_csv(resource, path):
            continue
        schema, schema_problems = _part(
            resource.get("schema"), root, descriptor_file, f"{where}.schema", "tableschema"
        )
        dialect, dialect_problems = _part(
            resource.get("dialect"), root, descriptor_file, f"{where}.dialect", "tabledialect"
        )
        problems += schema_problems + dialect_problems
        parsed, csv_problems = read_csv(raw, file, _dialect(dialect))
        problems.extend(csv_problems)
        table = Table(name, file, where, schema, parsed, missing_values=_missing(schema))
        problems.extend(_header(table))
        table.rows, table.key_rows = _rows(table)
        tables.append(table)
    return tables, problems


def _join(base: str, path: str) -> str:
    return str(PurePosixPath(base) / path) if base not in ("", ".") else path


def _is_csv(resource: Mapping[str, Any], path: str) -> bool:
    fmt = resource.get("format")
    return fmt == "csv" if isinstance(fmt, str) else path.lower().endswith(".csv")


def _part(
    value: object, root: Path, descriptor_file: str, where: str, profile: str
) -> tuple[dict[str, Any], list[Problem]]:
    """An inline schema/dialect object, or one in its own file (checked against its profile).

    Inline objects are covered by the package profile already.
    """
    if isinstance(value, dict):
        return value, []
    if isinstance(value, str) and "://" not in value:
        try:
            loaded = json.loads((root / value).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            return {}, [
                Problem(
                    descriptor_file, None, where, f"cannot read {value}: {error}", value, "resource"
                )
            ]
        shown = _join(str(PurePosixPath(descriptor_file).parent), value)
        problems = descriptor.check_part(loaded, profile, shown, where)
        return (loaded if isinstance(loaded, dict) else {}), problems
    return {}, []


def _dialect(dialect: Mapping[str, Any]) -> Dialect:
    delimiter = dialect.get("delimiter", ",")
    quote = dialect.get("quoteChar", '"')
    double = dialect.get("doubleQuote", True)
    return Dialect(
        delimiter if isinstance(delimiter, str) and len(delimiter) == 1 else ",",
        quote if isinstance(quote, str) and len(quote) == 1 else '"',
        double if isinstance(double, bool) else True,
    )


def _missing(schema: Mapping[str, Any]) -> frozenset[str]:
    values = schema.get("missingValues", [""])
    if isinstance(values, list):
        return frozenset(
            v if isinstance(v, str) else str(v.get("value", ""))
            for v in values
            if isinstance(v, (str, dict))
        )
    return frozenset({""})


def _header(table: Table) -> list[Problem]:
    """The header must list the schema's fields, in order, spelled the same."""
    expected, found = table.field_names, list(table.parsed.header)
    if not expected or not table.parsed.records or found == expected:
        return []
    table.parsed.header_ok = False
    problems = []
    for position in range(max(len(expected), len(found))):
        want = expected[position] if position < len(expected) else None
        have = found[position] if position < len(found) else None
        if want == have:
            continue
        if want is None:
            message = (
                f"header column {position + 1} {have!r} is not in the schema (remove it "
                "or add the field)"
            )
        elif have is None:
            message = f"header lacks column {position + 1} {want!r} that the schema declares"
        else:
            message = f"header column {position + 1} is {have!r} but the schema field is {want!r}"
        problems.append(
            Problem(
                table.file,
                1,
                want or have,
                message + " (make the header match the schema's field names and order)",
                have,
                "header",
            )
        )
    return problems


def _rows(table: Table) -> tuple[list[Row], list[Row]]:
    """The rows fit for checking, and the rows whose keys may be referred to."""
    parsed = table.parsed
    header = parsed.header
    if not parsed.header_ok:
        return [], []  # cells cannot be matched to fields until the header is fixed
    good, keyed = [], []
    for record in parsed.records[1:]:
        if record.malformed:
            keyed += _salvage(table, record.line, record.end_line)
            continue
        if len(record.cells) != len(header) or record.cells == ("",):
            continue
        row = Row(record.line, dict(zip(header, record.cells, strict=True)))
        keyed.append(row)
        if not record.malformed and record.line not in parsed.bad_lines:
            good.append(row)
    return good, keyed


def _salvage(table: Table, first: int, last: int) -> list[Row]:
    """Rows around a quoting defect, read line by line (leniently), for their keys only."""
    header = table.parsed.header
    rows = []
    for number in range(first, last + 1):
        line, delimiter = table.parsed.lines[number - 1], table.parsed.delimiter
        for cells in (next(csv.reader([line], delimiter=delimiter), []), line.split(delimiter)):
            if len(cells) == len(header):
                rows.append(Row(number, dict(zip(header, cells, strict=True))))
                break
    return rows
