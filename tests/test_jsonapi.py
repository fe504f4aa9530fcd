"""The static JSON API: every record file fits its schema and every link leads to a file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from city_diplomacy import load
from city_diplomacy.data.load import SHIPPED_DESCRIPTOR as DEFAULT_DESCRIPTOR
from city_diplomacy.data.package import Package
from city_diplomacy.release.formats.tables import tables_of
from city_diplomacy.release.jsonapi import write_api
from city_diplomacy.sitebuild.versions import publish_downloads


@pytest.fixture(scope="module")
def package() -> Package:
    return load(DEFAULT_DESCRIPTOR)


@pytest.fixture(scope="module")
def api(package: Package, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site") / "api" / package.version
    write_api(package, target)
    return target


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _links(document: Any) -> Iterator[str]:
    """Every URL under a ``links`` object (and the index's addresses), recursively."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "links":
                yield from _strings(value)
            else:
                yield from _links(value)
    elif isinstance(document, list):
        for item in document:
            yield from _links(item)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_index_lists_every_table(api: Path, package: Package) -> None:
    index = _read(api / "index.json")
    assert index["version"] == package.version
    tables = tables_of(package)
    assert list(index["tables"]) == [t.name for t in tables]
    for table in tables:
        entry = index["tables"][table.name]
        assert entry["count"] == len(table.rows)
        assert (api / entry["list"]).is_file() and (api / entry["schema"]).is_file()
        if table.primary_key == ("id",):
            for row in table.rows:
                assert (api / entry["record"].replace("{id}", str(row["id"]))).is_file()
        else:
            assert entry["record"] is None and not (api / table.name).exists()


def test_every_record_fits_its_schema(api: Path, package: Package) -> None:
    checked = 0
    for table in tables_of(package):
        schema = _read(api / "schema" / f"{table.name}.json")
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        listing = _read(api / f"{table.name}.json")
        assert listing["count"] == len(listing["records"]) == len(table.rows)
        for record in listing["records"]:
            validator.validate(record)
        for path in sorted((api / table.name).glob("*.json")):
            record = _read(path)
            validator.validate(record)
            assert f"{record['id']}.json" == path.name
            checked += 1
    assert checked > 100


def test_a_wrong_record_fails_its_schema(api: Path) -> None:
    schema = _read(api / "schema" / "events.json")
    record = _read(api / "events" / "gnets-ls-01.json")
    record["kind"] = "picnic"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)


def test_every_link_leads_to_a_file(api: Path) -> None:
    followed = 0
    for path in sorted(api.rglob("*.json")):
        if path.parent.name == "schema":
            continue
        for link in _links(_read(path)):
            assert "://" not in link and not link.startswith("/")
            assert (path.parent / link).resolve().is_file(), f"{path}: {link}"
            followed += 1
    assert followed > 1000


def test_relations(api: Path) -> None:
    network = _read(api / "networks" / "anmc21.json")
    referenced = network["links"]["referenced_by"]
    assert referenced["memberships"]["network"] and referenced["events"]["network"]
    member = _read(api / "networks" / referenced["memberships"]["network"][0])
    assert member["network"] == "anmc21"
    city = _read(api / "cities" / "tokyo.json")
    assert city["links"]["referenced_by"]["memberships"]["city"]
    assert {p["event"] for p in city["participations"]} >= {"gnets-ls-01"}
    event = _read(api / "events" / "gnets-ls-01.json")
    assert "tokyo" in {p["city"] for p in event["participations"]}
    first = event["participations"][0]["links"]["city"]
    assert _read(api / "events" / first)["id"] == event["participations"][0]["city"]


def test_site_build_publishes_the_api(tmp_path: Path) -> None:
    publish_downloads(tmp_path, DEFAULT_DESCRIPTOR, "latest")
    assert (tmp_path / "api" / "latest" / "index.json").is_file()
    assert (tmp_path / "downloads" / "latest" / "SHA256SUMS").is_file()
