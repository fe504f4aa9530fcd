"""``cd-overview``: the home page at a glance, computed from the data.

Key figures (networks and forums Tokyo takes part in, programmes, cities, countries and
regions, events, the years the events cover), the networks Tokyo founded or joined and
the programmes, each linked with the first sentence of its summary, and the version of
the dataset the page was built from, with a link to the changelog page
(``:changelog: <docname>``). The map is the ``cd-map`` directive, placed by the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.data.dates import PartialDate
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Context
from city_diplomacy.sphinxext.lists import tokyo_networks

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from city_diplomacy.data.records import Network, Programme

NETWORKS = "東京都が参加するネットワーク・フォーラム"
PROGRAMMES = "実務的な多都市間協力事業"

_SENTENCE_END = {
    "ja": re.compile(r"(?<=。)"),
    "en": re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“(])"),
}


def first_sentence(text: str, language: str) -> str:
    """The text up to the end of its first sentence (all of it when there is no end)."""
    pattern = _SENTENCE_END.get(language, _SENTENCE_END["en"])
    return pattern.split(text.strip(), maxsplit=1)[0].strip()


def figures(cd: Context) -> list[tuple[str, str]]:
    """(label, value) of each key figure, computed from the package."""
    package = cd.package
    own, _ = tokyo_networks(cd)
    years = sorted({event.date.year for event in package.events.values()})
    span = ""
    if years:
        first, last = PartialDate(years[0]), PartialDate(years[-1])
        span = cd.date_range(first, last if last != first else None)
    found = [
        (NETWORKS, str(len(own))),
        (PROGRAMMES, str(len(package.programmes))),
        ("掲載している都市", str(len(package.cities))),
        ("都市のある国・地域", str(len({c.country for c in package.cities.values() if c.country}))),
        ("年表の出来事", str(len(package.events))),
        ("出来事の期間", span),
    ]
    return [(label, value) for label, value in found if value]


class Overview(CdDirective):
    """Key figures, the networks Tokyo founded or joined, the programmes, the version."""

    option_spec = {  # noqa: RUF012 - docutils API
        "class": directives.class_option,
        "changelog": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        box = self.container("cd-overview", *self.options.get("class", []))
        tiles = nodes.bullet_list(classes=["cd-figures"])
        for label, value in figures(cd):
            number = cdn.value(value)
            number["classes"].append("cd-figure")
            tiles += nodes.list_item("", number, cd.label(label))
        box += tiles
        own, _ = tokyo_networks(cd)
        box += self._initiatives(NETWORKS, own)
        box += self._initiatives(PROGRAMMES, cd.package.programmes_in_order())
        box += self._version()
        return [box]

    def _initiatives(
        self, caption: str, records: list[Network] | list[Programme]
    ) -> list[nodes.Node]:
        cd = self.cd
        if not records:
            return []
        heading = cd.label(caption)
        heading["classes"].append("cd-caption")
        items = nodes.bullet_list(classes=["cd-overview-list"])
        for record in records:
            summary = first_sentence(cd.text(record, "summary"), cd.lang)
            body: list[nodes.Node | str] = [cd.org_link(record)]
            if summary:
                body += [nodes.Text(" — "), cdn.value_inline(summary, "cd-overview-summary")]
            items += nodes.list_item("", cdn.value(*body))
        return [heading, items]

    def _version(self) -> list[nodes.Node]:
        cd = self.cd
        line = cd.label(
            "このページはデータセットのバージョン {version} から作られています。",
            version=cd.dataset_version,
        )
        line["classes"].append("cd-overview-version")
        target = self.options.get("changelog")
        if not target:
            return [line]
        document = target.strip().strip("/")
        if document not in self.env.found_docs:
            cd.warn(f"no page {document!r} for the changelog link", "unknown-id")
            return [line]
        link = cdn.pending_ref(f"doc:{document}", cd.label_inline("変更履歴"))
        return [line, cdn.value(link)]


def setup_overview(app: Sphinx) -> None:
    app.add_directive("cd-overview", Overview)
