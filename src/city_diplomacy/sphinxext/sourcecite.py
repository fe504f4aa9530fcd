"""A source cited the bibliographic way: ``Original title [Our translation] (Publisher)``.

The original title stays as published, marked with the source's ``language`` when that
is not the page's (``lang="en"`` on a Japanese page, ``lang="ja"`` on an English one).
Our own translation of it (``title_<page language>``, empty in the original's language)
follows in square brackets, in the page's language; the sources page says that
bracketed titles are the project's translations. The publisher is given in the page's
language (``publisher_<page language>``); a page language without such a column falls
back to the project's source language, marked with its ``lang``, never silently to
English.
"""

from __future__ import annotations

from docutils import nodes

from city_diplomacy.data.records import Source
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.data import localized

#: Language of the project's own texts, the fallback for a publisher's name.
SOURCE_LANGUAGE = "ja"

#: Class of the bracketed translation of a title.
TRANSLATION_CLASS = "cd-source-translation"


def _marked(text: str, language: str, page: str, *classes: str) -> nodes.inline:
    return cdn.value_inline(text, *classes, language=language if language != page else None)


def title_nodes(source: Source, page: str) -> list[nodes.Node]:
    """The original title (linked to the document), then ``[our translation]`` if any."""
    original = _marked(source.title, source.language, page, "cd-source-title")
    out: list[nodes.Node] = [cdn.external_link(source.url, original)]
    translated = localized(source, "title", page) if source.language != page else ""
    if translated:
        out += [nodes.Text(" ["), cdn.value_inline(translated, TRANSLATION_CLASS), nodes.Text("]")]
    return out


def publisher_node(source: Source, page: str) -> nodes.inline:
    """The publisher's name in the page's language, else in the project's source language."""
    for language in (page, SOURCE_LANGUAGE):
        name = localized(source, "publisher", language)
        if name:
            return _marked(name, language, page, "cd-source-publisher")
    return _marked(source.publisher, source.language, page, "cd-source-publisher")
