"""Build every published version of the site plus the working tree (``latest``).

Each release recorded in ``releases.json`` is built with its own code, pages and data: its
commit is checked out with ``git worktree add --detach`` into a temporary folder and built
there through that commit's own command line (``python -m city_diplomacy build --as-release``,
with ``PYTHONPATH=<worktree>/src`` so its own Sphinx extension is used; releases older than
that option go through :mod:`city_diplomacy.sitebuild.legacy_release`), together with its
dataset downloads (that commit's ``city-diplomacy release``). A recorded release never
changes, so its output is cached under ``build/.cache/versions/<commit>/`` and reused.

The working tree is then built by :func:`~city_diplomacy.sitebuild.build.build_site` into
a staging folder; the release trees and downloads are copied next to it, the manifest
(``versions.json`` and ``versions.js``, see :func:`order_manifest`) and the root page are
rewritten, and the result replaces the output folder only when every step succeeded.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from city_diplomacy.data.load import PROJECT_DESCRIPTOR, load
from city_diplomacy.release.export import ExportError, with_version, write_release
from city_diplomacy.release.jsonapi import write_api
from city_diplomacy.release.versioning import (
    GitError,
    Release,
    VersionError,
    git,
    recorded_releases,
)
from city_diplomacy.sitebuild import headlinks, sitemeta
from city_diplomacy.sitebuild.build import (
    DEFAULT_VERSION,
    BuildError,
    BuildResult,
    Project,
    _swap_in,
    build_site,
    make_manifest,
    offered_languages,
    write_manifest_files,
)
from city_diplomacy.sitebuild.manifest import version_order
from city_diplomacy.sitebuild.offline import OfflineError, write_offline_copies
from city_diplomacy.translations.site_languages import LanguagesError, load_languages

DOWNLOADS = "downloads"
API = "api"
_COMPLETE = ".complete"
#: Run by path for releases whose command line has no ``build --as-release`` (1.0.0).
LEGACY_BUILDER = Path(__file__).with_name("legacy_release.py")


def cache_dir(root: Path) -> Path:
    """Where built releases are kept between builds (keyed by commit)."""
    return root / "build" / ".cache" / "versions"


def _run(command: Sequence[str], cwd: Path, env: dict[str, str], what: str) -> None:
    result = subprocess.run(
        list(command), cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()][-20:]
        raise BuildError([f"{what}: {line}" for line in lines] or [f"{what}: failed"])


def _has_as_release(python: str, tree: Path, env: dict[str, str], command: str = "build") -> bool:
    """Whether the release's own command line can build it (``<command> --as-release``)."""
    result = subprocess.run(
        [python, "-m", "city_diplomacy", command, "--help"],
        cwd=tree, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return result.returncode == 0 and "--as-release" in result.stdout


def build_release(root: Path, release: Release, target: Path) -> Path:
    """Build ``release`` (all languages and its downloads) into ``target`` from its own commit.

    ``target`` ends up holding ``<lang>/<version>/`` trees and ``downloads/<version>/``.
    The temporary worktree is removed even when the build fails.
    """
    what = f"release {release.version} ({release.commit[:12]})"
    work = Path(tempfile.mkdtemp(prefix=f".release-{release.version}-", dir=target.parent))
    tree = work / "worktree"
    out = work / "site"
    try:
        try:
            git(root, "worktree", "add", "--detach", str(tree), release.commit)
        except GitError as exc:
            hint = "the clone lacks that commit (a shallow clone? run `git fetch --unshallow`)"
            raise BuildError([f"{what}: {exc}", f"{what}: {hint}"]) from exc
        env = {**os.environ, "PYTHONPATH": str(tree / "src")}
        env.pop("PYTHONHOME", None)
        python = sys.executable
        if _has_as_release(python, tree, env):
            command = [python, "-m", "city_diplomacy", "build", "--project", str(tree),
                       "--out", str(out), "--as-release", release.version]  # fmt: skip
        else:
            command = [python, str(LEGACY_BUILDER), str(tree), str(out), release.version]
        _run(command, tree, env, what)
        descriptor = tree / PROJECT_DESCRIPTOR
        export = [python, "-m", "city_diplomacy", "release", "--descriptor", str(descriptor),
                  "--site-dir", str(out)]  # fmt: skip
        # a release's own export names its files after it only when told it is one (its
        # worktree's releases.json does not record it yet); older ones always did
        if _has_as_release(python, tree, env, "release"):
            export += ["--as-release", release.version]
        _run(export, tree, env, f"{what} downloads")
        kept = work / "kept"
        kept.mkdir()
        for lang_dir in sorted(p for p in out.iterdir() if p.is_dir()):
            source = lang_dir / release.version
            if lang_dir.name != DOWNLOADS and source.is_dir():
                shutil.copytree(source, kept / lang_dir.name / release.version, symlinks=True)
        downloads = out / DOWNLOADS / release.version
        if downloads.is_dir():
            shutil.copytree(downloads, kept / DOWNLOADS / release.version)
        write_api(load(descriptor), kept / API / release.version)
        (kept / _COMPLETE).write_text(release.commit + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        os.replace(kept, target)
    finally:
        with contextlib.suppress(GitError):
            git(root, "worktree", "remove", "--force", str(tree))
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(GitError):
            git(root, "worktree", "prune")
    return target


def cached_release(root: Path, release: Release, cache: Path) -> Path:
    """The built output of ``release``, from the cache or built now."""
    target = cache / release.commit
    if (target / _COMPLETE).is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    return build_release(root, release, target)


def order_manifest(manifest: dict[str, Any], releases: Sequence[Release]) -> dict[str, Any]:
    """The manifest with versions newest first and what each version is.

    Adds ``newest`` (the id of the newest version, ``latest``) and ``releases`` (per
    recorded version: ``date`` and ``commit``) to what :func:`make_manifest` writes
    (``default_language``, ``languages``, ``versions``, ``trees``).
    """
    ordered = version_order(manifest["versions"])
    recorded = {r.version: {"date": r.date, "commit": r.commit} for r in releases}
    return {
        **manifest,
        "versions": ordered,
        "newest": ordered[0] if ordered else DEFAULT_VERSION,
        "releases": {v: recorded[v] for v in ordered if v in recorded},
    }


def build_all_versions(
    root: Path,
    out: Path | None = None,
    languages: Iterable[str] | None = None,
    cache: Path | None = None,
    base_url: str | None = None,
) -> BuildResult:
    """Build every recorded release and the working tree into ``out``, with downloads.

    Raises :class:`BuildError` (nothing in ``out`` changes) or
    :class:`city_diplomacy.sitebuild.build.UnknownLanguageError`.
    """
    project = Project(root.resolve())
    out = (out or project.root / "build" / "site").resolve()
    cache = (cache or cache_dir(project.root)).resolve()
    try:
        releases = recorded_releases(project.root)
        all_languages = load_languages(project.languages_file)
    except (VersionError, LanguagesError) as exc:
        raise BuildError([str(exc)]) from exc
    built_releases = [(r, cached_release(project.root, r, cache)) for r in releases]

    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-versions-", dir=out.parent))
    try:
        staging = work / "site"
        result = build_site(project.root, out=staging, languages=languages, base_url=base_url)
        for release, built in built_releases:
            for source in sorted(p for p in built.iterdir() if p.is_dir()):
                target = staging / source.name / release.version
                if source.name in result.built or source.name in (DOWNLOADS, API):
                    shutil.copytree(source / release.version, target, symlinks=True)
        stable = releases[-1].version if releases else ""
        headlinks.copy_stable(staging, result.built, stable)
        try:
            publish_downloads(staging, project.datapackage, DEFAULT_VERSION)
            for release, _built in built_releases:
                write_offline_copies(staging, release.version)
        except (ExportError, OfflineError) as exc:
            raise BuildError([str(exc), *getattr(exc, "problems", ())]) from exc
        offered = offered_languages(project, all_languages)
        development = str(result.manifest.get("development", ""))
        found = make_manifest(staging, all_languages, offered, development, stable)
        manifest = order_manifest(found, releases)
        base_url = sitemeta.resolve_base_url(project.root, base_url)
        headlinks.rewrite_site(staging, manifest, all_languages, base_url)
        write_manifest_files(staging, manifest, all_languages)
        # 404 pages, robots.txt and a sitemap that now lists every version's pages.
        notes = sitemeta.write_site_files(
            staging,
            manifest,
            all_languages,
            result.built,
            DEFAULT_VERSION,
            base_url,
        )
        _swap_in(staging, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(out=out, built=result.built, manifest=manifest, notes=notes)


def publish_downloads(site: Path, descriptor: Path, label: str) -> None:
    """Write ``<site>/downloads/<label>/`` (the release files and each language's offline
    copy) and ``<site>/api/<label>/`` (the JSON API, :mod:`city_diplomacy.release.jsonapi`).

    These are the addresses the downloads page of the ``label`` tree links to.
    """
    target = site / DOWNLOADS / label
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        report = write_release(descriptor, Path(temp))
        for artifact in report.artifacts:
            shutil.copy2(artifact.path, target / artifact.filename)
    write_offline_copies(site, label)
    write_api(with_version(load(descriptor), report.version), site / API / label)
