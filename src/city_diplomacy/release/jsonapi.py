"""A static JSON API of one version: a file per table, per record, per record type's schema.

Layout under ``api/<version>/`` (every link is a URL relative to the file it is in):

* ``index.json``: the dataset's name, version, licences and, per table, its title,
  description, row count and the addresses of its list, schema and records;
* ``<table>.json``: every record of the table (as in the record files);
* ``<table>/<id>.json``: one record, for tables whose primary key is a single ``id``;
* ``schema/<table>.json``: the JSON Schema (2020-12) of a record, from the Table Schema.

A record is its row plus ``links``: ``self``, each foreign key's target record, and
``referenced_by`` (per table and field, the records that point at this one: a network's
memberships and events, a city's memberships and hosted events). Rows of tables without
a single ``id`` key (``participations``) have no files of their own: they are embedded
in the records they point at (an event's participants, a city's participations) and
listed in ``<table>.json``.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from city_diplomacy.data.package import Package
from city_diplomacy.release.formats.tables import Field, Table, Value, tables_of

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean"}


def has_record_files(table: Table) -> bool:
    return table.primary_key == ("id",)


def _file_id(value: Value, table: Table) -> str:
    text = str(value)
    if not _SAFE_ID.match(text):
        raise ValueError(f"{table.name}: id {text!r} cannot be a file name")
    return text


def field_schema(field: Field, nullable: bool) -> dict[str, Any]:
    """The JSON Schema of one field's value."""
    schema: dict[str, Any] = {"type": _TYPES.get(field.type, "string")}
    if field.description:
        schema["description"] = field.description
    constraints = field.constraints
    for key in ("enum", "minimum", "maximum", "minLength", "maxLength", "pattern"):
        if key in constraints:
            schema[key] = constraints[key]
    if field.type == "date":
        schema["format"] = "date"
    if nullable:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def _row_schema(table: Table) -> tuple[dict[str, Any], list[str]]:
    properties = {
        f.name: field_schema(f, not (f.required or f.name in table.primary_key))
        for f in table.fields
    }
    return properties, [f.name for f in table.fields]


_URL = {"type": "string", "format": "uri-reference"}


def record_schema(table: Table, embedded: dict[str, Table]) -> dict[str, Any]:
    """The JSON Schema of a record of ``table`` (and of each entry of ``<table>.json``)."""
    properties, required = _row_schema(table)
    links: dict[str, Any] = {
        "type": "object",
        "properties": {"self": _URL, "referenced_by": {
            "type": "object",
            "additionalProperties": {
                "type": "object", "additionalProperties": {"type": "array", "items": _URL}
            },
        }},
        "additionalProperties": {"anyOf": [_URL, {"type": "null"}]},
    }  # fmt: skip
    properties = {**properties, "links": links}
    for name, other in embedded.items():
        inner, inner_required = _row_schema(other)
        properties[name] = {
            "type": "array",
            "description": f"Rows of `{name}` that refer to this record.",
            "items": {
                "type": "object",
                "properties": {**inner, "links": links},
                "required": [*inner_required, "links"],
                "additionalProperties": False,
            },
        }
    return {
        "$schema": SCHEMA_DRAFT,
        "title": table.title,
        "description": table.description,
        "type": "object",
        "properties": properties,
        "required": [*required, "links", *embedded],
        "additionalProperties": False,
    }


class _Api:
    def __init__(self, tables: list[Table]) -> None:
        self.tables = {t.name: t for t in tables}
        # (target table, target id) -> source table -> field -> [source rows]
        self.incoming: dict[tuple[str, Value], dict[str, dict[str, list[dict[str, Value]]]]]
        self.incoming = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
        for table in tables:
            for fk in table.foreign_keys:
                if len(fk.fields) != 1:
                    continue
                for row in table.rows:
                    if row[fk.fields[0]] is not None:
                        key = (fk.resource, row[fk.fields[0]])
                        self.incoming[key][table.name][fk.fields[0]].append(row)
        self.embedded = {
            name: {o.name: o for o in tables if not has_record_files(o)
                   and any(fk.resource == name and len(fk.fields) == 1 for fk in o.foreign_keys)}
            for name in self.tables
        }  # fmt: skip

    def url(self, table: str, value: Value, prefix: str) -> str | None:
        target = self.tables.get(table)
        if target is None or not has_record_files(target) or value is None:
            return None
        return f"{prefix}{table}/{_file_id(value, target)}.json"

    def links(self, table: Table, row: dict[str, Value], prefix: str) -> dict[str, Any]:
        links: dict[str, Any] = {}
        if has_record_files(table):
            links["self"] = self.url(table.name, row["id"], prefix)
        for fk in table.foreign_keys:
            if len(fk.fields) == 1:
                links[fk.fields[0]] = self.url(fk.resource, row[fk.fields[0]], prefix)
        if has_record_files(table):
            incoming = self.incoming.get((table.name, row["id"]), {})
            links["referenced_by"] = {
                source: {
                    field: [str(self.url(source, r["id"], prefix)) for r in rows]
                    for field, rows in by_field.items()
                }
                for source, by_field in incoming.items()
                if has_record_files(self.tables[source])
            }
        return links

    def record(self, table: Table, row: dict[str, Value], prefix: str) -> dict[str, Any]:
        record: dict[str, Any] = {**row, "links": self.links(table, row, prefix)}
        for name, other in self.embedded[table.name].items():
            rows = []
            if has_record_files(table):
                for rows_by_field in [self.incoming.get((table.name, row["id"]), {}).get(name, {})]:
                    for field in (f.name for f in other.fields):
                        rows += rows_by_field.get(field, [])
            record[name] = [{**r, "links": self.links(other, r, prefix)} for r in rows]
        return record


def _dump(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def api_files(package: Package) -> dict[str, bytes]:
    """Every file of the API, relative path to bytes, in a fixed order."""
    return api_files_of(package.descriptor, tables_of(package), package.version)


def api_files_of(
    descriptor: Mapping[str, Any], tables: list[Table], version: str
) -> dict[str, bytes]:
    """:func:`api_files` of a descriptor and its tables read by their Table Schema alone
    (no record types: a release older than today's records, see
    :mod:`city_diplomacy.release.supplement`); ``version`` is the one the files state."""
    api = _Api(tables)
    files: dict[str, bytes] = {}
    index_tables: dict[str, Any] = {}
    for table in tables:
        schema = record_schema(table, api.embedded[table.name])
        files[f"schema/{table.name}.json"] = _dump(schema)
        listing = [api.record(table, row, "") for row in table.rows]
        files[f"{table.name}.json"] = _dump(
            {
                "name": table.name,
                "title": table.title,
                "version": version,
                "schema": f"schema/{table.name}.json",
                "count": len(listing),
                "records": listing,
            }
        )
        if has_record_files(table):
            for row in table.rows:
                path = f"{table.name}/{_file_id(row['id'], table)}.json"
                files[path] = _dump(api.record(table, row, "../"))
        index_tables[table.name] = {
            "title": table.title,
            "description": table.description,
            "count": len(table.rows),
            "list": f"{table.name}.json",
            "schema": f"schema/{table.name}.json",
            "record": f"{table.name}/{{id}}.json" if has_record_files(table) else None,
        }
    files["index.json"] = _dump(
        {
            "name": descriptor.get("name"),
            "title": descriptor.get("title"),
            "version": version,
            "created": descriptor.get("created"),
            "licenses": descriptor.get("licenses", []),
            "tables": index_tables,
        }
    )
    return files


def write_api(package: Package, target: Path) -> list[Path]:
    """Write :func:`api_files` into ``target`` (replaced as a whole); the paths written."""
    return write_api_files(api_files(package), target)


def write_api_files(files: Mapping[str, bytes], target: Path) -> list[Path]:
    """Write ``files`` (relative path to bytes) into ``target``, replaced as a whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for relative, data in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        staging.chmod(0o755)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return [target / relative for relative in files]
