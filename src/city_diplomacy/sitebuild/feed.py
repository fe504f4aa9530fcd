"""An Atom feed (RFC 4287) of the recorded releases, one per site language: ``<lang>/feed.xml``.

One entry per release in ``releases.json``, newest first: its version and date, the
text of its ``## <version>`` section of ``CHANGELOG.md`` (Markdown rendered to HTML by
markdown-it with raw HTML off, then escaped as Atom ``type="html"`` content), and per
table the rows added, removed and changed since the release before (the first release
counts every row as added; :mod:`city_diplomacy.release.diff`). Ids are ``urn:uuid:``
URIs derived from the project's homepage, the language and the version, so they never
change. Links are absolute under the site's base URL; without one, the entry's link is
relative to the feed (``<version>/changelog.html``) and there is no ``rel="self"``.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from city_diplomacy.release.diff import DataDiff, DiffError, diff_tables, snapshot_of_commit
from city_diplomacy.release.diff import Side as DiffSide
from city_diplomacy.release.formats.tables import Table
from city_diplomacy.release.versioning import GitError, Release, VersionError, recorded_releases

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
CHANGELOG_FILE = "CHANGELOG.md"
HOMEPAGE = "https://github.com/tokyo-city-diplomacy/tokyo-city-diplomacy"
AUTHOR = "tokyo-city-diplomacy contributors"
_HEADING = re.compile(r"^## \[?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?", re.M)
_TEXT = {
    "ja": {
        "feed": "{title}:リリース",
        "entry": "バージョン {version}",
        "counts": "データの変更(前のリリースとの比較)",
        "table": "表",
        "added": "追加",
        "removed": "削除",
        "changed": "変更",
        "none": "データの変更はありません。",
        "notes": "変更点の説明は英語です。",
    },
    "en": {
        "feed": "{title}: releases",
        "entry": "Version {version}",
        "counts": "Data changes (against the release before)",
        "table": "Table",
        "added": "Added",
        "removed": "Removed",
        "changed": "Changed",
        "none": "No data changes.",
        "notes": "",
    },
}


@dataclass(frozen=True)
class TableCounts:
    table: str
    added: int
    removed: int
    changed: int


@dataclass(frozen=True)
class Entry:
    """One release as the feed shows it."""

    version: str
    date: str
    notes_markdown: str
    counts: tuple[TableCounts, ...]


def changelog_sections(text: str) -> dict[str, str]:
    """Version to the Markdown body of its ``## <version>`` section."""
    matches = list(_HEADING.finditer(text))
    sections = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        start = text.index("\n", match.start()) + 1 if "\n" in text[match.start() :] else len(text)
        end = following.start() if following else len(text)
        body = text[start:end]
        body = re.split(r"^## ", body, maxsplit=1, flags=re.M)[0]  # an "## Unreleased" below
        sections[match.group(1)] = body.strip()
    return sections


def counts_of(result: DataDiff) -> tuple[TableCounts, ...]:
    return tuple(
        TableCounts(t.name, len(t.added), len(t.removed), len(t.changed)) for t in result.tables
    )


def release_entries(root: Path) -> list[Entry]:
    """The entries of every recorded release, newest first (git history is read)."""
    releases: list[Release] = sorted(recorded_releases(root), key=lambda r: r.semver)
    changelog = root / CHANGELOG_FILE
    notes = changelog_sections(changelog.read_text(encoding="utf-8")) if changelog.is_file() else {}
    entries = []
    previous = None
    for release in releases:
        try:
            current = snapshot_of_commit(root, release.version)
            before: list[Table] = previous.tables if previous is not None else []
            old_side = previous.side if previous is not None else DiffSide("", "")
            counts = counts_of(diff_tables(before, current.tables, old_side, current.side))
        except (DiffError, GitError):
            current, counts = None, ()
        entries.append(Entry(release.version, release.date, notes.get(release.version, ""), counts))
        previous = current
    return entries[::-1]


def _html(entry: Entry, lang: str) -> str:
    from html import escape

    from markdown_it import MarkdownIt

    text = _TEXT.get(lang, _TEXT["en"])
    parts = []
    if entry.notes_markdown:
        if text["notes"]:
            parts.append(f"<p>{escape(text['notes'])}</p>")
        notes = MarkdownIt("commonmark", {"html": False}).render(entry.notes_markdown)
        parts.append(f'<div lang="en">{notes}</div>')
    changed = [c for c in entry.counts if c.added or c.removed or c.changed]
    parts.append(f"<h2>{escape(text['counts'])}</h2>")
    if not changed:
        parts.append(f"<p>{escape(text['none'])}</p>")
    else:
        head = "".join(
            f"<th>{escape(text[k])}</th>" for k in ("table", "added", "removed", "changed")
        )
        rows = "".join(
            f"<tr><td><code>{escape(c.table)}</code></td><td>{c.added}</td>"
            f"<td>{c.removed}</td><td>{c.changed}</td></tr>"
            for c in changed
        )
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return "\n".join(parts)


def _id(*parts: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "#".join([HOMEPAGE, *parts])))


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def render_feed(entries: Sequence[Entry], lang: str, site_title: str, base_url: str = "") -> bytes:
    """The Atom document for ``lang`` (``base_url``: the site root with a final slash, or "")."""
    text = _TEXT.get(lang, _TEXT["en"])
    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, value: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if value is not None:
            element.text = value
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    add(feed, "id", _id("feed", lang))
    add(feed, "title", text["feed"].format(title=site_title))
    newest = max((e.date for e in entries), default="1970-01-01")
    add(feed, "updated", _timestamp(newest))
    author = add(feed, "author")
    add(author, "name", AUTHOR)
    add(author, "uri", HOMEPAGE)
    prefix = f"{base_url}{lang}/" if base_url else ""
    if base_url:
        add(feed, "link", rel="self", type="application/atom+xml", href=f"{prefix}{FEED_FILE}")
    add(feed, "link", rel="alternate", type="text/html", href=f"{prefix}latest/changelog.html")
    for entry in entries:
        item = add(feed, "entry")
        add(item, "id", _id("release", lang, entry.version))
        add(item, "title", text["entry"].format(version=entry.version))
        add(item, "updated", _timestamp(entry.date))
        add(item, "published", _timestamp(entry.date))
        href = f"{prefix}{entry.version}/changelog.html"
        add(item, "link", rel="alternate", type="text/html", href=href)
        add(item, "content", _html(entry, lang), type="html")
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def write_feeds(
    site: Path, root: Path, titles: Mapping[str, str], base_url: str = ""
) -> list[Path]:
    """Write ``<site>/<lang>/feed.xml`` for each language code in ``titles`` (code to site
    title) whose folder exists; the paths written. A checkout without releases gets feeds
    without entries."""
    try:
        entries = release_entries(root)
    except (VersionError, GitError, OSError):
        entries = []
    written = []
    for code, title in titles.items():
        folder = site / code
        if folder.is_dir():
            path = folder / FEED_FILE
            path.write_bytes(render_feed(entries, code, title, base_url))
            written.append(path)
    return written
