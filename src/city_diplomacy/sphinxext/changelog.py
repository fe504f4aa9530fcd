"""``cd-changelog``: the notes of ``CHANGELOG.md`` and, beside them, the data diff of each release.

The notes are English prose, shown as they are (``lang="en"``) and kept out of the
catalogs. Each ``## <version>`` section (and ``## Unreleased``) is followed by what
changed in the data: for a release recorded in ``releases.json``, against the release
before it; for "Unreleased", the working tree against the newest release. The site build
parses the changelog and reads the diffs from git (the ``changelog`` part of the build
context, :mod:`city_diplomacy.sitebuild.changelog`); this directive renders them. Without
a git checkout or without releases a sentence says so instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective
from city_diplomacy.sphinxext.catalog_only import cd_catalog_only
from city_diplomacy.sphinxext.config import get_context
from city_diplomacy.sphinxext.context import DataChanges, SectionEntry, TableDiffEntry, Value

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NO_CHANGELOG = "変更履歴のファイル(CHANGELOG.md)が見つかりません。"
NO_RELEASES = "公開版がまだ記録されていないため、データの変更は表示されません。"
NO_GIT = "このビルドは git のリポジトリの外で実行されたため、データの変更は表示されません。"
UNRELEASED_CHANGES = "最新の公開版 {old} から現在のデータへの変更"
NOT_RECORDED = "この版は公開版として記録されていません(releases.json)。"
FIRST_RELEASE = "最初の公開版のため、比較する前の版はありません。"
RELEASE_CHANGES = "バージョン {old} から {new} への変更"
DIFF_FAILED = "データの変更を計算できませんでした。"
NO_CHANGES = "データの変更はありません。"
TABLE_SUMMARY = "追加 {added} 行、削除 {removed} 行、変更 {changed} 行"
#: Every label the page may show, whatever the state of the repository.
FEED_LINK = "リリースの Atom フィード(feed.xml)"

LABELS = (
    "データの変更",
    FEED_LINK,
    NO_CHANGELOG,
    NO_RELEASES,
    NO_GIT,
    UNRELEASED_CHANGES,
    NOT_RECORDED,
    FIRST_RELEASE,
    RELEASE_CHANGES,
    DIFF_FAILED,
    NO_CHANGES,
    TABLE_SUMMARY,
)
_INLINE = re.compile(r"`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)")


def inline_nodes(text: str) -> list[nodes.Node]:
    """Markdown code spans and links as nodes; everything else as (escaped) text."""
    out: list[nodes.Node] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            out.append(nodes.Text(text[position : match.start()]))
        if match.group(1) is not None:
            out.append(nodes.literal(match.group(1), match.group(1)))
        else:
            out.append(cdn.external_link(match.group(3), match.group(2)))
        position = match.end()
    if position < len(text):
        out.append(nodes.Text(text[position:]))
    return out


def _show(value: Value) -> str:
    return "∅" if value is None or value == "" else str(value)


def _key(key: list[Value]) -> str:
    return ", ".join(_show(v) for v in key)


class Changelog(CdDirective):
    """A section per changelog entry and recorded release: notes, then data diff."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        context = get_context(self.env)
        part = context.get("changelog") if context else None
        catalog = cd_catalog_only()
        catalog += [self.cd.label(text) for text in LABELS]
        # the release feed of this language, <lang>/feed.xml (written by the site build)
        feed_href = "../" * (self.env.docname.count("/") + 1) + "feed.xml"
        feed = self.cd.label(FEED_LINK)  # translated here, so Locale passes it by
        feed["classes"].append("cd-feed")
        link = nodes.reference("", "", refuri=feed_href)
        link.extend(list(feed.children))
        feed.clear()
        feed += link
        if part is None:
            self.cd.warn_no_context("the changelog")
            return [catalog, feed]
        for warning in part["warnings"]:
            self.cd.warn(warning, "releases")
        box = self.container("cd-changelog", *self.options.get("class", []))
        if not part["found"]:
            box += self.cd.label(NO_CHANGELOG)
        out: list[nodes.Node] = [catalog, feed, box] if box.children else [catalog, feed]
        out += [self.section(section) for section in part["sections"]]
        return out

    def section(self, section: SectionEntry) -> nodes.section:
        anchor = "changelog-" + re.sub(r"[^a-z0-9]+", "-", section["key"].lower()).strip("-")
        node = nodes.section(ids=[anchor], names=[anchor], classes=["cd-changelog-section"])
        self.state.document.ids[anchor] = node
        # English as written in CHANGELOG.md, kept out of the catalogs
        node += nodes.title("", section["heading"], classes=["language-en"], translatable=False)
        if section["items"]:
            notes = nodes.bullet_list(classes=["cd-changelog-notes", "language-en"])
            for item in section["items"]:
                notes += nodes.list_item("", cdn.value(*inline_nodes(item)))
            node += notes
        caption = self.cd.label("データの変更")
        caption["classes"].append("cd-caption")
        node += caption
        node += self.data_changes(section["changes"])
        return node

    def data_changes(self, changes: DataChanges) -> list[nodes.Node]:
        cd = self.cd
        state = changes["state"]
        fixed = {
            "no-releases": NO_RELEASES,
            "no-git": NO_GIT,
            "not-recorded": NOT_RECORDED,
            "first-release": FIRST_RELEASE,
        }
        if state in fixed:
            return [cd.label(fixed[state])]
        if state == "unreleased":
            heading = cd.label(UNRELEASED_CHANGES, old=changes["old"])
        elif state == "release":
            heading = cd.label(RELEASE_CHANGES, old=changes["old"], new=changes["new"])
        else:
            cd.warn(changes["error"] or f"unknown data change state {state!r}", "diff")
            return [cd.label(DIFF_FAILED)]
        return [heading, *self.render_diff(changes["tables"])]

    def render_diff(self, tables: list[TableDiffEntry]) -> list[nodes.Node]:
        cd = self.cd
        if not tables:
            return [cd.label(NO_CHANGES)]
        out: list[nodes.Node] = []
        for table in tables:
            name = table["name"]
            summary = cdn.value(nodes.literal(name, name), " ")
            summary += cd.label_inline(
                TABLE_SUMMARY,
                added=str(len(table["added"])),
                removed=str(len(table["removed"])),
                changed=str(len(table["changed"])),
            )
            out.append(summary)
            items = nodes.bullet_list(classes=["cd-diff"])
            for column in table["fields_added"]:
                items += nodes.list_item("", cdn.value("+ ", nodes.literal(column, column)))
            for column in table["fields_removed"]:
                items += nodes.list_item("", cdn.value("− ", nodes.literal(column, column)))
            for key in table["added"]:
                items += nodes.list_item("", cdn.value(f"+ {_key(key)}"), classes=["cd-added"])
            for key in table["removed"]:
                items += nodes.list_item("", cdn.value(f"− {_key(key)}"), classes=["cd-removed"])
            for change in table["changed"]:
                item = nodes.list_item(
                    "", cdn.value(f"~ {_key(change['key'])}"), classes=["cd-changed"]
                )
                fields = nodes.bullet_list()
                for diff in change["changes"]:
                    fields += nodes.list_item(
                        "",
                        cdn.value(
                            nodes.literal(diff["field"], diff["field"]),
                            f": {_show(diff['old'])} → {_show(diff['new'])}",
                        ),
                    )
                item += fields
                items += item
            if items.children:
                out.append(items)
        return out


def setup_changelog(app: Sphinx) -> None:
    app.add_directive("cd-changelog", Changelog)
