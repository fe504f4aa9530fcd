"""Time ``city-diplomacy validate`` against ``frictionless validate`` on the same package.

Usage: ``python benchmarks/validate.py [DESCRIPTOR] [--runs N]``. Prints the median
wall time and CPU time of each command (a fresh process each run, as a user would run
it) and the ratio ours / frictionless; below 1.0 means ours is faster despite doing
more. On a shared machine the CPU figure is the steadier one.
Not a test: timings depend on the machine, so nothing here asserts.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def command(name: str) -> str:
    """The console script next to this interpreter (the venv's), else on PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; run `make venv` first")
    return found


def seconds(argv: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("descriptor", nargs="?", default=ROOT / "datapackage" / "datapackage.json")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    descriptor = str(args.descriptor)
    ours = [command("city-diplomacy"), "validate", descriptor]
    theirs = [command("frictionless"), "validate", descriptor]
    seconds(ours)  # warm the file cache for both
    seconds(theirs)
    ours_runs, theirs_runs = [], []
    for _ in range(args.runs):  # interleaved, so a busy moment hits both alike
        ours_runs.append(seconds(ours))
        theirs_runs.append(seconds(theirs))
    print(f"descriptor: {descriptor} (median of {args.runs} runs each)")
    for index, label in ((0, "wall"), (1, "cpu")):
        mine = statistics.median(run[index] for run in ours_runs)
        other = statistics.median(run[index] for run in theirs_runs)
        print(
            f"{label:4}  city-diplomacy validate {mine:.3f} s   frictionless validate "
            f"{other:.3f} s   ratio ours/frictionless {mine / other:.2f}"
        )


if __name__ == "__main__":
    main()
