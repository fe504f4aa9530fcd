"""Build the bilingual site: every language in its own sphinx-build process, atomically.

Layout of the output (``build/site`` by default)::

    index.html            language chooser (plain links, no script)
    versions.json         manifest: languages x versions x pages
    <lang>/<version>/     one Sphinx HTML tree per language and version, with pagefind/

The new site is assembled in a temporary directory next to the output and swapped in
only when every step succeeded, so a failed build leaves the previous site intact.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from city_diplomacy.data.load import PROJECT_DESCRIPTOR, package_files
from city_diplomacy.data.problems import format_problem
from city_diplomacy.data.validate import validate
from city_diplomacy.release.export import has_release_summary, summary_process
from city_diplomacy.sitebuild import cache as buildcache
from city_diplomacy.sitebuild import feed, headlinks, sitemeta
from city_diplomacy.sitebuild.context import (
    CONTEXT_FILE,
    build_context,
    site_part,
    write_context,
)
from city_diplomacy.sitebuild.manifest import SCRIPT, version_order, versions_script
from city_diplomacy.sitebuild.rootpage import render_root_index
from city_diplomacy.sitebuild.search import finish_index, start_index
from city_diplomacy.sitebuild.sitemeta import SiteConfigError
from city_diplomacy.sphinxext.context import SitePart
from city_diplomacy.translations.site_languages import (
    LANGUAGES_FILE,
    Language,
    LanguagesError,
    load_languages,
)

DEFAULT_VERSION = "latest"
MANIFEST = "versions.json"
#: Folder of the build cache for what the languages' builds share.
SHARED = "shared"
# Pages Sphinx generates that are not content (kept out of the manifest).
NON_CONTENT_PAGES = frozenset({"genindex.html", "search.html", "py-modindex.html", "404.html"})
# Top-level folders other commands write into the site (`city-diplomacy release`); a site
# build keeps them.
KEPT_DIRS = ("downloads",)
_PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE)\b|Exception|Error:")


class BuildError(Exception):
    """The site could not be built; ``problems`` are lines naming file, line and cause."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class UnknownLanguageError(ValueError):
    """A requested language is not in ``locales/languages.toml``."""


@dataclass(frozen=True)
class Project:
    """Paths of a project checkout (the repository root or a copy of it)."""

    root: Path

    @property
    def docs(self) -> Path:
        """The Sphinx source directory (Japanese pages and conf.py)."""
        return self.root / "docs"

    @property
    def languages_file(self) -> Path:
        """The single list of site languages."""
        return self.root / LANGUAGES_FILE

    @property
    def datapackage(self) -> Path:
        """The data package descriptor."""
        return self.root / PROJECT_DESCRIPTOR


@dataclass
class BuildResult:
    """What a successful build produced."""

    out: Path
    built: list[str]
    manifest: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


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


def validate_data(project: Project, cache_root: Path | None = None) -> list[str]:
    """Problems :func:`city_diplomacy.data.validate.validate` finds (empty when the data is valid).

    With ``cache_root``, data that passed before byte for byte (with the same code) is not
    validated again.
    """
    digest = None
    if cache_root is not None:
        try:
            files = package_files(project.datapackage)
            digest = buildcache.inputs_digest(files, f"frictionless {frictionless_version()}")
        except (OSError, ValueError):
            digest = None  # unreadable: validate, which says what is wrong
        if digest is not None and buildcache.check_passed(cache_root, "data", digest):
            return []
    report = validate(project.datapackage)
    root = f"{project.root.as_posix()}/"
    problems = [format_problem(problem).replace(root, "") for problem in report.problems]
    if cache_root is not None and digest is not None and not problems:
        buildcache.record_pass(cache_root, "data", digest)
    return problems


def frictionless_version() -> str:
    from importlib.metadata import version

    return version("frictionless")


def offered_languages(project: Project, languages: Sequence[Language]) -> list[str]:
    """Codes the switchers offer: all, or those the translations layer finds translated enough."""
    if importlib.util.find_spec("city_diplomacy.translations") is None:
        return [lang.code for lang in languages]
    module = importlib.import_module("city_diplomacy.translations")
    try:
        shown = {lang.code for lang in module.switcher_languages(project.root)}
    except Exception as exc:  # another module's error type; reported as bad input
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
    from city_diplomacy.data.problems import ERROR
    from city_diplomacy.translations import I18nError, target_languages
    from city_diplomacy.translations.check import check

    locales = project.root / "locales"
    digest = buildcache.inputs_digest([locales], *codes) if cache_root is not None else None
    if (
        cache_root is not None
        and digest
        and buildcache.check_passed(cache_root, "catalogs", digest)
    ):
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
        for problem in check(project.root, lang=code):
            if problem.severity == ERROR:
                where = Path(problem.file).resolve().as_posix().replace(root, "")
                problems.append(format_problem(problem, file=where, check=True))
    if cache_root is not None and digest and not problems:
        buildcache.record_pass(cache_root, "catalogs", digest)
    return problems


def sphinx_command(
    project: Project,
    language: str,
    version: str,
    outdir: Path,
    doctrees: Path,
    offered: Sequence[str] = (),
    context: Path | None = None,
) -> list[str]:
    """The sphinx-build invocation for one language (strict: -W --keep-going -n).

    ``context`` is the build context file both languages' builds render from (see
    :mod:`city_diplomacy.sitebuild.context`).
    """
    command = [
        sys.executable, "-m", "sphinx",
        "-b", "html", "-W", "--keep-going", "-n", "-q",
        "-d", str(doctrees),
        "-D", f"language={language}",
        "-D", f"city_diplomacy_version={version}",
        "-D", f"city_diplomacy_version_label={version}",
    ]  # fmt: skip
    if offered:
        command += ["-D", f"city_diplomacy_offered={','.join(offered)}"]
    if context is not None:
        command += ["-D", f"city_diplomacy_context={context}"]
    return [*command, str(project.docs), str(outdir)]


def _problem_lines(stderr: str, project: Project, language: str) -> list[str]:
    """The lines of sphinx-build's stderr that say what is wrong, with short paths."""
    root = f"{project.root.resolve()}{os.sep}"
    lines = [line.replace(root, "") for line in stderr.splitlines() if line.strip()]
    problems = [line for line in lines if _PROBLEM.search(line)] or lines[-20:]
    return [f"[{language}] {line}" for line in problems]


def run_sphinx(
    project: Project,
    languages: Sequence[str],
    version: str,
    staging: Path,
    scratch: Path,
    offered: Sequence[str] = (),
    cache_root: Path | None = None,
    on_built: Callable[[str, Path], None] | None = None,
    context: Path | None = None,
) -> list[str]:
    """Build each language concurrently in its cache, copy it to ``staging/<lang>/<version>``.

    Sphinx rereads only what changed since the cache's last successful run (see
    :mod:`city_diplomacy.sitebuild.cache`). ``on_built(language, tree)`` is called as soon as
    one language's tree is in place, while the others may still be building. Returns the
    problems (empty on success).
    """
    cache_root = cache_root or project.root / "build" / ".cache"
    running = []
    for code in languages:
        log = scratch / f"sphinx-{code}.log"
        cache = buildcache.cache_for(cache_root, version, code)
        settings = sphinx_command(project, code, version, Path(), Path(), offered, context)
        digest = buildcache.fingerprint(project.root, settings[3:-2])
        buildcache.prepare(cache, digest)
        command = sphinx_command(
            project, code, version, cache.html, cache.doctrees, offered, context
        )
        with log.open("wb") as stream:
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=stream, cwd=project.root
            )
        running.append((code, process, log, cache, digest))
    problems: list[str] = []
    while running:
        finished = [entry for entry in running if entry[1].poll() is not None]
        if not finished:
            time.sleep(0.02)
            continue
        for entry in finished:
            running.remove(entry)
            code, process, log, cache, digest = entry
            if process.returncode != 0:
                text = log.read_text(encoding="utf-8", errors="replace")
                problems.extend(_problem_lines(text, project, code))
                problems.append(f"[{code}] sphinx-build exited with status {process.returncode}")
                continue
            buildcache.mark_ok(cache, digest)
            tree = staging / code / version
            buildcache.copy_html(cache, tree)
            if on_built is not None:
                on_built(code, tree)
    return sorted(problems, key=lambda line: languages.index(line[1 : line.index("]")]))


def project_site_part(project: Project, version: str, base_url: str) -> SitePart:
    """:func:`~city_diplomacy.sitebuild.context.site_part` of the tree built as ``version``
    (``latest``: the working tree, a development version unless it is a recorded
    release; else ``build --as-release VERSION``)."""
    as_release = None if version == DEFAULT_VERSION else version
    try:
        return site_part(project.root, project.datapackage, base_url, as_release)
    except (OSError, ValueError) as exc:
        raise BuildError([f"{PROJECT_DESCRIPTOR}: {exc}"]) from exc


def write_project_context(
    project: Project, cache_root: Path, version: str, site: SitePart | None = None
) -> Path:
    """Compute the build context of ``project`` and write it in the shared cache folder.

    The path stays the same from build to build (it is part of the caches' fingerprint);
    the file changes only when its content does.
    """
    shared = cache_root / SHARED
    try:
        context = build_context(
            project.root,
            project.datapackage,
            cache_dir=shared,
            languages_file=project.languages_file,
            site=site,
        )
    except (OSError, ValueError, KeyError) as exc:
        raise BuildError([f"cannot compute the build context: {exc}"]) from exc
    return write_context(shared / version / CONTEXT_FILE, context)


def content_pages(tree: Path) -> list[str]:
    """Paths (relative, POSIX) of the content pages of one built tree."""
    pages = []
    for path in tree.rglob("*.html"):
        relative = path.relative_to(tree)
        if relative.parts[0].startswith("_") or relative.parts[0] == "pagefind":
            continue
        if relative.as_posix() in NON_CONTENT_PAGES:
            continue
        pages.append(relative.as_posix())
    return sorted(pages)


def make_manifest(
    site: Path,
    languages: Sequence[Language],
    offered: Sequence[str],
    development: str = "",
    stable: str = "",
) -> dict[str, Any]:
    """The manifest of every ``<lang>/<version>`` tree present under ``site``.

    ``development`` is the dataset version of the ``latest`` tree (a development
    version such as ``1.2.0-dev+g<commit>`` unless the working tree is a recorded
    release); ``stable`` the newest recorded release ('' when there is none).
    """
    trees: dict[str, dict[str, Any]] = {}
    versions: set[str] = set()
    for lang in languages:
        lang_dir = site / lang.code
        if not lang_dir.is_dir():
            continue
        for version_dir in sorted(p for p in lang_dir.iterdir() if p.is_dir()):
            versions.add(version_dir.name)
            trees.setdefault(lang.code, {})[version_dir.name] = {
                "path": f"{lang.code}/{version_dir.name}/",
                "pages": content_pages(version_dir),
            }
    ordered = version_order(versions)
    return {
        "default_language": languages[0].code,
        "languages": [
            {
                "code": lang.code,
                "name": lang.name,
                "title": lang.title,
                "offered": lang.code in offered,
            }
            for lang in languages
            if lang.code in trees
        ],
        "versions": ordered,
        "development": development,
        "stable": stable,
        "trees": trees,
    }


def write_manifest_files(
    site: Path, manifest: dict[str, Any], languages: Sequence[Language]
) -> None:
    """Write the site root's ``versions.json``, ``versions.js`` and language chooser."""
    (site / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (site / SCRIPT).write_text(versions_script(manifest), encoding="utf-8")
    (site / "index.html").write_text(render_root_index(manifest, languages), encoding="utf-8")


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


def _swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging`` (both in the same parent directory)."""
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        os.replace(out, retired / out.name)
        os.replace(staging, out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, out)


def build_site(
    root: Path,
    out: Path | None = None,
    languages: Iterable[str] | None = None,
    version: str = DEFAULT_VERSION,
    base_url: str | None = None,
) -> BuildResult:
    """Validate the data, build the languages, index them, write the manifest, swap in.

    Raises :class:`BuildError` (nothing in ``out`` changes) or
    :class:`UnknownLanguageError` (a usage error).
    """
    project = Project(root.resolve())
    out = (out or project.root / "build" / "site").resolve()
    try:
        all_languages = load_languages(project.languages_file)
    except LanguagesError as exc:
        raise BuildError([str(exc)]) from exc
    chosen = select_languages(all_languages, languages)
    try:
        base_url = sitemeta.resolve_base_url(project.root, base_url)
    except SiteConfigError as exc:
        raise BuildError([str(exc)]) from exc

    cache_root = project.root / "build" / ".cache"
    site = project_site_part(project, version, base_url)
    # the release files are summarized for the downloads page while the checks run
    summarizing = None
    if not has_release_summary(project.datapackage, cache_root / SHARED, site["version"]):
        summarizing = summary_process(project.datapackage, cache_root / SHARED, site["version"])
    try:
        problems = validate_data(project, cache_root)
        if problems:
            descriptor = project.datapackage.relative_to(project.root).as_posix()
            raise BuildError([f"{descriptor}: the data is invalid; nothing was built", *problems])

        codes = [lang.code for lang in chosen]
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

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}-work-", dir=out.parent))
    try:
        offered = offered_languages(project, all_languages)
        context = write_project_context(project, cache_root, version, site)
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
                offered,
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
        development = site["version"] if version == DEFAULT_VERSION else ""
        manifest = make_manifest(staging, all_languages, offered, development, site["stable"])
        headlinks.rewrite_site(staging, manifest, all_languages, base_url)
        write_manifest_files(staging, manifest, all_languages)
        notes = sitemeta.write_site_files(
            staging, manifest, all_languages, codes, version, base_url
        )
        feed.write_feeds(staging, project.root, {x.code: x.title for x in all_languages}, base_url)
        _swap_in(staging, out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(
        out=out, built=[lang.code for lang in chosen], manifest=manifest, notes=notes
    )
