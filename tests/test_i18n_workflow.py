"""update / stats / add and translated builds, on a tiny real Sphinx project in tmp_path."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.sitebuild.context import build_context, write_context
from city_diplomacy.translations.chrome import THEME
from city_diplomacy.translations.registry import SITE_STRINGS
from city_diplomacy.translations.stats import stats, switcher_languages

REPO = Path(__file__).resolve().parents[1]
PROJECT = Path(__file__).parent / "fixtures" / "i18n" / "project"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A repository copy: docs/ (Japanese), locales/ with the real registry, no catalogs."""
    repo = tmp_path / "repo"
    shutil.copytree(PROJECT, repo)
    (repo / "locales").mkdir()
    for name in ("languages.toml", "glossary.json"):
        shutil.copy(REPO / "locales" / name, repo / "locales" / name)
    return repo


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["i18n", "--root", str(root), *args])
    return result.exit_code, result.output


def po(root: Path, lang: str, page: str) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{page}.po"


def translate(path: Path, translations: dict[str, str]) -> None:
    """Fill entries whose msgid starts with a key, as a PO editor would."""
    catalog = polib.pofile(str(path))
    for entry in catalog:
        for start, text in translations.items():
            if entry.msgid.startswith(start):
                entry.msgstr = text
                if entry.fuzzy:
                    entry.flags.remove("fuzzy")
                    entry.previous_msgid = None
    catalog.save(str(path))


def build(root: Path, lang: str) -> tuple[Path, str]:
    out = root / "build" / lang
    # what the site build hands over: languages, notices, translation status
    context = write_context(root / "build" / "context.json", build_context(root))
    cmd = [sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", "-D", f"language={lang}"]
    cmd += ["-D", f"city_diplomacy_context={context}"]
    proc = subprocess.run(
        [*cmd, str(root / "docs"), str(out)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return out, proc.stderr


EN_INDEX = {
    "多都市間都市外交": "Multilateral city diplomacy",
    "東京都は": (
        "The Tokyo Metropolitan Government works with many cities. See {doc}`about` and "
        "[the official site](https://www.metro.tokyo.lg.jp/)."
    ),
    "気候変動": "They discuss climate change.",
    "目次": "Contents",
}
EN_ABOUT = {"このサイトについて": "About this site", "このサイトは": "Built from {{project}} data."}


def test_update_creates_catalogs_then_changes_nothing(root: Path) -> None:
    code, output = cli(root, "update")
    assert code == 0, output
    assert "new  locales/en/LC_MESSAGES/index.po" in output
    text = po(root, "en", "index").read_text(encoding="utf-8")
    assert "#: docs/index.md:3\n" in text  # locations relative to the repo, not the tmp dir
    status = po(root, "en", "info/status").read_text(encoding="utf-8")
    assert "#: docs/info/status.md:1\n" in status
    assert str(root) not in text and "POT-Creation-Date" not in text
    assert cli(root, "update", "--check") == (0, "catalogs are up to date\n")
    cli(root, "update")
    assert po(root, "en", "index").read_text(encoding="utf-8") == text
    assert not list(root.rglob("*.pot")) and not (root / "docs" / "_build").exists()


def test_catalogs_pass_gnu_msgfmt_check(root: Path) -> None:
    """What Weblate, Transifex and PO editors expect: valid gettext with a full header."""
    cli(root, "update")
    translate(po(root, "en", "index"), EN_INDEX)
    cli(root, "add", "ko")
    catalogs = sorted((root / "locales").rglob("*.po"))
    assert len(catalogs) == 8  # three pages and the chrome, two languages
    for path in catalogs:
        cmd = ["msgfmt", "--check", "-o", "/dev/null", str(path)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr


def test_update_check_fails_when_sources_change_and_keeps_previous_msgid(root: Path) -> None:
    cli(root, "update")
    translate(po(root, "en", "index"), EN_INDEX)
    assert cli(root, "update", "--check")[0] == 0
    index = root / "docs" / "index.md"
    index.write_text(index.read_text().replace("話し合う。", "話し合っている。"))
    before = po(root, "en", "index").read_text(encoding="utf-8")
    code, output = cli(root, "update", "--check")
    assert code == 1
    assert "outdated  locales/en/LC_MESSAGES/index.po" in output
    assert po(root, "en", "index").read_text(encoding="utf-8") == before  # nothing written
    assert cli(root, "update")[0] == 0
    entry = polib.pofile(str(po(root, "en", "index"))).find("気候変動への対応を話し合っている。")
    assert entry is not None and entry.fuzzy
    assert entry.previous_msgid == "気候変動への対応を話し合う。"
    assert entry.msgstr == "They discuss climate change."
    assert cli(root, "update", "--check")[0] == 0


def test_message_that_leaves_and_returns_gets_its_translation_back(root: Path) -> None:
    cli(root, "update")
    translate(po(root, "en", "index"), EN_INDEX)
    index = root / "docs" / "index.md"
    original = index.read_text()
    index.write_text(original.replace("気候変動への対応を話し合う。\n", ""))
    cli(root, "update")
    assert '#~ msgstr "They discuss climate change."' in po(root, "en", "index").read_text()
    pages = {page.page: page for page in stats(root, "en")[0].pages}
    assert pages["index"].counts.total == 3  # obsolete entries do not count
    index.write_text(original)
    assert cli(root, "update")[0] == 0
    entry = polib.pofile(str(po(root, "en", "index"))).find("気候変動への対応を話し合う。")
    assert entry is not None and not entry.obsolete and not entry.fuzzy
    assert entry.msgstr == "They discuss climate change."
    assert cli(root, "update", "--check")[0] == 0


def test_update_removes_catalog_of_deleted_page(root: Path) -> None:
    cli(root, "update")
    (root / "docs" / "info" / "status.md").unlink()
    index = root / "docs" / "index.md"
    index.write_text(index.read_text().replace("info/status\n", ""))
    code, output = cli(root, "update")
    assert code == 0 and "removed  locales/en/LC_MESSAGES/info/status.po" in output
    assert not po(root, "en", "info/status").exists()


def test_stats_table_and_json(root: Path) -> None:
    cli(root, "update")
    translate(po(root, "en", "about"), EN_ABOUT)
    code, output = cli(root, "stats", "--json")
    assert code == 0
    (en,) = json.loads(output)
    pages = {p["page"]: p for p in en["pages"]}
    assert pages["about"] == {
        "page": "about",
        "translated": 2,
        "fuzzy": 0,
        "untranslated": 0,
        "total": 2,
        "percent": 100.0,
    }
    assert pages["index"]["translated"] == 0 and pages["index"]["untranslated"] == 4
    # the site strings of languages.toml, then the theme's (translations.chrome.THEME)
    assert pages["_chrome"]["total"] == len(SITE_STRINGS) + len(THEME)
    assert en["translated"] == 2 and en["total"] == 2 + 4 + 6 + len(SITE_STRINGS) + len(THEME)
    code, table = cli(root, "stats", "--lang", "en")
    assert code == 0 and "[en] English" in table
    assert any(line.split()[:2] == ["about", "2"] for line in table.splitlines())


def test_injected_html_is_rejected_and_never_reaches_the_page(root: Path) -> None:
    cli(root, "update")
    evil = dict(EN_INDEX)
    evil["気候変動"] = (
        'They discuss <b onclick="steal()">climate</b> change.<script>alert(1)</script>'
    )
    evil["多都市間都市外交"] = "<img src=x onerror=alert(2)>Multilateral city diplomacy"
    translate(po(root, "en", "index"), evil)
    code, output = cli(root, "check", "--lang", "en")
    assert code == 1
    assert "locales/en/LC_MESSAGES/index.po" in output and "[html]" in output
    out, stderr = build(root, "en")
    assert "i18n_html" in stderr  # the build says what it dropped
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "They discuss" in soup.get_text()  # the translation itself is used
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    assert not soup.find_all("img")
    handlers = [a for tag in soup.find_all(True) for a in tag.attrs if a.startswith("on")]
    assert handlers == []


def test_untranslated_paragraphs_fall_back_to_japanese_with_a_notice(root: Path) -> None:
    cli(root, "update")
    partial = {k: v for k, v in EN_INDEX.items() if k != "気候変動"}
    translate(po(root, "en", "index"), partial)
    translate(po(root, "en", "about"), EN_ABOUT)
    out, _ = build(root, "en")
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    notice = index.select_one(".cd-untranslated-notice")
    assert notice is not None
    assert "not yet translated and are shown in Japanese" in notice.get_text()
    fallback = index.find("p", string="気候変動への対応を話し合う。")
    assert fallback is not None and fallback.get("lang") == "ja"
    assert "Tokyo Metropolitan Government works" in index.get_text()
    about = BeautifulSoup((out / "about.html").read_text(encoding="utf-8"), "html.parser")
    assert about.select_one(".cd-untranslated-notice") is None
    assert not about.select("[lang=ja]")
    translate(po(root, "en", "index"), EN_INDEX)  # everything, the toctree caption too
    out, _ = build(root, "en")
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.select_one(".cd-untranslated-notice") is None
    assert "Contents" in index.get_text()
    ja_out, _ = build(root, "ja")
    ja_index = (ja_out / "index.html").read_text(encoding="utf-8")
    assert "cd-untranslated-notice" not in ja_index


def test_translation_status_page_lists_languages_and_pages_left(root: Path) -> None:
    cli(root, "update")
    translate(po(root, "en", "about"), EN_ABOUT)
    out, _ = build(root, "ja")
    soup = BeautifulSoup((out / "info" / "status.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("table.cd-translation-status")
    assert table is not None
    cells = [td.get_text(" ", strip=True) for td in table.select("tbody tr td")]
    assert cells[0] == "English (en)"
    # 12 page messages, 8 site strings, the theme's strings
    total = 12 + len(SITE_STRINGS) + len(THEME)
    assert cells[1] == f"{100 * 2 / total:.1f} %" and cells[2] == f"2 / {total}"
    assert "index" not in cells[4] and "about" not in cells[4]  # links show page titles
    assert "多都市間都市外交" in cells[4] and "このサイトについて" not in cells[4]


def test_add_language_end_to_end(root: Path) -> None:
    cli(root, "update")
    code, output = cli(root, "add", "fr", "--threshold", "50")
    assert code == 0, output
    registry = tomllib.loads((root / "locales" / "languages.toml").read_text(encoding="utf-8"))
    fr = registry["language"][-1]
    assert fr["code"] == "fr" and fr["english_name"] == "French" and fr["threshold"] == 50
    assert fr["name"] == "français" and fr["title"]  # the site builder needs a title
    assert po(root, "fr", "index").exists() and po(root, "fr", "about").exists()
    header = polib.pofile(str(po(root, "fr", "index"))).metadata
    assert header["Language"] == "fr" and header["Plural-Forms"].startswith("nplurals=3;")
    assert cli(root, "add", "fr")[0] == 2  # already registered
    assert cli(root, "add", "not a code")[0] == 2
    assert [lang.code for lang in switcher_languages(root)] == ["ja"]  # en, fr untranslated

    translate(po(root, "fr", "index"), {"多都市間都市外交": "Diplomatie multilatérale des villes"})
    translate(po(root, "fr", "about"), {"このサイトについて": "À propos de ce site"})
    assert cli(root, "update", "--check")[0] == 0
    out, _ = build(root, "fr")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Diplomatie multilatérale des villes" in page
    assert "cd-untranslated-notice" in page
    assert "fr" not in [lang.code for lang in switcher_languages(root)]  # 2 of 19 < 50 %: hidden

    translate(
        po(root, "fr", "index"),
        {
            "東京都は": "Le TMG coopère. {doc}`about`, [site](https://www.metro.tokyo.lg.jp/).",
            "気候変動": "Climat.",
        },
    )
    translate(po(root, "fr", "about"), {"このサイトは": "Données {{project}}."})
    translate(po(root, "fr", "info/status"), {"翻訳状況": "État des traductions"})
    (fr_stats,) = stats(root, "fr")
    total = 12 + len(SITE_STRINGS) + len(THEME)  # page messages, site strings, the theme's strings
    assert fr_stats.counts.percent == round(100 * 6 / total, 1)
    assert "fr" not in [lang.code for lang in switcher_languages(root)]
    chrome = polib.pofile(str(po(root, "fr", "_chrome")))
    for entry in chrome:
        entry.msgstr = f"[fr] {entry.msgid}"
    chrome.save(str(po(root, "fr", "_chrome")))
    (fr_stats,) = stats(root, "fr")
    assert fr_stats.counts.percent == round(100 * (6 + len(SITE_STRINGS) + len(THEME)) / total, 1)
    assert fr_stats.pending_fields == []
    assert [lang.code for lang in switcher_languages(root)] == ["ja", "fr"]
    assert cli(root, "check", "--lang", "fr")[0] == 0


def test_update_usage_and_input_errors(root: Path) -> None:
    assert cli(root, "update", "--lang", "xx")[0] == 2
    (root / "docs" / "index.md").write_text("# 見出し\n\n```{no-such-directive}\n```\n")
    (root / "docs" / "conf.py").write_text("raise RuntimeError('broken conf')\n")
    code, output = cli(root, "update")
    assert code == 1 and "message extraction failed" in output and "broken conf" in output
    (root / "docs" / "conf.py").unlink()
    code, output = cli(root, "update")
    assert code == 1 and "no conf.py" in output
    assert not (root / "locales" / "en").exists()  # nothing written
