"""Benchmark: validation and site build on a synthetic dataset ten times larger.

Run: ``.venv/bin/python benchmarks/scale.py``. The synthetic package is generated into a
temporary folder (never committed). Prints, measured in this one run:

* validation time synthetic / real;
* site build time synthetic / real (target <= 2.0).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from _common import BIN, copy_project, machine, site_build, timed
from synthetic import generate, row_counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10, help="how many times larger")
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
        v_real = timed([validate, "validate", descriptor], real)
        v_big = timed([validate, "validate", descriptor], big)
        b_real = timed(site_build(real, work / "site-real"), real)
        b_big = timed(site_build(big, work / "site-big"), big)

    print(f"machine: {machine()}")
    print(f"rows: real {rows_real}, synthetic {rows_big} ({rows_big / rows_real:.1f}x)")
    print(f"validate: real {v_real:6.1f} s, synthetic {v_big:6.1f} s")
    print(f"build:    real {b_real:6.1f} s, synthetic {b_big:6.1f} s")
    print(f"ratio validation synthetic / real: {v_big / v_real:.2f}")
    print(f"ratio build synthetic / real:      {b_big / b_real:.2f}  (target <= 2.00)")


if __name__ == "__main__":
    main()
