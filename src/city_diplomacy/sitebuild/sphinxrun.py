"""One sphinx-build process per language, run concurrently in the persistent caches."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from city_diplomacy.sitebuild import cache as buildcache
from city_diplomacy.sitebuild.project import Project

#: Folder of the build cache for what the languages' builds share.
SHARED = "shared"
_PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE)\b|Exception|Error:")


def sphinx_command(
    project: Project,
    language: str,
    version: str,
    outdir: Path,
    doctrees: Path,
    offered: Sequence[str] | None = None,
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
    offered: Sequence[str] | None = None,
    on_built: Callable[[str, Path], None] | None = None,
    context: Path | None = None,
) -> list[str]:
    """Build each language concurrently in its cache, copy it to ``staging/<lang>/<version>``.

    The caches live in ``project.cache``; Sphinx rereads only what changed since the
    cache's last successful run (see :mod:`city_diplomacy.sitebuild.cache`).
    ``on_built(language, tree)`` is called as soon as one language's tree is in place,
    while the others may still be building. Returns the problems (empty on success).
    """
    running = []
    for code in languages:
        log = scratch / f"sphinx-{code}.log"
        cache = buildcache.cache_for(project.cache, version, code)
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
