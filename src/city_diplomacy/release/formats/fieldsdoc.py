"""The zip's human-readable field dictionary (``FIELDS.md``) and CSV text of derived tables."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from city_diplomacy.release.formats.tables import Field, Table, Value

FIELDS_NAME = "FIELDS.md"


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """The table as UTF-8 CSV (``\\n`` line ends, header first, empty for no value)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f.name for f in table.fields])
    for row in table.rows:
        writer.writerow([_cell(row[f.name]) for f in table.fields])
    return buffer.getvalue().encode("utf-8")


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _constraints(field: Field, table: Table) -> str:
    notes: list[str] = []
    if field.name in table.primary_key:
        notes.append("primary key")
    if field.required:
        notes.append("required")
    enum = field.constraints.get("enum")
    if isinstance(enum, list):
        notes.append("one of " + ", ".join(f"`{v}`" for v in enum))
    pattern = field.constraints.get("pattern")
    if isinstance(pattern, str):
        notes.append(f"pattern `{pattern}`")
    return "; ".join(notes)


def fields_markdown(descriptor: Mapping[str, Any], tables: list[Table]) -> str:
    """A section per table: its file, description and a row per field."""
    title = descriptor.get("title", descriptor.get("name", ""))
    lines = [
        f"# Fields of {title} {descriptor.get('version', '')}".rstrip(),
        "",
        "Generated from the Table Schema in `datapackage.json`. Columns ending in",
        "`_precision` and the table `participation_flat` are derived: they are in the",
        "XLSX, SQLite, JSON, Parquet and DuckDB downloads, and the flat table is",
        "`derived/participation_flat.csv` here; the package's CSVs keep the source columns.",
        "",
    ]
    for table in tables:
        lines += [f"## {table.name}", "", f"File: `{table.path}`. {table.description}".rstrip(), ""]
        lines += ["| field | type | constraints | description |", "|---|---|---|---|"]
        for field in table.fields:
            lines.append(
                f"| `{field.name}` | {field.type} | {_escape(_constraints(field, table))} "
                f"| {_escape(field.description)} |"
            )
        lines.append("")
    return "\n".join(lines)
