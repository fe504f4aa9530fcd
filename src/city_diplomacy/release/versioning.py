"""Published versions: semantic version numbers and the commits recorded in ``releases.json``.

``releases.json`` at the repository root maps every published version to the commit
it was built from, so any clone (tags or not) can rebuild every published version::

    {"releases": {"1.0.0": {"commit": "<40 hex digits>", "date": "2026-11-28"}}}

The date is the commit's date (UTC), so recording is reproducible.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from city_diplomacy.data.load import PROJECT_DESCRIPTOR

#: File name of the record, at the repository root.
RELEASES_FILE = "releases.json"

#: Descriptor path inside the repository.
DESCRIPTOR_PATH = PROJECT_DESCRIPTOR

_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
)
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class VersionError(ValueError):
    """A version string that is not semantic versioning, or a bad release record."""


@dataclass(frozen=True)
class Version:
    """A semantic version (https://semver.org/), ordered by precedence."""

    major: int
    minor: int
    patch: int
    prerelease: tuple[str, ...] = ()
    build: str = ""

    @classmethod
    def parse(cls, text: str) -> Version:
        match = _SEMVER.match(text)
        if match is None:
            raise VersionError(f"{text!r} is not a semantic version (MAJOR.MINOR.PATCH)")
        pre = tuple(match.group(4).split(".")) if match.group(4) else ()
        return cls(
            int(match.group(1)), int(match.group(2)), int(match.group(3)), pre, match.group(5) or ""
        )

    def __str__(self) -> str:
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            text += "-" + ".".join(self.prerelease)
        if self.build:
            text += "+" + self.build
        return text

    def _key(self) -> tuple[int, int, int, int, tuple[tuple[int, int, str], ...]]:
        # A release sorts after its pre-releases; numeric identifiers sort before
        # alphanumeric ones; build metadata does not count.
        pre = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in self.prerelease)
        return (self.major, self.minor, self.patch, 0 if self.prerelease else 1, pre)

    def __lt__(self, other: Version) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Version) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Version) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Version) -> bool:
        return self._key() >= other._key()


@dataclass(frozen=True)
class Release:
    """A published version and the commit its docs and data were built from."""

    version: str
    commit: str
    date: str

    @property
    def semver(self) -> Version:
        return Version.parse(self.version)


class GitError(RuntimeError):
    """A git command failed (not a repository, unknown revision …)."""


def git(repo_root: Path, *args: str) -> str:
    """Run git in ``repo_root`` and return its standard output (stripped)."""
    result = subprocess.run(
        ["git", "-C", str(repo_root), *args],
        capture_output=True,
        text=True,
        check=False,
        # UTC for dates, untranslated messages for error reports.
        env={**os.environ, "TZ": "UTC", "LC_ALL": "C"},
    )
    if result.returncode != 0:
        message = result.stderr.strip() or f"git {' '.join(args)} failed"
        raise GitError(message)
    return result.stdout.strip()


def git_bytes(repo_root: Path, *args: str) -> bytes:
    """Run git in ``repo_root`` and return its standard output as bytes, unaltered."""
    result = subprocess.run(
        ["git", "-C", str(repo_root), *args],
        capture_output=True,
        check=False,
        env={**os.environ, "LC_ALL": "C"},
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise GitError(message or f"git {' '.join(args)} failed")
    return result.stdout


#: Why a recorded release cannot be built from a copy of the sources without its history.
NO_HISTORY = (
    "no git history here (a source archive or shallow clone); clone the repository to build it"
)


def missing_history(repo_root: Path, commits: list[str]) -> tuple[list[str], str]:
    """The ``commits`` that cannot be checked out at ``repo_root``, and why.

    A copy without history (``git archive`` export: no repository, or ``repo_root``
    inside another project's repository) lacks all of them; a shallow clone lacks those
    beyond its depth. Both give :data:`NO_HISTORY`. In a full clone a missing commit is a
    wrong record: those commits come back with their own reason.
    """
    root = Path(repo_root).resolve()
    try:
        top = Path(git(root, "rev-parse", "--show-toplevel")).resolve()
    except GitError:
        return list(commits), NO_HISTORY
    if top != root:
        return list(commits), NO_HISTORY
    missing = [c for c in commits if not has_commit(root, c)]
    if not missing:
        return [], ""
    if git(root, "rev-parse", "--is-shallow-repository") == "true":
        return missing, NO_HISTORY
    return missing, "the repository has no such commit (releases.json names a commit never fetched)"


def has_commit(repo_root: Path, commit: str) -> bool:
    """Whether the repository at ``repo_root`` holds ``commit``."""
    try:
        git(repo_root, "cat-file", "-e", f"{commit}^{{commit}}")
    except GitError:
        return False
    return True


def releases_path(repo_root: Path) -> Path:
    return Path(repo_root) / RELEASES_FILE


def _parse_releases(data: Any, where: Path) -> list[Release]:
    if not isinstance(data, dict) or not isinstance(data.get("releases"), dict):
        raise VersionError(f'{where}: expected an object with a "releases" object')
    releases: list[Release] = []
    for version, entry in data["releases"].items():
        Version.parse(version)
        if not isinstance(entry, dict):
            raise VersionError(f"{where}: release {version}: expected an object")
        commit, date = entry.get("commit"), entry.get("date")
        if not isinstance(commit, str) or not _COMMIT.match(commit):
            raise VersionError(f"{where}: release {version}: commit must be 40 hex digits")
        if not isinstance(date, str) or not _DATE.match(date):
            raise VersionError(f"{where}: release {version}: date must be YYYY-MM-DD")
        releases.append(Release(version, commit, date))
    return sorted(releases, key=lambda r: r.semver._key())


def recorded_releases(repo_root: Path) -> list[Release]:
    """The published releases recorded in ``releases.json``, oldest version first.

    A repository without the file has published nothing yet (empty list).
    """
    path = releases_path(repo_root)
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise VersionError(f"{path}: line {error.lineno}: {error.msg}") from error
    return _parse_releases(data, path)


def release_of(repo_root: Path, version: str) -> Release | None:
    """The recorded release of ``version``, if any."""
    return next((r for r in recorded_releases(repo_root) if r.version == version), None)


def dump_releases(releases: list[Release]) -> str:
    """The text of ``releases.json`` for these releases (stable order and layout)."""
    ordered = sorted(releases, key=lambda r: r.semver._key())
    data = {
        "$comment": (
            "Published versions and the commit each was built from. "
            "Written by `city-diplomacy release --record VERSION`; do not edit by hand."
        ),
        "releases": {r.version: {"commit": r.commit, "date": r.date} for r in ordered},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def descriptor_version_at(repo_root: Path, commit: str) -> str:
    """The ``version`` in ``datapackage.json`` as committed at ``commit``."""
    text = git(repo_root, "show", f"{commit}:{DESCRIPTOR_PATH}")
    version = json.loads(text).get("version")
    if not isinstance(version, str):
        raise VersionError(f"{DESCRIPTOR_PATH} at {commit[:12]} has no version")
    return version


def record_release(repo_root: Path, version: str, revision: str = "HEAD") -> Release:
    """Record ``revision`` (HEAD by default) as the commit of ``version`` in ``releases.json``.

    Refuses (VersionError) unless the version is semver, newer than every recorded
    one, equal to the descriptor's version at that commit, and the data and docs
    have no uncommitted changes (so the record describes what was really built).
    """
    root = Path(repo_root)
    parsed = Version.parse(version)
    commit = git(root, "rev-parse", "--verify", f"{revision}^{{commit}}")
    if revision == "HEAD":
        dirty = git(root, "status", "--porcelain", "--", "datapackage", "docs", "locales")
        if dirty:
            raise VersionError(
                "uncommitted changes in datapackage/, docs/ or locales/: commit them first"
            )
    declared = descriptor_version_at(root, commit)
    if declared != version:
        raise VersionError(
            f"{DESCRIPTOR_PATH} at {commit[:12]} says version {declared}, not {version}: "
            "set the version there, commit, then record"
        )
    releases = recorded_releases(root)
    for release in releases:
        if release.version == version:
            raise VersionError(f"version {version} is already recorded (commit {release.commit})")
        if release.semver >= parsed:
            raise VersionError(f"version {version} is not newer than recorded {release.version}")
    date = git(root, "show", "-s", "--format=%cd", "--date=format-local:%Y-%m-%d", commit)
    release = Release(version, commit, date)
    releases_path(root).write_text(dump_releases([*releases, release]), encoding="utf-8")
    return release


#: Pre-release tag of a development version (``1.0.1-dev+g<commit>``).
DEV_TAG = "dev"
#: Build metadata of a development version built outside git (no commit to name).
UNKNOWN_COMMIT = "unknown"


def development_version(repo_root: Path, declared: str) -> str:
    """The version of a tree that is not a recorded release: ``<next>-dev+g<commit>``.

    ``<next>`` is the descriptor's ``declared`` version when it is newer than every
    recorded release (work towards it has begun), else the patch after the newest
    recorded release. The build metadata names the commit (12 hex digits, with
    ``.dirty`` when ``datapackage/`` has uncommitted changes); outside git it is
    ``unknown``. Semantic versioning orders it before ``<next>`` and after the release,
    and the same commit always gets the same version (so outputs stay byte-identical).
    """
    root = Path(repo_root)
    base = Version.parse(declared)
    releases = recorded_releases(root)
    if releases and base <= releases[-1].semver:
        newest = releases[-1].semver
        base = Version(newest.major, newest.minor, newest.patch + 1)
    try:
        build = "g" + git(root, "rev-parse", "--short=12", "HEAD")
        if git(root, "status", "--porcelain", "--", "datapackage"):
            build += ".dirty"
    except GitError:
        build = UNKNOWN_COMMIT
    prerelease = (*base.prerelease, DEV_TAG)
    return str(Version(base.major, base.minor, base.patch, prerelease, build))


def is_development(version: str) -> bool:
    """Whether ``version`` is a development version (see :func:`development_version`)."""
    try:
        parsed = Version.parse(version)
    except VersionError:
        return False
    return bool(parsed.prerelease) and parsed.prerelease[-1] == DEV_TAG


def tree_version(repo_root: Path, declared: str, as_release: str | None = None) -> str:
    """The version the outputs of a tree carry.

    ``as_release`` (``build --as-release``, ``release --as-release``) is the recorded
    release being built: its number, which must be the descriptor's. Otherwise the
    descriptor's number only when ``releases.json`` records it at the checked-out commit
    and the data has no uncommitted changes; any other tree gets
    :func:`development_version`.
    """
    root = Path(repo_root)
    if as_release is not None:
        if as_release != declared:
            raise VersionError(
                f"{DESCRIPTOR_PATH} says version {declared}, not {as_release}: "
                "a release is built from the commit recorded for it"
            )
        return declared
    recorded = release_of(root, declared)
    if recorded is not None:
        try:
            head = git(root, "rev-parse", "HEAD")
            clean = not git(root, "status", "--porcelain", "--", "datapackage")
        except GitError:
            head, clean = "", False
        if head == recorded.commit and clean:
            return declared
    return development_version(root, declared)


def file_version(version: str) -> str:
    """The version as it appears in download file names: without build metadata.

    ``1.0.1-dev+g0123abcd4567`` → ``1.0.1-dev`` (a ``+`` is awkward in URLs and the
    commit is inside the files); a release number stays as it is.
    """
    return version.split("+", 1)[0]
