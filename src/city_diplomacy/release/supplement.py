"""Files added to a release after it was published, made from its published data package.

A release published before the Parquet, DuckDB and JSON API exports existed (1.0.0) has
none of them, and today's loader (:func:`city_diplomacy.data.load.load`) refuses its data
(columns were added to the tables since). Those exports need no record types: they are
written from the tables alone, typed by their Table Schema (field types, primary and
foreign keys, descriptions; :mod:`.formats.tables`). So they are made here from the
release's own published data package, the zip it was released with (its
``datapackage.json`` and CSVs, each CSV checked against the size and SHA-256 the
descriptor states), by today's writers.

A published release never changes: none of its files is rewritten. What this adds is
kept apart and named as an addition:

* ``downloads/<version>/supplement/``: one Parquet file per table and the DuckDB script,
  named as the release's own exports would be, with a ``SHA256SUMS`` of their own (the
  release's ``SHA256SUMS`` stays as published);
* ``api/<version>/``: the JSON API (:mod:`.jsonapi`), for a release that has none.

The tables are the release's tables as published, without the derived columns and the
flat participation table of later releases (those are computed through today's record
types). The same zip always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from city_diplomacy.release.formats.checksums import parse_sha256sums, sha256sums
from city_diplomacy.release.formats.duckdb import duckdb_sql
from city_diplomacy.release.formats.formats import CHECKSUMS, Format, format_by_key
from city_diplomacy.release.formats.tables import Table, tables_at
from city_diplomacy.release.jsonapi import api_files_of
from city_diplomacy.release.versioning import file_version

#: The folder of the additions inside ``downloads/<version>/``.
SUPPLEMENT = "supplement"
#: The descriptor at the root of a published data package zip.
DESCRIPTOR = "datapackage.json"
#: The formats a supplement holds (release files of later versions have them).
SUPPLEMENT_FORMATS = ("parquet", "duckdb")


class SupplementError(ValueError):
    """The release's published data package cannot be read (or fails its own digests)."""


@dataclass(frozen=True)
class PublishedPackage:
    """A release's data package as published: its descriptor and typed tables."""

    descriptor: dict[str, Any]
    tables: list[Table]

    @property
    def name(self) -> str:
        return str(self.descriptor.get("name", "dataset"))

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))


def _member(path: object, archive: Path) -> str:
    """A resource path of the zip, refused unless it stays inside the package."""
    text = str(path)
    parts = PurePosixPath(text).parts
    if not text or text.startswith("/") or ".." in parts or "\\" in text:
        raise SupplementError(f"{archive.name}: resource path {text!r} leaves the package")
    return text


def _check_digest(resource: Mapping[str, Any], data: bytes, archive: Path) -> None:
    """The file's size and SHA-256 as the published descriptor states them (if it does)."""
    where = f"{archive.name}: {resource.get('path')}"
    size = resource.get("bytes")
    if size is not None and size != len(data):
        raise SupplementError(f"{where}: {len(data)} bytes, the descriptor says {size}")
    stated = str(resource.get("hash", ""))
    if stated:
        algorithm, _, digest = stated.rpartition(":")
        if algorithm not in ("", "sha256", "md5"):
            raise SupplementError(f"{where}: unknown hash {stated!r}")
        actual = hashlib.new(algorithm or "md5", data).hexdigest()
        if actual != digest:
            raise SupplementError(f"{where}: {algorithm or 'md5'} differs from the descriptor")


def read_published_zip(archive: Path) -> PublishedPackage:
    """The data package in the published zip ``archive``, its tables read by schema."""
    try:
        with zipfile.ZipFile(archive) as bundle, tempfile.TemporaryDirectory() as temp:
            descriptor: dict[str, Any] = json.loads(bundle.read(DESCRIPTOR))
            for resource in descriptor.get("resources", []):
                if "schema" not in resource:
                    continue
                member = _member(resource.get("path"), archive)
                data = bundle.read(member)
                _check_digest(resource, data, archive)
                target = Path(temp) / member
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            tables = tables_at(descriptor, Path(temp))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        if isinstance(exc, SupplementError):
            raise
        raise SupplementError(f"{archive}: {exc}") from exc
    return PublishedPackage(descriptor, tables)


def published_zip(downloads: Path) -> Path:
    """The data package zip among the files a release's ``SHA256SUMS`` lists (the zip
    holding a ``datapackage.json`` at its root, checked against its digest)."""
    listed = parse_sha256sums((downloads / CHECKSUMS).read_text(encoding="utf-8"))
    for name, digest in sorted(listed.items()):
        path = downloads / name
        if not name.endswith(".zip") or not path.is_file():
            continue
        with zipfile.ZipFile(path) as bundle:
            if DESCRIPTOR not in bundle.namelist():
                continue
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise SupplementError(f"{path}: checksum differs from {CHECKSUMS}")
        return path
    raise SupplementError(f"{downloads}: no data package zip listed in {CHECKSUMS}")


def needs_supplement(downloads: Path) -> bool:
    """Whether the release files in ``downloads`` (its ``SHA256SUMS``) lack a format that
    a supplement adds."""
    sums = downloads / CHECKSUMS
    if not sums.is_file():
        return False
    names = parse_sha256sums(sums.read_text(encoding="utf-8"))
    suffixes = [format_by_key(key).suffix for key in SUPPLEMENT_FORMATS]
    return not all(any(name.endswith(s) for name in names) for s in suffixes)


def supplement_files(package: PublishedPackage) -> dict[str, bytes]:
    """The Parquet files (one per table) and the DuckDB script, named as the release's
    own files would be, then their ``SHA256SUMS``."""
    from city_diplomacy.release.formats.parquet import parquet_table_bytes

    version = file_version(package.version)
    files: dict[str, bytes] = {}
    for key in SUPPLEMENT_FORMATS:
        fmt: Format = format_by_key(key)
        if fmt.per_table:
            for table in package.tables:
                files[fmt.filename(package.name, version, table.name)] = parquet_table_bytes(table)
        else:
            files[fmt.filename(package.name, version)] = duckdb_sql(package.tables)
    files[CHECKSUMS] = sha256sums(files)
    return files


def supplement_api(package: PublishedPackage) -> dict[str, bytes]:
    """The JSON API files of the release (relative path to bytes)."""
    return api_files_of(package.descriptor, package.tables, package.version)


__all__ = [
    "SUPPLEMENT",
    "PublishedPackage",
    "SupplementError",
    "needs_supplement",
    "published_zip",
    "read_published_zip",
    "supplement_api",
    "supplement_files",
]
