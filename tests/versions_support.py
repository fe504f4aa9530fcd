"""A temporary git repository holding a copy of the project with two recorded releases.

The releases differ in one value that the pages show (ANMC21's founding month) and the
working tree (``latest``) has a page the releases lack, so the tests can tell the versions
apart and exercise the switcher's fall-back to a version's home page.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from site_support import ROOT

#: ANMC21's ``founded`` in each version, as the Japanese and English pages show it.
FOUNDED = {
    "1.0.0": ("1998-03", "1998年3月", "March 1998"),
    "1.1.0": ("1999-04", "1999年4月", "April 1999"),
    "latest": ("2001-10", "2001年10月", "October 2001"),
}
#: A page only ``latest`` has.
NEW_PAGE = "versions-only-latest.html"
#: A page every version has.
SHARED_PAGE = "networks/anmc21.html"

_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


@dataclass(frozen=True)
class VersionedRepo:
    """The repository and the commits of its two releases."""

    root: Path
    commits: dict[str, str]


def git(root: Path, *args: str, day: int = 1) -> str:
    """Run git in ``root`` with a fixed identity and date."""
    date = f"2026-01-{day:02d}T09:00:00+00:00"
    env = {**os.environ, **_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    result = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env=env
    )
    return result.stdout.strip()


def copy_tree(dest: Path) -> None:
    """Copy the project's tracked and new files (as .gitignore leaves them) into ``dest``."""
    listing = git(ROOT, "ls-files", "-co", "--exclude-standard", "-z")
    for name in listing.split("\0"):
        source = ROOT / name
        if not name or not source.is_file():
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def set_founded(root: Path, founded: str) -> None:
    """Set ANMC21's founding month in networks.csv."""
    path = root / "datapackage" / "data" / "networks.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        names = list(rows[0])
    for row in rows:
        if row["id"] == "anmc21":
            row["founded"] = founded
    text = io.StringIO()
    writer = csv.DictWriter(text, names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")


def set_version(root: Path, version: str) -> None:
    """Set the version in datapackage.json (keeps the rest of the file as written)."""
    path = root / "datapackage" / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    old = f'"version": {json.dumps(data["version"])}'
    path.write_text(
        path.read_text(encoding="utf-8").replace(old, f'"version": "{version}"', 1),
        encoding="utf-8",
    )


def record(root: Path, version: str, day: int) -> str:
    """Commit the working tree as ``version`` and record it with ``release --record``."""
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", f"Version {version}", day=day)
    result = subprocess.run(
        [sys.executable, "-m", "city_diplomacy", "release", "--record", version],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **_ENV},
    )
    assert result.returncode == 0, result.stderr
    git(root, "add", "releases.json")
    git(root, "commit", "--quiet", "-m", f"Record {version}", day=day)
    return git(root, "rev-parse", "HEAD~1")


def make_versioned_repo(dest: Path) -> VersionedRepo:
    """Two recorded releases (1.0.0, 1.1.0) and a working tree with changes of its own."""
    dest.mkdir(parents=True, exist_ok=True)
    copy_tree(dest)
    (dest / "releases.json").unlink(missing_ok=True)
    git(dest, "init", "--quiet", "--initial-branch=main")
    commits = {}
    for day, version in enumerate(("1.0.0", "1.1.0"), start=1):
        set_founded(dest, FOUNDED[version][0])
        set_version(dest, version)
        commits[version] = record(dest, version, day)
    set_founded(dest, FOUNDED["latest"][0])
    set_version(dest, "1.2.0")
    (dest / "docs" / "versions-only-latest.md").write_text(
        "---\norphan: true\n---\n\n# 最新版だけのページ\n\nこのページは最新版にだけあります。\n",
        encoding="utf-8",
    )
    return VersionedRepo(root=dest, commits=commits)
