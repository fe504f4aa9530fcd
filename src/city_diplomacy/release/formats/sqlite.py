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

from city_diplomacy.release.formats import sqlddl
from city_diplomacy.release.formats.sqlddl import Dialect, quote
from city_diplomacy.release.formats.tables import Field, Table

_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


def _sqlite_checks(field: Field, name: str) -> list[str]:
    return [f"{name} IN (0, 1)"] if field.type == "boolean" else []


#: SQLite has no regexps in plain ``sqlite3``: no ``pattern`` checks.
DIALECT = Dialect(types=_TYPES, text_type="TEXT", extra_checks=_sqlite_checks)


def column_sql(field: Field, table: Table) -> str:
    """The column definition of one field, with the checks SQLite can run."""
    return sqlddl.column_sql(field, table, DIALECT)


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
