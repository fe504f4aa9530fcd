"""Build the bilingual site: every language in its own sphinx-build process, atomically.

Layout of the output (``build/site`` by default)::

    index.html            language chooser (plain links, no script)
    versions.json         manifest: languages x versions x pages
    <lang>/<version>/     one Sphinx HTML tree per language and version, with pagefind/

The new site is assembled in a temporary directory next to the output and swapped in
only when every step succeeded, so a failed build leaves the previous site intact. The
pieces: :mod:`.checks` (data and catalogs), :mod:`.sphinxrun` (Sphinx per language),
:mod:`.search` (Pagefind), :mod:`.manifest` and :mod:`.sitemeta` (files at the site root).
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from city_diplomacy._atomic import swap_directory
from city_diplomacy._version import LATEST
from city_diplomacy.release.export import has_release_summary, summary_process
from city_diplomacy.sitebuild import feed, headlinks, sitemeta
from city_diplomacy.sitebuild.checks import check_catalogs, offered_languages, validate_data
from city_diplomacy.sitebuild.context import (
    CONTEXT_FILE,
    build_context,
    site_part,
    write_context,
)
from city_diplomacy.sitebuild.manifest import content_pages, make_manifest, write_manifest_files
from city_diplomacy.sitebuild.project import BuildError, BuildResult, Project, UnknownLanguageError
from city_diplomacy.sitebuild.search import finish_index, start_index
from city_diplomacy.sitebuild.sitemeta import SiteConfigError
from city_diplomacy.sitebuild.sphinxrun import SHARED, run_sphinx
from city_diplomacy.sphinxext.context import SitePart, SupplementPart
from city_diplomacy.translations.registry import Language, LanguagesError, load_languages

# Top-level folders other commands write into the site (`city-diplomacy release`); a site
# build keeps them.
KEPT_DIRS = ("downloads",)

__all__ = [
    "BuildError",
    "BuildResult",
    "Project",
    "UnknownLanguageError",
    "build_site",
    "check_catalogs",
    "content_pages",
    "select_languages",
    "validate_data",
]


def select_languages(languages: Sequence[Language], wanted: Iterable[str] | None) -> list[Language]:
    """The languages to build: all of them, or the requested codes in list order."""
    if not wanted:
        return list(languages)
    wanted = list(wanted)
    known = {lang.code for lang in languages}
    unknown = [code for code in wanted if code not in known]
    if unknown:
        raise UnknownLanguageError(
            f"unknown language {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    return [lang for lang in languages if lang.code in wanted]


def _carry_over(
    previous: Path, staging: Path, languages: Sequence[Language], rebuilt: set[str]
) -> None:
    """Copy what this build does not make: other languages' or versions' trees, downloads."""
    for name in KEPT_DIRS:
        if (previous / name).is_dir() and not (staging / name).exists():
            shutil.copytree(previous / name, staging / name, symlinks=True)
    for lang in languages:
        lang_dir = previous / lang.code
        if not lang_dir.is_dir():
            continue
        for version_dir in lang_dir.iterdir():
            key = f"{lang.code}/{version_dir.name}"
            if version_dir.is_dir() and key not in rebuilt and not (staging / key).exists():
                shutil.copytree(version_dir, staging / key, symlinks=True)


def _check_inputs(project: Project, codes: Sequence[str], version: str) -> None:
    """Validate the data and the catalogs (raise BuildError) while the release files of
    dataset version ``version`` are summarized for the downloads page in another process."""
    cache_root = project.cache
    summarizing = None
    if not has_release_summary(project.datapackage, cache_root / SHARED, version):
        summarizing = summary_process(project.datapackage, cache_root / SHARED, version)
    try:
        problems = validate_data(project, cache_root)
        if problems:
            descriptor = project.datapackage.relative_to(project.root).as_posix()
            raise BuildError([f"{descriptor}: the data is invalid; nothing was built", *problems])
        problems = check_catalogs(project, codes, cache_root)
        if problems:
            raise BuildError(["the translation catalogs have errors; nothing was built", *problems])
    except BaseException:
        if summarizing is not None:
            summarizing.kill()
        raise
    finally:
        if summarizing is not None:
            summarizing.wait()


def project_site_part(project: Project, version: str, base_url: str) -> SitePart:
    """:func:`~city_diplomacy.sitebuild.context.site_part` of the tree built as ``version``
    (``latest``: the working tree, a development version unless it is a recorded
    release; else ``build --as-release VERSION``)."""
    as_release = None if version == LATEST else version
    try:
        return site_part(project.root, project.datapackage, base_url, as_release)
    except (OSError, ValueError) as exc:
        descriptor = project.datapackage.relative_to(project.root).as_posix()
        raise BuildError([f"{descriptor}: {exc}"]) from exc


def write_project_context(
    project: Project,
    version: str,
    site: SitePart | None = None,
    supplements: list[SupplementPart] | None = None,
) -> Path:
    """Compute the build context of ``project`` and write it in the shared cache folder.

    The path stays the same from build to build (it is part of the caches' fingerprint);
    the file changes only when its content does.
    """
    shared = project.cache / SHARED
    try:
        context = build_context(
            project.root,
            project.datapackage,
            cache_dir=shared,
            languages_file=project.languages_file,
            site=site,
            supplements=supplements,
        )
    except (OSError, ValueError, KeyError) as exc:
        raise BuildError([f"cannot compute the build context: {exc}"]) from exc
    return write_context(shared / version / CONTEXT_FILE, context)


def resolved_languages(project: Project, languages: Sequence[Language]) -> list[Language]:
    """``languages`` with the title, description and version notices the site shows (from
    the catalogs)."""
    from city_diplomacy.translations import I18nError
    from city_diplomacy.translations.chrome import site_strings

    result = []
    for lang in languages:
        try:
            strings = site_strings(project.root, lang.code)
        except (I18nError, StopIteration):
            result.append(lang)
            continue
        result.append(
            dataclasses.replace(
                lang,
                title=strings["title"],
                description=strings["description"],
                stable_notice=strings["stable_notice"],
                stable_release_notice=strings["stable_release_notice"],
                development_label=strings["development_label"],
            )
        )
    return result


def build_site(
    root: Path,
    out: Path | None = None,
    languages: Iterable[str] | None = None,
    version: str = LATEST,
    base_url: str | None = None,
    cache_root: Path | None = None,
    supplements: list[SupplementPart] | None = None,
) -> BuildResult:
    """Validate the data, build the languages, index them, write the manifest, swap in.

    ``out`` defaults to ``<root>/build/site``, ``cache_root`` to ``<root>/build/.cache``;
    ``supplements``: the files the assembled site adds to earlier releases, for the
    downloads page (:mod:`.supplements`; a build of ``latest`` alone adds none).
    Raises :class:`BuildError` (nothing in ``out`` changes) or
    :class:`UnknownLanguageError` (a usage error).
    """
    project = Project.at(root, cache_root)
    out = Path(out or project.default_out).resolve()
    try:
        all_languages = load_languages(project.languages_file)
    except LanguagesError as exc:
        raise BuildError([str(exc)]) from exc
    chosen = select_languages(all_languages, languages)
    try:
        base_url = sitemeta.resolve_base_url(project.root, base_url)
    except SiteConfigError as exc:
        raise BuildError([str(exc)]) from exc
    codes = [lang.code for lang in chosen]
    site = project_site_part(project, version, base_url)
    _check_inputs(project, codes, site["version"])

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}-work-", dir=out.parent))
    try:
        offered = offered_languages(project, all_languages)
        # The switchers link only trees this site will hold (built now or kept from before):
        # a one-language preview has no other language to link to.
        present = set(codes) | {
            lang.code for lang in all_languages if (out / lang.code / version).is_dir()
        }
        # (never empty, which would mean "every language")
        linked = [code for code in offered if code in present] or list(codes)
        context = write_project_context(project, version, site, supplements)
        # each language's search index is made as soon as its pages are, while the other
        # language may still be building
        indexing: list[tuple[Path, subprocess.Popen[bytes]]] = []
        try:
            problems = run_sphinx(
                project,
                codes,
                version,
                staging,
                scratch,
                linked,
                on_built=lambda code, tree: indexing.append((tree, start_index(tree))),
                context=context,
            )
        except BaseException:
            for _tree, process in indexing:
                process.kill()
            raise
        failures = [failure for tree, p in indexing if (failure := finish_index(tree, p))]
        if problems:
            raise BuildError(problems)
        if failures:
            raise BuildError("\n".join(failures).splitlines())
        _carry_over(out, staging, all_languages, {f"{code}/{version}" for code in codes})
        development = site["version"] if version == LATEST else ""
        manifest = make_manifest(staging, all_languages, offered, development, site["stable"])
        resolved = resolved_languages(project, all_languages)
        headlinks.rewrite_site(staging, manifest, resolved, base_url)
        write_manifest_files(staging, manifest, resolved)
        notes = sitemeta.write_site_files(
            staging, manifest, all_languages, codes, version, base_url
        )
        feed.write_feeds(staging, project.root, {x.code: x.title for x in all_languages}, base_url)
        swap_directory(staging, out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(out=out, built=codes, manifest=manifest, notes=notes)
