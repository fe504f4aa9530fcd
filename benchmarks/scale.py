"""Benchmark: validation and site build on a synthetic dataset ten times larger.

Run: ``.venv/bin/python benchmarks/scale.py``. The synthetic package is generated into a
temporary folder (never committed). Each measurement is the median of ``--repeat`` runs
(default 3), every build a full one (its caches removed first). Prints, measured in this
one run:

* validation time synthetic / real;
* site build time synthetic / real (target <= 2.0).

Each time is given as wall clock and as CPU time (user + system, the processes the step
started included), which a loaded machine changes much less.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from _common import BIN, Timing, copy_project, machine, measure, median_timing, site_build
from synthetic import generate, row_counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10, help="how many times larger")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cd-bench-scale-") as tmp:
        work = Path(tmp)
        real = copy_project(work / "real")
        big = copy_project(work / "big")
        shutil.rmtree(big / "datapackage")
        generate(real / "datapackage", big / "datapackage", args.factor)
        rows_real = sum(row_counts(real / "datapackage" / "datapackage.json").values())
        rows_big = sum(row_counts(big / "datapackage" / "datapackage.json").values())

        validate = str(BIN / "city-diplomacy")
        descriptor = "datapackage/datapackage.json"

        def full_build(project: Path) -> Timing:
            shutil.rmtree(project / "build", ignore_errors=True)  # no cache: a full build
            shutil.rmtree(work / "site", ignore_errors=True)
            return measure(site_build(project, work / "site"), project)

        def median_of(step: Callable[[], Timing]) -> Timing:
            return median_timing([step() for _ in range(args.repeat)])

        def validate_time(project: Path) -> Timing:
            return measure([validate, "validate", descriptor], project)

        v_real = median_of(partial(validate_time, real))
        v_big = median_of(partial(validate_time, big))
        b_real = median_of(partial(full_build, real))
        b_big = median_of(partial(full_build, big))

    print(f"machine: {machine()}; median of {args.repeat} runs each; CPU = user + sys")
    print(f"rows: real {rows_real}, synthetic {rows_big} ({rows_big / rows_real:.1f}x)")
    print(f"validate: real {v_real.shown()}, synthetic {v_big.shown()}")
    print(f"build:    real {b_real.shown()}, synthetic {b_big.shown()}")
    ratio_v, ratio_v_cpu = v_big.wall / v_real.wall, v_big.cpu / v_real.cpu
    ratio_b, ratio_b_cpu = b_big.wall / b_real.wall, b_big.cpu / b_real.cpu
    print(f"ratio validation synthetic / real: {ratio_v:.2f} (CPU {ratio_v_cpu:.2f})")
    print(f"ratio build synthetic / real:      {ratio_b:.2f} (CPU {ratio_b_cpu:.2f}), target <= 2")


if __name__ == "__main__":
    main()
