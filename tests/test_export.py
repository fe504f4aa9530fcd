"""Release downloads: every artifact opens with its reader and holds every row."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import shutil
import sqlite3
import subprocess
import time
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import frictionless
import openpyxl
import pytest
from click.testing import CliRunner

from city_diplomacy import load
from city_diplomacy.cli import main
from city_diplomacy.data.load import SHIPPED_DESCRIPTOR
from city_diplomacy.data.package import Package
from city_diplomacy.release.export import (
    ExportError,
    ReleaseReport,
    _describe,
    artifact_files,
    export_version,
    read_release,
    release_summary,
    summarize,
    with_version,
    write_release,
)
from city_diplomacy.release.formats.archive import release_timestamp
from city_diplomacy.release.formats.checksums import parse_sha256sums
from city_diplomacy.release.formats.derived import export_tables
from city_diplomacy.release.formats.formats import CHECKSUMS, FORMATS
from city_diplomacy.release.formats.geojson import city_features
from city_diplomacy.release.formats.tables import Field, Table, tables_of
from city_diplomacy.release.formats.xlsx import FIELDS_SHEET, xlsx_bytes
from city_diplomacy.release.versioning import file_version, is_development

REPO = SHIPPED_DESCRIPTOR.parents[1]


@pytest.fixture(scope="module")
def package() -> Package:
    return load(SHIPPED_DESCRIPTOR)


@pytest.fixture(scope="module")
def tables(package: Package) -> list[Table]:
    """The tables of the exports: the source tables with derived columns, the flat table."""
    return export_tables(package, tables_of(package))


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> ReleaseReport:
    return write_release(SHIPPED_DESCRIPTOR, tmp_path_factory.mktemp("site"))


def artifact(report: ReleaseReport, key: str) -> Path:
    return next(a.path for a in report.artifacts if a.format == key)


def test_release_writes_every_format(release: ReleaseReport, package: Package) -> None:
    names = sorted(p.name for p in release.directory.iterdir())
    name, version = package.descriptor["name"], file_version(release.version)
    # the checkout is no recorded release: a development version, not the descriptor's
    assert is_development(release.version) and version.endswith("-dev")
    expected = sorted(
        fmt.filename(name, version, table)
        for fmt in FORMATS
        for table in (
            [t.name for t in export_tables(package, tables_of(package))] if fmt.per_table else [""]
        )
    )
    assert names == sorted([*expected, CHECKSUMS])
    assert release.directory.name == version
    assert release.directory.parent.name == "downloads"
    for item in release.artifacts:
        assert item.size == item.path.stat().st_size > 0


def test_sha256sums_verifies(release: ReleaseReport) -> None:
    sums = parse_sha256sums((release.directory / CHECKSUMS).read_text(encoding="utf-8"))
    assert set(sums) == {a.filename for a in release.artifacts} - {CHECKSUMS}
    for name, digest in sums.items():
        assert hashlib.sha256((release.directory / name).read_bytes()).hexdigest() == digest
    result = subprocess.run(
        ["sha256sum", "--check", "--strict", CHECKSUMS],
        cwd=release.directory,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zip_is_a_valid_data_package(
    release: ReleaseReport, package: Package, tmp_path: Path
) -> None:
    path = artifact(release, "datapackage")
    when = release_timestamp(package.descriptor).timetuple()[:6]
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert {i.date_time for i in infos} == {when}
        names = [i.filename for i in infos]
        assert names[0] == "datapackage.json"
        assert {"README.md", "LICENSE.txt"} <= set(names)
        descriptor = json.loads(archive.read("datapackage.json"))
        for resource in descriptor["resources"]:
            data = archive.read(resource["path"])
            assert data == (package.root / resource["path"]).read_bytes()
            assert resource["bytes"] == len(data)
            assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert b"Attribution 4.0 International" in archive.read("LICENSE.txt")
        archive.extractall(tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_zip_hash_check_catches_a_changed_csv(release: ReleaseReport, tmp_path: Path) -> None:
    with zipfile.ZipFile(artifact(release, "datapackage")) as archive:
        archive.extractall(tmp_path)
    cities = tmp_path / "data" / "cities.csv"
    cities.write_bytes(cities.read_bytes().replace(b"Tokyo", b"Tokio", 1))
    assert not frictionless.validate(str(tmp_path / "datapackage.json")).valid


def test_xlsx_holds_every_row_and_field(release: ReleaseReport, tables: list[Table]) -> None:
    book = openpyxl.load_workbook(artifact(release, "xlsx"), read_only=True)
    try:
        for table in tables:
            rows = list(book[table.name].iter_rows(values_only=True))
            assert list(rows[0]) == [f.name for f in table.fields]
            assert len(rows) - 1 == len(table.rows)
            for got, row in zip(rows[1:], table.rows, strict=True):
                assert list(got) == [row[f.name] for f in table.fields]
        described = list(book[FIELDS_SHEET].iter_rows(values_only=True))
        assert described[0][:4] == ("table", "field", "type", "required")
        assert {(r[0], r[1]) for r in described[1:]} == {
            (t.name, f.name) for t in tables for f in t.fields
        }
        assert all(r[-1] for r in described[1:]), "every field has a description"
    finally:
        book.close()


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text() -> None:
    field = Field(name="note", type="string", description="d", constraints={})
    table = Table(
        name="notes",
        title="Notes",
        description="",
        path="data/notes.csv",
        fields=(field,),
        primary_key=(),
        foreign_keys=(),
        rows=({"note": '=HYPERLINK("http://x")'}, {"note": "plain"}),
    )
    data = xlsx_bytes({"name": "t"}, [table], datetime(2020, 1, 1, tzinfo=UTC))
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [row[0] for row in book["notes"].iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells] == [
        ('=HYPERLINK("http://x")', "s"),
        ("plain", "s"),
    ]


def test_xlsx_properties_carry_the_release_date(release: ReleaseReport, package: Package) -> None:
    with zipfile.ZipFile(artifact(release, "xlsx")) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    stamp = release_timestamp(package.descriptor).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert core.count(stamp) == 2  # created and modified


def _sqlite_rows(connection: sqlite3.Connection, table: Table) -> list[tuple[Any, ...]]:
    columns = ", ".join(f'"{f.name}"' for f in table.fields)
    return connection.execute(f'SELECT {columns} FROM "{table.name}" ORDER BY rowid').fetchall()


def test_sqlite_tables_keys_and_rows(release: ReleaseReport, tables: list[Table]) -> None:
    connection = sqlite3.connect(f"file:{artifact(release, 'sqlite')}?mode=ro", uri=True)
    try:
        names = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        assert names == {t.name for t in tables}
        schema_sql = " ".join(
            r[0] for r in connection.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")
        )
        assert "REGEXP" not in schema_sql.upper()
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        for table in tables:
            info = connection.execute(f'PRAGMA table_info("{table.name}")').fetchall()
            keyed = sorted((r[5], r[1]) for r in info if r[5])
            assert tuple(name for _, name in keyed) == table.primary_key
            types = {r[1]: r[2] for r in info}
            for field in table.fields:
                expected = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}.get(
                    field.type, "TEXT"
                )
                assert types[field.name] == expected
            links = connection.execute(f'PRAGMA foreign_key_list("{table.name}")').fetchall()
            assert sorted((r[2], r[3], r[4]) for r in links) == sorted(
                (fk.resource, a, b)
                for fk in table.foreign_keys
                for a, b in zip(fk.fields, fk.reference_fields, strict=True)
            )
            got = _sqlite_rows(connection, table)
            assert got == [tuple(row[f.name] for f in table.fields) for row in table.rows]
    finally:
        connection.close()


def test_sqlite_constraints_are_enforced(release: ReleaseReport, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    shutil.copy(artifact(release, "sqlite"), copy)
    connection = sqlite3.connect(copy)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        first = connection.execute('SELECT * FROM "cities" LIMIT 1').fetchone()
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            connection.execute(
                f'INSERT INTO "cities" VALUES ({", ".join("?" for _ in first)})', first
            )
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute('UPDATE "networks" SET "status" = ? WHERE rowid = 1', ("maybe",))
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            connection.execute('UPDATE "memberships" SET "city" = ? WHERE rowid = 1', ("atlantis",))
    finally:
        connection.close()


def test_sqlite_command_line_reads_the_database(
    release: ReleaseReport, tables: list[Table]
) -> None:
    for table in tables:
        result = subprocess.run(
            [
                "sqlite3",
                "-readonly",
                str(artifact(release, "sqlite")),
                f'SELECT count(*) FROM "{table.name}"',
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert int(result.stdout) == len(table.rows)


def test_json_holds_descriptor_and_every_row(release: ReleaseReport, tables: list[Table]) -> None:
    document = json.loads(artifact(release, "json").read_text(encoding="utf-8"))
    assert document["datapackage"]["version"] == release.version
    assert all("hash" in r for r in document["datapackage"]["resources"])
    assert list(document["tables"]) == [t.name for t in tables]
    for table in tables:
        assert document["tables"][table.name] == [dict(r) for r in table.rows]


def _check_point(feature: dict[str, Any]) -> tuple[float, float]:
    assert feature["type"] == "Feature"
    geometry = feature["geometry"]
    assert geometry["type"] == "Point"
    coordinates = geometry["coordinates"]
    assert len(coordinates) == 2
    assert all(isinstance(c, int | float) and math.isfinite(c) for c in coordinates)
    lon, lat = coordinates
    assert -180 <= lon <= 180
    assert -90 <= lat <= 90
    return lon, lat


def test_geojson_points_lon_lat(release: ReleaseReport, package: Package) -> None:
    document = json.loads(artifact(release, "geojson").read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection"
    located = {c.id for c in package.cities.values() if c.latitude is not None}
    assert {f["id"] for f in document["features"]} == located
    assert set(release.cities_without_coordinates) == set(package.cities) - located
    for feature in document["features"]:
        lon, lat = _check_point(feature)
        city = package.cities[feature["id"]]
        assert (lon, lat) == (city.longitude, city.latitude)
        properties = feature["properties"]
        assert properties["name_ja"] == city.name_ja
        assert properties["name_en"] == city.name_en
        assert [m["id"] for m in properties["memberships"]] == [
            m.id for m in package.memberships_of_city(city.id)
        ]
    tokyo = next(f for f in document["features"] if f["id"] == "tokyo")
    assert tokyo["geometry"]["coordinates"][0] > 100  # longitude first: Tokyo is at 139.7 E


def test_geojson_leaves_out_cities_without_coordinates(tmp_path: Path) -> None:
    root = tmp_path / "datapackage"
    shutil.copytree(SHIPPED_DESCRIPTOR.parent, root)
    cities = root / "data" / "cities.csv"
    with cities.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    for row in rows:
        if row["id"] == "tokyo":
            row["latitude"] = row["longitude"] = ""
    with cities.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    before = set(city_features(load(SHIPPED_DESCRIPTOR)).without_coordinates)
    result = city_features(load(root / "datapackage.json"))
    assert set(result.without_coordinates) == before | {"tokyo"}
    assert "tokyo" not in {f["id"] for f in result.document["features"]}


def _release_bytes(site: Path) -> dict[str, bytes]:
    report = write_release(SHIPPED_DESCRIPTOR, site)
    return {a.filename: a.path.read_bytes() for a in report.artifacts}


def test_second_release_is_byte_identical(release: ReleaseReport, tmp_path: Path) -> None:
    first = {a.filename: a.path.read_bytes() for a in release.artifacts}
    with pytest.MonkeyPatch.context() as patch:
        real = time.time
        patch.setattr(time, "time", lambda: real() + 400 * 86400 + 7)
        patch.setenv("TZ", "Pacific/Kiritimati")
        time.tzset()
        second = _release_bytes(tmp_path / "site")
    time.tzset()
    assert second.keys() == first.keys()
    for name in first:
        assert second[name] == first[name], f"{name} differs between runs"


def test_release_touches_nothing_else(tmp_path: Path) -> None:
    site = tmp_path / "site"
    keep = site / "ja" / "latest" / "index.html"
    keep.parent.mkdir(parents=True)
    keep.write_text("page", encoding="utf-8")
    other = site / "downloads" / "0.9.0" / "SHA256SUMS"
    other.parent.mkdir(parents=True)
    other.write_text("old", encoding="utf-8")
    folder = file_version(export_version(SHIPPED_DESCRIPTOR, load(SHIPPED_DESCRIPTOR).version))
    stale = site / "downloads" / folder / "stale.txt"
    stale.parent.mkdir(parents=True)
    stale.write_text("x", encoding="utf-8")
    report = write_release(SHIPPED_DESCRIPTOR, site)
    assert keep.read_text(encoding="utf-8") == "page"
    assert other.read_text(encoding="utf-8") == "old"
    assert not stale.exists()
    assert sorted(p.name for p in (site / "downloads").iterdir()) == sorted(
        ["0.9.0", file_version(report.version)]
    )


def _broken_copy(tmp_path: Path) -> Path:
    root = tmp_path / "datapackage"
    shutil.copytree(SHIPPED_DESCRIPTOR.parent, root)
    networks = root / "data" / "networks.csv"
    text = networks.read_text(encoding="utf-8")
    networks.write_text(text.replace(",suspended,", ",paused,", 1), encoding="utf-8")
    assert ",paused," in networks.read_text(encoding="utf-8")
    return root / "datapackage.json"


def test_invalid_data_exports_nothing(tmp_path: Path) -> None:
    descriptor = _broken_copy(tmp_path)
    site = tmp_path / "site"
    previous = site / "downloads" / load(descriptor).version / "SHA256SUMS"
    previous.parent.mkdir(parents=True)
    previous.write_text("previous build", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        write_release(descriptor, site)
    assert any("paused" in p for p in caught.value.problems)
    assert previous.read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in previous.parent.iterdir()) == ["SHA256SUMS"]


def test_cli_release_reports_and_fails_on_bad_data(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["release", "--descriptor", str(SHIPPED_DESCRIPTOR), "--site-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "SHA256SUMS" in result.output
    assert "GeoJSON:" in result.output
    as_json = runner.invoke(
        main,
        ["release", "--json", "--descriptor", str(SHIPPED_DESCRIPTOR), "--site-dir", str(tmp_path)],
    )
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(as_json.output)
    assert {a["filename"] for a in report["artifacts"]} == {
        p.name for p in Path(report["directory"]).iterdir()
    }
    bad = runner.invoke(
        main,
        ["release", "--descriptor", str(_broken_copy(tmp_path)), "--site-dir", str(tmp_path / "b")],
    )
    assert bad.exit_code == 1
    assert "invalid" in bad.output
    assert "paused" in bad.output
    assert not (tmp_path / "b" / "downloads").exists() or not any(
        (tmp_path / "b" / "downloads").iterdir()
    )


def test_bundle_in_memory_matches_files(release: ReleaseReport, package: Package) -> None:
    bundle = artifact_files(with_version(package, release.version))
    for item in release.artifacts:
        assert bundle.files[item.filename] == item.path.read_bytes()
    assert bundle.row_counts == release.row_counts


def test_read_release_lists_and_verifies(release: ReleaseReport, tmp_path: Path) -> None:
    listed = read_release(release.directory)
    written = [a for a in release.artifacts if a.format != "checksums"]
    assert [(a.filename, a.size, a.sha256, a.format) for a in listed] == sorted(
        (a.filename, a.size, a.sha256, a.format) for a in written
    )
    copy = tmp_path / "copy"
    shutil.copytree(release.directory, copy)
    geojson = next(copy.glob("*.geojson"))
    geojson.write_bytes(geojson.read_bytes() + b" ")
    with pytest.raises(ExportError, match="checksum differs"):
        read_release(copy)


@dataclass(frozen=True)
class _Problem:
    file: str
    line: int | None
    field: str | None
    message: str
    value: str | None


def test_validator_problems_name_file_line_field_value() -> None:
    text = _describe(_Problem("data/networks.csv", 3, "status", "not in the enum", "paused"))
    assert text == "data/networks.csv:3: status: not in the enum; found 'paused'"
    assert _describe(_Problem("datapackage.json", None, None, "bad", None)) == (
        "datapackage.json: bad"
    )


def test_sqlite_indexes_foreign_keys(release: ReleaseReport, tables: list[Table]) -> None:
    connection = sqlite3.connect(f"file:{artifact(release, 'sqlite')}?mode=ro", uri=True)
    try:
        memberships = next(t for t in tables if t.name == "memberships")
        indexed = {
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='memberships'"
            )
        }
        for fk in memberships.foreign_keys:
            assert f"idx_memberships_{'_'.join(fk.fields)}" in indexed
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM memberships WHERE city = 'tokyo'"
        ).fetchall()
        assert "idx_memberships_city" in " ".join(str(step[-1]) for step in plan)
    finally:
        connection.close()


@pytest.mark.parametrize("command", ["release", "diff", "citation"])
def test_release_commands_have_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    summary = result.output.split("\n\n")[1].strip()
    assert len(summary) > 20, result.output


def test_version_must_be_semver(tmp_path: Path) -> None:
    root = tmp_path / "datapackage"
    shutil.copytree(SHIPPED_DESCRIPTOR.parent, root)
    descriptor = root / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["version"] = "1.0"
    descriptor.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ExportError, match="semantic version"):
        write_release(descriptor, tmp_path / "site")
    assert not (tmp_path / "site" / "downloads").exists()


def test_release_summary_is_cached_and_follows_the_data(tmp_path: Path) -> None:
    root = tmp_path / "datapackage"
    shutil.copytree(SHIPPED_DESCRIPTOR.parent, root)
    package = load(root / "datapackage.json")
    fresh = summarize(artifact_files(package))
    cache = tmp_path / "cache"
    assert release_summary(package, cache) == fresh
    (stored,) = cache.glob("release-summary-*.json")
    assert release_summary(package, cache) == fresh  # read back from the file
    assert [item.filename for item in fresh][-1] == "SHA256SUMS"
    # a changed data package makes a new summary; the old one is removed
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["title"] += " (changed)"
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    retitled = load(root / "datapackage.json")
    changed = release_summary(retitled, cache)
    assert changed == summarize(artifact_files(retitled))
    assert changed != fresh
    assert not stored.exists()
    assert len(list(cache.glob("release-summary-*.json"))) == 1
