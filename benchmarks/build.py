"""Benchmark: the site build (`make site`) vs bare sequential sphinx-build, and a rebuild.

Run: ``.venv/bin/python benchmarks/build.py``. It works on a copy of the tracked files in
a temporary folder (your ``build/`` is not touched) and prints two ratios measured in
this one run, each time the median of ``--repeat`` rounds (default 3; every round starts
from no cache):

* full ``make site`` build / the same languages built by sequential ``sphinx-build``
  runs (target <= 1.0: languages build in parallel);
* rebuild after editing one page / full build (target <= 0.33).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from statistics import median

from _common import (
    LANGUAGES,
    bare_sphinx,
    copy_project,
    machine,
    site_build,
    timed,
    write_bare_context,
)

EDITED_PAGE = Path("docs") / "about.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=EDITED_PAGE, help="page to edit")
    parser.add_argument("--repeat", type=int, default=3, help="rounds to take the median of")
    args = parser.parse_args()
    bares, fulls, rebuilds = [], [], []
    with tempfile.TemporaryDirectory(prefix="cd-bench-build-") as tmp:
        work = Path(tmp)
        for round_ in range(args.repeat):
            project = copy_project(work / f"project-{round_}")
            out = work / f"site-{round_}"
            context = work / f"context-{round_}.json"
            doctrees = work / f"doctrees-{round_}"
            bares.append(
                write_bare_context(project, context)
                + sum(
                    timed(bare_sphinx(project, lang, work / "bare", doctrees, context), project)
                    for lang in LANGUAGES
                )
            )
            fulls.append(timed(site_build(project, out), project))
            page = project / args.page
            with page.open("a", encoding="utf-8") as stream:
                stream.write("\nベンチマークのために追加した段落。\n")
            rebuilds.append(timed(site_build(project, out), project))
    bare, full, rebuild = median(bares), median(fulls), median(rebuilds)

    print(f"machine: {machine()}; median of {args.repeat} rounds")
    print(f"bare sequential sphinx-build ({'+'.join(LANGUAGES)}): {bare:7.1f} s")
    print(f"make site (full build):                   {full:7.1f} s")
    print(f"rebuild after editing {args.page}:     {rebuild:7.1f} s")
    print(f"ratio full build / sequential sphinx-build: {full / bare:.2f}  (target <= 1.00)")
    print(f"ratio rebuild / full build:                 {rebuild / full:.2f}  (target <= 0.33)")


if __name__ == "__main__":
    main()
