"""The SQLite database: one typed table per resource with its primary and foreign keys.

Written with the standard library, not frictionless' SQL export: that one turns
``pattern`` constraints into REGEXP checks, which plain ``sqlite3`` lacks, so every
insert fails. Enumerations, ranges and lengths become ordinary CHECKs instead.
The database is built in memory in a fixed order and written with ``VACUUM INTO``,
so the same data gives the same bytes.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from city_diplomacy.release.formats.tables import Field, Table

_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


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


def column_sql(field: Field, table: Table) -> str:
    """The column definition of one field, with the checks SQLite can run."""
    name = quote(field.name)
    parts = [name, _TYPES.get(field.type, "TEXT")]
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
    if field.type == "boolean":
        checks.append(f"{name} IN (0, 1)")
    parts += [f"CHECK ({check})" for check in checks]
    return " ".join(parts)


def create_table_sql(table: Table) -> str:
    """``CREATE TABLE`` with typed columns, PRIMARY KEY and FOREIGN KEY clauses."""
    lines = [column_sql(field, table) for field in table.fields]
    if table.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(quote(k) for k in table.primary_key)})")
    for fk in table.foreign_keys:
        lines.append(
            f"FOREIGN KEY ({', '.join(quote(f) for f in fk.fields)}) "
            f"REFERENCES {quote(fk.resource)} ({', '.join(quote(f) for f in fk.reference_fields)})"
        )
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {quote(table.name)} (\n  {body}\n)"


def index_sql(table: Table) -> list[str]:
    """An index per foreign key (joins and Datasette facets), unless the key leads the PK."""
    statements = []
    for fk in table.foreign_keys:
        if table.primary_key[: len(fk.fields)] == fk.fields:
            continue
        name = quote(f"idx_{table.name}_{'_'.join(fk.fields)}")
        columns = ", ".join(quote(f) for f in fk.fields)
        statements.append(f"CREATE INDEX {name} ON {quote(table.name)} ({columns})")
    return statements


def fill(connection: sqlite3.Connection, tables: list[Table]) -> None:
    """Create and fill every table, in descriptor order, then index the foreign keys."""
    for table in tables:
        connection.execute(create_table_sql(table))
    for table in tables:
        names = [f.name for f in table.fields]
        sql = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        connection.executemany(sql, [tuple(row[n] for n in names) for row in table.rows])
    for table in tables:
        for statement in index_sql(table):
            connection.execute(statement)


def sqlite_bytes(tables: list[Table]) -> bytes:
    """The database file's bytes.

    Foreign keys are checked after loading (rows may refer to later rows of the
    same table); a violation raises ValueError naming table and row.
    """
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("PRAGMA page_size = 4096")
        with connection:
            fill(connection, tables)
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            table, rowid, parent, _ = problems[0]
            raise ValueError(
                f"table {table} row {rowid}: foreign key to {parent} does not resolve "
                f"({len(problems)} such rows)"
            )
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "export.sqlite"
            connection.execute("VACUUM INTO ?", (str(target),))
            return target.read_bytes()
    finally:
        connection.close()
