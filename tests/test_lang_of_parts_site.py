"""WCAG 2.1 SC 3.1.2 on the real site: no Japanese text on an English page stands outside
an element with ``lang="ja"``, code blocks (``<pre>``) included."""

from __future__ import annotations

from bs4 import BeautifulSoup

from site_support import BuiltSite
from test_sphinxext_i18n import JAPANESE, japanese_outside_lang_ja


def test_no_japanese_outside_lang_ja_on_english_pages(built_site: BuiltSite) -> None:
    pages = sorted((built_site.out / "en" / "latest").rglob("*.html"))
    assert len(pages) > 130  # the documents and a page per city (99)
    left = {
        str(path.relative_to(built_site.out)): found
        for path in pages
        if (found := japanese_outside_lang_ja(path.read_text(encoding="utf-8")))
    }
    assert left == {}


def test_japanese_in_the_cite_pages_code_is_marked(built_site: BuiltSite) -> None:
    page = BeautifulSoup(
        (built_site.out / "en" / "latest" / "cite.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    marked = [span for pre in page.find_all("pre") for span in pre.find_all("span", lang="ja")]
    assert marked, "the BibTeX and CFF blocks quote the Japanese title"
    assert all(JAPANESE.search(span.get_text()) for span in marked)
