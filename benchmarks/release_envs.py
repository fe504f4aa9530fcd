"""Cost of building a recorded release in its own environment (not a test).

Builds the oldest release recorded in ``releases.json`` twice into a temporary folder:
first with no environment (``python -m venv`` plus ``pip install -c <its constraints>``,
then the release build), then again with that environment reused. ``build/`` is not
touched; pip's cache is used as it is.

Run: .venv/bin/python benchmarks/release_envs.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, machine
from city_diplomacy.release.versioning import recorded_releases
from city_diplomacy.sitebuild.releases import build_release


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> None:
    releases = recorded_releases(ROOT)
    if not releases:
        sys.exit("no release recorded in releases.json")
    release = releases[0]
    print(machine())
    with tempfile.TemporaryDirectory(prefix="cd-bench-envs-") as temp:
        work = Path(temp)
        envs = work / "envs"
        start = time.perf_counter()
        build_release(ROOT, release, work / "first", envs)
        first = time.perf_counter() - start
        start = time.perf_counter()
        build_release(ROOT, release, work / "second", envs)
        second = time.perf_counter() - start
        size = _size(envs) / 1e6
    print(f"release {release.version}: first build (environment made) {first:.1f} s")
    print(f"release {release.version}: second build (environment reused) {second:.1f} s")
    print(f"environment: {first - second:.1f} s to make, {size:.0f} MB")
    print(f"ratio first / second: {first / second:.2f}")


if __name__ == "__main__":
    main()
