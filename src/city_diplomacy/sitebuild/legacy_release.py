"""Build a release recorded before ``city-diplomacy build --as-release`` existed (1.0.0).

Later commits build a recorded release through that commit's own command line
(``python -m city_diplomacy build --as-release VERSION``), the one interface that stays
stable. Release 1.0.0 predates that option, so :mod:`city_diplomacy.sitebuild.versions`
runs this file *by path* with the release's own ``src/`` on ``PYTHONPATH``: the names it
imports are 1.0.0's (``city_diplomacy.site.build_site``), never today's. It is the only
place that knows them.

Usage: ``python legacy_release.py TREE OUT VERSION``; exit 1 with the problems on stderr.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

#: The module and function of the old site builder (as of release 1.0.0).
LEGACY_MODULE = "city_diplomacy.site"


def main(argv: list[str]) -> int:
    tree, out, version = Path(argv[0]), Path(argv[1]), argv[2]
    site = importlib.import_module(LEGACY_MODULE)
    try:
        site.build_site(tree, out=out, version=version)
    except site.BuildError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
