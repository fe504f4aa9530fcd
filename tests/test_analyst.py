"""For analysts: the flat participation table and date precision in every download
format, the field dictionary in the zip, and the downloads page's recipes and one-line
answers run against a real release of the shipped data."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import duckdb
import openpyxl
import pyarrow.parquet as pq
import pytest

from city_diplomacy import PartialDate, load
from city_diplomacy.data.load import SHIPPED_DESCRIPTOR
from city_diplomacy.data.package import Package
from city_diplomacy.release.export import ReleaseReport, artifact_files, write_release
from city_diplomacy.release.formats.derived import FLAT, export_tables, precision_of
from city_diplomacy.release.formats.tables import Table, tables_of
from city_diplomacy.release.versioning import file_version

DOWNLOADS_PAGE = SHIPPED_DESCRIPTOR.parents[1] / "docs" / "data" / "downloads.md"
FLAT_COLUMNS = [
    "event",
    "date",
    "year",
    "date_precision",
    "organisation",
    "organisation_kind",
    "parent_network",
    "city",
    "country_code",
    "country_name_ja",
    "country_name_en",
    "role",
    "is_host",
]


@pytest.fixture(scope="module")
def package() -> Package:
    return load(SHIPPED_DESCRIPTOR)


@pytest.fixture(scope="module")
def flat(package: Package) -> Table:
    return next(t for t in export_tables(package, tables_of(package)) if t.name == FLAT)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> ReleaseReport:
    return write_release(SHIPPED_DESCRIPTOR, tmp_path_factory.mktemp("site"))


def artifact(report: ReleaseReport, key: str, table: str = "") -> Path:
    return next(
        a.path
        for a in report.artifacts
        if a.format == key and a.filename.endswith(table + ".parquet" if table else "")
    )


def connect(report: ReleaseReport) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute(artifact(report, "duckdb").read_text(encoding="utf-8"))
    return connection


def test_flat_table_rows_agree_with_the_source(package: Package, flat: Table) -> None:
    columns = [f.name for f in flat.fields]
    expected_columns = list(FLAT_COLUMNS)
    events = next(t for t in tables_of(package) if t.name == "events")
    if "status" in {f.name for f in events.fields}:
        expected_columns.insert(4, "status")
    assert columns == expected_columns
    assert len(flat.rows) == sum(len(package.participants(e)) for e in package.events)
    tokyo_hosted = {e.id for e in package.events.values() if e.host_city == "tokyo"}
    for row in flat.rows:
        event = package.events[str(row["event"])]
        assert row["date"] == event.date.isoformat()
        assert row["year"] == event.date.year
        assert row["date_precision"] == event.date.precision
        if event.programme:
            assert row["parent_network"] == package.programmes[event.programme].network
        else:
            assert row["parent_network"] == event.network
        if row["city"] == "tokyo" and row["event"] in tokyo_hosted:
            assert row["is_host"] is True
    taipei = next(r for r in flat.rows if r["country_code"] == "TW")
    assert (taipei["country_name_ja"], taipei["country_name_en"]) == ("台湾", "Taiwan")
    seoul = next(r for r in flat.rows if r["country_code"] == "KR")
    assert (seoul["country_name_ja"], seoul["country_name_en"]) == ("韓国", "South Korea")
    # every precision the data has shows up, none is invented
    assert {r["date_precision"] for r in flat.rows} <= {"day", "month", "year"}
    assert len({r["date_precision"] for r in flat.rows}) >= 2


def test_flat_table_in_every_format(release: ReleaseReport, flat: Table) -> None:
    rows = len(flat.rows)
    names = [f.name for f in flat.fields]
    with zipfile.ZipFile(artifact(release, "datapackage")) as archive:
        text = archive.read(f"derived/{FLAT}.csv").decode("utf-8")
        fields_md = archive.read("FIELDS.md").decode("utf-8")
        descriptor = json.loads(archive.read("datapackage.json"))
        source_csv = archive.read("data/events.csv").decode("utf-8")
    read = list(csv.DictReader(io.StringIO(text)))
    assert len(read) == rows and list(read[0]) == names
    assert read[0]["is_host"] in {"true", "false"}
    # the package's own CSVs stay the source files: no derived column in them
    assert "date_precision" not in source_csv.splitlines()[0]
    assert FLAT not in {r["name"] for r in descriptor["resources"]}
    book = openpyxl.load_workbook(artifact(release, "xlsx"), read_only=True)
    sheet = book[FLAT]
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == names
    assert sheet.max_row == rows + 1
    events_header = [c.value for c in next(book["events"].iter_rows(max_row=1))]
    assert events_header[events_header.index("date") + 1] == "date_precision"
    book.close()
    connection = sqlite3.connect(artifact(release, "sqlite"))
    try:
        assert connection.execute(f"SELECT count(*) FROM {FLAT}").fetchone() == (rows,)
        precision = connection.execute(
            "SELECT date, date_precision, since, since_precision FROM events, memberships LIMIT 1"
        ).fetchone()
        assert precision is not None and precision[1] == precision_of(precision[0])
    finally:
        connection.close()
    document = json.loads(artifact(release, "json").read_text(encoding="utf-8"))
    assert len(document["tables"][FLAT]) == rows
    assert list(document["tables"][FLAT][0]) == names
    assert pq.read_table(artifact(release, "parquet", FLAT)).num_rows == rows
    count = connect(release).execute(f"SELECT count(*) FROM {FLAT}").fetchone()
    assert count == (rows,)
    # the field dictionary names every field of every table, derived ones included
    for name in names:
        assert f"| `{name}` |" in fields_md
    assert "| `date_precision` |" in fields_md and "## events" in fields_md


def test_exports_are_byte_identical_across_builds(package: Package) -> None:
    first = artifact_files(package).files
    second = artifact_files(load(SHIPPED_DESCRIPTOR)).files
    assert first.keys() == second.keys()
    assert any(FLAT in name for name in first)
    for name, data in first.items():
        assert second[name] == data, name


def _page_blocks(language: str) -> list[str]:
    text = DOWNLOADS_PAGE.read_text(encoding="utf-8").split("\n## 分析用の一覧表")[1]
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.M | re.S)


def test_partial_date_recipes_run(release: ReleaseReport, package: Package, tmp_path: Path) -> None:
    python = _page_blocks("python")
    assert len(python) == 1 and len(_page_blocks("r")) == 1
    for item in release.artifacts:
        (tmp_path / item.filename).write_bytes(item.path.read_bytes())
    code = python[0].replace("-1.0.0", f"-{file_version(release.version)}")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    # a month-only date is read as a month, not as a day
    month = next(e for e in package.events.values() if e.date.precision == "month")
    assert re.search(
        rf"{month.id}\s+{month.date.isoformat()}\s+month\s+{month.date.isoformat()}", result.stdout
    )
    sql = _page_blocks("sql")[0]
    rows = connect(release).execute(sql).fetchall()
    assert {precision for _, _, precision, _, _ in rows} >= {"day", "month"}
    for event_id, date, precision, start, end in rows:
        when = package.events[event_id].date
        assert (date, precision) == (when.isoformat(), when.precision)
        assert (start.year, start.month, start.day) == (when.year, when.month or 1, when.day or 1)
        # the end is the first day after the period: a year, a month or a day later
        if precision == "year":
            assert (end.year, end.month, end.day) == (when.year + 1, 1, 1)
        elif precision == "month":
            assert (end.year * 12 + end.month - 1, end.day) == (start.year * 12 + start.month, 1)
        else:
            assert (end.date() - start).days == 1


def test_one_line_answers(release: ReleaseReport, package: Package) -> None:
    per_network, top_cities, members = _page_blocks("sql")[1:]
    connection = connect(release)
    expected: Counter[str | None] = Counter()
    for event in package.events.values():
        programme = package.programmes.get(event.programme or "")
        expected[event.network or (programme.network if programme else None)] += 1
    assert dict(connection.execute(per_network).fetchall()) == dict(expected)
    counts = Counter(
        city
        for city, _ in {(p.city, p.event) for e in package.events for p in package.participants(e)}
    )
    got = connection.execute(top_cities).fetchall()
    assert len(got) == min(10, len(counts))
    assert got[0][1] == max(counts.values())
    assert all(counts[city] == n for city, n in got)
    for day in ("2003-01-01", "2006-01-01", "2013-01-01"):
        when = PartialDate.parse(day)
        expected_members = sorted(
            m.city
            for m in package.members_of("anmc21", when)
            if m.role in {"founding-member", "member"} and m.as_of is None and m.since is not None
        )
        query = members.replace("2003-01-01", day)
        assert [c for (c,) in connection.execute(query).fetchall()] == expected_members, day
    assert "beijing" not in [
        c for (c,) in connection.execute(members.replace("2003-01-01", "2006-01-01")).fetchall()
    ]


def test_downloads_page_describes_the_layouts(release: ReleaseReport) -> None:
    page = DOWNLOADS_PAGE.read_text(encoding="utf-8")
    layout = page.split("## 各形式の中身")[1].split("\n## ")[0]
    geojson = json.loads(artifact(release, "geojson").read_text(encoding="utf-8"))
    geo_line = next(line for line in layout.splitlines() if line.startswith("- **GeoJSON**"))
    for key in ("memberships", "participations"):
        assert f"`{key}`" in geo_line
        assert key in geojson["features"][0]["properties"]
    book = openpyxl.load_workbook(artifact(release, "xlsx"), read_only=True)
    named = [book.sheetnames[0], book.sheetnames[-1], FLAT]
    book.close()
    xlsx_line = next(line for line in layout.splitlines() if line.startswith("- **{term}`XLSX`**"))
    assert all(f"`{sheet}`" in xlsx_line for sheet in named)
    with zipfile.ZipFile(artifact(release, "datapackage")) as archive:
        entries = set(archive.namelist())
    zip_line = layout.splitlines()[2]
    for entry in (
        "datapackage.json",
        "FIELDS.md",
        "README.md",
        "LICENSE.txt",
        f"derived/{FLAT}.csv",
    ):
        assert entry in entries and f"`{entry}`" in zip_line
