"""The single read path: load the data package into typed, read-only records.

Everything else (the Sphinx extension, exports, diffs) reads the data through
:func:`load`, so the site and the downloads cannot disagree about a fact.
``load`` trusts the cells (run :func:`city_diplomacy.data.validate.validate` first) but
not the shape: a table whose columns differ from its record type's fields, or a cell
that does not convert to the field's type, raises :class:`LoadError`.

Where the package is (the one rule, used by every command): a path to a file is the
descriptor itself; a path to a folder means the ``datapackage.json`` in it
(:func:`resolve_descriptor`); no path means the package shipped with this code,
:data:`SHIPPED_DESCRIPTOR` (``datapackage/datapackage.json`` of the checkout the code is
in), never a file found through the current folder.
"""

from __future__ import annotations

import csv
import json
import types
from collections.abc import Callable, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from city_diplomacy.data.dates import PartialDate, PartialDateError
from city_diplomacy.data.package import Package
from city_diplomacy.data.records import RECORD_TYPES, Record

#: The name of a data package descriptor inside its folder.
DESCRIPTOR_NAME = "datapackage.json"
#: Where a project checkout keeps its descriptor, relative to the checkout's root.
PROJECT_DESCRIPTOR = f"datapackage/{DESCRIPTOR_NAME}"
#: The data package shipped in this repository (next to ``src/``).
SHIPPED_DESCRIPTOR = Path(__file__).resolve().parents[3] / PROJECT_DESCRIPTOR

#: Table Schema types each Python type may be read from.
_SCHEMA_TYPES: dict[type, frozenset[str]] = {
    str: frozenset({"string", "any"}),
    int: frozenset({"integer"}),
    float: frozenset({"number", "integer"}),
    bool: frozenset({"boolean"}),
    PartialDate: frozenset({"string", "date", "yearmonth", "year"}),
}

Converter = Callable[[str], object]


class LoadError(ValueError):
    """The package does not fit the record types (names the file, table and field)."""


def resolve_descriptor(path: str | Path | None = None) -> Path:
    """The descriptor meant by ``path``: a file as given, a folder's ``datapackage.json``.

    With no path, :data:`SHIPPED_DESCRIPTOR`. The only place that applies this rule.
    """
    if path is None:
        return SHIPPED_DESCRIPTOR
    resolved = Path(path)
    return resolved / DESCRIPTOR_NAME if resolved.is_dir() else resolved


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV file of the package as a list of dicts (strings as written)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_descriptor(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        descriptor: dict[str, Any] = json.load(handle)
    return descriptor


def resource_paths(descriptor: Mapping[str, Any], root: Path) -> dict[str, Path]:
    """Map each resource name to its file."""
    return {r["name"]: root / r["path"] for r in descriptor.get("resources", [])}


def package_files(descriptor: Path) -> list[Path]:
    """The descriptor and every resource file it names, without loading the package.

    Raises ``OSError`` or ``ValueError`` when the descriptor cannot be read.
    """
    parsed = read_descriptor(descriptor)
    files = [descriptor]
    for resource in parsed.get("resources", []):
        path = resource.get("path") if isinstance(resource, dict) else None
        if isinstance(path, str):
            files.append(descriptor.parent / path)
    return files


def load(path: str | Path | None = None) -> Package:
    """Load the data package at ``path`` (see :func:`resolve_descriptor`) into typed records."""
    descriptor_file = resolve_descriptor(path)
    descriptor = read_descriptor(descriptor_file)
    root = descriptor_file.parent
    tables: dict[str, list[Record]] = {}
    files = [descriptor_file]
    for resource in descriptor.get("resources", []):
        name, file = resource["name"], root / resource["path"]
        record_type = RECORD_TYPES.get(name)
        if record_type is None:
            known = ", ".join(RECORD_TYPES)
            raise LoadError(
                f"{descriptor_file}: table {name!r} has no record type "
                f"(known: {known}); add a dataclass to city_diplomacy/data/records.py"
            )
        schema_fields = resource.get("schema", {}).get("fields", [])
        tables[name] = load_table(record_type, name, file, schema_fields)
        files.append(file)
    return Package.from_tables(descriptor, root, tables, tuple(files))


def load_table(
    record_type: type[Record], table: str, file: Path, schema_fields: list[Mapping[str, Any]]
) -> list[Record]:
    """The records of one table, built by field name from its CSV file."""
    converters = converters_for(record_type, table, schema_fields, f"{file}: ")
    records: list[Record] = []
    with file.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            values: dict[str, Any] = {}
            for name, convert in converters.items():
                cell = row.get(name) or ""
                try:
                    values[name] = convert(cell)
                except (ValueError, PartialDateError) as error:
                    raise LoadError(
                        f"{file}:{reader.line_num}: {name}: cannot read {cell!r} as "
                        f"{record_type.__name__}.{name} ({error}); run `city-diplomacy validate`"
                    ) from error
            records.append(record_type(**values))
    return records


def converters_for(
    record_type: type[Record],
    table: str,
    schema_fields: list[Mapping[str, Any]],
    prefix: str = "",
) -> dict[str, Converter]:
    """How to read each column, by field name; LoadError when columns and fields differ.

    ``prefix`` starts each message (the file, e.g. ``data/sources.csv: ``).
    """
    hints = get_type_hints(record_type)
    declared = [f.name for f in fields(record_type)]
    columns = {str(f.get("name")): str(f.get("type", "string")) for f in schema_fields}
    where = f"{prefix}table {table!r}"
    for name in columns.keys() - set(declared):
        raise LoadError(
            f"{where} has column {name!r} but {record_type.__name__} has no field {name!r}; "
            "add the field to city_diplomacy/data/records.py"
        )
    for name in [n for n in declared if n not in columns]:
        raise LoadError(
            f"{where} has no column {name!r} that {record_type.__name__} needs; "
            "add the column to the table or remove the field"
        )
    converters: dict[str, Converter] = {}
    for name in declared:
        base, optional = _unwrap(hints[name])
        allowed = _SCHEMA_TYPES.get(base)
        if allowed is None or columns[name] not in allowed:
            raise LoadError(
                f"{where}: column {name!r} is of type {columns[name]!r} but "
                f"{record_type.__name__}.{name} is {base.__name__}; make them agree"
            )
        converters[name] = _converter(base, optional)
    return converters


def _unwrap(hint: Any) -> tuple[type, bool]:
    """(the type, whether None is allowed) of an annotation ``X`` or ``X | None``."""
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1 and isinstance(args[0], type):
            return args[0], True
    if isinstance(hint, type):
        return hint, False
    raise TypeError(f"unsupported record field type {hint!r}")


def _boolean(cell: str) -> bool:
    """A Table Schema boolean as this package writes it: ``true`` or ``false``."""
    if cell not in ("true", "false"):
        raise ValueError("write true or false")
    return cell == "true"


def _converter(base: type, optional: bool) -> Converter:
    read: Converter = PartialDate.parse if base is PartialDate else base
    if base is bool:
        read = _boolean
    if base is str:
        return (lambda cell: cell or None) if optional else str
    if optional:
        return lambda cell: read(cell) if cell else None
    return read
