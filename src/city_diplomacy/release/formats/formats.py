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

    def filename(self, name: str, version: str) -> str:
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
)

#: Checksums of every other file of the release, ``sha256sum -c`` compatible.
CHECKSUMS = "SHA256SUMS"


def format_by_key(key: str) -> Format:
    for fmt in FORMATS:
        if fmt.key == key:
            return fmt
    raise KeyError(key)
