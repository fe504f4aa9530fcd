"""Citation files are generated from datapackage.json and kept in sync with it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from city_diplomacy import load
from city_diplomacy.cli import main
from city_diplomacy.data.load import SHIPPED_DESCRIPTOR, read_descriptor
from city_diplomacy.release import citation
from city_diplomacy.release.formats.formats import FORMATS
from city_diplomacy.sphinxext.jsonld import jsonld_script

REPO = SHIPPED_DESCRIPTOR.parents[1]

# The parts of the Citation File Format 1.2.0 schema that our file uses, written
# out here (the tests must not fetch the official schema): allowed top-level keys,
# required keys, and the shapes of the values.
_URL = {"type": "string", "pattern": "^(https|http|ftp|sftp)://.+"}
CFF_SUBSET: dict[str, Any] = {
    "type": "object",
    "required": ["authors", "cff-version", "message", "title"],
    "additionalProperties": False,
    "properties": {
        "cff-version": {"type": "string", "pattern": r"^1\.2\.0$"},
        "message": {"type": "string", "minLength": 1},
        "type": {"enum": ["dataset", "software"]},
        "title": {"type": "string", "minLength": 1},
        "abstract": {"type": "string", "minLength": 1},
        "version": {"type": ["string", "number"], "minLength": 1},
        "date-released": {
            "type": "string",
            "pattern": r"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$",
        },
        "license": {"type": "string", "enum": ["CC-BY-4.0", "CC0-1.0", "ODbL-1.0", "MIT"]},
        "keywords": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "minLength": 1},
        },
        "repository-code": _URL,
        "repository": _URL,
        "url": _URL,
        "authors": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {
                "oneOf": [
                    {
                        "type": "object",
                        "required": ["name"],
                        "properties": {"name": {"type": "string", "minLength": 1}},
                        "additionalProperties": False,
                    },
                    {
                        "type": "object",
                        "required": ["family-names"],
                        "properties": {
                            "family-names": {"type": "string", "minLength": 1},
                            "given-names": {"type": "string", "minLength": 1},
                            "affiliation": {"type": "string", "minLength": 1},
                        },
                        "additionalProperties": False,
                    },
                ]
            },
        },
    },
}


@pytest.fixture(scope="module")
def descriptor() -> dict[str, Any]:
    return read_descriptor(SHIPPED_DESCRIPTOR)


def test_committed_citation_files_are_in_sync(descriptor: dict[str, Any]) -> None:
    assert citation.out_of_sync(descriptor, REPO) == [], (
        "run `city-diplomacy citation --write` and commit CITATION.cff and .zenodo.json"
    )


def test_cff_is_valid_and_agrees_with_the_descriptor(descriptor: dict[str, Any]) -> None:
    text = (REPO / citation.CFF_FILE).read_text(encoding="utf-8")
    cff = yaml.safe_load(text)
    jsonschema.validate(cff, CFF_SUBSET)
    assert cff["type"] == "dataset"
    assert cff["title"] == descriptor["title"]
    assert cff["version"] == descriptor["version"]
    assert cff["date-released"] == descriptor["created"][:10]
    assert cff["license"] == descriptor["licenses"][0]["name"]
    assert cff["keywords"] == descriptor["keywords"]
    assert cff["abstract"] == descriptor["description"]
    titles = [c["title"] for c in descriptor["contributors"] if "creator" in c["roles"]]
    assert [a["name"] for a in cff["authors"]] == titles


def test_zenodo_agrees_with_the_descriptor(descriptor: dict[str, Any]) -> None:
    zenodo = json.loads((REPO / citation.ZENODO_FILE).read_text(encoding="utf-8"))
    assert zenodo["upload_type"] == "dataset"
    assert zenodo["title"] == descriptor["title"]
    assert zenodo["description"] == descriptor["description"]
    assert zenodo["version"] == descriptor["version"]
    assert zenodo["license"] == "cc-by-4.0"
    assert zenodo["keywords"] == descriptor["keywords"]
    assert [c["name"] for c in zenodo["creators"]] == [
        c["title"] for c in descriptor["contributors"] if "creator" in c["roles"]
    ]


def test_people_become_cff_persons(descriptor: dict[str, Any]) -> None:
    changed = dict(descriptor)
    changed["contributors"] = [
        {"title": "Hanako Yamada", "givenName": "Hanako", "familyName": "Yamada",
         "organization": "Example University", "roles": ["creator"]},
        {"title": "Reviewer", "roles": ["contributor"]},
    ]  # fmt: skip
    cff = yaml.safe_load(citation.citation_cff(changed))
    jsonschema.validate(cff, CFF_SUBSET)
    assert cff["authors"] == [
        {"family-names": "Yamada", "given-names": "Hanako", "affiliation": "Example University"}
    ]
    assert citation.zenodo_metadata(changed)["creators"] == [
        {"name": "Yamada, Hanako", "affiliation": "Example University"}
    ]


def _copy_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "datapackage", root / "datapackage")
    for name in ("pyproject.toml", citation.CFF_FILE, citation.ZENODO_FILE):
        shutil.copy(REPO / name, root / name)
    return root


def test_check_fails_when_the_version_changes(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    descriptor = root / "datapackage" / "datapackage.json"
    runner = CliRunner()
    ok = runner.invoke(main, ["citation", "--check", "--descriptor", str(descriptor)])
    assert ok.exit_code == 0, ok.output
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["version"] = "9.9.9"
    descriptor.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    stale = runner.invoke(main, ["citation", "--check", "--descriptor", str(descriptor)])
    assert stale.exit_code == 1
    assert "CITATION.cff" in stale.output
    assert ".zenodo.json" in stale.output
    wrote = runner.invoke(main, ["citation", "--write", "--descriptor", str(descriptor)])
    assert wrote.exit_code == 0, wrote.output
    assert 'version: "9.9.9"' in (root / citation.CFF_FILE).read_text(encoding="utf-8")
    again = runner.invoke(main, ["citation", "--check", "--descriptor", str(descriptor)])
    assert again.exit_code == 0, again.output


def test_cli_prints_a_reference() -> None:
    result = CliRunner().invoke(main, ["citation", "--descriptor", str(SHIPPED_DESCRIPTOR)])
    assert result.exit_code == 0, result.output
    assert "(Version " in result.output
    assert "[Data set]" in result.output


def test_jsonld_dataset() -> None:
    package = load(SHIPPED_DESCRIPTOR)
    document = citation.dataset_jsonld(package)
    assert document["@type"] == "Dataset"
    assert document["version"] == package.version
    assert document["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    downloads = document["distribution"]
    tables = [r["name"] for r in package.descriptor["resources"] if "schema" in r]
    assert [d["encodingFormat"] for d in downloads] == [
        f.media_type for f in FORMATS for _ in (tables if f.per_table else [""])
    ]
    for item in downloads:
        assert item["@type"] == "DataDownload"
        assert item["contentUrl"].startswith(f"downloads/{package.version}/")
        assert "://" not in item["contentUrl"]
    dates = [e.date for e in package.events.values()]
    dates += [e.date_end for e in package.events.values() if e.date_end]
    if dates:
        first, last = min(dates).isoformat(), max(dates).isoformat()
        assert document["temporalCoverage"] in (first, f"{first}/{last}")
    if any(c.latitude is not None for c in package.cities.values()):
        south, west, north, east = map(float, document["spatialCoverage"]["geo"]["box"].split())
        assert -90 <= south <= north <= 90
        assert -180 <= west <= east <= 180
    json.dumps(document)  # plain JSON all the way down


def test_jsonld_coverage_is_computed_from_events(tmp_path: Path) -> None:
    root = tmp_path / "datapackage"
    shutil.copytree(SHIPPED_DESCRIPTOR.parent, root)
    events = root / "data" / "events.csv"
    header = events.read_text(encoding="utf-8").splitlines()[0]
    columns = header.split(",")
    rows = []
    for ident, date, end in (("e-one", "1999-04", ""), ("e-two", "2030", "2031-02-03")):
        values = dict.fromkeys(columns, "")
        values.update(id=ident, kind="summit", date=date, date_end=end, network="anmc21")
        values.update(mode="not-stated", title_ja="会議", title_en="Meeting")
        values.update(source="anmc-summary-ja")
        rows.append(",".join(values[c] for c in columns))
    events.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    document = citation.dataset_jsonld(load(root), download_prefix="../../downloads/x/")
    assert document["temporalCoverage"] == "1999-04/2031-02-03"
    assert document["distribution"][0]["contentUrl"].startswith("../../downloads/x/")


def test_jsonld_script_cannot_be_closed_by_data() -> None:
    package = load(SHIPPED_DESCRIPTOR)
    document = citation.dataset_jsonld(package)
    document["description"] = "</script><script>alert(1)</script> & <!--"
    script = jsonld_script(document)
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body
    assert json.loads(body)["description"] == document["description"]
