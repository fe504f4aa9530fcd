"""The JSON export: the descriptor and every table in one file."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from city_diplomacy.release.formats.tables import Table


def json_document(descriptor: Mapping[str, Any], tables: list[Table]) -> dict[str, Any]:
    """``{"datapackage": descriptor, "tables": {name: [row, …]}}``; rows keep file order."""
    return {
        "datapackage": dict(descriptor),
        "tables": {table.name: [dict(row) for row in table.rows] for table in tables},
    }


def json_bytes(descriptor: Mapping[str, Any], tables: list[Table]) -> bytes:
    text = json.dumps(json_document(descriptor, tables), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
