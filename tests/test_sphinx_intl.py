"""The standard Sphinx workflow of the translators' guide (``sphinx-build -b gettext`` +
``sphinx-intl``) agrees with ``city-diplomacy i18n``, or differs only as the guide says.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import polib
from click.testing import CliRunner

from city_diplomacy.cli import main
from site_support import ROOT, copy_project

SPHINX_INTL = str(Path(sys.executable).parent / "sphinx-intl")
STAT_LINE = re.compile(
    r"^(?P<path>.+\.po): (?P<translated>\d+) translated, (?P<fuzzy>\d+) fuzzy, "
    r"(?P<untranslated>\d+) untranslated\.$"
)


def run(*cmd: str, status: int = 0) -> str:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == status, result.stdout + result.stderr
    return result.stdout


def catalogs(locales: Path) -> dict[str, bytes]:
    return {p.relative_to(locales).as_posix(): p.read_bytes() for p in locales.rglob("*.po")}


def test_sphinx_intl_update_leaves_our_catalogs_unchanged(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    pot = tmp_path / "gettext"
    run(
        sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-E", str(project / "docs"), str(pot)
    )
    locales = project / "locales"
    out = run(SPHINX_INTL, "update", "-p", str(pot), "-l", "en", "-d", str(locales))
    before = catalogs(ROOT / "locales")
    assert before
    assert catalogs(locales) == before
    # _chrome.po (the site strings, see translations/chrome.py) has no page and so no .pot
    pages = [name for name in before if not name.endswith("/_chrome.po")]
    assert out.count("Not Changed:") == len(pages), out


def sphinx_intl_stat(locales: Path, status: int = 0) -> dict[str, tuple[int, int, int]]:
    """``sphinx-intl stat`` per page: (translated, fuzzy, untranslated); exits 1 on any
    fuzzy or untranslated entry."""
    out = run(SPHINX_INTL, "stat", "-l", "en", "-d", str(locales), status=status)
    rows = {}
    base = locales / "en" / "LC_MESSAGES"
    for line in out.splitlines():
        found = STAT_LINE.match(line)
        assert found, line
        page = Path(found["path"]).relative_to(base).with_suffix("").as_posix()
        rows[page] = (int(found["translated"]), int(found["fuzzy"]), int(found["untranslated"]))
    return rows


def our_stats(root: Path) -> dict[str, tuple[int, int, int]]:
    """``city-diplomacy i18n stats --json`` per page: (translated, fuzzy, untranslated)."""
    result = CliRunner().invoke(
        main, ["i18n", "--root", str(root), "stats", "--lang", "en", "--json"]
    )
    assert result.exit_code == 0, result.output
    (language,) = json.loads(result.output)
    return {p["page"]: (p["translated"], p["fuzzy"], p["untranslated"]) for p in language["pages"]}


def test_sphinx_intl_stat_differs_only_on_fuzzy_entries_as_the_guide_says(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    locales = project / "locales"
    assert sphinx_intl_stat(locales) == our_stats(project)  # no fuzzy entry: the same
    path = locales / "en" / "LC_MESSAGES" / "about.po"
    po = polib.pofile(str(path), wrapwidth=0)
    live = [entry for entry in po if not entry.obsolete]
    for entry in live[:2]:  # fuzzy with the old translation kept (what msgmerge makes)
        entry.flags.append("fuzzy")
    live[2].flags.append("fuzzy")  # fuzzy without a translation
    live[2].msgstr = ""
    po.save(str(path))
    ours, theirs = our_stats(project), sphinx_intl_stat(locales, status=1)
    total = len(live)
    assert ours.pop("about") == (total - 3, 3, 0)
    # sphinx-intl counts a fuzzy entry as translated (text) or untranslated (no text) too.
    assert theirs.pop("about") == (total - 1, 3, 1)
    assert theirs == ours
