"""Parquet files and the DuckDB script: types, keys, comments, and the page's recipes run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from city_diplomacy import load
from city_diplomacy.data.load import SHIPPED_DESCRIPTOR as DEFAULT_DESCRIPTOR
from city_diplomacy.data.package import Package
from city_diplomacy.release.export import ReleaseReport, write_release
from city_diplomacy.release.formats.derived import export_tables
from city_diplomacy.release.formats.duckdb import duckdb_sql
from city_diplomacy.release.formats.tables import Table, tables_of
from city_diplomacy.release.versioning import file_version

REPO = DEFAULT_DESCRIPTOR.parents[1]
DOWNLOADS_PAGE = REPO / "docs" / "data" / "downloads.md"


@pytest.fixture(scope="module")
def package() -> Package:
    return load(DEFAULT_DESCRIPTOR)


@pytest.fixture(scope="module")
def tables(package: Package) -> list[Table]:
    return export_tables(package, tables_of(package))


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> ReleaseReport:
    return write_release(DEFAULT_DESCRIPTOR, tmp_path_factory.mktemp("site"))


def _parquet(release: ReleaseReport, table: str) -> Path:
    return next(a.path for a in release.artifacts if a.filename.endswith(f"-{table}.parquet"))


def test_parquet_types_rows_and_descriptions(release: ReleaseReport, tables: list[Table]) -> None:
    expected_types = {
        "integer": pa.int64(),
        "number": pa.float64(),
        "string": pa.string(),
        "boolean": pa.bool_(),
    }
    for table in tables:
        path = _parquet(release, table.name)
        arrow = pq.read_table(path)
        assert arrow.num_rows == len(table.rows)
        assert arrow.schema.names == [f.name for f in table.fields]
        for field in table.fields:
            column = arrow.schema.field(field.name)
            assert column.type == expected_types[field.type], (table.name, field.name)
            meta = column.metadata or {}
            assert meta.get(b"description", b"").decode() == field.description
        schema_meta = arrow.schema.metadata
        assert schema_meta[b"description"].decode() == table.description
        assert schema_meta[b"title"].decode() == table.title
        assert arrow.to_pylist() == [dict(row) for row in table.rows]
        metadata = pq.ParquetFile(path).metadata
        assert metadata.num_row_groups == 1


def test_partial_dates_stay_strings(release: ReleaseReport) -> None:
    events = pq.read_table(_parquet(release, "events")).to_pydict()
    lengths = {len(value) for value in events["date"]}
    assert lengths <= {4, 7, 10} and len(lengths) > 1  # years, months and days side by side


def _load_script(release: ReleaseReport) -> duckdb.DuckDBPyConnection:
    script = next(a.path for a in release.artifacts if a.filename.endswith(".duckdb.sql"))
    connection = duckdb.connect()
    connection.execute(script.read_text(encoding="utf-8"))
    return connection


def test_duckdb_script_builds_every_table(release: ReleaseReport, tables: list[Table]) -> None:
    connection = _load_script(release)
    for table in tables:
        result = connection.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()
        assert result is not None and result[0] == len(table.rows)
    cities = dict(connection.execute("SELECT id, latitude FROM cities").fetchall())
    first = next(t for t in tables if t.name == "cities").rows[0]
    assert cities[first["id"]] == first["latitude"]


def test_duckdb_keys_are_enforced(release: ReleaseReport) -> None:
    connection = _load_script(release)
    row = connection.execute("SELECT * FROM themes LIMIT 1").fetchone()
    assert row is not None
    with pytest.raises(duckdb.ConstraintException):
        connection.execute(f"INSERT INTO themes VALUES {tuple(row)!r}")
    with pytest.raises(duckdb.ConstraintException):
        connection.execute(
            "INSERT INTO cities (id, kind, name_ja, name_en, country, source) "
            "VALUES ('nowhere', 'city', 'x', 'x', 'JP', 'no-such-source')"
        )
    with pytest.raises(duckdb.ConstraintException):  # an enumeration's CHECK
        connection.execute("UPDATE events SET kind = 'picnic' WHERE true")


def test_duckdb_comments(release: ReleaseReport, tables: list[Table]) -> None:
    connection = _load_script(release)
    table_comments = dict(
        connection.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall()
    )
    columns = {
        (t, c): comment
        for t, c, comment in connection.execute(
            "SELECT table_name, column_name, comment FROM duckdb_columns()"
        ).fetchall()
    }
    for table in tables:
        assert table.description in table_comments[table.name]
        for field in table.fields:
            if field.description:
                assert columns[(table.name, field.name)] == field.description


def test_duckdb_script_orders_self_references(tables: list[Table]) -> None:
    networks = next(t for t in tables if t.name == "networks")
    reordered = [
        Table(**{**vars(t), "rows": tuple(reversed(t.rows))}) if t is networks else t
        for t in tables
    ]
    connection = duckdb.connect()
    connection.execute(duckdb_sql(reordered).decode("utf-8"))
    parents = connection.execute(
        "SELECT count(*) FROM networks WHERE parent IS NOT NULL"
    ).fetchone()
    assert parents is not None and parents[0] == sum(1 for r in networks.rows if r["parent"])


def _recipes(language: str) -> list[str]:
    """The recipes of the section on Parquet and DuckDB (the analysts' ones: test_analyst)."""
    text = DOWNLOADS_PAGE.read_text(encoding="utf-8").split("\n## 分析用の一覧表")[0]
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.M | re.S)


def test_the_downloads_page_recipes_run(
    release: ReleaseReport, package: Package, tmp_path: Path
) -> None:
    python = _recipes("python")
    assert len(python) == 2 and len(_recipes("r")) == 1
    for item in release.artifacts:
        shutil.copy(item.path, tmp_path / item.filename)
    for recipe in python:
        code = recipe.replace("-1.0.0", f"-{file_version(release.version)}")
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "JP" in result.stdout or "conference" in result.stdout or "meeting" in result.stdout
