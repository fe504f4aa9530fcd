"""The download formats of a release: file names and media types, declared once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One download format."""

    key: str
    suffix: str
    media_type: str
    label: str
    #: One file per table (``<name>-<version>-<table><suffix>``) instead of one file.
    per_table: bool = False

    def filename(self, name: str, version: str, table: str = "") -> str:
        if self.per_table:
            return f"{name}-{version}-{table}{self.suffix}"
        return f"{name}-{version}{self.suffix}"


FORMATS: tuple[Format, ...] = (
    Format("datapackage", ".zip", "application/zip", "Frictionless Data Package (CSV)"),
    Format(
        "xlsx",
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel workbook",
    ),
    Format("sqlite", ".sqlite", "application/vnd.sqlite3", "SQLite database"),
    Format("json", ".json", "application/json", "JSON"),
    Format("geojson", ".geojson", "application/geo+json", "GeoJSON (cities)"),
    Format(
        "parquet",
        ".parquet",
        "application/vnd.apache.parquet",
        "Apache Parquet (one table)",
        per_table=True,
    ),
    Format("duckdb", ".duckdb.sql", "application/sql", "DuckDB database (SQL script)"),
)

#: Checksums of every other file of the release, ``sha256sum -c`` compatible.
CHECKSUMS = "SHA256SUMS"


def format_by_key(key: str) -> Format:
    for fmt in FORMATS:
        if fmt.key == key:
            return fmt
    raise KeyError(key)
