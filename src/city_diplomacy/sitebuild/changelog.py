"""The changelog part of the build context: ``CHANGELOG.md`` sections and their data diffs.

Each ``## <version>`` section (and ``## Unreleased``) gets what changed in the data: for a
release recorded in ``releases.json``, against the release before it; for "Unreleased",
the working tree against the newest release. The diffs are read from git
(:mod:`city_diplomacy.release.diff`); without a git checkout or without releases the
section says so (its ``changes.state``), and the ``cd-changelog`` directive renders it.
"""

from __future__ import annotations

import re
from pathlib import Path

from city_diplomacy.release.diff import (
    DataDiff,
    DiffError,
    diff_tables,
    snapshot_of_commit,
    snapshot_of_path,
)
from city_diplomacy.release.versioning import (
    GitError,
    Release,
    VersionError,
    git,
    recorded_releases,
)
from city_diplomacy.sphinxext.context import (
    ChangelogPart,
    DataChanges,
    SectionEntry,
    TableDiffEntry,
)

CHANGELOG_FILE = "CHANGELOG.md"
UNRELEASED = "unreleased"
_VERSION = re.compile(r"\[?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?")


def _section(heading: str, key: str) -> SectionEntry:
    return {"heading": heading, "key": key, "items": [], "changes": _changes("")}


def _changes(state: str, old: str = "", new: str = "", error: str = "") -> DataChanges:
    return {"state": state, "old": old, "new": new, "error": error, "tables": []}


def parse_changelog(text: str) -> list[SectionEntry]:
    """The ``## `` sections (Markdown bullets joined across continuation lines)."""
    sections: list[SectionEntry] = []
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
            found = _VERSION.search(heading)
            if heading.lower().startswith(UNRELEASED):
                key = UNRELEASED
            else:
                key = found.group(1) if found else heading
            sections.append(_section(heading, key))
        elif not sections or line.startswith("#"):
            continue
        elif re.match(r"^\s*[-*] ", line):
            sections[-1]["items"].append(re.sub(r"^\s*[-*] ", "", line).strip())
        elif line.strip() and sections[-1]["items"] and line.startswith((" ", "\t")):
            sections[-1]["items"][-1] += " " + line.strip()
        elif line.strip():
            sections[-1]["items"].append(line.strip())
    return sections


def in_git(root: Path) -> bool:
    try:
        return git(root, "rev-parse", "--is-inside-work-tree") == "true"
    except (GitError, OSError):
        return False


def diff_entries(result: DataDiff) -> list[TableDiffEntry]:
    """The tables with changes, as plain JSON values."""
    return [
        {
            "name": table.name,
            "added": [list(key) for key in table.added],
            "removed": [list(key) for key in table.removed],
            "changed": [
                {
                    "key": list(change.key),
                    "changes": [
                        {"field": d.field, "old": d.old, "new": d.new} for d in change.changes
                    ],
                }
                for change in table.changed
            ],
            "fields_added": list(table.fields_added),
            "fields_removed": list(table.fields_removed),
        }
        for table in result.tables
        if table.has_changes
    ]


def data_changes(
    key: str, heading: str, releases: list[Release], git_ok: bool, root: Path, descriptor: Path
) -> DataChanges:
    """What changed in the data for the section ``key``."""
    if not releases:
        return _changes("no-releases")
    if not git_ok:
        return _changes("no-git")
    ordered = sorted(releases, key=lambda r: r.semver)
    try:
        if key == UNRELEASED:
            old_version, new_version, state = ordered[-1].version, "", "unreleased"
            old = snapshot_of_commit(root, old_version)
            new = snapshot_of_path(descriptor, "working tree")
        else:
            index = next((i for i, r in enumerate(ordered) if r.version == key), None)
            if index is None:
                return _changes("not-recorded")
            if index == 0:
                return _changes("first-release")
            old_version, new_version, state = ordered[index - 1].version, key, "release"
            old = snapshot_of_commit(root, old_version)
            new = snapshot_of_commit(root, key)
    except (DiffError, GitError, OSError) as error:
        return _changes("failed", error=f"cannot compute the data diff for {heading}: {error}")
    changes = _changes(state, old_version, new_version)
    changes["tables"] = diff_entries(diff_tables(old.tables, new.tables, old.side, new.side))
    return changes


def changelog_part(root: Path, descriptor: Path) -> ChangelogPart:
    """Sections of ``root/CHANGELOG.md`` and of recorded releases it lacks, with diffs."""
    changelog = root / CHANGELOG_FILE
    found = changelog.is_file()
    sections = parse_changelog(changelog.read_text(encoding="utf-8")) if found else []
    warnings: list[str] = []
    try:
        releases = recorded_releases(root)
    except VersionError as error:
        warnings.append(str(error))
        releases = []
    known = {s["key"] for s in sections}
    if UNRELEASED not in known:
        sections.insert(0, _section("Unreleased", UNRELEASED))
    sections += [
        _section(r.version, r.version)
        for r in sorted(releases, key=lambda r: r.semver, reverse=True)
        if r.version not in known
    ]
    git_ok = in_git(root)
    for section in sections:
        section["changes"] = data_changes(
            section["key"], section["heading"], releases, git_ok, root, descriptor
        )
    part: ChangelogPart = {"found": found, "sections": sections, "warnings": warnings}
    if releases:
        newest = max(releases, key=lambda r: r.semver)
        part["latest"] = {"version": newest.version, "date": newest.date}
    return part
