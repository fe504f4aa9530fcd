"""Site build pieces without a browser: languages, URLs, partial builds, the data gate."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.sitebuild.build import (
    Project,
    UnknownLanguageError,
    check_catalogs,
    select_languages,
)
from city_diplomacy.sitebuild.rootpage import render_root_index
from city_diplomacy.sphinxext.theme import page_url
from city_diplomacy.translations.registry import Language, LanguagesError, load_languages
from site_support import ROOT, BuiltSite, copy_project


def test_language_list_starts_with_source_language() -> None:
    languages = load_languages(ROOT / "locales" / "languages.toml")
    assert [lang.code for lang in languages][:2] == ["ja", "en"]
    assert languages[1].title == "Tokyo's Multilateral City Diplomacy"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "needs at least one [[language]]"),
        ('[[language]]\ncode = "ja"\n', "lacks name, title, description"),
        ('[[language]]\ncode = "ja"\nname = "x"\ntitle = "x"\ndescription = "x"\n' * 2,
         "duplicate language code"),
        ("[[language]\n", "languages.toml"),
    ],
)  # fmt: skip
def test_bad_language_list_names_file_and_fault(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "languages.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LanguagesError, match=r"languages\.toml") as error:
        load_languages(path)
    assert message in str(error.value)


def test_select_languages_keeps_list_order() -> None:
    languages = load_languages(ROOT / "locales" / "languages.toml")
    assert [lang.code for lang in select_languages(languages, ["en", "ja"])] == ["ja", "en"]
    with pytest.raises(UnknownLanguageError, match="xx"):
        select_languages(languages, ["xx"])


@pytest.mark.parametrize(
    ("pagename", "target", "expected"),
    [
        ("index", "index.html", "../../en/latest/index.html"),
        ("networks/g-nets", "networks/g-nets.html", "../../../en/latest/networks/g-nets.html"),
    ],
)
def test_page_url_climbs_to_site_root(pagename: str, target: str, expected: str) -> None:
    assert page_url(pagename, target, "en", "latest") == expected


def test_single_language_build_keeps_other_trees(built_site: BuiltSite, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "site"
    shutil.copytree(built_site.out, out)
    (out / "ja" / "latest" / "marker").write_text("kept", encoding="utf-8")
    (out / "en" / "latest" / "marker").write_text("replaced", encoding="utf-8")
    (out / "downloads" / "1.0.0").mkdir(parents=True)
    (out / "downloads" / "1.0.0" / "SHA256SUMS").write_text("kept", encoding="utf-8")

    result = CliRunner().invoke(
        main, ["build", "--project", str(project), "--out", str(out), "--lang", "en"]
    )

    assert result.exit_code == 0, result.output
    assert "built en " in result.output
    assert (out / "ja" / "latest" / "marker").read_text(encoding="utf-8") == "kept"
    assert not (out / "en" / "latest" / "marker").exists()
    assert (out / "downloads" / "1.0.0" / "SHA256SUMS").read_text(encoding="utf-8") == "kept"
    assert (out / "en" / "latest" / "pagefind" / "pagefind-ui.js").is_file()
    assert '"ja"' in (out / "versions.json").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no leftovers


def test_build_refuses_invalid_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    cities = project / "datapackage" / "data" / "cities.csv"
    rows = cities.read_text(encoding="utf-8").splitlines()
    cities.write_text("\n".join([*rows, rows[1]]) + "\n", encoding="utf-8")  # duplicate key
    out = tmp_path / "site"

    result = CliRunner().invoke(main, ["build", "--project", str(project), "--out", str(out)])

    assert result.exit_code == 1, result.output
    assert "datapackage/data/cities.csv:" in result.output
    assert not out.exists()


def test_root_chooser_lists_only_offered_languages_and_escapes() -> None:
    languages = [
        Language("ja", "日本語", "題", "説明"),
        Language("en", "English <b>", "Title & co", "About"),
        Language("fr", "Français", "Titre", "Description"),
    ]
    manifest = {
        "default_language": "ja",
        "versions": ["latest"],
        "languages": [
            {"code": "ja", "offered": True},
            {"code": "en", "offered": True},
            {"code": "fr", "offered": False},
        ],
        "trees": {code: {"latest": {"path": f"{code}/latest/"}} for code in ("ja", "en", "fr")},
    }
    html = render_root_index(manifest, languages)
    assert 'href="en/latest/index.html"' in html
    assert "fr/latest" not in html
    assert "English &lt;b&gt;" in html and "Title &amp; co" in html
    assert "<script" not in html


def test_broken_language_list_is_invalid_input(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "locales" / "languages.toml").write_text("[[language]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--project", str(project)])
    assert result.exit_code == 1
    assert "languages.toml" in result.output
    assert not (project / "build" / "site").exists()


def _first_catalog(project: Path) -> Path:
    return sorted((project / "locales" / "en" / "LC_MESSAGES").rglob("*.po"))[0]


def test_build_refuses_broken_catalog_before_sphinx(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    catalog = _first_catalog(project)
    with catalog.open("a", encoding="utf-8") as stream:
        stream.write('\nmsgid "broken entry"\nmsgstr "unterminated\n')
    last = len(catalog.read_text(encoding="utf-8").splitlines())  # the msgstr line
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous", encoding="utf-8")

    result = CliRunner().invoke(main, ["build", "--project", str(project), "--out", str(out)])

    assert result.exit_code == 1, result.output
    relative = catalog.relative_to(project).as_posix()
    # msgfmt names the msgstr line or the one after it (where the string should have ended)
    where = rf"^{re.escape(relative)}:({last}|{last + 1}): \[syntax\]"
    assert re.search(where, result.output, re.M), result.output
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_catalog_warnings_do_not_stop_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    catalog = _first_catalog(project)
    with catalog.open("a", encoding="utf-8") as stream:
        stream.write('\n#, fuzzy\nmsgid "a fuzzy entry"\nmsgstr "unsure"\n')
    assert check_catalogs(Project(project), ["ja", "en"]) == []
    assert check_catalogs(Project(project), ["ja"]) == []
    with catalog.open("a", encoding="utf-8") as stream:
        stream.write('\nmsgid "a fuzzy entry"\nmsgstr "again"\n')  # a duplicate: an error
    assert check_catalogs(Project(project), ["ja"]) == []  # English is not being built
    assert check_catalogs(Project(project), ["en"])


def test_checks_that_passed_on_the_same_bytes_are_not_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import city_diplomacy.sitebuild.checks as site

    root = copy_project(tmp_path / "project")
    project = Project(root)
    cache = tmp_path / "cache"
    assert site.validate_data(project, cache) == []
    assert check_catalogs(project, ["ja", "en"], cache) == []

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(site, "validate", fail)
    monkeypatch.setattr("city_diplomacy.translations.check.check", fail)
    assert site.validate_data(project, cache) == []  # remembered: validate() not called
    assert check_catalogs(project, ["ja", "en"], cache) == []
    monkeypatch.undo()

    # one changed byte: checked again, and the failure is reported (never remembered)
    cities = root / "datapackage" / "data" / "cities.csv"
    cities.write_text(cities.read_text(encoding="utf-8").replace(",", ";", 1), encoding="utf-8")
    assert site.validate_data(project, cache) != []
    assert site.validate_data(project, cache) != []
    po = next((root / "locales" / "en" / "LC_MESSAGES").glob("*.po"))
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x\n', encoding="utf-8")
    assert check_catalogs(project, ["ja", "en"], cache) != []
