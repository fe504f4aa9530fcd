"""Checks before any Sphinx run: the data, the catalogs, which languages the switchers offer.

Passed checks are remembered in the build cache (by a digest of their inputs), so an
unchanged project is not checked again; a failing check runs, and reports, every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from city_diplomacy.data.load import package_files
from city_diplomacy.data.problems import ERROR, format_problem
from city_diplomacy.data.validate import validate
from city_diplomacy.sitebuild import cache as buildcache
from city_diplomacy.sitebuild.project import BuildError, Project
from city_diplomacy.translations import I18nError, Language, switcher_languages, target_languages
from city_diplomacy.translations import check as catalog_check


def validate_data(project: Project, cache_root: Path | None = None) -> list[str]:
    """Problems :func:`city_diplomacy.data.validate.validate` finds (empty when the data is valid).

    With ``cache_root`` (a build cache), data that passed before byte for byte (with the
    same code) is not validated again.
    """
    digest = None
    if cache_root is not None:
        try:
            files = package_files(project.datapackage)
            digest = buildcache.inputs_digest(files, f"frictionless {version('frictionless')}")
        except (OSError, ValueError):
            digest = None  # unreadable: validate, which says what is wrong
        if digest is not None and buildcache.check_passed(cache_root, "data", digest):
            return []
    report = validate(project.datapackage)
    root = f"{project.root.as_posix()}/"
    problems = [format_problem(problem).replace(root, "") for problem in report.errors]
    if cache_root is not None and digest is not None and not problems:
        buildcache.record_pass(cache_root, "data", digest)
    return problems


def offered_languages(project: Project, languages: Sequence[Language]) -> list[str]:
    """Codes the switchers offer: the source language and those translated enough."""
    try:
        shown = {lang.code for lang in switcher_languages(project.root)}
    except I18nError as exc:
        raise BuildError([f"{project.languages_file.name}: {exc}"]) from exc
    return [lang.code for lang in languages if lang.code in shown or lang == languages[0]]


def check_catalogs(
    project: Project, codes: Sequence[str], cache_root: Path | None = None
) -> list[str]:
    """Errors ``city_diplomacy.translations`` finds in the catalogs of ``codes`` (not warnings).

    Babel, which Sphinx uses to compile the catalogs, skips a broken entry silently, so
    the build checks them first: ``file:line: message`` per error. With ``cache_root``,
    catalogs that passed before byte for byte (with the same code) are not checked again.
    """
    locales = project.root / "locales"
    digest = buildcache.inputs_digest([locales], *codes) if cache_root is not None else None
    if cache_root is not None and buildcache.check_passed(cache_root, "catalogs", digest or ""):
        return []
    try:
        targets = [lang.code for lang in target_languages(project.root)]
    except I18nError as exc:
        raise BuildError([str(exc)]) from exc
    root = f"{project.root.as_posix()}/"
    problems = []
    for code in codes:
        if code not in targets:
            continue  # the source language has no catalogs
        # broken catalogs only: the acronym rule also reads the data, which the cache
        # digest above does not cover; `i18n check` (run by the tests and CI) applies it
        for problem in catalog_check.check(project.root, lang=code, acronyms=False):
            if problem.severity == ERROR:
                where = Path(problem.file).resolve().as_posix().replace(root, "")
                problems.append(format_problem(problem, file=where, check=True))
    if cache_root is not None and digest and not problems:
        buildcache.record_pass(cache_root, "catalogs", digest)
    return problems
