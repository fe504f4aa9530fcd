"""Shared helpers of the benchmark scripts: a clean project copy, timed commands, the machine."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from city_diplomacy._version import LATEST

#: The checkout to measure (CD_BENCH_ROOT overrides it, e.g. for a prepared copy).
ROOT = Path(os.environ.get("CD_BENCH_ROOT") or Path(__file__).resolve().parent.parent)
BIN = Path(sys.executable).parent
LANGUAGES = ("ja", "en")


def copy_project(dest: Path) -> Path:
    """Copy the tracked files of the checkout (what a fresh clone has) into ``dest``."""
    if not (ROOT / ".git").exists():
        skip = shutil.ignore_patterns("build", ".venv", "*.mo", "__pycache__", ".*_cache")
        shutil.copytree(ROOT, dest, ignore=skip)
        return dest
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return dest


def timed(command: list[str], cwd: Path) -> float:
    """Run ``command`` (it must succeed) and return its wall-clock seconds."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    return elapsed


def site_build(project: Path, out: Path) -> list[str]:
    """The command ``make site`` runs (the builder: validation, parallel languages, index)."""
    return [str(BIN / "city-diplomacy"), "build", "--project", str(project), "--out", str(out)]


def bare_sphinx(
    project: Path, language: str, out: Path, doctrees: Path, context: Path
) -> list[str]:
    """One plain ``sphinx-build`` of one language into ``out/<lang>/latest``, rendering
    from the build ``context`` (see :func:`write_bare_context`)."""
    return [
        sys.executable, "-m", "sphinx", "-b", "html", "-q",
        "-d", str(doctrees / language),
        "-D", f"language={language}",
        "-D", f"city_diplomacy_context={context}",
        str(project / "docs"), str(out / language / LATEST),
    ]  # fmt: skip


def write_bare_context(project: Path, path: Path) -> float:
    """Compute the project's build context into ``path`` as the site build does, without
    its cache; returns the seconds it took (part of a bare build's time)."""
    from city_diplomacy.sitebuild.context import build_context, write_context

    start = time.perf_counter()
    write_context(path, build_context(project, project / "datapackage" / "datapackage.json"))
    return time.perf_counter() - start


def machine() -> str:
    """One line naming the machine: cores, CPU model, Python."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
