"""A new language from ``i18n add`` to a whole one-language preview, and the checks' advice."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urljoin

import polib
from bs4 import BeautifulSoup
from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.cli.i18n import next_steps
from city_diplomacy.sitebuild.build import Project, build_site, check_catalogs
from city_diplomacy.translations.registry import SITE_STRINGS, languages
from city_diplomacy.translations.stats import stats
from site_support import copy_project

REPO = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "i18n" / "project"


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["i18n", "--root", str(root), *args])
    return result.exit_code, result.output


def catalog(root: Path, lang: str, page: str) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{page}.po"


def fill(path: Path, by_start: dict[str, str], fuzzy: bool = False) -> None:
    """Write translations into the entries whose msgid starts with a key."""
    po = polib.pofile(str(path))
    for entry in po:
        for start, text in by_start.items():
            if entry.msgid.startswith(start):
                entry.msgstr = text
                if fuzzy and "fuzzy" not in entry.flags:
                    entry.flags.append("fuzzy")
    po.save(str(path))


def fixture_root(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    (root / "locales").mkdir()
    for name in ("languages.toml", "glossary.json"):
        shutil.copy(REPO / "locales" / name, root / "locales" / name)
    return root


FR_CHROME = {
    "東京都の多都市間都市外交": "La diplomatie multilatérale des villes de Tokyo",
    "東京都が参加する": "Données ouvertes sur les réseaux de villes auxquels Tokyo participe",
    "このページの一部は": "Une partie de cette page reste en japonais.",
    "言語": "Langues",
    "版": "Éditions",
    "最新版": "la version la plus récente",
    "このページは旧版": "Cette page appartient à la version {version}. Voir {newest}.",
    "公開中の安定版は": "La version stable est {stable}.",
}


def test_add_registers_every_field_and_marks_what_needs_translating(tmp_path: Path) -> None:
    root = fixture_root(tmp_path)
    code, output = cli(root, "add", "fr")
    assert code == 0, output
    for line in next_steps("fr"):
        assert line in output
    assert "make site LANG=fr" in output and "http://127.0.0.1:8000/fr/latest/" in output
    entry = tomllib.loads((root / "locales" / "languages.toml").read_text(encoding="utf-8"))
    fr = entry["language"][-1]
    source = entry["language"][0]
    assert set(SITE_STRINGS) <= set(fr) and fr["needs_translation"] == list(SITE_STRINGS)
    # until translated, the source language's text, never another translation's (English)
    assert all(fr[key] == source[key] for key in SITE_STRINGS)
    assert (root / "locales" / "fr" / "README.md").is_file()
    (fr_stats,) = stats(root, "fr")
    assert fr_stats.pending_fields == list(SITE_STRINGS)
    assert "site strings still in the source language" in cli(root, "stats", "--lang", "fr")[1]

    fill(catalog(root, "fr", "_chrome"), FR_CHROME)
    (fr_stats,) = stats(root, "fr")
    assert fr_stats.pending_fields == []
    assert "site strings still" not in cli(root, "stats", "--lang", "fr")[1]


def test_check_says_how_to_fix_and_fuzzy_entries_never_fail(tmp_path: Path) -> None:
    root = fixture_root(tmp_path)
    assert cli(root, "add", "fr")[0] == 0
    index = catalog(root, "fr", "index")
    fill(index, {"東京都は": "Le TMG coopère. Voir about et le site officiel."})
    code, output = cli(root, "check", "--lang", "fr")
    assert code == 1
    assert "fix: copy the markup unchanged from the msgid: [" in output
    assert "{doc}`about`" in output

    # the same broken markup in a fuzzy entry: a warning that says what to do, no failure
    fill(index, {"東京都は": "Le TMG <b>coopère</b>."}, fuzzy=True)
    code, output = cli(root, "check", "--lang", "fr")
    assert code == 0, output
    assert "remove the `#, fuzzy` line once reviewed" in output
    assert "in a fuzzy entry" in output and output.splitlines()[-1].startswith("0 error(s)")
    assert check_catalogs(Project(root), ["fr"]) == []  # the site build goes ahead

    # a summary by default, every entry with --verbose, one page with --page
    lines = output.splitlines()
    assert not any("[untranslated]" in line for line in lines)
    assert any(line.strip().startswith("locales/fr/LC_MESSAGES/about.po") for line in lines)
    verbose = cli(root, "check", "--lang", "fr", "--verbose")[1]
    assert "[untranslated]" in verbose and "fix: write the msgstr" in verbose
    one = cli(root, "check", "--lang", "fr", "--page", "index", "--verbose")[1]
    assert "index.po" in one and "about.po" not in one
    code, output = cli(root, "check", "--lang", "fr", "--page", "nope")
    assert code == 2 and "no catalog for page 'nope'" in output


def test_rules_of_a_new_language_cannot_break_another_language(tmp_path: Path) -> None:
    root = fixture_root(tmp_path)
    assert cli(root, "update")[0] == 0
    assert cli(root, "add", "fr")[0] == 0
    rules = root / "locales" / "fr" / "README.md"
    with rules.open("a", encoding="utf-8") as stream:
        stream.write("- Espace insécable avant `:` et <b>guillemets</b> « ».\n")
    before = {p: p.read_bytes() for p in (root / "locales" / "en").rglob("*.po")}
    code, output = cli(root, "update")
    assert code == 0 and "catalogs are up to date" in output
    assert {p: p.read_bytes() for p in (root / "locales" / "en").rglob("*.po")} == before
    assert check_catalogs(Project(root), ["en", "fr"]) == []
    for lang in ("ja", "en"):
        out = tmp_path / "out" / lang
        cmd = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", f"language={lang}"]
        proc = subprocess.run(
            [*cmd, str(root / "docs"), str(out)], capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0 and "ERROR" not in proc.stderr, proc.stderr
        assert "insécable" not in (out / "index.html").read_text(encoding="utf-8")


def _switcher_links(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one("nav.cd-language-switcher")
    return [str(a["href"]) for a in nav.select("a[href]")] if nav else []


#: two of the theme's strings translated; the rest fall back (see the test below)
FR_THEME = {"本文へ移動": "Aller au contenu", "{sphinx} と": "Réalisé avec {sphinx} et {furo}"}


def test_one_language_preview_is_whole(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    (root / "pyproject.toml").write_bytes((REPO / "pyproject.toml").read_bytes())
    assert cli(root, "add", "fr")[0] == 0
    fill(catalog(root, "fr", "_chrome"), FR_CHROME)
    fill(catalog(root, "fr", "index"), {"目次": "Sommaire"})
    fill(catalog(root, "fr", "_chrome"), FR_THEME)
    english = next(lang for lang in languages(root) if lang.code == "en")

    out = tmp_path / "site"
    result = build_site(root, out=out, languages=["fr"])
    assert result.built == ["fr"]
    tree = out / "fr" / "latest"
    index = tree / "index.html"
    html = index.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html is not None and soup.html["lang"] == "fr"
    assert soup.title is not None and FR_CHROME["東京都の多都市間都市外交"] in soup.title.get_text()
    assert "Sommaire" in html
    # no English site string leaks in: each is the French translation or Japanese
    for key in SITE_STRINGS:
        value = getattr(english, key)
        assert value.split("{")[0] not in html, key
    # nor the theme's (Furo's) English: translated, else Sphinx's French, else Japanese
    for text in ("Skip to content", "Back to top", "Toggle", "Made with", "Light mode"):
        assert text not in html, text
    assert soup.select_one("a.skip-to-content").get_text(strip=True) == "Aller au contenu"  # type: ignore[union-attr]
    assert "Réalisé avec" in soup.select_one(".bottom-of-page").get_text()  # type: ignore[union-attr]
    assert soup.select_one("#__navigation")["aria-label"] == "サイトのメニューを開く・閉じる"  # type: ignore[index]
    assert soup.select_one("#searchbox input, .sidebar-search")["placeholder"] == "Recherche"  # type: ignore[index]
    notice = soup.select_one(".cd-untranslated-notice")
    assert notice is not None and FR_CHROME["このページの一部は"] in notice.get_text()
    # the switcher links only to pages that exist in this preview
    for page in [index, *sorted(tree.glob("networks/*.html"))[:2]]:
        for href in _switcher_links(page):
            target = Path(urljoin(page.as_uri(), href).removeprefix("file://"))
            assert target.is_file(), (page, href)
    # the root page lists what was built
    root_page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert root_page.title is not None and root_page.title.get_text().strip()
    assert [a["href"] for a in root_page.select("main a")] == ["fr/latest/index.html"]
