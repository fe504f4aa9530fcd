"""The Atom feed of releases: RFC 4287's rules, escaped changelog HTML, data counts."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

from city_diplomacy.release.versioning import recorded_releases
from city_diplomacy.sitebuild.feed import (
    Entry,
    TableCounts,
    changelog_sections,
    release_entries,
    render_feed,
    write_feeds,
)

A = "{http://www.w3.org/2005/Atom}"
REPO = Path(__file__).resolve().parents[1]
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
CHANGELOG = """# Changelog

## Unreleased

- Not yet.

## 1.1.0 (2026-12-01)

### Data

- `cities`: a <script>alert(1)</script> & "quotes" fixed.

## 1.0.0 (2026-11-28)

First release.
"""
ENTRIES = [
    Entry("1.1.0", "2026-12-01", changelog_sections(CHANGELOG)["1.1.0"],
          (TableCounts("cities", 2, 1, 3), TableCounts("themes", 0, 0, 0))),
    Entry("1.0.0", "2026-11-28", changelog_sections(CHANGELOG)["1.0.0"],
          (TableCounts("cities", 99, 0, 0),)),
]  # fmt: skip


def check_atom(document: bytes, base_url: str) -> ET.Element:
    """RFC 4287 §4.1.1–4.1.2 for the parts that matter; the feed element."""
    feed = ET.fromstring(document)
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{tag}")) == 1, tag
    has_author = feed.find(f"{A}author/{A}name") is not None
    ids = [feed.findtext(f"{A}id")]
    for item in [feed, *feed.findall(f"{A}entry")]:
        assert RFC3339.match(item.findtext(f"{A}updated") or ""), item.findtext(f"{A}updated")
        datetime.fromisoformat((item.findtext(f"{A}updated") or "").replace("Z", "+00:00"))
        links = item.findall(f"{A}link")
        alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
        assert len({(link.get("type"), link.get("hreflang")) for link in alternates}) == len(
            alternates
        )
        for link in links:
            href = link.get("href") or ""
            assert href.startswith(base_url) if base_url else "://" not in href
    for entry in feed.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
        assert has_author or entry.find(f"{A}author/{A}name") is not None
        assert entry.find(f"{A}content") is not None or entry.findall(f"{A}link")
        ids.append(entry.findtext(f"{A}id"))
    assert all(re.match(r"^(urn:uuid:[0-9a-f-]{36}|tag:[^,]+,\d{4}.*:.+)$", i or "") for i in ids)
    assert len(set(ids)) == len(ids)
    return feed


def test_feed_without_base_url_is_valid_and_relative() -> None:
    feed = check_atom(render_feed(ENTRIES, "en", "Site"), "")
    assert not [link for link in feed.iter(f"{A}link") if link.get("rel") == "self"]
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == ["Version 1.1.0", "Version 1.0.0"]
    assert feed.findtext(f"{A}updated") == "2026-12-01T00:00:00Z"
    link = entries[0].find(f"{A}link")
    assert link is not None and link.get("href") == "1.1.0/changelog.html"


def test_feed_with_base_url_has_self_link() -> None:
    base = "https://example.org/cd/"
    feed = check_atom(render_feed(ENTRIES, "ja", "サイト", base), base)
    self_links = [link for link in feed.iter(f"{A}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_links] == [base + "ja/feed.xml"]
    assert feed.findtext(f"{A}title") == "サイト:リリース"


def test_content_is_escaped_html_with_counts() -> None:
    feed = ET.fromstring(render_feed(ENTRIES, "en", "Site"))
    content = feed.find(f"{A}entry/{A}content")
    assert content is not None and content.get("type") == "html"
    html = content.text or ""
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&amp;" in html and "<code>cities</code>" in html
    assert "<td>2</td><td>1</td><td>3</td>" in html
    assert "themes" not in html  # tables without changes are left out
    assert "Not yet" not in html and "First release" not in html


def test_ids_are_stable_and_differ_by_language() -> None:
    def ids(lang: str) -> list[str | None]:
        return [e.text for e in ET.fromstring(render_feed(ENTRIES, lang, "S")).iter(f"{A}id")]

    assert ids("en") == ids("en")
    assert not set(ids("en")) & set(ids("ja"))


def test_changelog_sections() -> None:
    sections = changelog_sections(CHANGELOG)
    assert list(sections) == ["1.1.0", "1.0.0"]
    assert sections["1.0.0"] == "First release."
    assert sections["1.1.0"].startswith("### Data")


def test_real_releases_count_rows(tmp_path: Path) -> None:
    releases = recorded_releases(REPO)
    entries = release_entries(REPO)
    assert [e.version for e in entries] == sorted((r.version for r in releases), reverse=True)
    first = entries[-1]
    commit = next(r.commit for r in releases if r.version == first.version)
    shown = subprocess.run(
        ["git", "show", f"{commit}:datapackage/data/cities.csv"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    cities = next(c for c in first.counts if c.table == "cities")
    assert cities.added == len(list(csv.DictReader(io.StringIO(shown))))
    assert first.notes_markdown
    (tmp_path / "en").mkdir()
    written = write_feeds(tmp_path, REPO, {"en": "Site", "ja": "サイト"})
    assert written == [tmp_path / "en" / "feed.xml"]
    check_atom(written[0].read_bytes(), "")
