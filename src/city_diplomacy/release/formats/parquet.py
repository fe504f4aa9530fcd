"""Parquet files: one per table, typed by the Table Schema, with descriptions as metadata.

Field types map to Arrow types (``integer`` to int64, ``number`` to float64,
``boolean`` to bool, ``date`` to date32; everything else, partial dates included,
stays a string). Each field's description is Parquet field metadata
(``description``), the table's title and description are schema metadata. Written
uncompressed-dictionary-free with fixed settings (one row group, no statistics
that depend on the writer's clock), so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from city_diplomacy.release.formats.tables import Field, Table, Value

#: Where the Parquet files sit inside the zip: ``<table>.parquet``.
SUFFIX = ".parquet"


def arrow_type(field: Field) -> Any:
    """The Arrow type of a Table Schema field."""
    import pyarrow as pa

    return {
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }.get(field.type, pa.string())


def _value(value: Value, field: Field) -> Any:
    if value is not None and field.type == "date":
        return dt.date.fromisoformat(str(value))
    return value


def table_schema(table: Table) -> Any:
    """The Arrow schema of ``table``: types, nullability, descriptions as metadata."""
    import pyarrow as pa

    fields = [
        pa.field(
            f.name,
            arrow_type(f),
            nullable=not (f.required or f.name in table.primary_key),
            metadata={"description": f.description} if f.description else None,
        )
        for f in table.fields
    ]
    metadata = {"name": table.name, "title": table.title, "description": table.description}
    if table.primary_key:
        metadata["primary_key"] = ",".join(table.primary_key)
    return pa.schema(fields, metadata=metadata)


def parquet_table_bytes(table: Table) -> bytes:
    """One table as a Parquet file's bytes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = table_schema(table)
    columns = {f.name: [_value(row[f.name], f) for row in table.rows] for f in table.fields}
    arrow = pa.Table.from_pydict(columns, schema=schema)
    sink = io.BytesIO()
    pq.write_table(
        arrow,
        sink,
        row_group_size=max(len(table.rows), 1),
        compression="zstd",
        compression_level=9,
        use_dictionary=False,
        write_statistics=True,
        version="2.6",
        store_schema=True,
        write_page_index=False,
    )
    return sink.getvalue()


def parquet_files(tables: list[Table]) -> dict[str, bytes]:
    """``<table>.parquet`` to bytes, for every table in descriptor order."""
    return {table.name + SUFFIX: parquet_table_bytes(table) for table in tables}
