"""The acronym check: explained by expansion on the page or in the glossary, else an error.

The library over fixture catalogs and data rows, then ``i18n check`` over a one-defect
repository (exit 1 with file, line, acronym and fix; exit 0 once the glossary explains
it), and the repository itself (``test_i18n_repo`` runs ``check --strict`` on it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.translations.acronyms import (
    Unit,
    catalog_units,
    data_units,
    expanded,
    glossary_text,
    unexplained,
)
from city_diplomacy.translations.check import check

REPO = Path(__file__).resolve().parents[1]


def write_po(path: Path, messages: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog = polib.POFile()
    catalog.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "en",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for msgid, msgstr in messages.items():
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    catalog.save(str(path))


def test_expansion_either_way() -> None:
    assert expanded("CPTA", "the Council for Promotion of Tourism in Asia (CPTA) met")
    assert expanded("VNA", "VNA (Vietnam News Agency) reports")
    assert not expanded("VNA", "a VNA report")
    assert not expanded("NBC", "NBC terrorism (a topic)")


def test_catalogs_and_data_rows(tmp_path: Path) -> None:
    catalogs = tmp_path / "locales" / "en" / "LC_MESSAGES"
    write_po(
        catalogs / "a.po", {"一": "Asian Network of Major Cities 21 (ANMC21).", "二": "ANMC21 met."}
    )
    write_po(
        catalogs / "b.po",
        {"三": "Nothing here.", "四": "The TMG and the CPTA met; see `SQL` and https://x.org/ABC."},
    )
    write_po(catalogs / "glossary.po", {"都庁": "Tokyo Metropolitan Government (TMG)"})
    data = tmp_path / "data"
    data.mkdir()
    (data / "events.csv").write_text(
        'id,title_ja,title_en,note_en\ne1,x,"a\nmeeting",\ne2,x,FY2013 meeting,\n'
        "e3,x,VNA (Vietnam News Agency),\n",
        encoding="utf-8",
    )
    units = [*catalog_units(catalogs), *data_units(data)]
    found = unexplained(units, glossary_text(catalogs / "glossary.po"))
    lines = (catalogs / "b.po").read_text(encoding="utf-8").splitlines()
    cpta = next(i for i, text in enumerate(lines, 1) if "CPTA" in text)
    # the row after a two-line cell starts on line 4, not 3
    assert {(f.acronym, f.where) for f in found} == {
        ("CPTA", f"b.po:{cpta}"),
        ("FY2013", "events.csv:4"),
    }


def _one_defect_repo(tmp_path: Path) -> Path:
    """A repository whose English catalog is clean but one data row has 'URF' unexplained."""
    locales = tmp_path / "locales"
    catalogs = locales / "en" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    shutil.copy(REPO / "locales" / "languages.toml", locales)
    write_po(catalogs / "index.po", {"東京": "Tokyo and the Urban Resilience Forum Tokyo (URF)."})
    write_po(catalogs / "glossary.po", {"都庁": "Tokyo Metropolitan Government (TMG)"})
    data = tmp_path / "datapackage" / "data"
    data.mkdir(parents=True)
    (data / "events.csv").write_text(
        "id,title_ja,title_en,note_ja,note_en\n"
        "u20,U20,U20 Mayors Summit (Urban 20),,\n"
        "urf,URF,Forum,,Held with the URF.\n",
        encoding="utf-8",
    )
    return tmp_path


def _check(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["i18n", "--root", str(root), "check", "--lang", "en", *args])
    return result.exit_code, result.output


def test_check_fails_on_one_unexplained_acronym_and_passes_once_explained(
    tmp_path: Path,
) -> None:
    root = _one_defect_repo(tmp_path)
    code, output = _check(root)
    assert code == 1, output
    problems = [line for line in output.splitlines() if "[acronym]" in line]
    # the catalog expands URF, but a data row is its own unit of text
    assert len(problems) == 1, output
    (problem,) = problems
    assert problem.startswith("datapackage/data/events.csv:3: error: [acronym] acronym URF ")
    assert "; fix: spell it out in this row's _en cells" in problem
    assert "locales/en/LC_MESSAGES/glossary.po" in problem

    write_po(
        root / "locales" / "en" / "LC_MESSAGES" / "glossary.po",
        {
            "都庁": "Tokyo Metropolitan Government (TMG)",
            "都市の防災フォーラム": "Urban Resilience Forum Tokyo, URF for short.",
        },
    )
    code, output = _check(root)
    assert code == 0, output
    assert "0 error(s)" in output


def test_catalog_acronym_is_reported_at_its_msgstr_line(tmp_path: Path) -> None:
    root = _one_defect_repo(tmp_path)
    (root / "datapackage").rename(root / "elsewhere")  # no data: only the catalogs
    index = root / "locales" / "en" / "LC_MESSAGES" / "index.po"
    write_po(index, {"東京": "Tokyo.", "会議": "The SOM met."})
    code, output = _check(root)
    assert code == 1, output
    line = next(
        i
        for i, text in enumerate(index.read_text(encoding="utf-8").splitlines(), 1)
        if "SOM" in text
    )
    assert f"locales/en/LC_MESSAGES/index.po:{line}: error: [acronym] acronym SOM " in output
    assert "fix: spell it out where this page first uses it" in output


def test_multi_part_abbreviations_and_file_names() -> None:
    text = "the Creative Commons Attribution 4.0 International licence (CC BY 4.0)"
    assert expanded("CC", text) and expanded("BY", text)
    assert not expanded("NBC", "topics (NBC terrorism)")
    units = [Unit("a.po", ((3, "See CHANGELOG.md and the README, then README.md."),))]
    assert [(f.acronym, f.where) for f in unexplained(units, "")] == [("README", "a.po:3")]


def test_a_warning_until_the_glossary_is_translated(tmp_path: Path) -> None:
    """A language being added has no translated glossary yet: warn, fail only --strict."""
    root = _one_defect_repo(tmp_path)
    glossary = root / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    write_po(glossary, {"都庁": "Tokyo Metropolitan Government (TMG)", "総会": ""})
    code, output = _check(root)
    assert code == 0, output
    assert (
        "datapackage/data/events.csv:3: warning: [acronym] acronym URF is not explained "
        "(a warning until locales/en/LC_MESSAGES/glossary.po is fully translated)"
    ) in output
    assert _check(root, "--strict")[0] == 1
    glossary.unlink()
    assert _check(root)[0] == 0
    write_po(glossary, {"都庁": "Tokyo Metropolitan Government (TMG)"})
    assert _check(root)[0] == 1


def test_the_site_builds_catalog_gate_leaves_the_rule_to_i18n_check(tmp_path: Path) -> None:
    root = _one_defect_repo(tmp_path)
    assert [p.check for p in check(root, lang="en")] == ["acronym"]
    assert check(root, lang="en", acronyms=False) == []
    assert check(root, lang="en", page="index") == []  # one page: its catalog only
