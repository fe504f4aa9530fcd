"""``--format github``: problems as GitHub Actions annotations, exactly as GitHub parses them."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.data.problems import WARNING, Problem, format_github
from validate_helpers import make_package

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "i18n"


def test_error_annotation_syntax() -> None:
    problem = Problem("data/cities.csv", 3, "latitude", "123.4 is above 90", "123.4", "numbers")
    assert format_github(problem) == (
        "::error file=data/cities.csv,line=3,title=numbers::latitude: 123.4 is above 90"
    )


def test_warning_without_line_and_escapes() -> None:
    problem = Problem("a,b:c%.csv", None, None, "100% sure\r\nsecond line", None, "", WARNING)
    assert format_github(problem, title="check: one, two") == (
        "::warning file=a%2Cb%3Ac%25.csv,title=check%3A one%2C two::100%25 sure%0D%0Asecond line"
    )


def test_value_is_kept_in_the_message() -> None:
    problem = Problem("f.csv", 2, "country", "not an ISO code", "XX", "iso")
    assert format_github(problem).endswith("::country: not an ISO code; found 'XX'")


def test_validate_prints_annotations(tmp_path: Path) -> None:
    descriptor = make_package(tmp_path, "latitude-out-of-range")
    result = CliRunner().invoke(main, ["validate", "--format", "github", str(descriptor)])
    assert result.exit_code == 1, result.output
    file = f"{descriptor.parent}/data/cities.csv"
    assert (
        f"::error file={file},line=3,title=coordinates::latitude: 123.4 is above the maximum 90 "
        "(fix the value or the geonames_id)"
    ) in result.output.splitlines()


def test_i18n_check_prints_annotations(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    (locales / "en" / "LC_MESSAGES").mkdir(parents=True)
    for name in ("languages.toml", "glossary.json"):
        shutil.copy(REPO / "locales" / name, locales)
    for name in ("role_mismatch", "fuzzy"):
        shutil.copy(FIXTURES / f"{name}.po", locales / "en" / "LC_MESSAGES" / f"{name}.po")
    result = CliRunner().invoke(
        main, ["i18n", "--root", str(tmp_path), "check", "--format", "github"]
    )
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert any(
        line.startswith(
            "::error file=locales/en/LC_MESSAGES/role_mismatch.po,line=21,title=markup::"
        )
        for line in lines
    ), result.output
    assert any(
        line.startswith("::warning file=locales/en/LC_MESSAGES/fuzzy.po,line=19,title=fuzzy::")
        for line in lines
    ), result.output
