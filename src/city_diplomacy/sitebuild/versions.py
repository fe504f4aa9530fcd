"""Build every published version of the site plus the working tree (``latest``).

Each release recorded in ``releases.json`` is built from its own commit, in its own
environment (:mod:`city_diplomacy.sitebuild.releases`), and cached by commit. A copy of
the sources without that history (a ``git archive`` export, a shallow clone) cannot check
those commits out: it builds ``latest`` only and says, in one note, which releases it
skipped and why (``strict``: that is an error).

The working tree is then built by :func:`~city_diplomacy.sitebuild.build.build_site` into
a staging folder; the release trees and downloads are copied next to it, the manifest
(``versions.json`` and ``versions.js``, see :func:`.manifest.order_manifest`) and the root
page are rewritten, and the result replaces the output folder only when every step
succeeded. A release published before the Parquet, DuckDB and JSON API exports gets them
as additions made from its published data package (:mod:`.supplements`), beside its own
files, which keep their bytes.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from city_diplomacy._atomic import swap_directory
from city_diplomacy._version import LATEST
from city_diplomacy.data.load import load
from city_diplomacy.data.package import Package
from city_diplomacy.data.published import PUBLISHED_DIR, published_files
from city_diplomacy.release.export import ExportError, with_version, write_release
from city_diplomacy.release.formats.checksums import sha256sums
from city_diplomacy.release.formats.formats import CHECKSUMS
from city_diplomacy.release.jsonapi import write_api
from city_diplomacy.release.versioning import (
    NO_HISTORY,
    GitError,
    Release,
    VersionError,
    missing_history,
    recorded_releases,
)
from city_diplomacy.sitebuild import headlinks, sitemeta
from city_diplomacy.sitebuild.build import build_site, resolved_languages
from city_diplomacy.sitebuild.checks import offered_languages
from city_diplomacy.sitebuild.manifest import make_manifest, order_manifest, write_manifest_files
from city_diplomacy.sitebuild.offline import OfflineError, write_offline_copies
from city_diplomacy.sitebuild.project import BuildError, BuildResult, Project
from city_diplomacy.sitebuild.releases import API, DOWNLOADS, cached_release
from city_diplomacy.sitebuild.supplements import (
    release_supplement,
    supplement_parts,
    write_supplement,
)
from city_diplomacy.translations.registry import LanguagesError, load_languages


def cache_dir(root: Path) -> Path:
    """Where built releases are kept between builds (keyed by commit)."""
    return Project.at(root).versions_cache


def buildable_releases(
    root: Path, releases: Sequence[Release], strict: bool = False
) -> tuple[list[Release], list[str]]:
    """The releases whose commits this copy holds, and a note on the others (one line).

    A missing commit in a full clone is always an error (``releases.json`` names a commit
    never fetched); a copy without history skips them, or fails when ``strict``.
    """
    if not releases:
        return [], []
    try:
        missing, reason = missing_history(root, [r.commit for r in releases])
    except GitError as exc:
        raise BuildError([f"git: {exc}"]) from exc
    if not missing:
        return list(releases), []
    skipped = [r for r in releases if r.commit in missing]
    names = ", ".join(r.version for r in skipped)
    line = f"release{'s' if len(skipped) > 1 else ''} {names}: {reason}"
    if strict or reason != NO_HISTORY:
        raise BuildError([f"cannot build {line}"])
    return [r for r in releases if r.commit not in missing], [f"skipped {line}"]


def build_all_versions(
    root: Path,
    out: Path | None = None,
    languages: Iterable[str] | None = None,
    cache: Path | None = None,
    base_url: str | None = None,
    strict: bool = False,
    cache_root: Path | None = None,
    envs: Path | None = None,
    python: str = sys.executable,
) -> BuildResult:
    """Build every recorded release and the working tree into ``out``, with downloads.

    ``cache_root`` is the build cache (default ``<root>/build/.cache``); built releases go
    to ``cache`` (default ``<cache_root>/versions``), their environments to ``envs``
    (default ``<cache_root>/envs``), made with ``python``. Releases this copy has no history for are
    skipped with a note in the result, or, with ``strict``, make the build fail.

    Raises :class:`BuildError` (nothing in ``out`` changes) or
    :class:`city_diplomacy.sitebuild.project.UnknownLanguageError`.
    """
    project = Project.at(root, cache_root)
    out = Path(out or project.default_out).resolve()
    cache = Path(cache or project.versions_cache).resolve()
    envs = Path(envs or project.envs_cache).resolve()
    try:
        releases = recorded_releases(project.root)
        all_languages = load_languages(project.languages_file)
    except (VersionError, LanguagesError) as exc:
        raise BuildError([str(exc)]) from exc
    releases, notes = buildable_releases(project.root, releases, strict)
    built_releases = [(r, cached_release(project.root, r, cache, envs, python)) for r in releases]
    # Parquet, DuckDB and the JSON API of releases published before them, made from
    # their published data package (the release cache is left as it is)
    supplements = [
        supplement
        for release, built in built_releases
        if (supplement := release_supplement(built, release.version)) is not None
    ]

    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-versions-", dir=out.parent))
    try:
        staging = work / "site"
        result = build_site(
            project.root,
            out=staging,
            languages=languages,
            base_url=base_url,
            cache_root=project.cache,
            supplements=supplement_parts(supplements),
        )
        for release, built in built_releases:
            for source in sorted(p for p in built.iterdir() if p.is_dir()):
                target = staging / source.name / release.version
                if source.name in result.built or source.name in (DOWNLOADS, API):
                    shutil.copytree(source / release.version, target, symlinks=True)
        for supplement in supplements:
            write_supplement(staging, supplement)
        stable = releases[-1].version if releases else ""
        headlinks.copy_stable(staging, result.built, stable)
        try:
            publish_downloads(staging, project.datapackage, LATEST)
            for release, _built in built_releases:
                write_offline_copies(staging, release.version)
        except (ExportError, OfflineError) as exc:
            raise BuildError([str(exc), *getattr(exc, "problems", ())]) from exc
        offered = offered_languages(project, all_languages)
        development = str(result.manifest.get("development", ""))
        found = make_manifest(staging, all_languages, offered, development, stable)
        manifest = order_manifest(found, releases)
        base_url = sitemeta.resolve_base_url(project.root, base_url)
        resolved = resolved_languages(project, all_languages)
        headlinks.rewrite_site(staging, manifest, resolved, base_url)
        write_manifest_files(staging, manifest, all_languages)
        # 404 pages, robots.txt and a sitemap that now lists every version's pages.
        notes += sitemeta.write_site_files(
            staging,
            manifest,
            all_languages,
            result.built,
            LATEST,
            base_url,
        )
        swap_directory(staging, out)
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
    # The files say the version they were exported as (a development version for a tree
    # that is no recorded release).
    package = with_version(load(descriptor), report.version)
    write_published_package(package, target / PUBLISHED_DIR)
    write_offline_copies(site, label)
    write_checksums(target)
    write_api(package, site / API / label)


def write_published_package(package: Package, folder: Path) -> None:
    """The data package unpacked (the zip's descriptor and CSVs, same bytes), so that
    pages link to its files and ``frictionless validate <url>`` finds them."""
    if folder.exists():
        shutil.rmtree(folder)
    for relative, data in published_files(package).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_checksums(target: Path) -> None:
    """``SHA256SUMS`` over every file under ``target`` (release files, the unpacked
    package, the offline copies), relative paths, ``sha256sum -c`` compatible."""
    files = {
        path.relative_to(target).as_posix(): path.read_bytes()
        for path in sorted(target.rglob("*"))
        if path.is_file() and path.name != CHECKSUMS
    }
    (target / CHECKSUMS).write_bytes(sha256sums(files))
