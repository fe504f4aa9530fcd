"""Parquet, DuckDB and the JSON API of release 1.0.0, made from its published zip by schema.

The fixture is 1.0.0's data package zip as published (see
``tests/fixtures/release-1.0.0/README.md``), which today's loader refuses.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import duckdb
import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from city_diplomacy.data.load import LoadError, load
from city_diplomacy.release.formats.checksums import parse_sha256sums
from city_diplomacy.release.supplement import (
    PublishedPackage,
    SupplementError,
    needs_supplement,
    published_zip,
    read_published_zip,
    supplement_api,
    supplement_files,
)

FIXTURE = Path(__file__).parent / "fixtures" / "release-1.0.0"
ZIP_NAME = "tokyo-multilateral-city-diplomacy-1.0.0.zip"
#: The digest of 1.0.0's zip in the SHA256SUMS it was published with.
PUBLISHED_SHA256 = "4bf3eccfad1a8b875e8ff3ee06bf1dc547c7edaa7305b2a618d831d34911501a"
PREFIX = "tokyo-multilateral-city-diplomacy-1.0.0"
ARROW = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}


@pytest.fixture(scope="module")
def package() -> PublishedPackage:
    return read_published_zip(published_zip(FIXTURE))


@pytest.fixture(scope="module")
def files(package: PublishedPackage) -> dict[str, bytes]:
    return supplement_files(package)


def _csv_rows(name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(FIXTURE / ZIP_NAME) as bundle:
        text = bundle.read(f"data/{name}.csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_fixture_is_the_published_zip() -> None:
    data = (FIXTURE / ZIP_NAME).read_bytes()
    listed = parse_sha256sums((FIXTURE / "SHA256SUMS").read_text(encoding="utf-8"))
    assert hashlib.sha256(data).hexdigest() == listed[ZIP_NAME] == PUBLISHED_SHA256
    assert published_zip(FIXTURE) == FIXTURE / ZIP_NAME


def test_todays_loader_refuses_the_release(tmp_path: Path) -> None:
    with zipfile.ZipFile(FIXTURE / ZIP_NAME) as bundle:
        bundle.extractall(tmp_path)
    with pytest.raises(LoadError):
        load(tmp_path / "datapackage.json")


def test_a_release_without_parquet_or_duckdb_needs_a_supplement(tmp_path: Path) -> None:
    assert needs_supplement(FIXTURE)
    (tmp_path / "SHA256SUMS").write_text(
        f"{'0' * 64}  x-1.1.0-cities.parquet\n{'0' * 64}  x-1.1.0.duckdb.sql\n", encoding="utf-8"
    )
    assert not needs_supplement(tmp_path)
    assert not needs_supplement(tmp_path / "missing")


def test_same_zip_same_bytes(package: PublishedPackage, files: dict[str, bytes]) -> None:
    again = read_published_zip(FIXTURE / ZIP_NAME)
    assert supplement_files(again) == files
    assert supplement_api(again) == supplement_api(package)
    names = [r["name"] for r in package.descriptor["resources"]]
    assert sorted(files) == sorted(
        [*(f"{PREFIX}-{name}.parquet" for name in names), f"{PREFIX}.duckdb.sql", "SHA256SUMS"]
    )
    sums = parse_sha256sums(files["SHA256SUMS"].decode("utf-8"))
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    assert sums == {name: digest for name, digest in digests.items() if name != "SHA256SUMS"}


def test_parquet_follows_the_table_schema(
    package: PublishedPackage, files: dict[str, bytes]
) -> None:
    for resource in package.descriptor["resources"]:
        schema = resource["schema"]
        table = pq.read_table(io.BytesIO(files[f"{PREFIX}-{resource['name']}.parquet"]))
        rows = _csv_rows(resource["name"])
        assert table.num_rows == len(rows) > 0
        assert table.column_names == [f["name"] for f in schema["fields"]]
        for field in schema["fields"]:
            arrow_field = table.schema.field(field["name"])
            assert arrow_field.type == ARROW.get(field.get("type", "string"), pa.string())
            assert arrow_field.metadata[b"description"].decode() == field["description"]
        metadata = table.schema.metadata
        assert metadata[b"description"].decode() == resource.get("description", "")
        key = schema["primaryKey"]
        assert metadata[b"primary_key"].decode() == ",".join([key] if isinstance(key, str) else key)
        # the values are the CSV's (first column, as written)
        first = schema["fields"][0]["name"]
        assert [str(v) for v in table.column(first).to_pylist()] == [r[first] for r in rows]


def _database(files: dict[str, bytes]) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute(files[f"{PREFIX}.duckdb.sql"].decode("utf-8"))
    return connection


def test_duckdb_script_has_the_keys_and_comments(
    package: PublishedPackage, files: dict[str, bytes]
) -> None:
    connection = _database(files)
    for resource in package.descriptor["resources"]:
        name = resource["name"]
        count = connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()
        assert count == (len(_csv_rows(name)),)
    constraints = connection.execute(
        "SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints()"
    ).fetchall()
    primary = {(t, tuple(c)) for t, kind, c in constraints if kind == "PRIMARY KEY"}
    foreign = {(t, tuple(c)) for t, kind, c in constraints if kind == "FOREIGN KEY"}
    for resource in package.descriptor["resources"]:
        schema = resource["schema"]
        key = schema["primaryKey"]
        assert (resource["name"], tuple([key] if isinstance(key, str) else key)) in primary
        for fk in schema.get("foreignKeys", []):
            if fk["reference"].get("resource", resource["name"]) in ("", resource["name"]):
                continue  # DuckDB has no self-references (the table comment names them)
            fields = fk["fields"]
            assert (resource["name"], tuple([fields] if isinstance(fields, str) else fields)) in (
                foreign
            )
    comments = dict(
        connection.execute(
            "SELECT table_name || '.' || column_name, comment FROM duckdb_columns()"
        ).fetchall()
    )
    for resource in package.descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            assert comments[f"{resource['name']}.{field['name']}"] == field["description"]
    with pytest.raises(duckdb.ConstraintException, match=r"(?i)foreign key"):
        connection.execute(
            "INSERT INTO memberships SELECT * REPLACE ('nowhere' AS network, 'new' AS id) "
            "FROM memberships LIMIT 1"
        )


def test_the_json_api_fits_its_schemas_and_its_links_lead_somewhere(
    package: PublishedPackage,
) -> None:
    api = supplement_api(package)
    documents: dict[str, Any] = {path: json.loads(data) for path, data in api.items()}
    index = documents["index.json"]
    assert index["version"] == "1.0.0"
    assert set(index["tables"]) == {r["name"] for r in package.descriptor["resources"]}
    for name, entry in index["tables"].items():
        schema = documents[entry["schema"]]
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        listing = documents[entry["list"]]
        assert listing["count"] == entry["count"] == len(_csv_rows(name))
        for record in listing["records"]:
            validator.validate(record)
        if entry["record"]:
            for record in listing["records"]:
                path = entry["record"].replace("{id}", str(record["id"]))
                validator.validate(documents[path])

    def links(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [x for v in value.values() for x in links(v)]
        if isinstance(value, list):
            return [x for v in value for x in links(v)]
        return [value] if isinstance(value, str) and value.endswith(".json") else []

    followed = 0
    for path, document in documents.items():
        if "/" not in path or path.startswith("schema/"):
            continue
        for link in links(document.get("links", {})):
            target = urljoin(f"http://x/{path}", link).removeprefix("http://x/")
            assert target in documents, f"{path}: {link}"
            followed += 1
    assert followed > 500


def _rewritten_zip(tmp_path: Path, change: str) -> Path:
    """A copy of the published zip with ``change`` appended to cities.csv."""
    folder = tmp_path / "release"
    folder.mkdir()
    target = folder / ZIP_NAME
    with zipfile.ZipFile(FIXTURE / ZIP_NAME) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "data/cities.csv":
                data += change.encode("utf-8")
            copy.writestr(item, data)
    shutil.copy(FIXTURE / "SHA256SUMS", folder / "SHA256SUMS")
    return target


def test_a_csv_that_differs_from_its_descriptor_is_refused(tmp_path: Path) -> None:
    archive = _rewritten_zip(tmp_path, "x,y\n")
    with pytest.raises(SupplementError, match=r"data/cities\.csv"):
        read_published_zip(archive)
    # and a zip that is not the one its SHA256SUMS names is not taken for it
    with pytest.raises(SupplementError, match="checksum differs"):
        published_zip(archive.parent)
