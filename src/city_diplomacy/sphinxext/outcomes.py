"""The outcome documents of an event (declarations, communiqués), for its ``<details>``.

Each document: its name in the page's language (else the Japanese name, marked
``lang="ja"``), its kind, then the editors' summary, or a sentence saying that the
sources at hand do not state the content, and its source.
"""

from __future__ import annotations

from docutils import nodes

from city_diplomacy.data.records import Event, Outcome
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import Context

#: Shown where ``content_found`` is false.
NOT_FOUND = "手元の資料には、この文書の内容が書かれていません。"


def _text(cd: Context, outcome: Outcome, column: str) -> tuple[str, str | None]:
    """The value in the page's language, else the Japanese one with its language."""
    text = cd.text(outcome, column)
    if text:
        return text, None
    fallback = getattr(outcome, f"{column}_ja", "")
    return fallback, ("ja" if fallback and cd.lang != "ja" else None)


def outcome_list(cd: Context, event: Event) -> list[nodes.Node]:
    """A list of the event's outcome documents; empty when it has none."""
    outcomes = cd.package.outcomes_of(event.id)
    if not outcomes:
        return []
    listing = nodes.bullet_list(classes=["cd-outcomes"])
    for outcome in outcomes:
        name, name_lang = _text(cd, outcome, "name")
        head = cdn.value(
            cdn.value_inline(name, "cd-outcome-name", language=name_lang),
            cd.punctuation.open_paren,
            cd.enum_inline("outcomes.kind", outcome.kind),
            cd.punctuation.close_paren,
        )
        item = nodes.list_item("", head)
        summary, summary_lang = _text(cd, outcome, "summary")
        if outcome.content_found and summary:
            item += cdn.value(summary, language=summary_lang)
        else:
            not_found = cd.label(NOT_FOUND)
            not_found["classes"].append("cd-outcome-unknown")
            item += not_found
        source = cd.source_link(outcome.source)
        item += cdn.value(cd.label_inline("出典"), cd.punctuation.label_colon, source)
        listing += item
    return [listing]
