"""The generic loader: records built by field name, shape mismatches refused loudly."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from city_diplomacy import PartialDate, load
from city_diplomacy.data.load import SHIPPED_DESCRIPTOR, LoadError, resolve_descriptor
from city_diplomacy.data.records import RECORD_TYPES

SPHINX_PACKAGE = Path(__file__).parent / "fixtures" / "sphinx" / "datapackage"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    root = tmp_path / "package"
    shutil.copytree(SPHINX_PACKAGE, root)
    return root


def _rewrite(path: Path, change: object) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows = change(rows)  # type: ignore[operator]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _descriptor(root: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return data


def _save(root: Path, data: dict[str, object]) -> None:
    (root / "datapackage.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_records_are_built_by_field_name_not_position(package: Path) -> None:
    """Swapping two columns (and their schema fields) changes nothing in the records."""
    before = load(package)
    data = _descriptor(package)
    resources = data["resources"]
    assert isinstance(resources, list)
    cities = next(r for r in resources if r["name"] == "cities")
    fields = cities["schema"]["fields"]
    ja = next(i for i, f in enumerate(fields) if f["name"] == "name_ja")
    en = next(i for i, f in enumerate(fields) if f["name"] == "name_en")
    fields[ja], fields[en] = fields[en], fields[ja]
    _save(package, data)

    def swap(rows: list[list[str]]) -> list[list[str]]:
        for row in rows:
            row[ja], row[en] = row[en], row[ja]
        return rows

    _rewrite(package / "data" / "cities.csv", swap)
    after = load(package)
    assert after.cities == before.cities
    tokyo = after.cities["tokyo"]
    assert (tokyo.name_ja, tokyo.name_en) == ("東京", "Tokyo")


def test_cells_are_converted_by_annotation(package: Path) -> None:
    loaded = load(package)
    event = next(iter(loaded.events.values()))
    assert isinstance(event.date, PartialDate)
    city = next(c for c in loaded.cities.values() if c.geonames_id is not None)
    assert isinstance(city.geonames_id, int)
    assert isinstance(city.latitude, float)
    assert any(e.ordinal is None for e in loaded.events.values())  # empty -> None
    assert all(isinstance(n.note_en, str) for n in loaded.networks.values())  # empty -> ""


def test_column_without_field_names_table_and_field(package: Path) -> None:
    data = _descriptor(package)
    resources = data["resources"]
    assert isinstance(resources, list)
    sources = next(r for r in resources if r["name"] == "sources")
    sources["schema"]["fields"].append({"name": "isbn", "type": "string"})
    _save(package, data)
    _rewrite(package / "data" / "sources.csv", lambda rows: [[*r, ""] for r in rows])
    with pytest.raises(LoadError, match=r"sources.csv: table 'sources' has column 'isbn'"):
        load(package)


def test_field_without_column_names_table_and_field(package: Path) -> None:
    data = _descriptor(package)
    resources = data["resources"]
    assert isinstance(resources, list)
    themes = next(r for r in resources if r["name"] == "themes")
    themes["schema"]["fields"] = [
        f for f in themes["schema"]["fields"] if f["name"] != "description_en"
    ]
    _save(package, data)
    with pytest.raises(
        LoadError, match=r"table 'themes' has no column 'description_en' that Theme needs"
    ):
        load(package)


def test_schema_type_must_agree_with_the_annotation(package: Path) -> None:
    data = _descriptor(package)
    resources = data["resources"]
    assert isinstance(resources, list)
    cities = next(r for r in resources if r["name"] == "cities")
    for spec in cities["schema"]["fields"]:
        if spec["name"] == "geonames_id":
            spec["type"] = "string"
    _save(package, data)
    with pytest.raises(LoadError, match=r"column 'geonames_id' is of type 'string'"):
        load(package)


def test_unreadable_cell_names_file_line_and_field(package: Path) -> None:
    def spoil(rows: list[list[str]]) -> list[list[str]]:
        rows[2][rows[0].index("ordinal")] = "second"
        return rows

    _rewrite(package / "data" / "events.csv", spoil)
    with pytest.raises(LoadError, match=r"events.csv:3: ordinal: cannot read 'second'"):
        load(package)


def test_unknown_table_is_refused(package: Path) -> None:
    data = _descriptor(package)
    resources = data["resources"]
    assert isinstance(resources, list)
    resources.append({**resources[1], "name": "mayors"})
    _save(package, data)
    with pytest.raises(LoadError, match="table 'mayors' has no record type"):
        load(package)


def test_every_shipped_table_has_a_record_type() -> None:
    names = [r["name"] for r in json.loads(SHIPPED_DESCRIPTOR.read_text("utf-8"))["resources"]]
    assert sorted(names) == sorted(RECORD_TYPES)


def test_descriptor_rule(tmp_path: Path) -> None:
    assert resolve_descriptor() == SHIPPED_DESCRIPTOR
    assert resolve_descriptor(tmp_path) == tmp_path / "datapackage.json"
    assert resolve_descriptor(str(tmp_path)) == tmp_path / "datapackage.json"
    file = tmp_path / "other.json"
    assert resolve_descriptor(file) == file
    assert load(SHIPPED_DESCRIPTOR.parent).version == load().version


def test_sources_carry_their_translations() -> None:
    source = next(s for s in load().sources.values() if s.language == "en")
    assert source.title_ja and not source.title_en
    assert source.publisher_ja and source.publisher_en
