"""On a page not in Japanese, put every run of Japanese characters in ``lang="ja"``.

Data in another language can quote Japanese (a field description giving a bureau's
Japanese name, the descriptor's bilingual title). WCAG 2.1 SC 3.1.2 asks that such
parts carry their language, so screen readers switch voices. Directives mark whole
values they know to be Japanese; this transform catches the runs inside other text.
It runs after :mod:`.i18n_notice`, which marks whole untranslated nodes.

Code blocks are highlighted (Pygments) only when the page is written, so their text
cannot be marked in the doctree; :func:`mark_code` marks the Japanese runs inside each
``<pre>`` of the page body on ``html-page-context`` instead (a BibTeX or CFF title, a
CSV row quoted in a guide).

The converse is left alone on purpose: Latin text in code on a Japanese page (field
names, commands, identifiers, ``title-en`` values) is not prose in another language but
code, which screen readers spell out whatever the ``lang``; the English prose titles
that a Japanese page shows outside code are marked ``lang="en"`` where they are
written (:mod:`.sourcecite`).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from city_diplomacy.sphinxext.data import page_language

#: Kana, CJK ideographs, CJK punctuation and full-width forms, with spaces inside a run.
JAPANESE_RUN = re.compile(
    r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff9f]"
    r"(?:[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff9f ]*"
    r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff9f])?"
)

#: Nodes whose text must stay one plain string (code, raw output, comments).
_LEAVE = (nodes.FixedTextElement, nodes.raw, nodes.comment, nodes.Invisible)

MARK = "language-ja"  # the HTML writer turns the class into lang="ja"


def _nearest_language(node: nodes.Element | None) -> str | None:
    while node is not None:
        for cls in node.get("classes", []):
            if cls.startswith("language-"):
                return str(cls).removeprefix("language-")
        if isinstance(node, _LEAVE):
            return "-"
        node = node.parent
    return None


def mark_runs(root: nodes.Element) -> None:
    """Wrap Japanese runs of text under ``root`` not already inside ``language-ja``."""
    for text in list(root.findall(nodes.Text)):
        parent = text.parent
        if parent is None or not JAPANESE_RUN.search(text):
            continue
        if _nearest_language(parent) in ("ja", "-"):
            continue
        parts: list[nodes.Node] = []
        position = 0
        for match in JAPANESE_RUN.finditer(text):
            if match.start() > position:
                parts.append(nodes.Text(text[position : match.start()]))
            parts.append(nodes.inline("", match.group(0), classes=[MARK]))
            position = match.end()
        if position < len(text):
            parts.append(nodes.Text(text[position:]))
        parent.replace(text, parts)


class MarkJapaneseRuns(SphinxTransform):
    """On every build whose page language is not Japanese."""

    default_priority = 28  # after Locale (20) and the untranslated notice (26)

    def apply(self, **kwargs: Any) -> None:
        if page_language(self.env) != "ja":
            mark_runs(self.document)


_PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.S)
_TAG = re.compile(r"(<[^>]*>)")


def _mark_pre(match: re.Match[str]) -> str:
    parts = _TAG.split(match.group(2))  # text, tag, text, tag, …, text
    parts[::2] = [
        JAPANESE_RUN.sub(lambda run: f'<span lang="ja">{run.group(0)}</span>', text)
        for text in parts[::2]
    ]
    return match.group(1) + "".join(parts) + match.group(3)


def mark_code(body: str) -> str:
    """``body`` (HTML) with each Japanese run inside ``<pre>`` in ``<span lang="ja">``.

    Only text between tags changes (a tag's attributes are never touched); the runs are
    cut where highlighting puts a tag, and each piece is marked.
    """
    return _PRE.sub(_mark_pre, body) if "<pre" in body else body


def _mark_code_blocks(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if isinstance(body, str) and page_language(app.env) != "ja":
        context["body"] = mark_code(body)


def setup_lang_runs(app: Sphinx) -> None:
    app.add_transform(MarkJapaneseRuns)
    app.connect("html-page-context", _mark_code_blocks)
