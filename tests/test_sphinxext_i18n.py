"""Translation both ways: labels reach the .pot, data values do not; .po labels show up."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString

from city_diplomacy.sphinxext.i18n_notice import NOTICE_CLASS
from city_diplomacy.sphinxext.labels import ENUMS
from city_diplomacy.sphinxext.lang_runs import mark_code
from test_sphinxext import PAGES, Build, make_project, run_build, text_of

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
    assert "都市の位置（{count}都市、各点は都市のページへのリンク）" in cities
    assert "参加した行事" in cities  # a city page's label, kept in the index's catalog
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


def _lang_of(node: Tag | NavigableString) -> str | None:
    """The ``lang`` of the nearest ancestor (or the element itself) that has one."""
    element = node if isinstance(node, Tag) else node.parent
    while element is not None:
        lang = element.get("lang")
        if isinstance(lang, str):
            return lang
        element = element.parent
    return None


def japanese_outside_lang_ja(page: str) -> list[str]:
    """Text with Japanese characters whose nearest ``lang`` ancestor is not ``ja``."""
    soup = BeautifulSoup(page, "html.parser")
    found = []
    for text in soup.find_all(string=JAPANESE):
        if isinstance(text, Comment) or text.parent is None:
            continue
        if text.parent.name in ("script", "style"):
            continue
        if _lang_of(text) != "ja":
            found.append(str(text).strip())
    return found


def full_english_build(tmp_path: Path, drop: tuple[str, str] | None = None) -> Build:
    """The directive pages built in English with the compendium as every page's catalog.

    ``drop`` = (page, msgid) leaves one message out of that page's catalog.
    """
    pages = ascii_pages()
    catalog = polib.pofile(str(COMPENDIUM))
    messages = {entry.msgid: entry.msgstr for entry in catalog} | {"Page": "Page"}
    catalogs = {name.removesuffix(".md"): dict(messages) for name in pages}
    if drop is not None:
        del catalogs[drop[0]][drop[1]]
    result = run_build(make_project(tmp_path, pages, catalogs=catalogs), language="en")
    assert result.warnings == ""
    return result


def test_english_build_has_no_japanese_outside_lang_ja(tmp_path: Path) -> None:
    result = full_english_build(tmp_path)
    pages = sorted(result.outdir.rglob("*.html"))
    assert len(pages) >= len(PAGES)
    for path in pages:
        left = japanese_outside_lang_ja(path.read_text(encoding="utf-8"))
        assert not left, (path.name, left)
    # the check sees Japanese where it is: source titles carry lang="ja"
    data = BeautifulSoup(result.page("data.html"), "html.parser")
    original = data.find(string="試験資料A")
    assert original is not None and _lang_of(original) == "ja"


CODE_PAGE = """# Page

```bibtex
@misc{t, title = {Tokyo (多都市間 都市外交)}, note = {都市外交}}
```

```python
name = "東京都"  # 都の名前
```

```
plain 東京 text
```
"""


@pytest.mark.parametrize("language", ["en", "ja"])
def test_japanese_in_code_blocks_is_marked_on_pages_not_in_japanese(
    tmp_path: Path, language: str
) -> None:
    result = run_build(
        make_project(tmp_path, {"index.md": CODE_PAGE}, catalogs={"index": {"Page": "Page"}}),
        language=language,
    )
    assert result.warnings == ""
    page = BeautifulSoup(result.page("index.html"), "html.parser")
    blocks = page.find_all("pre")
    assert len(blocks) == 3
    runs = [text for pre in blocks for text in pre.find_all(string=JAPANESE)]
    shown = "".join(JAPANESE.findall("".join(pre.get_text() for pre in blocks)))
    assert shown == "多都市間都市外交都市外交東京都都の名前東京"
    marked = [pre.find_all("span", lang="ja") for pre in blocks]
    if language == "ja":  # the page's own language: nothing to mark
        assert marked == [[], [], []]
        return
    assert all(_lang_of(text) == "ja" for text in runs), runs
    assert japanese_outside_lang_ja(str(page)) == []
    # the code itself is unchanged: same text, highlighting kept
    assert blocks[0].get_text() == (
        "@misc{t, title = {Tokyo (多都市間 都市外交)}, note = {都市外交}}\n"
    )
    assert blocks[1].find("span", class_="s2") is not None


def test_mark_code_leaves_tags_and_text_outside_pre_alone() -> None:
    body = (
        '<p>地の文</p><pre class="x" title="題">a 東京 b<span class="s">"都市"</span></pre>'
        "<pre>ascii</pre>"
    )
    assert mark_code(body) == (
        '<p>地の文</p><pre class="x" title="題">a <span lang="ja">東京</span> b'
        '<span class="s">"<span lang="ja">都市</span>"</span></pre><pre>ascii</pre>'
    )


def test_untranslated_notice_only_where_a_message_lacks_a_translation(tmp_path: Path) -> None:
    complete = full_english_build(tmp_path / "complete")
    pages = sorted(complete.outdir.rglob("*.html"))
    assert len(pages) >= len(PAGES)
    for path in pages:
        assert NOTICE_CLASS not in path.read_text(encoding="utf-8"), path.name
    partial = full_english_build(tmp_path / "partial", drop=("networks/anmc21", "設立時期"))
    anmc = partial.page("networks/anmc21.html")
    assert NOTICE_CLASS in anmc
    soup = BeautifulSoup(anmc, "html.parser")
    untranslated = soup.find(string="設立時期")
    assert untranslated is not None and _lang_of(untranslated) == "ja"
    for path in sorted(partial.outdir.rglob("*.html")):
        if path.name != "anmc21.html":
            assert NOTICE_CLASS not in path.read_text(encoding="utf-8"), path.name


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>'


@pytest.mark.parametrize(("translated", "notice"), [(True, False), (False, True)])
def test_untranslated_notice_for_an_image_follows_its_alt_text(
    tmp_path: Path, translated: bool, notice: bool
) -> None:
    pages = {"index.md": "# Page\n\n```{image} pic.svg\n:alt: 絵の説明\n```\n", "pic.svg": SVG}
    messages = {"Page": "Page"} | ({"絵の説明": "A picture"} if translated else {})
    result = run_build(make_project(tmp_path, pages, catalogs={"index": messages}), language="en")
    assert result.warnings == ""
    page = result.page("index.html")
    assert (NOTICE_CLASS in page) is notice
    assert ('alt="A picture"' in page) is translated
