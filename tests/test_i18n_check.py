"""`i18n check`: one fixture per broken-catalog case, each found with its file and line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.translations import I18nError, languages
from city_diplomacy.translations.glossary import load_glossary, missing_terms
from city_diplomacy.translations.markup import compare

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "i18n"

# fixture name -> (check code, line, severity)
CASES = {
    "syntax_error": ("syntax", 22, "error"),
    "header_charset": ("header", 11, "error"),
    "header_language": ("header", 9, "error"),
    "header_fuzzy": ("header", 2, "error"),
    "plural_forms_missing": ("plural-forms", 2, "error"),
    "plural_forms_invalid": ("plural-forms", 13, "error"),
    "plural_count": ("plural-forms", 22, "error"),
    "duplicate": ("duplicate", 23, "error"),
    "role_mismatch": ("markup", 21, "error"),
    "ref_mismatch": ("markup", 21, "error"),
    "link_mismatch": ("markup", 21, "error"),
    "code_mismatch": ("markup", 21, "error"),
    "substitution_mismatch": ("markup", 21, "error"),
    "missing_markup": ("markup", 21, "error"),
    "html_script": ("html", 21, "error"),
    "html_onclick": ("html", 21, "error"),
    "html_img_onerror": ("html", 21, "error"),
    "fuzzy": ("fuzzy", 19, "warning"),
    "untranslated": ("untranslated", 19, "warning"),
    "glossary": ("glossary", 21, "warning"),
}


def _repo_with(tmp_path: Path, *fixtures: str) -> Path:
    locales = tmp_path / "locales"
    (locales / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(REPO / "locales" / "languages.toml", locales)
    shutil.copy(REPO / "locales" / "glossary.json", locales)
    for name in fixtures:
        shutil.copy(FIXTURES / f"{name}.po", locales / "en" / "LC_MESSAGES" / f"{name}.po")
    return tmp_path


def _check(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["i18n", "--root", str(root), "check", *args])
    return result.exit_code, result.output


def test_every_fixture_has_a_case() -> None:
    names = {p.stem for p in FIXTURES.glob("*.po")}
    assert names == set(CASES) | {"clean"}


def test_clean_catalog_passes_even_strict(tmp_path: Path) -> None:
    code, output = _check(_repo_with(tmp_path, "clean"), "--strict")
    assert code == 0, output
    assert "0 error(s), 0 warning(s)" in output


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_catalog_is_reported_with_file_and_line(tmp_path: Path, name: str) -> None:
    check_code, line, severity = CASES[name]
    root = _repo_with(tmp_path, name)
    code, output = _check(root, "--verbose")
    assert f"locales/en/LC_MESSAGES/{name}.po:{line}: {severity}: [{check_code}]" in output
    assert code == (1 if severity == "error" else 0), output
    problem = next(x for x in output.splitlines() if f"[{check_code}]" in x)
    assert "; fix: " in problem, problem  # every problem says how to fix it
    strict_code, _ = _check(root, "--strict")
    assert strict_code == 1


@pytest.mark.parametrize("name", ["duplicate", "fuzzy"])
def test_json_report_has_the_validate_problem_shape(tmp_path: Path, name: str) -> None:
    check_code, line, severity = CASES[name]
    code, output = _check(_repo_with(tmp_path, name), "--json")
    report = json.loads(output)
    assert code == (1 if severity == "error" else 0), output
    assert report["valid"] is (severity != "error")
    file = f"locales/en/LC_MESSAGES/{name}.po"
    found = [(p["file"], p["line"], p["check"], p["severity"]) for p in report["problems"]]
    assert (file, line, check_code, severity) in found, found
    keys = {"file", "line", "field", "message", "value", "check", "severity"}
    assert all(set(p) == keys for p in report["problems"])


def test_check_lang_unknown_is_usage_error(tmp_path: Path) -> None:
    code, output = _check(_repo_with(tmp_path, "clean"), "--lang", "xx")
    assert code == 2
    assert "unknown language 'xx'" in output


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("{ref}`概要 <overview>`を参照。", "See {ref}`the overview <overview>`."),
        ("`a` と `b`", "`b` and `a`"),
        ("[地図](cities.md)と<b>注</b>", "<b>Note</b>: the [map](cities.md)"),
        ("<https://example.org> を参照", "see <https://example.org>"),
        ("a < b の場合", "when a < b"),
    ],
)
def test_markup_kept_or_reordered_is_fine(msgid: str, msgstr: str) -> None:
    assert compare(msgid, msgstr) == ([], [], [])


def test_placeholders_filled_by_the_extension_must_be_kept() -> None:
    assert compare("（{date}時点）", "(as of {date})") == ([], [], [])
    assert compare("計{count}都市", "Cities in total: {count}") == ([], [], [])
    assert compare("{count}都市", "{count} cities and {{project}}")[1] == ["{{project}}"]
    missing, added, _ = compare("{date}から", "since {datum}")
    assert missing == ["{date}"] and added == ["{datum}"]


def test_fenced_directive_added_by_a_translation_is_caught() -> None:
    _, added, html = compare("段落。", "```{raw} html\n<script>alert(1)</script>\n```")
    assert added == ["```", "```{raw} html"]
    assert html == ["</script>", "<script>"]


def test_role_inside_inline_code_is_code() -> None:
    msgid = "`` {ref}`text <label>` `` と書く"
    assert compare(msgid, "write `` {ref}`text <label>` ``") == ([], [], [])
    missing, added, _ = compare(msgid, "write `` {ref}`texte <étiquette>` ``")
    assert missing == ["`{ref}`text <label>``"] and added == ["`{ref}`texte <étiquette>``"]


def test_html_inside_inline_code_is_not_markup() -> None:
    assert compare("`<br>` を使う", "use `<br>`") == ([], [], [])
    _, _, html = compare("`x` を使う", "use `x` <br onmouseover=alert(1)>")
    assert "<br onmouseover='alert(1)'>" in html


def test_registry_errors_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    with pytest.raises(I18nError, match="registry not found"):
        languages(tmp_path)
    registry = tmp_path / "locales" / "languages.toml"
    entry = 'name = "日本語"\ntitle = "題"\ndescription = "説明"\n'
    registry.write_text(f'[[language]]\ncode = "ja"\n{entry}\n[[language]]\ncode = 1\n{entry}')
    with pytest.raises(I18nError, match=r"languages\.toml: \[\[language\]\] #2: 'code'"):
        languages(tmp_path)
    registry.write_text(f'[[language]]\ncode = "ja"\n{entry}threshold = "high"\n')
    with pytest.raises(I18nError, match="threshold must be a number"):
        languages(tmp_path)
    registry.write_text("[[language]\n")
    with pytest.raises(I18nError, match="invalid TOML"):
        languages(tmp_path)


def test_repository_registry_has_japanese_source_first() -> None:
    langs = languages(REPO)
    assert [lang.code for lang in langs][:2] == ["ja", "en"]
    assert langs[0].source and not langs[1].source


def test_every_i18n_command_has_help() -> None:
    runner = CliRunner()
    for command in ("update", "stats", "check", "add"):
        result = runner.invoke(main, ["i18n", command, "--help"])
        assert result.exit_code == 0
        assert len(result.output.split("\n\n")[1].strip()) > 20, command


def test_glossary_matching_ignores_case_and_hyphens_and_nested_terms() -> None:
    terms = load_glossary(REPO)
    assert not missing_terms(terms, "en", "感染症対策", "Infectious-disease control")
    assert not missing_terms(
        terms, "en", "新型コロナウイルス感染症からの回復", "recovery from COVID-19"
    )
    missing = missing_terms(terms, "en", "新型コロナウイルス感染症と感染症", "COVID-19 and others")
    assert [t.ja for t in missing] == ["感染症"]
