"""Datasette metadata for the SQLite release: titles, descriptions, units, labels, facets.

``city-diplomacy explore`` writes the SQLite export (:mod:`.formats.sqlite`) and this
metadata into a temporary folder and serves both with Datasette on 127.0.0.1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from city_diplomacy.data.package import Package
from city_diplomacy.release.formats.sqlite import sqlite_bytes
from city_diplomacy.release.formats.tables import Table, tables_of

#: Columns offered as facets where a table has them.
FACETS = (
    "network", "programme", "kind", "country", "role", "mode", "status", "theme",
    "publisher_kind", "language",
)  # fmt: skip
UNITS = {"latitude": "degree", "longitude": "degree"}
DATABASE = "city_diplomacy"
_TEXT = {
    "ja": "{title}。各表の列の説明はデータ辞書と同じです。",
    "en": "{title}. Column descriptions are those of the data dictionary.",
}


def _label_column(table: Table, lang: str) -> str | None:
    names = [f.name for f in table.fields]
    for stem in ("name", "title"):
        if f"{stem}_{lang}" in names:
            return f"{stem}_{lang}"
    return "title" if "title" in names else None


def table_metadata(table: Table, lang: str) -> dict[str, Any]:
    fields = {f.name for f in table.fields}
    data: dict[str, Any] = {
        "title": table.title,
        "description": table.description,
        "columns": {f.name: f.description for f in table.fields if f.description},
        "facets": [name for name in FACETS if name in fields],
    }
    units = {name: unit for name, unit in UNITS.items() if name in fields}
    if units:
        data["units"] = units
    label = _label_column(table, lang)
    if label:
        data["label_column"] = label
    return data


def metadata(package: Package, lang: str) -> dict[str, Any]:
    """Datasette ``metadata.json`` for ``package`` with labels in ``lang`` (ja or en)."""
    descriptor = package.descriptor
    licences = descriptor.get("licenses") or [{}]
    sources = descriptor.get("sources") or [{}]
    title = f"{descriptor.get('title', '')} {package.version}".strip()
    return {
        "title": title,
        "description": _TEXT.get(lang, _TEXT["en"]).format(title=title),
        "license": licences[0].get("title") or licences[0].get("name"),
        "license_url": licences[0].get("path"),
        "source": sources[0].get("title"),
        "source_url": sources[0].get("path"),
        "databases": {
            DATABASE: {
                "tables": {t.name: table_metadata(t, lang) for t in tables_of(package)},
            }
        },
    }


def prepare(package: Package, folder: Path, lang: str) -> tuple[Path, Path]:
    """Write ``<DATABASE>.db`` and ``metadata.json`` into ``folder``; their paths."""
    database = folder / f"{DATABASE}.db"
    database.write_bytes(sqlite_bytes(tables_of(package)))
    meta = folder / "metadata.json"
    meta.write_text(json.dumps(metadata(package, lang), ensure_ascii=False), encoding="utf-8")
    return database, meta
