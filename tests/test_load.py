"""The generic loader: records built by field name, shape mismatches refused loudly."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def _edit_resource(root: Path, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Apply ``change`` to the resource ``name`` of the package's descriptor."""
    path = root / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(next(r for r in data["resources"] if r["name"] == name))
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _fields(resource: dict[str, Any]) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = resource["schema"]["fields"]
    return fields


def test_records_are_built_by_field_name_not_position(package: Path) -> None:
    """Swapping two columns (and their schema fields) changes nothing in the records."""
    before = load(package)
    names = (package / "data" / "cities.csv").read_text(encoding="utf-8").split("\n")[0].split(",")
    ja, en = names.index("name_ja"), names.index("name_en")

    def swap_fields(resource: dict[str, Any]) -> None:
        fields = _fields(resource)
        fields[ja], fields[en] = fields[en], fields[ja]

    _edit_resource(package, "cities", swap_fields)

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
    _edit_resource(
        package, "sources", lambda r: _fields(r).append({"name": "isbn", "type": "string"})
    )
    _rewrite(package / "data" / "sources.csv", lambda rows: [[*r, ""] for r in rows])
    with pytest.raises(LoadError, match=r"sources.csv: table 'sources' has column 'isbn'"):
        load(package)


def test_field_without_column_names_table_and_field(package: Path) -> None:
    def drop(resource: dict[str, Any]) -> None:
        resource["schema"]["fields"] = [
            f for f in _fields(resource) if f["name"] != "description_en"
        ]

    _edit_resource(package, "themes", drop)
    with pytest.raises(
        LoadError, match=r"table 'themes' has no column 'description_en' that Theme needs"
    ):
        load(package)


def test_schema_type_must_agree_with_the_annotation(package: Path) -> None:
    def retype(resource: dict[str, Any]) -> None:
        next(f for f in _fields(resource) if f["name"] == "geonames_id")["type"] = "string"

    _edit_resource(package, "cities", retype)
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
    path = package / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["resources"].append({**data["resources"][1], "name": "mayors"})
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
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
