"""Shared helpers of the benchmark scripts: a clean project copy, timed commands, the machine."""

from __future__ import annotations

import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from statistics import median
from typing import NamedTuple

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


class Timing(NamedTuple):
    """Seconds one step took: wall clock, and CPU (user + system) of it and its children.

    On a shared machine the wall clock grows with the load; CPU time much less so.
    """

    wall: float
    cpu: float

    def shown(self) -> str:
        return f"{self.wall:7.1f} s (CPU {self.cpu:7.1f} s)"

    def __add__(self, other: object) -> Timing:
        if not isinstance(other, Timing):
            return NotImplemented
        return Timing(self.wall + other.wall, self.cpu + other.cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: list[str], cwd: Path) -> Timing:
    """Run ``command`` (it must succeed); its wall-clock and CPU seconds (the CPU of every
    process it waited for included: the builder's Sphinx runs, Pagefind)."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    if result.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    return Timing(elapsed, cpu)


def timed(command: list[str], cwd: Path) -> float:
    """Run ``command`` (it must succeed) and return its wall-clock seconds."""
    return measure(command, cwd).wall


def median_timing(timings: list[Timing]) -> Timing:
    """Median wall clock and median CPU time (each on its own) of several runs."""
    return Timing(median(t.wall for t in timings), median(t.cpu for t in timings))


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


def write_bare_context(project: Path, path: Path) -> Timing:
    """Compute the project's build context into ``path`` as the site build does, without
    its cache; returns the time it took (part of a bare build's time)."""
    from city_diplomacy.sitebuild.context import build_context, write_context

    start, cpu_start = time.perf_counter(), time.process_time()
    write_context(path, build_context(project, project / "datapackage" / "datapackage.json"))
    return Timing(time.perf_counter() - start, time.process_time() - cpu_start)


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
