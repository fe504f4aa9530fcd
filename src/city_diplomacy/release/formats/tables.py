"""The tables of a loaded package, typed by their Table Schema, for every export format.

Values are cast by the schema's field type (``integer`` to int, ``number`` to float,
``boolean`` to bool, everything else kept as the string written); a missing value
(the schema's ``missingValues``, ``""`` here) becomes None.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from city_diplomacy.data.load import read_rows
from city_diplomacy.data.package import Package

Value = str | int | float | bool | None

_TRUE = {"true", "True", "TRUE", "1"}
_FALSE = {"false", "False", "FALSE", "0"}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    constraints: Mapping[str, Any]

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required", False))


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One resource: its schema and its rows in file order."""

    name: str
    title: str
    description: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    rows: tuple[dict[str, Value], ...]

    def key_of(self, row: Mapping[str, Value]) -> tuple[Value, ...]:
        return tuple(row.get(name) for name in self.primary_key)


def cast(value: str, field_type: str, missing: frozenset[str]) -> Value:
    """Cast a CSV cell to the Python value its field type means."""
    if value in missing:
        return None
    if field_type == "integer":
        return int(value)
    if field_type == "number":
        return float(value)
    if field_type == "boolean":
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ValueError(f"{value!r} is not a boolean")
    return value


def _as_tuple(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value or ())


def schema_fields(resource: Mapping[str, Any]) -> tuple[Field, ...]:
    return tuple(
        Field(
            name=f["name"],
            type=f.get("type", "string"),
            description=f.get("description", ""),
            constraints=dict(f.get("constraints", {})),
        )
        for f in resource.get("schema", {}).get("fields", [])
    )


def table_of(root: Path, resource: Mapping[str, Any]) -> Table:
    """Read one resource (its file relative to ``root``) as a typed Table."""
    schema = resource.get("schema", {})
    fields = schema_fields(resource)
    missing = frozenset(schema.get("missingValues", [""]))
    rows = tuple(
        {f.name: cast(raw.get(f.name) or "", f.type, missing) for f in fields}
        for raw in read_rows(root / resource["path"])
    )
    foreign_keys = tuple(
        ForeignKey(
            _as_tuple(fk["fields"]),
            fk["reference"].get("resource") or resource["name"],
            _as_tuple(fk["reference"]["fields"]),
        )
        for fk in schema.get("foreignKeys", [])
    )
    return Table(
        name=resource["name"],
        title=resource.get("title", resource["name"]),
        description=resource.get("description", ""),
        path=resource["path"],
        fields=fields,
        primary_key=_as_tuple(schema.get("primaryKey")),
        foreign_keys=foreign_keys,
        rows=rows,
    )


def tables_of(package: Package) -> list[Table]:
    """Every tabular resource of the package, in descriptor order."""
    return tables_at(package.descriptor, package.root)


def tables_at(descriptor: Mapping[str, Any], root: Path) -> list[Table]:
    """Every tabular resource of a descriptor whose files are under ``root``."""
    return [
        table_of(root, resource)
        for resource in descriptor.get("resources", [])
        if "schema" in resource
    ]
