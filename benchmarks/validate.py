"""Time ``city-diplomacy validate`` against ``frictionless validate`` on the same package.

Usage: ``python benchmarks/validate.py [DESCRIPTOR] [--runs N]``. Prints the median
wall time of each command (a fresh process each run, as a user would run it) and the
ratio ours / frictionless; below 1.0 means our command is faster despite doing more.
Not a test: timings depend on the machine, so nothing here asserts.
"""

from __future__ import annotations

import argparse
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


def seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


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
    ours_times, theirs_times = [], []
    for _ in range(args.runs):  # interleaved, so a busy moment hits both alike
        ours_times.append(seconds(ours))
        theirs_times.append(seconds(theirs))
    ours_s, theirs_s = statistics.median(ours_times), statistics.median(theirs_times)
    print(f"descriptor:            {descriptor}")
    print(f"city-diplomacy validate: {ours_s:.3f} s (median of {args.runs})")
    print(f"frictionless validate:   {theirs_s:.3f} s (median of {args.runs})")
    print(f"ratio ours/frictionless: {ours_s / theirs_s:.2f}")


if __name__ == "__main__":
    main()
