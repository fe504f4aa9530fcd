"""The DuckDB database as an SQL script: typed tables, keys, comments, then the rows.

``duckdb tokyo.duckdb < <file>.duckdb.sql`` makes the database: ``CREATE TABLE`` with
PRIMARY KEY, FOREIGN KEY and CHECK clauses (enumerations, ranges, lengths and
patterns), ``COMMENT ON`` every table and described column, then the rows as
``INSERT`` statements. A script rather than a ``.duckdb`` file because DuckDB 2.0 does
not write the same bytes twice (its block headers differ between runs, whatever the
checkpoint and storage settings); the script does. Tables come in descriptor order
(a table's references come before it); rows that refer to rows of their own table
come after those (DuckDB cannot declare that key; the table comment names it).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from city_diplomacy.release.formats import sqlddl
from city_diplomacy.release.formats.sqlddl import Dialect, quote
from city_diplomacy.release.formats.tables import Field, Table, Value

_TYPES = {"integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def value_sql(value: Value, field: Field) -> str:
    """An SQL literal for a cell."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return f"'{value}'::DOUBLE"
        return repr(value)
    if field.type == "date":
        return f"DATE {sql_string(str(value))}"
    return sql_string(str(value))


def _duckdb_checks(field: Field, name: str) -> list[str]:
    pattern = field.constraints.get("pattern")
    return [] if pattern is None else [f"regexp_full_match({name}, {sql_string(str(pattern))})"]


DIALECT = Dialect(types=_TYPES, text_type="VARCHAR", extra_checks=_duckdb_checks)


def column_sql(field: Field, table: Table) -> str:
    """The column definition of one field, with the checks DuckDB can run."""
    return sqlddl.column_sql(field, table, DIALECT)


def create_table_sql(table: Table) -> str:
    lines = [column_sql(field, table) for field in table.fields]
    if table.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(quote(k) for k in table.primary_key)})")
    for fk in table.foreign_keys:
        if fk.resource == table.name:
            continue  # DuckDB has no self-referencing foreign keys; see comment_sql
        lines.append(
            f"FOREIGN KEY ({', '.join(quote(f) for f in fk.fields)}) "
            f"REFERENCES {quote(fk.resource)} ({', '.join(quote(f) for f in fk.reference_fields)})"
        )
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {quote(table.name)} (\n  {body}\n);"


def comment_sql(table: Table) -> list[str]:
    """``COMMENT ON`` the table (title and description) and on every described column."""
    description = " ".join(part for part in (table.title, table.description) if part)
    for fk in table.foreign_keys:
        if fk.resource == table.name:
            description += (
                f" ({', '.join(fk.fields)} refers to {', '.join(fk.reference_fields)}"
                " of this table.)"
            )
    statements = [f"COMMENT ON TABLE {quote(table.name)} IS {sql_string(description.strip())};"]
    statements += [
        f"COMMENT ON COLUMN {quote(table.name)}.{quote(f.name)} IS {sql_string(f.description)};"
        for f in table.fields
        if f.description
    ]
    return statements


def insertion_order(table: Table) -> list[dict[str, Value]]:
    """Rows in file order, except that a row comes after the rows of its table it refers to."""
    own = [fk for fk in table.foreign_keys if fk.resource == table.name]
    if not own:
        return list(table.rows)
    ordered: list[dict[str, Value]] = []
    placed: set[tuple[Value, ...]] = set()
    pending = list(table.rows)
    while pending:
        waiting = []
        for row in pending:
            needs = [tuple(row[f] for f in fk.fields) for fk in own]
            if all(None in key or key in placed for key in needs):
                ordered.append(row)
                placed.add(tuple(row[f] for f in own[0].reference_fields))
            else:
                waiting.append(row)
        if len(waiting) == len(pending):
            ordered += waiting  # a cycle or a dangling key: the validator reports those
            break
        pending = waiting
    return ordered


def insert_sql(table: Table) -> Iterable[str]:
    names = ", ".join(quote(f.name) for f in table.fields)
    for row in insertion_order(table):
        values = ", ".join(value_sql(row[f.name], f) for f in table.fields)
        yield f"INSERT INTO {quote(table.name)} ({names}) VALUES ({values});"


def duckdb_sql(tables: list[Table]) -> bytes:
    """The whole database as an SQL script (``duckdb new.duckdb < file.sql``)."""
    lines = ["-- Load with: duckdb tokyo.duckdb < this-file.duckdb.sql", "BEGIN TRANSACTION;"]
    for table in tables:
        lines.append(create_table_sql(table))
        lines += comment_sql(table)
    for table in tables:
        lines += insert_sql(table)
    lines.append("COMMIT;")
    return ("\n".join(lines) + "\n").encode("utf-8")
