"""A cheap Japanese word splitter for Sphinx's own search index (the file:// fallback).

Sphinx's default, TinySegmenter, costs about a third of a large build. Pagefind serves
search over HTTP; the fallback only needs matches, so CJK runs are cut into overlapping
bigrams (気候変動 -> 気候 候変 変動). The search page cuts queries the same way
(``docs/_static/cd-search.js``), so compounds match. Selected in ``conf.py`` through
``html_search_options = {"type": "city_diplomacy.sphinxext.search_ja.BigramSplitter"}``.
"""

from __future__ import annotations

import re

CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
# Word parts (letters, digits, underscore) cut into CJK and non-CJK runs, as the JS does.
RUN = re.compile(rf"[{CJK}]+|[^\W{CJK}]+")
IS_CJK = re.compile(rf"[{CJK}]")


def bigrams(run: str) -> list[str]:
    """Overlapping two-character pieces of a CJK run (a one-character run stays whole)."""
    if len(run) < 3:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


class BigramSplitter:
    """Splitter for ``sphinx.search.ja.SearchJapanese`` (``html_search_options['type']``)."""

    def __init__(self, options: dict[str, str]) -> None:
        self.options = options

    def split(self, text: str) -> list[str]:
        """Words of ``text``: Latin words whole, CJK runs as bigrams."""
        words: list[str] = []
        for run in RUN.findall(text):
            words += bigrams(run) if IS_CJK.match(run) else [run]
        return words
