"""Translation both ways: labels reach the .pot, data values do not; .po labels show up."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from city_diplomacy.sphinxext.labels import ENUMS
from test_sphinxext import PAGES, make_project, run_build, text_of

TOC = "\n```{toctree}\nu20\ncities\n```\n"
CITIES = "# c\n\n```{cd-map}\n```\n\n```{cd-cities}\n```\n"
ANMC = {
    "index.md": PAGES["networks/anmc21.md"] + TOC,
    "u20.md": PAGES["networks/u20.md"],
    "cities.md": CITIES,
}


def msgids(pot: str) -> set[str]:
    found = set()
    for line in pot.splitlines():
        if line.startswith('msgid "') and line != 'msgid ""':
            found.add(line[len('msgid "') : -1])
    return found


def test_gettext_extracts_labels_not_data(tmp_path: Path) -> None:
    result = run_build(make_project(tmp_path, ANMC), "gettext")
    assert result.warnings == ""
    ids = msgids(result.page("index.pot"))
    labels = (
        "設立時期",
        "状況",
        "東京都の役割",
        "出典",
        "活動休止中",
        "創設メンバー",
        "{date}から",
    )
    for label in labels:
        assert label in ids
    assert "加盟・脱退の記録（{count}都市）" in ids
    all_text = "".join(p.read_text(encoding="utf-8") for p in result.outdir.rglob("*.pot"))
    every = msgids(all_text)
    assert "東京" not in every
    values = ("試験ネットワーク21", "台北", "ソウル", "2001年", "試験用の要約", "src-a", "台湾")
    for value in values:
        assert not [m for m in every if value in m], value
    cities = msgids(result.page("cities.pot"))
    assert "国・地域" in cities
    assert "都市の位置（{count}都市、各点は都市一覧の項目へのリンク）" in cities
    # each label names the line of its directive, so translators see the context
    assert "index.md:3" in result.page("index.pot")


def test_translated_labels_in_english_build(tmp_path: Path) -> None:
    catalogs = {
        "index": {
            "設立時期": "Founded",
            "{date}から": "since {date}",
            "加盟・脱退の記録（{count}都市）": "Joins and withdrawals ({count} cities)",
            "活動休止中": "suspended",
            "設立": "founding",  # an event's kind, in its details
        },
        "u20": {"{date}時点（{count}都市）": "As of {date} ({count} cities)"},
    }
    src = make_project(tmp_path, ANMC, catalogs=catalogs)
    result = run_build(src, language="en")
    assert result.warnings == ""
    text = text_of(result.page("index.html"))
    assert "Founded" in text
    assert "since October 2001" in text
    assert "Joins and withdrawals (3 cities)" in text
    assert "suspended" in text
    assert "設立" not in text
    assert "Test Network 21" in text  # data from name_en, not from a catalog
    u20 = text_of(result.page("u20.html"))
    assert "As of October 2018 (2 cities)" in u20
    assert "As of November 2020 (1 cities)" in u20


def test_translation_that_drops_a_placeholder_warns(tmp_path: Path) -> None:
    catalogs = {"index": {"{date}から": "since then"}}
    src = make_project(tmp_path, ANMC, catalogs=catalogs)
    result = run_build(src, language="en")
    assert "lacks the placeholder(s) {date}" in result.warnings
    assert "[city_diplomacy.placeholder]" in result.warnings


COMPENDIUM = (
    Path(__file__).parents[1] / "src" / "city_diplomacy" / "sphinxext" / "compendium" / "en.po"
)
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")


def ascii_pages() -> dict[str, str]:
    """The test pages with their prose removed: only directives and roles remain."""
    pages = {}
    for name, text in PAGES.items():
        kept = [line for line in text.splitlines() if not JAPANESE.search(line)]
        pages[name] = "# Page\n\n" + "\n".join(kept[1:]) + "\n"
    return pages


def test_compendium_covers_every_label(tmp_path: Path) -> None:
    catalog = polib.pofile(str(COMPENDIUM))
    translations = {entry.msgid: entry.msgstr for entry in catalog}
    for labels in ENUMS.values():
        assert set(labels.values()) <= set(translations)
    for msgid, msgstr in translations.items():
        assert msgstr, msgid
        assert sorted(re.findall(r"\{\w+\}", msgid)) == sorted(re.findall(r"\{\w+\}", msgstr))
    result = run_build(make_project(tmp_path, ascii_pages()), "gettext")
    assert result.warnings == ""
    emitted = set()
    for pot in result.outdir.rglob("*.pot"):
        emitted |= msgids(pot.read_text(encoding="utf-8"))
    assert emitted - {"Page"} <= set(translations), emitted - set(translations)


def test_english_build_with_the_compendium_has_no_japanese_left(tmp_path: Path) -> None:
    pages = ascii_pages()
    catalog = polib.pofile(str(COMPENDIUM))
    messages = {entry.msgid: entry.msgstr for entry in catalog}
    catalogs = {name.removesuffix(".md"): messages for name in pages}
    result = run_build(make_project(tmp_path, pages, catalogs=catalogs), language="en")
    assert result.warnings == ""
    for name in pages:
        page = result.page(name.replace(".md", ".html"))
        body = page[page.index("<article") : page.index("</article>")]
        # the descriptor's own title is data and bilingual on purpose
        left = JAPANESE.findall(text_of(body).replace("(多都市間都市外交)", ""))
        assert not left, (name, "".join(left))
