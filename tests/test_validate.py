"""`city-diplomacy validate` through its CLI: exit codes and messages that name file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from city_diplomacy.cli import main
from validate_helpers import DEFECTS, make_package

# defect fixture -> (file relative to the package, line or None, field or None, check)
EXPECTED: dict[str, tuple[str, int | None, str | None, str]] = {
    "stray-quote": ("data/cities.csv", 3, None, "csv-quote"),
    "unclosed-quote": ("data/cities.csv", 3, None, "csv-quote"),
    "extra-cell": ("data/cities.csv", 3, None, "csv-structure"),
    "missing-cell": ("data/cities.csv", 3, None, "csv-structure"),
    "blank-line": ("data/cities.csv", 3, None, "csv-structure"),
    "non-utf8": ("data/cities.csv", 3, None, "csv-encoding"),
    "bom": ("data/cities.csv", 1, None, "csv-bom"),
    "crlf": ("data/cities.csv", 1, None, "csv-line-ending"),
    "trailing-space": ("data/cities.csv", 3, "name_en", "csv-whitespace"),
    "not-nfc": ("data/networks.csv", 2, "name_ja", "csv-unicode"),
    "header-mismatch": ("data/cities.csv", 1, "name_en", "header"),
    "duplicate-primary-key": ("data/cities.csv", 3, "id", "frictionless/unique-error"),
    "dangling-foreign-key": ("data/memberships.csv", 3, "city", "references"),
    "enum-value": ("data/networks.csv", 2, "kind", "frictionless/constraint-error"),
    "category-value": ("data/networks.csv", 2, "status", "categories"),
    "impossible-date": ("data/events.csv", 3, "date", "dates"),
    "event-end-before-start": ("data/events.csv", 3, "date_end", "dates"),
    "membership-dates-reversed": ("data/memberships.csv", 3, "until", "dates"),
    "network-and-programme": ("data/memberships.csv", 3, "network", "organisation"),
    "latitude-out-of-range": ("data/cities.csv", 3, "latitude", "coordinates"),
    "empty-required-name": ("data/cities.csv", 3, "name_en", "bilingual"),
    "empty-title": ("data/events.csv", 3, "title_ja", "bilingual"),
    "unknown-source-id": ("data/memberships.csv", 3, "source", "references"),
    "unknown-geonames-id": ("data/cities.csv", 3, "geonames_id", "geonames"),
    "coordinates-mismatch": ("data/cities.csv", 3, "latitude", "geonames"),
    "coordinates-without-id": ("data/cities.csv", 3, "geonames_id", "geonames"),
    "country-mismatch": ("data/cities.csv", 3, "country", "geonames"),
    "unknown-country": ("data/cities.csv", 3, "country", "countries"),
    "hash-mismatch": ("data/sources.csv", None, "hash", "integrity"),
    "missing-file": ("data/nowhere.csv", None, None, "resource"),
    "declared-encoding": ("datapackage.json", 7, "resources[0].encoding", "resource"),
    "descriptor-not-json": ("datapackage.json", 4, None, "descriptor"),
    "descriptor-breaks-profile": ("datapackage.json", 4, "resources[0]", "profile"),
    "primary-key-outside-schema": (
        "datapackage.json",
        7,
        "resources[0].primaryKey",
        "placement",
    ),
    "foreign-keys-outside-schema": (
        "datapackage.json",
        7,
        "resources[0].foreignKeys",
        "placement",
    ),
    "numbers-differ": ("data/events.csv", 3, "title_en", "bilingual-numbers"),
    "duplicate-name": ("data/cities.csv", 3, "name_en", "unique"),
    "duplicate-ordinal": ("data/events.csv", 3, "ordinal", "unique"),
    "duplicate-participation": ("data/participations.csv", 3, "mode", "unique"),
    "duplicate-source-url": ("data/sources.csv", 3, "url", "unique"),
    "japanese-in-english": ("data/events.csv", 3, "title_en", "language-script"),
    "english-in-japanese": ("data/events.csv", 3, "title_ja", "language-script"),
    "ordinals-out-of-order": ("data/events.csv", 3, "date", "series"),
    "source-title-untranslated": ("data/sources.csv", 3, "title_en", "translation"),
    "source-title-in-own-language": ("data/sources.csv", 3, "title_ja", "translation"),
    "count-differs-without-note": ("data/events.csv", 3, "participant_count", "participant-count"),
    "host-without-participation": ("data/events.csv", 3, "host_city", "host-participation"),
    "unknown-other-source": ("data/events.csv", 3, "other_sources", "references"),
    "source-id-in-note": ("data/events.csv", 3, "note_en", "reader-text"),
    "outcome-summary-without-content": ("data/outcomes.csv", 3, "summary_ja", "outcome-summary"),
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    return result.exit_code, result.output


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(EXPECTED) == DEFECTS


def test_valid_package_exits_0(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path)
    code, output = run(str(descriptor))
    assert code == 0, output
    assert output.strip() == f"{descriptor}: valid (7 files, 10 rows)"


@pytest.mark.parametrize("defect", sorted(EXPECTED))
def test_defect_exits_1_and_names_file_and_line(tmp_path: Path, defect: str) -> None:
    descriptor = make_package(tmp_path, defect)
    relative, line, field, _ = EXPECTED[defect]
    file = f"{descriptor.parent / relative}"
    code, output = run(str(descriptor))
    assert code == 1, output
    where = f"{file}:{line}: " if line is not None else f"{file}: "
    expected = where + (f"{field}: " if field else "")
    assert any(row.startswith(expected) for row in output.splitlines()), output
    assert output.splitlines()[-1].startswith(f"{descriptor}: invalid, ")


@pytest.mark.parametrize("defect", sorted(EXPECTED))
def test_defect_json_report_names_the_check(tmp_path: Path, defect: str) -> None:
    descriptor = make_package(tmp_path, defect)
    relative, line, field, check = EXPECTED[defect]
    code, output = run("--json", str(descriptor))
    assert code == 1
    report = json.loads(output)
    assert report["valid"] is False
    found = [(p["file"], p["line"], p["field"], p["check"]) for p in report["problems"]]
    assert (str(descriptor.parent / relative), line, field, check) in found, found
    assert all(p["message"] for p in report["problems"])
    keys = {"file", "line", "field", "message", "value", "check", "severity"}
    assert all(set(p) == keys for p in report["problems"])
    # Errors only, but for the loose ends a defect may leave (a source no row cites now).
    assert all(
        p["severity"] == "error" or (p["severity"], p["check"]) == ("warning", "orphans")
        for p in report["problems"]
    )


def test_json_report_of_valid_package(tmp_path: Path) -> None:
    code, output = run("--json", str(make_package(tmp_path)))
    assert code == 0
    report = json.loads(output)
    assert report["valid"] is True
    assert report["problems"] == []
    assert report["rows"] == 10


def test_message_says_what_to_fix(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path, "latitude-out-of-range")
    _, output = run(str(descriptor))
    assert (
        f"{descriptor.parent}/data/cities.csv:3: latitude: 123.4 is above the maximum 90 "
        "(fix the value or the geonames_id)"
    ) in output


def test_descriptor_not_json_gives_position(tmp_path: Path) -> None:
    _, output = run(str(make_package(tmp_path, "descriptor-not-json")))
    assert "not valid JSON" in output
    assert "line 4 column 52" in output


def test_missing_descriptor_is_invalid_input(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "datapackage.json"
    code, output = run(str(missing))
    assert code == 1
    assert f"{missing}: file not found" in output


def test_folder_is_accepted(tmp_path: Path) -> None:
    code, output = run(str(make_package(tmp_path).parent))
    assert code == 0, output


def test_wrong_option_is_usage_error() -> None:
    code, output = run("--no-such-option")
    assert code == 2
    assert "No such option" in output


def test_too_many_arguments_is_usage_error(tmp_path: Path) -> None:
    code, _ = run("a.json", "b.json")
    assert code == 2


def test_help_text() -> None:
    code, output = run("--help")
    assert code == 0
    assert "Exit status: 0 valid, 1 invalid, 2 wrong usage" in output


def test_no_argument_validates_the_shipped_package() -> None:
    code, output = run()
    assert code == 0, output
    # Relative to the current folder when run from the checkout, as a person would type it.
    assert "datapackage/datapackage.json: valid (" in output.splitlines()[-1]
