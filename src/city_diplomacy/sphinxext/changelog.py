"""``cd-changelog``: the notes of ``CHANGELOG.md`` and, beside them, the data diff of each release.

The notes are English prose, shown as they are (``lang="en"``) and kept out of the
catalogs. Each ``## <version>`` section (and ``## Unreleased``) is followed by what
changed in the data: for a release recorded in ``releases.json``, against the release
before it; for "Unreleased", the working tree against the newest release. The diffs
are read from git at build time (:mod:`city_diplomacy.release.diff`); without a git checkout
or without releases a sentence says so instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.release.diff import (
    DataDiff,
    DiffError,
    diff_tables,
    snapshot_of_commit,
    snapshot_of_path,
)
from city_diplomacy.release.formats.tables import Value
from city_diplomacy.release.versioning import (
    RELEASES_FILE,
    GitError,
    Release,
    VersionError,
    git,
    recorded_releases,
)
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective
from city_diplomacy.sphinxext.catalog_only import cd_catalog_only
from city_diplomacy.sphinxext.data import descriptor_path, repository_root

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CHANGELOG_FILE = "CHANGELOG.md"
UNRELEASED = "unreleased"
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
_VERSION = re.compile(r"\[?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?")
_INLINE = re.compile(r"`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)")


@dataclass
class Section:
    """One ``## `` section of the changelog: its heading, version key and items."""

    heading: str
    key: str
    items: list[str] = field(default_factory=list)


def parse_changelog(text: str) -> list[Section]:
    """The ``## `` sections (Markdown bullets joined across continuation lines)."""
    sections: list[Section] = []
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
            found = _VERSION.search(heading)
            if heading.lower().startswith(UNRELEASED):
                key = UNRELEASED
            else:
                key = found.group(1) if found else heading
            sections.append(Section(heading, key))
        elif not sections or line.startswith("#"):
            continue
        elif re.match(r"^\s*[-*] ", line):
            sections[-1].items.append(re.sub(r"^\s*[-*] ", "", line).strip())
        elif line.strip() and sections[-1].items and line.startswith((" ", "\t")):
            sections[-1].items[-1] += " " + line.strip()
        elif line.strip():
            sections[-1].items.append(line.strip())
    return sections


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


def _key(key: tuple[Value, ...]) -> str:
    return ", ".join(_show(v) for v in key)


class Changelog(CdDirective):
    """A section per changelog entry and recorded release: notes, then data diff."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        root = repository_root(self.env)
        changelog = root / CHANGELOG_FILE
        releases_file = root / RELEASES_FILE
        for path in (changelog, releases_file):
            if path.is_file():
                self.env.note_dependency(path)
        sections = (
            parse_changelog(changelog.read_text(encoding="utf-8")) if changelog.is_file() else []
        )
        box = self.container("cd-changelog", *self.options.get("class", []))
        if not changelog.is_file():
            box += self.cd.label(NO_CHANGELOG)
        try:
            releases = recorded_releases(root)
        except VersionError as error:
            self.cd.warn(str(error), "releases")
            releases = []
        known = {s.key for s in sections}
        if UNRELEASED not in known:
            sections.insert(0, Section("Unreleased", UNRELEASED))
        sections += [
            Section(r.version, r.version)
            for r in sorted(releases, key=lambda r: r.semver, reverse=True)
            if r.version not in known
        ]
        in_git = self.in_git(root)
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
        out: list[nodes.Node] = [catalog, feed, box] if box.children else [catalog, feed]
        for section in sections:
            out.append(self.section(section, releases, in_git, root))
        return out

    @staticmethod
    def in_git(root: Path) -> bool:
        try:
            return git(root, "rev-parse", "--is-inside-work-tree") == "true"
        except (GitError, OSError):
            return False

    def section(
        self, section: Section, releases: list[Release], in_git: bool, root: Path
    ) -> nodes.section:
        anchor = "changelog-" + re.sub(r"[^a-z0-9]+", "-", section.key.lower()).strip("-")
        node = nodes.section(ids=[anchor], names=[anchor], classes=["cd-changelog-section"])
        self.state.document.ids[anchor] = node
        # English as written in CHANGELOG.md, kept out of the catalogs
        node += nodes.title("", section.heading, classes=["language-en"], translatable=False)
        if section.items:
            notes = nodes.bullet_list(classes=["cd-changelog-notes", "language-en"])
            for item in section.items:
                notes += nodes.list_item("", cdn.value(*inline_nodes(item)))
            node += notes
        caption = self.cd.label("データの変更")
        caption["classes"].append("cd-caption")
        node += caption
        node += self.data_changes(section, releases, in_git, root)
        return node

    def data_changes(
        self, section: Section, releases: list[Release], in_git: bool, root: Path
    ) -> list[nodes.Node]:
        cd = self.cd
        if not releases:
            return [cd.label(NO_RELEASES)]
        if not in_git:
            return [cd.label(NO_GIT)]
        ordered = sorted(releases, key=lambda r: r.semver)
        try:
            if section.key == UNRELEASED:
                newest = ordered[-1]
                old = snapshot_of_commit(root, newest.version)
                new = snapshot_of_path(descriptor_path(self.env), "working tree")
                heading = cd.label(UNRELEASED_CHANGES, old=newest.version)
            else:
                index = next((i for i, r in enumerate(ordered) if r.version == section.key), None)
                if index is None:
                    return [cd.label(NOT_RECORDED)]
                if index == 0:
                    return [cd.label(FIRST_RELEASE)]
                old = snapshot_of_commit(root, ordered[index - 1].version)
                new = snapshot_of_commit(root, section.key)
                heading = cd.label(
                    RELEASE_CHANGES,
                    old=ordered[index - 1].version,
                    new=section.key,
                )
        except (DiffError, GitError, OSError) as error:
            cd.warn(f"cannot compute the data diff for {section.heading}: {error}", "diff")
            return [cd.label(DIFF_FAILED)]
        return [heading, *self.render_diff(diff_tables(old.tables, new.tables, old.side, new.side))]

    def render_diff(self, result: DataDiff) -> list[nodes.Node]:
        cd = self.cd
        if not result.has_changes:
            return [cd.label(NO_CHANGES)]
        out: list[nodes.Node] = []
        for table in result.tables:
            if not table.has_changes:
                continue
            summary = cdn.value(nodes.literal(table.name, table.name), " ")
            summary += cd.label_inline(
                TABLE_SUMMARY,
                added=str(len(table.added)),
                removed=str(len(table.removed)),
                changed=str(len(table.changed)),
            )
            out.append(summary)
            items = nodes.bullet_list(classes=["cd-diff"])
            for column in table.fields_added:
                items += nodes.list_item("", cdn.value("+ ", nodes.literal(column, column)))
            for column in table.fields_removed:
                items += nodes.list_item("", cdn.value("− ", nodes.literal(column, column)))
            for key in table.added:
                items += nodes.list_item("", cdn.value(f"+ {_key(key)}"), classes=["cd-added"])
            for key in table.removed:
                items += nodes.list_item("", cdn.value(f"− {_key(key)}"), classes=["cd-removed"])
            for change in table.changed:
                item = nodes.list_item(
                    "", cdn.value(f"~ {_key(change.key)}"), classes=["cd-changed"]
                )
                fields = nodes.bullet_list()
                for diff in change.changes:
                    fields += nodes.list_item(
                        "",
                        cdn.value(
                            nodes.literal(diff.field, diff.field),
                            f": {_show(diff.old)} → {_show(diff.new)}",
                        ),
                    )
                item += fields
                items += item
            if items.children:
                out.append(items)
        return out


def setup_changelog(app: Sphinx) -> None:
    app.add_directive("cd-changelog", Changelog)
