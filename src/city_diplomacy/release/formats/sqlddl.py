"""Column definitions shared by the SQL formats (SQLite, the DuckDB script).

A Table Schema field becomes ``name TYPE [NOT NULL] [UNIQUE] [CHECK (...)]``; the
formats differ only in their type names, the fallback type and the checks they can run
(:class:`Dialect`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from city_diplomacy.release.formats.tables import Field, Table


def quote(identifier: str) -> str:
    """An SQL identifier in double quotes."""
    return '"' + identifier.replace('"', '""') + '"'


def literal(value: object) -> str:
    """An SQL literal for a constraint value."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


@dataclass(frozen=True)
class Dialect:
    """What one SQL format makes of a field: types and the extra checks it can run."""

    types: Mapping[str, str]
    text_type: str
    #: Checks beyond enum, range and length (``pattern`` where the engine has regexps).
    extra_checks: Callable[[Field, str], list[str]] = lambda field, name: []


def column_sql(field: Field, table: Table, dialect: Dialect) -> str:
    """The column definition of one field in ``dialect``."""
    name = quote(field.name)
    parts = [name, dialect.types.get(field.type, dialect.text_type)]
    constraints = field.constraints
    if field.required or field.name in table.primary_key:
        parts.append("NOT NULL")
    if constraints.get("unique") and table.primary_key != (field.name,):
        parts.append("UNIQUE")
    checks: list[str] = []
    if "enum" in constraints:
        values = ", ".join(literal(v) for v in constraints["enum"])
        checks.append(f"{name} IN ({values})")
    if "minimum" in constraints:
        checks.append(f"{name} >= {literal(constraints['minimum'])}")
    if "maximum" in constraints:
        checks.append(f"{name} <= {literal(constraints['maximum'])}")
    if "minLength" in constraints:
        checks.append(f"length({name}) >= {int(constraints['minLength'])}")
    if "maxLength" in constraints:
        checks.append(f"length({name}) <= {int(constraints['maxLength'])}")
    checks += dialect.extra_checks(field, name)
    parts += [f"CHECK ({check})" for check in checks]
    return " ".join(parts)
