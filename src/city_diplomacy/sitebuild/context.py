"""Compute the build context the Sphinx extension renders, and write it as one JSON file.

The extension (:mod:`city_diplomacy.sphinxext`) renders; what its pages show about the
release files, the citation, the changelog's data diffs, the site languages and the
translation status is computed here, by the site build, and handed over as data: one
JSON file (shape: :mod:`city_diplomacy.sphinxext.context`) whose path reaches
``sphinx-build`` as ``-D city_diplomacy_context=<path>``.

The file is rewritten only when its content changes, so Sphinx (which tracks it as a
dependency of the pages that read it) rereads those pages only then. The release
summary, the costly part, is kept by data digest in the build cache
(:func:`city_diplomacy.release.export.release_summary`).
"""

from __future__ import annotations

import os
from pathlib import Path

from city_diplomacy.data.load import load, read_descriptor
from city_diplomacy.data.package import Package
from city_diplomacy.release.citation import (
    bibtex,
    citation_text,
    dataset_jsonld,
    expected_files,
    repository_url,
)
from city_diplomacy.release.export import export_version, with_version
from city_diplomacy.release.formats.formats import CHECKSUMS
from city_diplomacy.release.versioning import is_development, recorded_releases
from city_diplomacy.sitebuild.changelog import changelog_part
from city_diplomacy.sitebuild.offline import offline_zip_name
from city_diplomacy.sphinxext.context import (
    SCHEMA,
    BuildContext,
    CitationPart,
    DatasetPart,
    FileEntry,
    LanguageEntry,
    ReleasePart,
    SitePart,
    TranslationsPart,
    dump_context,
)
from city_diplomacy.translations import I18nError, languages, stats
from city_diplomacy.translations.chrome import site_strings, theme_strings
from city_diplomacy.translations.registry import (
    LANGUAGES_FILE,
    LanguagesError,
    load_languages,
)

#: File name of the context in the folder the site build gives it.
CONTEXT_FILE = "city-diplomacy-context.json"


def release_part(package: Package, cache_dir: Path | None) -> ReleasePart:
    # imported here: the export writers (openpyxl …) are slow to import, and a warm
    # cache never needs them
    from city_diplomacy.release.export import release_summary

    try:
        summary = release_summary(package, cache_dir)
    except ValueError as error:
        return {"files": [], "error": str(error)}
    files: list[FileEntry] = [
        {"filename": s.filename, "label": s.label, "size": s.size, "sha256": s.sha256}
        for s in summary
    ]
    return {"files": files, "error": ""}


def citation_part(package: Package, repository: Path) -> CitationPart:
    descriptor = package.descriptor
    try:
        return {
            "text": citation_text(descriptor),
            "files": expected_files(descriptor, repository),
            "bibtex": bibtex(descriptor, repository_url(repository)),
            "error": "",
        }
    except ValueError as error:
        return {"text": "", "files": {}, "bibtex": "", "error": str(error)}


def dataset_part(package: Package, release: ReleasePart) -> DatasetPart:
    """The schema.org Dataset with file names as ``contentUrl`` and the sizes known."""
    try:
        document = dataset_jsonld(package, "")
    except ValueError as error:
        return {"jsonld": {}, "error": str(error)}
    sizes = {entry["filename"]: entry["size"] for entry in release["files"]}
    for entry in document.get("distribution", []):
        filename = str(entry["contentUrl"])
        if filename in sizes:
            entry["contentSize"] = f"{sizes[filename]} B"
    if CHECKSUMS in sizes:
        document["distribution"].append(
            {
                "@type": "DataDownload",
                "name": "SHA-256 checksums",
                "encodingFormat": "text/plain",
                # no size: the file also lists the offline copies, written after the pages
                "contentUrl": CHECKSUMS,
            }
        )
    return {"jsonld": document, "error": ""}


def _site_strings(path: Path, code: str) -> dict[str, str]:
    """The site strings of ``code``: its ``_chrome.po`` translation, else the registry's,
    else the source language's (see ``translations.chrome``); empty when unreadable."""
    try:
        return site_strings(path.parent.parent, code)
    except (I18nError, StopIteration):
        return {}


def site_part(
    repository: Path, descriptor: Path, base_url: str = "", as_release: str | None = None
) -> SitePart:
    """What a tree of ``repository`` is: its dataset version (a development version
    unless it is a recorded release, see
    :func:`city_diplomacy.release.versioning.tree_version`), the stable release, the base
    URL. Raises ``VersionError`` (a ``ValueError``) for a bad version or record."""
    declared = str(read_descriptor(descriptor).get("version", ""))
    version = export_version(descriptor, declared, as_release)
    releases = recorded_releases(repository)
    return {
        "version": version,
        "released": not is_development(version),
        "stable": releases[-1].version if releases else "",
        "base_url": base_url,
    }


def _theme_strings(path: Path, code: str) -> dict[str, str]:
    """The theme's strings of ``code`` (see ``translations.chrome.theme_strings``)."""
    try:
        return theme_strings(path.parent.parent, code)
    except I18nError:
        return {}


def language_entries(path: Path) -> list[LanguageEntry]:
    """The site languages of ``path`` (source first) with their site strings."""
    entries: list[LanguageEntry] = []
    for lang in load_languages(path):
        own = _site_strings(path, lang.code)
        entries.append(
            {
                "code": lang.code,
                "name": lang.name,
                "title": own.get("title", lang.title),
                "description": own.get("description", lang.description),
                "switcher_label": own.get("switcher_label", lang.switcher_label),
                "versions_label": own.get("versions_label", lang.versions_label),
                "newest_label": own.get("newest_label", lang.newest_label),
                "old_version_notice": own.get("old_version_notice", lang.old_version_notice),
                "offline_zip": offline_zip_name(lang.code),
                "theme": _theme_strings(path, lang.code),
            }
        )
    return entries


def translations_part(root: Path) -> TranslationsPart:
    """Source language, fallback notices and progress of every target language."""
    part: TranslationsPart = {"source": "", "notices": {}, "languages": [], "error": ""}
    try:
        registry = languages(root)
        part["source"] = registry[0].code
        part["notices"] = {lang.code: site_strings(root, lang.code)["notice"] for lang in registry}
        for item in stats(root):
            counts = item.counts
            part["languages"].append(
                {
                    "code": item.language.code,
                    "name": item.language.name,
                    "percent": counts.percent,
                    "translated": counts.translated,
                    "total": counts.total,
                    "offered": counts.percent >= item.language.threshold and bool(item.pages),
                    "pages_left": item.pages_left,
                }
            )
    except I18nError as error:
        part["error"] = str(error)
    return part


def build_context(
    repository: Path,
    descriptor: Path | None = None,
    *,
    cache_dir: Path | None = None,
    languages_file: Path | None = None,
    site: SitePart | None = None,
) -> BuildContext:
    """Everything the pages of a project at ``repository`` need, computed once.

    ``descriptor`` is the data package (none: no release, citation, dataset or
    changelog part); ``languages_file`` the site languages (default
    ``<repository>/locales/languages.toml``; a missing file gives no languages);
    ``cache_dir`` where the release summary is kept by data digest; ``site`` what this
    tree is (its ``version`` is the one the release, citation and dataset parts carry).
    """
    context: BuildContext = {"schema": SCHEMA}
    if site is not None:
        context["site"] = site
    translations = translations_part(repository)
    context["translations"] = translations
    path = languages_file or repository / LANGUAGES_FILE
    if path.is_file():
        try:
            context["languages"] = language_entries(path)
        except LanguagesError as error:
            context["languages_error"] = str(error)
    else:
        context["languages"] = []
    if descriptor is not None:
        package = load(descriptor)
        if site is not None:
            package = with_version(package, site["version"])
        release = release_part(package, cache_dir)
        context["release"] = release
        context["citation"] = citation_part(package, repository)
        context["dataset"] = dataset_part(package, release)
        context["changelog"] = changelog_part(repository, descriptor)
    return context


def write_context(path: Path, context: BuildContext) -> Path:
    """Write ``context`` to ``path`` unless the file already holds exactly that."""
    text = dump_context(context)
    try:
        if path.read_text(encoding="utf-8") == text:
            return path
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return path
