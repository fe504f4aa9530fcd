"""Benchmark: the site build (`make site`) vs bare sequential sphinx-build, and a rebuild.

Run: ``.venv/bin/python benchmarks/build.py``. It works on a copy of the tracked files in
a temporary folder (your ``build/`` is not touched) and prints two ratios measured in
this one run, each time the median of ``--repeat`` rounds (default 3; every round starts
from no cache):

* full ``make site`` build / the same languages built by sequential ``sphinx-build``
  runs (target <= 1.0: languages build in parallel);
* rebuild after editing one page / full build (target <= 0.33).

Each time is given as wall clock and as CPU time (user + system, the processes the step
started included), which a loaded machine changes much less. The full build runs the
languages in parallel, so its CPU time is not below the bare builds'; its wall clock is.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _common import (
    LANGUAGES,
    Timing,
    bare_sphinx,
    copy_project,
    machine,
    measure,
    median_timing,
    site_build,
    write_bare_context,
)

EDITED_PAGE = Path("docs") / "about.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=EDITED_PAGE, help="page to edit")
    parser.add_argument("--repeat", type=int, default=3, help="rounds to take the median of")
    args = parser.parse_args()
    bares: list[Timing] = []
    fulls: list[Timing] = []
    rebuilds: list[Timing] = []
    with tempfile.TemporaryDirectory(prefix="cd-bench-build-") as tmp:
        work = Path(tmp)
        for round_ in range(args.repeat):
            project = copy_project(work / f"project-{round_}")
            out = work / f"site-{round_}"
            context = work / f"context-{round_}.json"
            doctrees = work / f"doctrees-{round_}"
            bares.append(
                sum(
                    (
                        measure(
                            bare_sphinx(project, lang, work / "bare", doctrees, context), project
                        )
                        for lang in LANGUAGES
                    ),
                    write_bare_context(project, context),
                )
            )
            fulls.append(measure(site_build(project, out), project))
            page = project / args.page
            with page.open("a", encoding="utf-8") as stream:
                stream.write("\nベンチマークのために追加した段落。\n")
            rebuilds.append(measure(site_build(project, out), project))
    bare, full, rebuild = median_timing(bares), median_timing(fulls), median_timing(rebuilds)

    print(f"machine: {machine()}; median of {args.repeat} rounds; CPU = user + sys")
    print(f"bare sequential sphinx-build ({'+'.join(LANGUAGES)}): {bare.shown()}")
    print(f"make site (full build):                   {full.shown()}")
    print(f"rebuild after editing {args.page}:     {rebuild.shown()}")
    ratio_f, ratio_f_cpu = full.wall / bare.wall, full.cpu / bare.cpu
    ratio_r, ratio_r_cpu = rebuild.wall / full.wall, rebuild.cpu / full.cpu
    print(
        f"ratio full / sequential sphinx-build: {ratio_f:.2f} (CPU {ratio_f_cpu:.2f}), target <= 1"
    )
    print(
        f"ratio rebuild / full build:          {ratio_r:.2f} (CPU {ratio_r_cpu:.2f}), target <= .33"
    )


if __name__ == "__main__":
    main()
